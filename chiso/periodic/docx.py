"""A periodic report as DOCX in the NĐ 30/2020 layout, with the layout helpers of chiso.reports."""

from __future__ import annotations

import datetime as dt
from typing import Any

from chiso.assessments.models import Assessment
from chiso.periodic.figures import Table
from chiso.periodic.services import Filled
from chiso.reports import layout, signing
from chiso.units import naming
from chiso.units.models import Unit


def render_periodic_docx(filled: Filled, today: dt.date) -> bytes:
    report = filled.report
    unit = report.unit
    parent = unit.parent
    document = layout.new_document()
    code = (unit.code or "GDĐT").replace(" ", "")
    layout.header(
        document,
        governing_body=naming.governing_body(unit),
        unit_name=unit.name,
        number=report.number or f"      /BC-{code}",
        place=unit.place or (parent.place if parent else ""),
        day=today,
    )
    layout.title(document, "BÁO CÁO", filled.subject)
    if report.recipient:
        layout.paragraph(document, f"Kính gửi: {report.recipient}.", 14, align=layout.CENTER)
    yearly = unit.kind == Unit.Kind.INSTITUTION
    asked_by = report.outline.owner.name if report.outline and report.outline.owner else ""
    if yearly:
        layout.paragraph(
            document,
            f"Thực hiện hướng dẫn của {asked_by or (parent.name if parent else 'cơ quan quản lý')} "
            f"về việc báo cáo {report.period}, {unit.name} báo cáo như sau:",
            indent=True,
        )
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
    if yearly:
        layout.paragraph(
            document,
            f"Trên đây là báo cáo {filled.subject[0].lower()}{filled.subject[1:]} của {unit.name}./.",
            indent=True,
        )
    recipients = [
        f"- {report.recipient or (parent.name if parent else 'Cơ quan cấp trên')};",
        "- Lưu: VT.",
    ]
    if yearly and asked_by and asked_by != (parent.name if parent else ""):
        recipients.insert(0, f"- {asked_by};")
    council = (
        Assessment.objects.filter(campaign=report.campaign, unit=unit)
        .values_list("council_members", flat=True)
        .first()
        if report.campaign_id
        else None
    )
    signer = signing.signer_for(unit, council_members=council)
    layout.closing(document, recipients, signer.title, signer.name)
    return layout.save(document)


def _table(document: Any, data: Table) -> None:
    share = 16.5 / max(len(data.header), 1)  # 16.5 cm between the margins
    layout.grid(document, data.header, data.rows, [share] * len(data.header), size=11)
    layout.paragraph(document, "", 6)
