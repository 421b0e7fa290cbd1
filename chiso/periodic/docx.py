"""A periodic report as DOCX in the NĐ 30/2020 layout, with the layout helpers of chiso.reports."""

from __future__ import annotations

import datetime as dt
from typing import Any

from chiso.periodic.figures import Table
from chiso.periodic.services import Filled
from chiso.reports import layout
from chiso.reports.issuing import Issue
from chiso.units.naming import head_title


def render_periodic_docx(filled: Filled, today: dt.date, issue: Issue | None = None) -> bytes:
    """The report as issued (`issue`: its number, date and signer), else a draft dated today."""
    report = filled.report
    unit = report.unit
    parent = unit.parent
    document = layout.new_document()
    code = (unit.code or "GDĐT").replace(" ", "")
    layout.header(
        document,
        governing_body=parent.name if parent else "",
        unit_name=unit.name,
        number=issue.number if issue else report.number or f"      /BC-{code}",
        place=unit.place or (parent.place if parent else ""),
        day=issue.issued_on if issue else today,
    )
    if issue is None:
        layout.draft_mark(document)
    layout.title(document, "BÁO CÁO", filled.subject)
    if report.recipient:
        layout.paragraph(document, f"Kính gửi: {report.recipient}.", 14, align=layout.CENTER)
    for section in filled.sections:
        if section.kind == "heading":
            layout.paragraph(document, section.text, 14 if section.depth == 1 else 13, bold=True)
        elif section.kind == "text":
            layout.paragraph(document, section.text, indent=True)
        elif section.kind == "write":
            lines = [line.strip() for line in section.text.splitlines() if line.strip()]
            for line in lines or ["……………………………………………"]:
                layout.paragraph(document, line, indent=True)
        elif section.kind == "table" and section.table is not None:
            _table(document, section.table)
    recipients = [
        f"- {report.recipient or (parent.name if parent else 'Cơ quan cấp trên')};",
        "- Lưu: VT.",
    ]
    layout.closing(document, recipients, head_title(unit), issue.signer if issue else "")
    return layout.save(document)


def _table(document: Any, data: Table) -> None:
    share = 16.5 / max(len(data.header), 1)  # 16.5 cm between the margins
    layout.grid(document, data.header, data.rows, [share] * len(data.header), size=11)
    layout.paragraph(document, "", 6)
