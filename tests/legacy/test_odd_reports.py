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
