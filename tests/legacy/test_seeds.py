"""The three seeds read with every figure they state, and the same checks as `chiso check`."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import yaml

from chiso import cli, rubric
from chiso.legacy.importing import import_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FRAMEWORK = rubric.load_framework("qd4725-2022")


def read(name):
    path = FIXTURES / name
    (unit,) = import_file(path.name, path.read_bytes(), FRAMEWORK)
    return unit


def check_codes(example):
    """The error findings `chiso check` gives on the seed's hand-written example, by code."""
    data = yaml.safe_load((EXAMPLES / example).read_text(encoding="utf-8"))
    findings = rubric.check(FRAMEWORK, data["stated"], facts=data["facts"])
    return Counter(f.code for f in findings if f.severity == "error")


def error_codes(unit):
    return Counter(f.code for f in unit.findings if f.severity == "error")


def test_s0_appendix_points_and_answers_are_read():
    unit = read("s0_be_van_dan.txt")
    assert {k: int(v) for k, v in unit.read.items()} == {
        "1.3": 19, "1.4": 6, "1.5": 11, "1.6": 13, "1.7": 11, "2.3": 47, "2.4": 11,
    }  # fmt: skip
    facts = unit.facts
    assert facts["lms_deployed"] is True and facts["computer_room_exams"] is True
    assert facts["studio_room"] is True and facts["informatics_level"] == "2"
    assert facts["cashless_fees"] is True and facts["e_gradebook"] is True
    assert "e_transcript" not in facts  # the answer names the gradebook only
    assert facts["approved_digital_materials"] == 41 and facts["materials_built_this_year"] == 50


def test_s0_import_finds_every_error_chiso_check_finds():
    unit = read("s0_be_van_dan.txt")
    wanted = check_codes("s0_be_van_dan.yaml")
    assert set(wanted) == {"duplicate_value", "sum_mismatch", "relation", "level_count"}
    for code, count in wanted.items():
        assert error_codes(unit)[code] >= count, code
    assert unit.has_errors


def test_s0_states_62_beside_60_and_58_and_two_names():
    unit = read("s0_be_van_dan.txt")
    groups = {
        (s["group"], s["points"]) for s in unit.reading.stated if "points" in s and "group" in s
    }
    assert groups == {("1", 62), ("1", 60), ("2", 62), ("2", 58)}
    assert unit.unit_name == "Trường TH&THCS Bế Văn Đàn"
    names = {s["unit_name"] for s in unit.reading.stated if "unit_name" in s}
    assert names == {"Trường TH&THCS Bế Văn Đàn", "Trường TH&THCS Bế Đàn"}


def test_s1_table_points_and_items_are_read():
    unit = read("s1_chu_van_an.txt")
    read_points = {k: int(v) for k, v in unit.read.items()}
    assert {k: read_points[k] for k in ("1.3", "1.4", "1.5", "1.6", "1.7", "2.3", "2.4")} == {
        "1.3": 6, "1.4": 0, "1.5": 0, "1.6": 16, "1.7": 10, "2.3": 50, "2.4": 8,
    }  # fmt: skip
    assert [read_points[f"2.3.{x}"] for x in "abcdefgh"] == [6, 6, 0, 6, 10, 10, 6, 6]
    assert [int(g.points) for g in unit.card.groups] == [32, 58]


def test_s1_import_finds_the_decision_number_and_the_computers_chiso_check_finds():
    unit = read("s1_chu_van_an.txt")
    for code, count in check_codes("s1_chu_van_an.yaml").items():
        assert error_codes(unit)[code] >= count, code
    messages = " ".join(f.message for f in unit.findings)
    assert "4275/QĐ-BGDĐT" in messages and "có lẽ là Quyết định 4725/QĐ-BGDĐT" in messages
    assert "17 (" in messages and "21 (" in messages


def test_s1_says_who_wrote_it_when_and_which_year():
    unit = read("s1_chu_van_an.txt")
    data = unit.to_dict()
    assert data["unit_name"] == "Trường Tiểu học Chu Văn An"
    assert data["document_number"] == "18/KH-THCVA"
    assert data["document_date"] == "2023-02-16"
    assert data["school_year"] == "2022-2023"


def test_s2_states_93_and_76_at_level_3_and_no_criterion_points():
    unit = read("s2_gdtx_hai_phong.txt")
    stated = {
        (s["group"], s["points"], s.get("level")) for s in unit.reading.stated if "group" in s
    }
    assert ("1", 93, 3) in stated and ("2", 76, 3) in stated
    assert unit.read == {}
    assert any(
        "chỉ nêu điểm nhóm (nhóm 1: 93 điểm; nhóm 2: 76 điểm)" in u.what
        for u in unit.reading.uncertain
    )
    assert unit.facts == {"approved_digital_materials": 60}  # "1.4. … 60 học liệu" is no point


def test_s2_text_output_shows_the_stated_93_and_76(capsys):
    code = cli.main(["import-report", str(FIXTURES / "s2_gdtx_hai_phong.txt")])
    out = capsys.readouterr().out
    assert code == 0
    assert "Nhóm 1: 93/100 điểm — Mức độ 3" in out and "Nhóm 2: 76/100 điểm — Mức độ 3" in out
    assert "10/100" not in out  # no half-made score shown as the centre's
