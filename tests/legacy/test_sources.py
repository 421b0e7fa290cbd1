"""Files of every kind read into paragraphs and tables, with their places; broken or hostile
files refused with a message naming the file and why."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from chiso.legacy import sources
from chiso.legacy.sources import UnreadableReport, load
from tests.legacy.corpus import _number_paragraph, _with_numbering, docx_bytes

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_a_docx_keeps_paragraphs_and_tables_in_reading_order():
    content = docx_bytes(["Trước bảng"], [["STT", "Điểm"], ["1.3", "19"]], after=["Sau bảng"])
    document = load("bao-cao.docx", content)
    kinds = [type(b).__name__ for b in document.blocks]
    assert kinds == ["Paragraph", "Table", "Paragraph"]
    assert document.tables[0].where(1, 1, "Điểm") == "bảng 1, dòng 2, cột 2 («Điểm»)"


def test_merged_cells_give_every_position_their_text_and_one_origin():
    cells = [["Nhóm 1", "", "Tổng"], ["1.3", "19", ""], ["", "6", ""]]
    content = docx_bytes([], cells, merges=[(0, 0, 0, 1), (1, 0, 2, 0), (0, 2, 2, 2)])
    table = load("gop.docx", content).tables[0]
    assert [c.text for c in table.rows[0]] == ["Nhóm 1", "Nhóm 1", "Tổng"]
    assert table.rows[0][1].origin == (0, 0) and not table.rows[0][1].starts_at(0, 1)
    assert table.rows[2][0].text == "1.3" and table.rows[2][0].origin == (1, 0)
    assert table.rows[2][2].origin == (0, 2)
    assert table.rows[2][1].starts_at(2, 1)


def test_a_cell_typed_on_two_lines_keeps_both():
    table = load(
        "o.docx", docx_bytes([], [["1.3.\nTriển khai phần mềm", "19"], ["a", "b"]])
    ).tables[0]
    assert table.rows[0][0].text == "1.3.\nTriển khai phần mềm"


def test_words_automatic_numbering_is_written_out():
    cells = [
        ["", "Chuyển đổi số trong dạy, học"],
        ["", "Kế hoạch"],
        ["", "Quy chế"],
        ["", "Quản trị"],
        ["", "Bộ phận"],
    ]
    levels = [0, 1, 1, 0, 1]

    def number(cell, r, c):
        if c == 0:
            _number_paragraph(cell.paragraphs[0], levels[r])

    content = _with_numbering(docx_bytes([], cells, numbered=number))
    table = load("so.docx", content).tables[0]
    assert [row[0].text for row in table.rows] == ["1.", "1.1.", "1.2.", "2.", "2.1."]


def test_an_xlsx_keeps_merges_exact_numbers_and_says_which_sheet():
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Tổng hợp"
    sheet.append(["Nhóm 1", None, "Tổng"])
    sheet.append([6.5, 1250, "=A2+B2"])
    sheet.merge_cells("A1:B1")
    out = io.BytesIO()
    workbook.save(out)
    table = load("phong.xlsx", out.getvalue()).tables[0]
    assert table.label == "trang «Tổng hợp»"
    assert table.rows[0][1].text == "Nhóm 1" and table.rows[0][1].origin == (0, 0)
    assert table.rows[1][0].text == "6,5" and table.rows[1][1].number == 1250
    assert table.rows[1][2].formula and table.rows[1][2].text == ""
    assert table.where(1, 1, "Điểm") == "trang «Tổng hợp», dòng 2, cột B («Điểm»)"


def test_excels_unicode_text_is_a_table_even_with_cells_on_two_lines():
    text = 'Mã\tTên\t"1.1\n(có/không)"\t1.3\r\nT1\tTrường A\tcó\t19\r\n'
    document = load("phong.txt", b"\xff\xfe" + text.encode("utf-16-le"))
    (table,) = document.tables
    assert [c.text for c in table.rows[0]] == ["Mã", "Tên", "1.1\n(có/không)", "1.3"]
    assert table.rows[1][3].text == "19"


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_and_tsv_find_their_separator(delimiter):
    rows = [["Mã", "Tên", "1.3", "1.4"], ["T1", "Trường A, xã B", "19", "6"]]
    text = "\n".join(delimiter.join(f'"{v}"' if delimiter in v else v for v in row) for row in rows)
    table = load("bang.csv", text.encode("utf-8")).tables[0]
    assert table.rows[1][1].text == "Trường A, xã B" and table.rows[1][3].text == "6"


def test_a_text_extract_has_tab_tables_and_cell_per_line_tables():
    document = load("s0.txt", (FIXTURES / "s0_be_van_dan.txt").read_bytes())
    first = document.tables[0]
    assert [c.text for c in first.rows[0]] == ["Nội dung", "Trả lời"]
    assert first.row_names[0] == "dòng 63"
    s1 = load("s1.txt", (FIXTURES / "s1_chu_van_an.txt").read_bytes())
    scoring = next(t for t in s1.tables if t.rows[0][0].text == "STT")
    assert scoring.row_names[0] == "dòng 112" and scoring.rows[4][0].text == "1.3."


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "doi-ten.docx",
            b"\xd0\xcf\x11\xe0" + b"\0" * 100,
            "có mật khẩu hoặc là tệp Word .docx cũ",
        ),
        ("anh.docx", b"\x89PNG\r\n", "không phải tệp Word .docx"),
        ("hong.xlsx", b"PK\x03\x04 hong", "bị hỏng"),
        ("doi-ten.txt", b"PK\x03\x04 x", "tệp Word/Excel đổi tên"),
        ("nhi-phan.csv", bytes(range(256)) * 8, "không đọc được như văn bản"),
        ("anh.png", b"\x89PNG", "chưa đọc được loại tệp này"),
        ("gia.pdf", b"not a pdf", "không phải tệp PDF"),
    ],
)
def test_a_broken_or_disguised_file_is_refused_with_its_name_and_why(name, content, expected):
    with pytest.raises(UnreadableReport) as refused:
        load(name, content)
    assert f"«{name}»" in str(refused.value) and expected in str(refused.value)


def test_a_docx_with_a_macro_or_unpacking_too_large_is_refused():
    for member, data, expected in (
        ("word/vbaProject.bin", b"\0", "macro"),
        ("word/big.xml", b"0" * (70 * 1024 * 1024), "giải nén quá lớn"),
    ):
        archive = io.BytesIO()
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("word/document.xml", "<w:document/>")
            z.writestr(member, data)
        with pytest.raises(UnreadableReport, match=expected):
            load("x.docx", archive.getvalue())


def test_a_file_over_ten_megabytes_is_refused():
    with pytest.raises(UnreadableReport, match="quá lớn"):
        load("lon.txt", b"a" * (sources.MAX_BYTES + 1))


@pytest.mark.parametrize(
    ("name", "tool"),
    [("cu.doc", "LibreOffice"), ("cu.xls", "LibreOffice"), ("in.pdf", "pdftotext")],
)
def test_without_its_converter_a_file_gets_a_vietnamese_message(monkeypatch, name, tool):
    monkeypatch.setattr(shutil, "which", lambda _: None)
    with pytest.raises(UnreadableReport) as refused:
        load(name, b"%PDF-1.4 x" if name.endswith(".pdf") else b"\xd0\xcf\x11\xe0")
    assert f"«{name}»" in str(refused.value) and f"chưa cài {tool}" in str(refused.value)


@pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed"
)
def test_a_pdf_layout_becomes_a_table_cut_at_its_header_columns():
    text = (
        "TT     Tiêu chí          Điểm tối đa   Điểm đạt\n"
        "1.3    Triển khai phần   30            19\n"
        "       mềm dạy học\n"
        "1.4    Số lượng học      10            6\n"
    )
    document = sources.read_layout("x.pdf", text)
    (table,) = document.tables
    assert [c.text for c in table.rows[1]] == ["1.3", "Triển khai phần mềm dạy học", "30", "19"]
    assert table.rows[2][3].text == "6"


def test_a_converter_that_runs_too_long_is_stopped_with_a_message(monkeypatch):
    import subprocess

    def too_long(*args, **kwargs):
        raise subprocess.TimeoutExpired("soffice", sources.CONVERT_SECONDS)

    monkeypatch.setattr(shutil, "which", lambda _: "/bin/true")
    monkeypatch.setattr(subprocess, "run", too_long)
    with pytest.raises(UnreadableReport, match="quá 60 giây"):
        load("cham.doc", b"\xd0\xcf\x11\xe0")
