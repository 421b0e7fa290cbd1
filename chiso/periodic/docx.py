"""A periodic report as DOCX in the NĐ 30/2020 layout, with the layout helpers of chiso.reports."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from chiso.periodic.figures import Table
from chiso.periodic.services import Filled
from chiso.reports import layout
from chiso.units import naming


def render_periodic_docx(filled: Filled, today: dt.date) -> bytes:
    report = filled.report
    unit = report.unit
    issuer = naming.issuer(unit, school_year=_school_year(report))
    parent = issuer.managing_body
    document = layout.new_document()
    code = (unit.code or "GDĐT").replace(" ", "")
    layout.header(
        document,
        governing_body=issuer.governing_body,
        unit_name=issuer.name,
        number=report.number or f"      /BC-{code}",
        place=unit.place or (parent.place if parent else ""),
        day=today,
    )
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
        f"- {report.recipient or issuer.superior or 'Cơ quan cấp trên'};",
        "- Lưu: VT.",
    ]
    layout.closing(document, recipients, issuer.signer_title)
    return layout.save(document)


def _school_year(report: Any) -> str | None:
    """The school year a report is about: its campaign's, or one its period names."""
    if report.campaign_id:
        return str(report.campaign.school_year)
    found = re.search(r"\b(\d{4})\s*-\s*(\d{4})\b", report.period or "")
    return f"{found.group(1)}-{found.group(2)}" if found else None


def _table(document: Any, data: Table) -> None:
    share = 16.5 / max(len(data.header), 1)  # 16.5 cm between the margins
    layout.grid(document, data.header, data.rows, [share] * len(data.header), size=11)
    layout.paragraph(document, "", 6)
