"""A legacy report with absurd numbers is read without crashing; the numbers are just not taken."""

from __future__ import annotations

from pathlib import Path

from chiso import rubric
from chiso.legacy.importing import analyse

S1 = (Path(__file__).parent.parent / "fixtures" / "s1_chu_van_an.txt").read_text(encoding="utf-8")
FRAMEWORK = rubric.load_framework("qd4725-2022")


def test_a_five_thousand_digit_count_is_not_read():
    text = "Số lượng học liệu được số hóa: " + "9" * 5000 + " học liệu\n" + S1
    unit = analyse(text, FRAMEWORK)
    assert "approved_digital_materials" not in unit.facts


def test_five_thousand_digit_group_points_are_not_read():
    text = S1 + "\nNhóm tiêu chí 1: " + "9" * 5000 + "/100 điểm - đạt Mức độ: 3\n"
    unit = analyse(text, FRAMEWORK)
    assert all(len(str(s.get("points", ""))) < 10 for s in unit.reading.stated)


def test_a_four_hundred_digit_score_in_the_table_is_refused_with_its_place():
    lines = S1.splitlines()
    row = next(
        i for i, line in enumerate(lines) if line.startswith("1.4") and line.count("\t") >= 5
    )
    cells = lines[row].split("\t")
    cells[5] = "9" * 400 + ",5"
    lines[row] = "\t".join(cells)
    unit = analyse("\n".join(lines), FRAMEWORK)
    assert "1.4" not in unit.read
    assert any(u.where.startswith(f"bảng 4, dòng {row + 1}") for u in unit.reading.uncertain)
