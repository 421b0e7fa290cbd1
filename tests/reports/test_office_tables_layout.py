"""The office's tables as they print: landscape A4 with NĐ 30's margins, the header row repeated
on every page, no row split between pages, no total that Quyết định 4725 does not define, no
header word broken inside ("Mứ/c"), the XLSX ready to print."""

from __future__ import annotations

import io
import types

from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from chiso.reports import layout
from chiso.reports.docx_export import OfficeDocument, render_consolidated_docx
from chiso.reports.xlsx_export import render_consolidated_xlsx
from tests.conftest import PASSWORD, fill
from tests.documents import render_pages

COLUMNS = ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "2.1", "2.2", "2.3", "2.4"]


def _rows(count: int) -> list[types.SimpleNamespace]:
    rows = []
    for n in range(1, count + 1):
        unit = types.SimpleNamespace(name=f"Trường Tiểu học Hưng Đạo số {n}", code=f"TH-{n}")
        values = {c: ("có" if c in ("1.1", "1.2", "2.1", "2.2") else 10 + n % 7) for c in COLUMNS}
        rows.append(
            types.SimpleNamespace(
                unit=unit,
                status="Đã công nhận",
                values=values,
                group_points={"1": 60 + n % 30, "2": 55 + n % 40},
                group_levels={"1": 2, "2": 3 if n % 3 == 0 else 2},
            )
        )
    return rows


def _office() -> OfficeDocument:
    unit = types.SimpleNamespace(
        name="Phòng Giáo dục và Đào tạo quận Dương Kinh", document_symbol="GDĐT", code="PGD"
    )
    return OfficeDocument(
        unit=unit,
        parent_name="Ủy ban nhân dân quận Dương Kinh",
        place="Dương Kinh",
        issued_on=None,
        signer_title="TRƯỞNG PHÒNG",
        signer_name="Nguyễn Văn Hùng",
    )


def test_the_consolidated_docx_prints_as_nd30_asks():
    content = render_consolidated_docx("BẢNG TỔNG HỢP", COLUMNS, _rows(60), _office())
    document = Document(io.BytesIO(content))
    section = document.sections[0]
    assert section.page_width > section.page_height
    assert (round(section.left_margin.mm), round(section.right_margin.mm)) == (30, 15)
    assert (round(section.top_margin.mm), round(section.bottom_margin.mm)) == (20, 20)
    table = document.tables[1]
    head = [c.text for c in table.rows[0].cells]
    assert "Tổng" not in head and head[-4:] == [
        "Điểm nhóm 1",
        "Mức độ nhóm 1",
        "Điểm nhóm 2",
        "Mức độ nhóm 2",
    ]
    rows = table._tbl.tr_lst
    assert rows[0].trPr.find(qn("w:tblHeader")) is not None
    assert all(tr.trPr.find(qn("w:cantSplit")) is not None for tr in rows)
    assert len(rows) == 61
    widths = [g.w.cm for g in table._tbl.tblGrid.gridCol_lst]
    assert abs(sum(widths) - layout.LANDSCAPE_WIDTH_CM) < 0.05
    for text, width in zip(head, widths, strict=True):
        longest = max(layout.text_width_cm(w, 9, bold=True) for w in text.split())
        assert longest + 0.4 <= width, (text, width)  # no word broken inside
    assert [c.text for c in table.rows[1].cells][:3] == [
        "1",
        "Trường Tiểu học Hưng Đạo số 1",
        "Đã công nhận",
    ]
    signature = document.tables[-1].rows[0].cells[1].text
    assert "TRƯỞNG PHÒNG" in signature and "Nguyễn Văn Hùng" in signature
    render_pages(content, "bang-tong-hop")


def test_the_consolidated_xlsx_is_ready_to_print():
    content = render_consolidated_xlsx("BẢNG TỔNG HỢP", COLUMNS, _rows(5), "Ghi chú")
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.active
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$3:$3"
    assert "&P" in sheet.oddFooter.center.text and sheet.oddHeader.center.text
    assert workbook.properties.creator in ("", None)
    assert "Tổng" not in [c.value for c in sheet[3]]


def test_the_level_statistics_docx_repeats_its_two_header_rows(client, world):
    fill(world.assessments["school"], world.users["member"])
    client.login(username="office_head", password=PASSWORD)
    response = client.get(f"/don-vi/{world.units['phong_a'].pk}/thong-ke.docx")
    document = Document(io.BytesIO(response.content))
    table = document.tables[1]
    rows = table._tbl.tr_lst
    assert [tr.trPr.find(qn("w:tblHeader")) is not None for tr in rows[:3]] == [True, True, False]
    assert all(tr.trPr.find(qn("w:cantSplit")) is not None for tr in rows)
    render_pages(response.content, "thong-ke-muc-do")
