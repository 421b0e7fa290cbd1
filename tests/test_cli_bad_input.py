"""Every bad input to the command line exits 2 with a Vietnamese message, never a traceback;
usage and help are in Vietnamese."""

from __future__ import annotations

import subprocess
import sys

import pytest

from chiso import cli


def run(*args, cwd=None, env=None):
    return subprocess.run(
        [sys.executable, "-m", "chiso.cli", *args], capture_output=True, text=True, cwd=cwd, env=env
    )


def refused(out):
    assert out.returncode == 2, out.stdout + out.stderr
    assert "Traceback" not in out.stderr
    assert out.stderr.startswith("Lỗi"), out.stderr
    return out.stderr


def test_a_count_above_ten_to_the_eighteen_is_scored_in_the_last_band(tmp_path):
    path = tmp_path / "lon.yaml"
    path.write_text(
        "framework: qd4725-2022\nfacts: {approved_digital_materials: 10000000000000000000}\n"
    )
    out = run("score", str(path))
    assert out.returncode == 0 and "Traceback" not in out.stderr
    assert "10.000.000.000.000.000.000 học liệu, trên 40 → tối đa 10 điểm" in out.stdout


def test_validate_on_a_binary_file(tmp_path):
    path = tmp_path / "nhi-phan.yaml"
    path.write_bytes(b"\xd7\xff\x00\x01" * 50)
    assert "không phải văn bản UTF-8 (byte thứ 1)" in refused(run("validate", str(path)))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("bench-paths", "-n", "0"), "tham số -n: phải là số nguyên dương (đã nhập 0)"),
        (("bench", "-n", "-5"), "tham số -n: phải là số nguyên dương (đã nhập -5)"),
        (("bench", "-n", "nhiều"), "«nhiều» không phải số nguyên"),
        (("bench", "-n", "99999999999"), "tối đa 10.000.000"),
        (("lam-gi",), "không có lựa chọn 'lam-gi'"),
        (("score",), "thiếu tham số: TỆP"),
        (("score", "a.yaml", "--them"), "không hiểu tham số: --them"),
    ],
)
def test_usage_errors_are_said_in_vietnamese(args, message):
    err = refused(run(*args))
    assert message in err and "cách dùng: chiso" in err


def test_an_effort_list_instead_of_a_mapping(tmp_path):
    path = tmp_path / "effort.yaml"
    path.write_text("framework: qd4725-2022\nfacts: {}\neffort: [1.3, 2.4]\n")
    assert "'effort' phải là một bảng mã: giá trị" in refused(run("path", str(path)))


@pytest.mark.parametrize(("name", "tool"), [("cu.pdf", "pdftotext"), ("cu.doc", "LibreOffice")])
def test_a_pdf_or_doc_without_its_converter(tmp_path, name, tool):
    path = tmp_path / name
    path.write_bytes(b"%PDF-1.4\n" if name.endswith(".pdf") else b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    env = {"PATH": str(tmp_path), "HOME": str(tmp_path)}
    err = refused(run("import-report", str(path), env=env))
    assert f"«{name}»" in err and f"chưa cài {tool}" in err


def test_unreadable_files_for_import_report(tmp_path):
    folder = tmp_path / "thu-muc.docx"
    folder.mkdir()
    assert "không tìm thấy tệp" in refused(run("import-report", str(folder)))
    assert "không tìm thấy tệp" in refused(run("import-report", str(tmp_path / "khong-co.txt")))
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"PK\x03\x04 hong")
    assert "«hong.xlsx» bị hỏng" in refused(run("import-report", str(broken)))


def test_help_is_in_vietnamese(capsys):
    assert cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    assert (
        out.startswith("cách dùng: chiso")
        and "in hướng dẫn này rồi thoát" in out
        and "tùy chọn:" in out
    )
    assert cli.main(["import-report", "--help"]) == 0
    out = capsys.readouterr().out
    assert "tham số:" in out and "TỆP" in out and "--framework BỘ_CHỈ_SỐ" in out


def test_argparse_is_left_as_it_was_after_the_command_line():
    import argparse

    cli.main(["frameworks"])
    assert argparse._("usage: ") == "usage: "  # type: ignore[attr-defined]


def test_a_long_title_is_cut_at_a_word_boundary(capsys):
    from pathlib import Path

    example = Path(__file__).resolve().parents[1] / "examples" / "s1_chu_van_an.yaml"
    cli.main(["score", str(example)])
    line = next(
        line for line in capsys.readouterr().out.splitlines() if line.strip().startswith("1.4 ")
    )
    title = line.split(maxsplit=1)[1].split("…")[0]
    assert "…" in line and title.endswith("thông")  # "… tổ chuyên môn thông…", not "thôn…"
