"""Legacy reports read back: seeds S0 and S1 as text extracts, and a .docx built here."""

import json
import subprocess
import sys
from pathlib import Path

from chiso.legacy.report_text import read_report, text_of
from docx import Document

# Copies of seeds S0 and S1 (shared/seeds/000_… and 001_…), kept with the tests.
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
S0 = FIXTURES / "s0_be_van_dan.txt"
S1 = FIXTURES / "s1_chu_van_an.txt"


def import_json(path):
    out = subprocess.run(
        [sys.executable, "-m", "chiso.cli", "import-report", str(path), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def test_s0_appendix_and_narrative_are_read():
    report = read_report(S0.read_text(encoding="utf-8"))
    assert report.awarded == {
        "1.3": 19,
        "1.4": 6,
        "1.5": 11,
        "1.6": 13,
        "1.7": 11,
        "2.3": 47,
        "2.4": 11,
    }
    assert report.mandatory == {"1.1": True, "1.2": True, "2.1": True, "2.2": True}
    groups = sorted((s["group"], s["points"]) for s in report.stated if "group" in s)
    assert groups == [("1", 60), ("1", 62), ("1", 62), ("2", 58), ("2", 62), ("2", 62)]
    assert {"total": 118} in [
        {k: v for k, v in s.items() if k == "total"} for s in report.stated if "total" in s
    ]
    assert report.facts == {"approved_digital_materials": 41}


def test_import_report_of_s0_prints_the_engine_shape_with_stated_and_findings():
    data = import_json(S0)
    assert data["framework"] == "qd4725-2022"
    assert [(g["id"], g["points"], g["level"], g["mandatory_met"]) for g in data["groups"]] == [
        ("1", 60, 2, True),
        ("2", 58, 2, True),
    ]
    assert any(s["key"] == "group.1.points" and s["value"] == 62 for s in data["stated"])
    codes = {f["code"] for f in data["findings"] if f["severity"] == "error"}
    assert {"sum_mismatch", "duplicate_value"} <= codes
    assert any("Bế Đàn" in f["message"] for f in data["findings"])


def test_import_report_of_s1_reads_the_scoring_table():
    data = import_json(S1)
    assert [(g["points"], g["level"]) for g in data["groups"]] == [(32, 1), (58, 2)]
    assert {c["id"]: c["points"] for c in data["groups"][0]["criteria"]} == {
        "1.3": 6,
        "1.4": 0,
        "1.5": 0,
        "1.6": 16,
        "1.7": 10,
    }
    assert not [f for f in data["findings"] if f["severity"] == "error"]
    assert sum(1 for f in data["findings"] if f["code"] == "not_a_level") == 2


def test_a_docx_report_is_read_from_its_table(tmp_path):
    document = Document()
    document.add_paragraph("Nhóm tiêu chí 1: 70/100 điểm - đạt Mức độ: 2")
    table = document.add_table(rows=0, cols=7)
    for values in (
        ["1.", "Chuyển đổi số trong dạy, học", "100", "", "", "68", ""],
        ["1.3.", "Triển khai phần mềm", "30", "", "", "20", "Mức độ 2"],
        ["1.4.", "Học liệu", "10", "", "", "8", "Mức độ 3"],
    ):
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
    path = tmp_path / "bao-cao-cu.docx"
    document.save(str(path))
    report = read_report(text_of(path))
    assert report.awarded == {"1.3": 20, "1.4": 8}
    data = import_json(path)
    messages = [f["message"] for f in data["findings"]]
    assert any("70" in m and "68" in m for m in messages)  # stated twice, two values


def test_a_file_with_no_scoring_table_says_what_is_uncertain(tmp_path):
    path = tmp_path / "thu.txt"
    path.write_text("Kính gửi: Phòng GDĐT.\nBáo cáo không có bảng điểm.\n", encoding="utf-8")
    data = import_json(path)
    assert any(
        f["code"] == "uncertain" and "bảng chấm điểm" in f["message"] for f in data["findings"]
    )


def test_a_broken_docx_exits_2_with_a_message(tmp_path):
    path = tmp_path / "hong.docx"
    path.write_bytes(b"PK\x03\x04 not really")
    out = subprocess.run(
        [sys.executable, "-m", "chiso.cli", "import-report", str(path)],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 2 and out.stderr.startswith("Lỗi") and "Traceback" not in out.stderr
