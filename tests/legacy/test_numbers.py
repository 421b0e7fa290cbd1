"""Numbers, maxima and levels as Vietnamese documents write them."""

from fractions import Fraction

import pytest

from chiso.legacy.numbers import (
    Ambiguous,
    Level,
    describes_rule,
    parse_level,
    parse_maximum,
    parse_number,
    parse_points_cell,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.250", 1250),
        ("6,5", Fraction(13, 2)),
        ("1.250,5", Fraction(2501, 2)),
        ("12.5", Fraction(25, 2)),
        ("1 250", 1250),
        ("1,250,000", 1250000),
        ("0.250", Fraction(1, 4)),
        ("41", 41),
    ],
)
def test_numbers_are_read_the_vietnamese_way(text, value):
    assert parse_number(text) == value


def test_a_count_written_1_250_with_a_comma_is_ambiguous():
    with pytest.raises(Ambiguous):
        parse_number("1,250", whole=True)
    assert parse_number("1,250") == Fraction(5, 4)  # points: a decimal comma


def test_words_and_absurd_lengths_are_no_numbers():
    assert parse_number("nhiều") is None
    assert parse_number("9" * 30) is None


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Mức 2", Level(value=2)),
        ("mức 2/3", Level(value=2)),
        ("đạt mức độ 3.", Level(value=3)),
        ("Mức độ 2 (đáp ứng cơ bản)", Level(value=2)),
        ("Mức đáp ứng tốt", Level(value=3)),
        ("Mức chưa đáp ứng", Level(value=1)),
        ("MỨC ĐỘ III", Level(value=3)),
        ("Đạt", Level(met=True)),
        ("Không đạt", Level(met=False)),
    ],
)
def test_levels_in_any_wording(text, level):
    assert parse_level(text) == level


@pytest.mark.parametrize(
    "text",
    [
        "Mức độ 1: dưới 10 điểm; Mức độ 2: từ 10 - 20 điểm",
        "mức 2/4",
        "Mức 2 (đáp ứng tốt)",
        "Ghi chú",
    ],
)
def test_rules_contradictions_and_other_words_are_no_level(text):
    assert parse_level(text) is None


def test_maxima_as_written():
    assert parse_maximum("Tối đa 30 điểm") == 30
    assert parse_maximum("(30đ)") == 30
    assert parse_maximum("<i>Tối đa 6 điểm</i>") == 6
    assert parse_maximum("- Ít hơn 20 học liệu: tối đa 3 điểm.") is None


def test_points_cells_as_written():
    assert parse_points_cell("19 điểm").value == 19
    assert parse_points_cell("19/30").of == 30
    assert parse_points_cell("6,5").value == Fraction(13, 2)
    assert parse_points_cell("  ") is None
    with pytest.raises(ValueError):
        parse_points_cell("6 (tối đa 6)")


def test_a_rule_is_told_from_a_value():
    assert describes_rule("Mức độ 1: dưới 10 điểm")
    assert describes_rule("< 30%: tối đa 2 điểm")
    assert not describes_rule("Đạt mức độ 2")
