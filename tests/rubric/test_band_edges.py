"""Band edges exactly as the decision words them, and the choices where its wording is open."""

import pytest

from chiso import rubric


def item_cap(framework, item_id, **facts):
    return rubric.score(framework, facts).item(item_id).cap


@pytest.mark.parametrize(
    ("count", "cap"),
    [(1, 3), (19, 3), (20, 6), (39, 6), (40, 6), (41, 10), (500, 10)],
)
def test_digitised_materials_bands(framework, count, cap):
    # "Ít hơn 20: 3; ít hơn 40: 6; nhiều hơn 40: 10"; choice: exactly 40 → 6.
    assert item_cap(framework, "1.4.a", approved_digital_materials=count) == cap


def test_zero_materials_award_nothing(framework):
    card = rubric.score(framework, {"approved_digital_materials": 0})
    assert card.item("1.4.a").cap == 0
    assert "bằng 0" in card.item("1.4.a").explanation


@pytest.mark.parametrize(
    ("num", "den", "cap"),
    [
        (1, 100, 2),
        (299, 1000, 2),
        (30, 100, 4),
        (3, 10, 4),
        (60, 100, 4),
        (3, 5, 4),
        (601, 1000, 7),
        (100, 100, 7),
    ],
)
def test_teacher_rate_bands_are_exact(framework, num, den, cap):
    # "< 30%: 2; 30%-60%: 4; > 60%: 7", compared exactly from the counts.
    facts = {"teachers_total": den, "teachers_with_training_account": num}
    assert item_cap(framework, "1.6.a", **facts) == cap


def test_a_rate_just_under_a_band_edge_is_not_rounded_up(framework):
    # 179/300 = 59.67%, which a document would print as "60%": still the middle band.
    assert item_cap(framework, "1.7.a", classrooms_total=300, classrooms_equipped=179) == 5
    # 181/300 = 60.33%: above 60.
    assert item_cap(framework, "1.7.a", classrooms_total=300, classrooms_equipped=181) == 8


@pytest.mark.parametrize(
    ("num", "den", "cap"), [(19, 100, 2), (20, 100, 5), (60, 100, 5), (61, 100, 8)]
)
def test_classroom_rate_bands(framework, num, den, cap):
    assert item_cap(framework, "1.7.a", classrooms_total=den, classrooms_equipped=num) == cap


@pytest.mark.parametrize(("level", "cap"), [("0", 0), ("1", 2), ("2", 5), ("3", 7)])
def test_informatics_level_choice(framework, level, cap):
    assert item_cap(framework, "1.7.b", informatics_level=level) == cap


@pytest.mark.parametrize(("points", "level"), [(0, 1), (3, 1), (4, 2), (6, 2), (7, 3), (10, 3)])
def test_criterion_1_4_levels(framework, points, level):
    # "Mức độ 3: trên 7 điểm" leaves 7 in no level; choice: Mức độ 3 = more than 6.
    card = rubric.score(framework, {}, {"1.4": points})
    assert card.criterion("1.4").level == level


@pytest.mark.parametrize(
    ("points", "level"),
    [(0, 1), ("49.5", 1), (50, 2), (75, 2), ("75.5", 3), (76, 3), (100, 3)],
)
def test_group_level_edges(framework, points, level):
    from chiso.rubric.scoring import level_for, parse_points

    assert level_for(framework.group_levels, parse_points(points)).level == level


@pytest.mark.parametrize(
    ("criterion_id", "points", "level"),
    [
        ("1.3", 9, 1),
        ("1.3", 10, 2),
        ("1.3", 20, 2),
        ("1.3", 21, 3),
        ("2.3", 19, 1),
        ("2.3", 20, 2),
        ("2.3", 50, 2),
        ("2.3", 51, 3),
        ("2.4", 18, 2),
        ("2.4", 19, 3),
        ("1.5", 14, 2),
        ("1.5", 15, 3),
    ],
)
def test_criterion_level_edges(framework, criterion_id, points, level):
    card = rubric.score(framework, {}, {criterion_id: points})
    assert card.criterion(criterion_id).level == level


def test_e_gradebook_alone_does_not_earn_2_3_c(framework):
    # choice: "sổ điểm điện tử, học bạ điện tử" needs both.
    card = rubric.score(framework, {"e_gradebook": True, "e_transcript": False})
    assert card.item("2.3.c").cap == 0
    assert "học bạ điện tử" in card.item("2.3.c").explanation
