"""A file's units read and scored: the JSON contract, a file about many units, a report older
than the index, and the exit status of `chiso import-report`."""

from __future__ import annotations

import json
import random

from chiso import cli, rubric
from chiso.legacy.importing import import_file
from tests.legacy import corpus

FRAMEWORK = rubric.load_framework("qd4725-2022")


def run(capsys, *args):
    code = cli.main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def write(tmp_path, made):
    path = tmp_path / made.name
    path.write_bytes(made.content)
    return path


def test_a_one_unit_file_gives_the_engines_object_with_what_was_read(tmp_path, capsys):
    made = corpus.docx_criterion_rows(random.Random(1), 0)
    code, out, _ = run(capsys, "import-report", str(write(tmp_path, made)), "--json")
    data = json.loads(out)
    assert {"framework", "groups", "overall", "findings", "stated"} <= set(data)
    assert data["read"] == made.units[0]["points"]
    assert data["unit_name"] == made.units[0]["name"]
    assert data["school_year"] == "2023-2024" and data["document_date"] == "2024-05-20"
    assert data["uncertain"] == [] and data["scored"] is True
    assert code == 0


def test_a_many_unit_file_gives_one_object_per_unit(tmp_path, capsys):
    made = corpus.xlsx_district(random.Random(2), 0)
    code, out, _ = run(capsys, "import-report", str(write(tmp_path, made)), "--json")
    data = json.loads(out)
    assert [u["unit_name"] for u in data["units"]] == [u["name"] for u in made.units]
    for unit, truth in zip(data["units"], made.units, strict=True):
        assert unit["read"] == truth["points"]
        assert {"groups", "read", "uncertain", "unit_name", "school_year", "document_date"} <= set(
            unit
        )
    assert code in (0, 1)


def test_a_report_older_than_the_index_is_read_but_not_scored_and_says_why():
    made = corpus.docx_2018(random.Random(3), 0)
    (unit,) = import_file(made.name, made.content, FRAMEWORK)
    data = unit.to_dict()
    assert data["read"] == made.units[0]["points"]
    assert data["scored"] is False and data["groups"] == []
    assert "năm học 2018-2019, trước khi có Quyết định 4725/QĐ-BGDĐT" in data["not_scored_because"]
    assert any(f["code"] == "not_scored" for f in data["findings"])


def test_the_text_output_of_an_old_report_says_it_is_not_scored(tmp_path, capsys):
    made = corpus.docx_2018(random.Random(3), 0)
    _, out, _ = run(capsys, "import-report", str(write(tmp_path, made)))
    assert "Không chấm: Báo cáo năm học 2018-2019" in out


def test_import_report_exits_1_on_error_findings_like_check(capsys, tmp_path):
    path = tmp_path / "mau-thuan.txt"
    path.write_text(
        "Nhóm tiêu chí 1: 62/100 điểm - đạt Mức độ: 2\n"
        "TT\tTiêu chí\tĐiểm\n"
        "1.3\tTriển khai phần mềm dạy học trực tuyến\t19\n"
        "1.4\tSố lượng học liệu được số hóa\t6\n"
        "1.5\tThi, kiểm tra trên phòng máy\t11\n"
        "1.6\tNguồn nhân lực chuyển đổi số\t13\n"
        "1.7\tHạ tầng, thiết bị\t11\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "import-report", str(path))
    assert code == 1
    assert "[LỖI]" in out and "19 + 6 + 11 + 13 + 11 = 60" in out


def test_a_school_wide_level_is_kept_in_the_output():
    made = corpus.docx_numbers_and_levels(random.Random(4), 0)
    (unit,) = import_file(made.name, made.content, FRAMEWORK)
    data = unit.to_dict()
    assert data["level_stated"]["level"] == 2
    assert data["facts"]["approved_digital_materials"] == 1250
    assert all(
        s["key"] != "group.1.level" or s["where"] != data["level_stated"]["where"]
        for s in data["stated"]
    )
