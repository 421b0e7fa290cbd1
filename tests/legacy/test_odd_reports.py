"""A legacy report with absurd numbers is read without crashing; the numbers are just not taken."""

from __future__ import annotations

from pathlib import Path

from chiso import rubric
from chiso.legacy.importing import analyse

S1 = (Path(__file__).parent.parent / "fixtures" / "s1_chu_van_an.txt").read_text(encoding="utf-8")


def test_a_five_thousand_digit_count_is_not_read():
    text = "Số lượng học liệu được số hóa: " + "9" * 5000 + "\n" + S1
    result = analyse(text, rubric.load_framework("qd4725-2022"))
    assert len(str(result.facts.get("approved_digital_materials", ""))) < 10


def test_five_thousand_digit_group_points_are_not_read():
    text = S1 + "\nNhóm tiêu chí 1: " + "9" * 5000 + "/100 điểm - đạt Mức độ: 3\n"
    result = analyse(text, rubric.load_framework("qd4725-2022"))
    assert result.card is not None


def test_a_four_hundred_digit_score_in_the_table_is_not_read():
    lines = S1.splitlines()
    row = next(
        i for i, line in enumerate(lines) if line.startswith("1.4") and line.count("\t") >= 5
    )
    cells = lines[row].split("\t")
    cells[5] = "9" * 400 + ",5"
    lines[row] = "\t".join(cells)
    result = analyse("\n".join(lines), rubric.load_framework("qd4725-2022"))
    assert "1.4" not in result.awarded
