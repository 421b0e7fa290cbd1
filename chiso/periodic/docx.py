"""A periodic report as DOCX in the NĐ 30/2020 layout, with the layout helpers of chiso.reports.

S3's shape: the header (the managing People's Committee above the office), "BÁO CÁO" and the
subject, "Kính gửi", the opening written in the app ("Căn cứ …", "Thực hiện …"), the sections of
the outline, the closing "Trên đây là Báo cáo … Trân trọng báo cáo./.", "Nơi nhận" and the head's
signature with their name.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from chiso.assessments.models import Assessment
from chiso.periodic.figures import Table
from chiso.periodic.services import Filled, Section
from chiso.reports import layout, signing
from chiso.reports.issuing import Issue
from chiso.units import naming
from chiso.units.models import Unit

# A written section whose hint is a lettered label ("a) Ưu điểm") keeps the label in print (S3);
# any other hint is a prompt for the writer and is never printed.
LABEL = re.compile(r"^([a-zđ]\)|[0-9]+\.)\s+\S", re.IGNORECASE)


def render_periodic_docx(
    filled: Filled, today: dt.date | None, issue: Issue | None = None
) -> bytes:
    """The report as issued (`issue`: its number, date and signer), else a draft (DỰ THẢO)."""
    report = filled.report
    unit = report.unit
    issuer = naming.issuer(unit, school_year=_school_year(report))
    parent = issuer.managing_body
    governing = issuer.governing_body
    document = layout.new_document()
    layout.header(
        document,
        governing_body=governing,
        unit_name=issuer.name,
        number=layout.number_line("BC", unit, issue.number if issue else report.number),
        place=unit.place or (parent.place if parent else ""),
        day=issue.issued_on if issue else today,
    )
    if issue is None:
        layout.draft_mark(document)
    layout.title(document, "BÁO CÁO", filled.subject)
    recipient = report.recipient or (governing if unit.is_office else "")
    if recipient:
        layout.paragraph(document, f"Kính gửi: {recipient.rstrip('.')}.", 14, align=layout.CENTER)
    # An institution's yearly report answers its office's outline: it says whose (S0, S4).
    yearly = unit.kind == Unit.Kind.INSTITUTION
    asked_by = report.outline.owner.name if report.outline and report.outline.owner else ""
    if yearly:
        layout.paragraph(
            document,
            f"Thực hiện hướng dẫn của {asked_by or governing or 'cơ quan quản lý'} "
            f"về việc báo cáo {report.period}, {unit.name} báo cáo như sau:",
            indent=True,
        )
    for section in filled.sections:
        _section(document, section)
    if not _has_closing(filled.sections):
        layout.paragraph(document, _closing_sentence(filled), indent=True)
        layout.paragraph(document, "Trân trọng báo cáo./.", indent=True)
    recipients = (
        ["- Như trên;", "- Lưu: VT."]
        if recipient
        else [f"- {governing or 'Cơ quan cấp trên'};", "- Lưu: VT."]
    )
    if yearly and asked_by and asked_by != governing:
        recipients.insert(0, f"- {asked_by};")
    # The institution's head chairs its self-assessment council (S0, S2): the name is there.
    council = (
        Assessment.objects.filter(campaign=report.campaign, unit=unit)
        .values_list("council_members", flat=True)
        .first()
        if yearly and report.campaign_id
        else None
    )
    signer = signing.signer_for(unit, council_members=council)
    layout.closing(document, recipients, signer.title, issue.signer if issue else signer.name)
    return layout.save(document)


def _school_year(report: Any) -> str | None:
    """The school year a report is about: its campaign's, or one its period names."""
    if report.campaign_id:
        return str(report.campaign.school_year)
    found = re.search(r"\b(\d{4})\s*-\s*(\d{4})\b", report.period or "")
    return f"{found.group(1)}-{found.group(2)}" if found else None


def _section(document: Any, section: Section) -> None:
    if section.kind == "heading":
        layout.paragraph(document, section.text, 14 if section.depth <= 1 else 13, bold=True)
    elif section.kind == "text":
        layout.paragraph(document, section.text, indent=True)
    elif section.kind == "write":
        label = section.hint.strip() if LABEL.match(section.hint.strip()) else ""
        if label:
            layout.paragraph(document, label.rstrip(":") + ":", 14, italic=True, indent=True)
        lines = [line.strip() for line in section.text.splitlines() if line.strip()]
        for line in lines or [layout.BLANK]:
            layout.paragraph(document, line, indent=True)
    elif section.kind == "table" and section.table is not None:
        _table(document, section.table)


def _closing_sentence(filled: Filled) -> str:
    """ "Trên đây là Báo cáo kết quả … của Phòng Giáo dục và Đào tạo …" (S3)."""
    subject = filled.subject.strip().rstrip(".")
    subject = subject[:1].lower() + subject[1:] if subject else ""
    unit = filled.report.unit.name
    of_unit = "" if " của " in f" {subject} " else f" của {unit}"
    return f"Trên đây là Báo cáo {subject}{of_unit}."


def _has_closing(sections: list[Section]) -> bool:
    """The outline (or what was written last) already closes the report itself."""
    texts = [s.text for s in sections if s.kind in ("text", "write") and s.text.strip()]
    return bool(texts) and texts[-1].strip().startswith("Trên đây là")


def _table(document: Any, data: Table) -> None:
    """A figures table: its first column (the labels) wide, the figures sharing the rest."""
    count = max(len(data.header), 1)
    first = (
        min(5.0, layout.PORTRAIT_WIDTH_CM / 2) if count > 2 else layout.PORTRAIT_WIDTH_CM / count
    )
    rest = (layout.PORTRAIT_WIDTH_CM - first) / max(count - 1, 1)
    widths = [first] + [rest] * (count - 1)
    layout.grid(document, data.header, data.rows, widths[:count], size=11)
    layout.paragraph(document, "", 6)
