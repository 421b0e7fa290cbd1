"""A periodic report as DOCX in the NĐ 30/2020 layout, with the layout helpers of chiso.reports."""

from __future__ import annotations

import datetime as dt
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH

from chiso.periodic.figures import Table
from chiso.periodic.services import Filled
from chiso.reports.docx_export import (
    _font,
    _header,
    _no_borders,
    _paragraph,
    _save,
    _setup,
    _signature,
    _title,
    _widths,
)
from chiso.units.models import Unit

SIGNERS = {
    Unit.Kind.MINISTRY: "BỘ TRƯỞNG",
    Unit.Kind.DEPARTMENT: "GIÁM ĐỐC",
    Unit.Kind.DISTRICT: "TRƯỞNG PHÒNG",
}


def signer(unit: Unit) -> str:
    if unit.kind == Unit.Kind.INSTITUTION:
        return "GIÁM ĐỐC" if unit.institution_type == "GDTX" else "HIỆU TRƯỞNG"
    return SIGNERS.get(unit.kind, "THỦ TRƯỞNG ĐƠN VỊ")


def render_periodic_docx(filled: Filled, today: dt.date) -> bytes:
    report = filled.report
    unit = report.unit
    parent = unit.parent
    document = Document()
    _setup(document)
    code = (unit.code or "GDĐT").replace(" ", "")
    _header(
        document,
        parent.name if parent else "",
        unit.name,
        unit.place or (parent.place if parent else ""),
        today,
        report.number or f"      /BC-{code}",
    )
    _title(document, "BÁO CÁO", filled.subject)
    if report.recipient:
        _paragraph(document, f"Kính gửi: {report.recipient}.", 14, align=WD_ALIGN_PARAGRAPH.CENTER)
    for section in filled.sections:
        if section.kind == "heading":
            _paragraph(document, section.text, 14 if section.depth == 1 else 13, bold=True)
        elif section.kind == "text":
            _paragraph(document, section.text, indent=True)
        elif section.kind == "write":
            lines = [line.strip() for line in section.text.splitlines() if line.strip()]
            for line in lines or ["……………………………………………"]:
                _paragraph(document, line, indent=True)
        elif section.kind == "table" and section.table is not None:
            _table(document, section.table)
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, [8.0, 8.5])
    left, right = table.rows[0].cells
    _font(left.paragraphs[0].add_run("Nơi nhận:"), 12, bold=True, italic=True)
    for line in (
        f"- {report.recipient or (parent.name if parent else 'Cơ quan cấp trên')};",
        "- Lưu: VT.",
    ):
        _paragraph(left, line, 11, align=WD_ALIGN_PARAGRAPH.LEFT, space_after=0)
    _signature(right, signer(unit), "")
    return _save(document)


def _table(document: Any, data: Table) -> None:
    header, rows = data.header, data.rows
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _font(cell.paragraphs[0].add_run(text), 11, bold=True)
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            _font(cell.paragraphs[0].add_run(text), 11)
    _paragraph(document, "", 6)
