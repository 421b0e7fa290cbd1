"""The downloadable files of the screens and the API, built once: data builder → renderer.

Callers have checked the user may see the office or the assessment (chiso.units.policy); what
goes into an office's files is again limited to the assessments the user may see.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from chiso.assessments import tally
from chiso.assessments.models import Assessment, Campaign
from chiso.frameworks import registry
from chiso.reports import data, layout, signing, statistics
from chiso.reports.council import (
    render_approval_decision_docx,
    render_council_decision_docx,
    render_minutes_docx,
)
from chiso.reports.docx_export import (
    OfficeDocument,
    render_consolidated_docx,
    render_level_statistics_docx,
    render_report_docx,
)
from chiso.reports.issuing import Issue
from chiso.reports.xlsx_export import (
    render_appendix_xlsx,
    render_consolidated_xlsx,
    render_level_statistics_xlsx,
)
from chiso.units import naming
from chiso.units.models import Unit

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CONTENT_TYPES = {"xlsx": XLSX, "docx": DOCX}
OFFICE_FORMATS = ("xlsx", "docx")


@dataclass(frozen=True)
class Export:
    content: bytes
    content_type: str
    filename: str


# The documents of one assessment: file name → (renderer, content type, file name prefix).
DOCUMENTS = {
    "bao-cao.docx": (render_report_docx, DOCX, "bao-cao"),
    "phu-luc.xlsx": (render_appendix_xlsx, XLSX, "phu-luc"),
    "quyet-dinh-hoi-dong.docx": (
        render_council_decision_docx,
        DOCX,
        "quyet-dinh-thanh-lap-hoi-dong",
    ),
    "bien-ban.docx": (render_minutes_docx, DOCX, "bien-ban-hop-hoi-dong"),
    "quyet-dinh-phe-duyet.docx": (render_approval_decision_docx, DOCX, "quyet-dinh-phe-duyet"),
}


def unit_filename(what: str, unit: Unit, school_year: str, extension: str) -> str:
    """ "bao-cao-truong-tieu-hoc-hung-dao-2025-2026.docx": the unit's name, then the year."""
    return f"{what}-{layout.file_slug(unit.name)[:60].strip('-')}-{school_year}.{extension}"


def document_filename(assessment: Assessment, what: str, extension: str) -> str:
    return unit_filename(what, assessment.unit, assessment.campaign.school_year, extension)


def assessment_export(
    assessment: Assessment, name: str, *, number: str = "", issued_on: dt.date | None = None
) -> Export:
    """One of the assessment's documents (a key of DOCUMENTS), filled from its data."""
    render, content_type, prefix = DOCUMENTS[name]
    extension = name.rsplit(".", 1)[1]
    return Export(
        render(data.assessment_document(assessment, number=number, issued_on=issued_on)),
        content_type,
        document_filename(assessment, prefix, extension),
    )


def office_document(
    office: Unit,
    *,
    number: str = "",
    issued_on: dt.date | None = None,
    issue: Issue | None = None,
) -> OfficeDocument:
    """The heading and signature of a document an office issues (on the day chosen, else
    with the day left to write by hand); with the number, date and signer it is issued with
    (chiso.reports.issuing), else marked as a draft (DỰ THẢO)."""

    parent = office.parent
    issuer = naming.issuer(office)
    return OfficeDocument(
        unit=office,
        parent_name=issuer.governing_body,
        place=office.place or (parent.place if parent else ""),
        issued_on=issue.issued_on if issue else issued_on,
        signer_title=issuer.signer_title,
        signer_name=issue.signer if issue else signing.head_name(office),
        number=issue.number if issue else number,
        draft=issue is None,
        name=issuer.name,
        superior=issuer.superior,
    )


def consolidated_export(
    user: Any,
    office: Unit,
    campaign: Campaign,
    extension: str,
    basis: str = tally.DEFAULT_BASIS,
    *,
    number: str = "",
    on: dt.date | None = None,
    issue: Issue | None = None,
) -> Export:
    """The consolidated table (S0's appendix layout) of every unit in the office's scope, the
    results counted on `basis` (tally.py), XLSX or DOCX."""
    basis = tally.parse_basis(basis)
    entries = tally.office_entries(office, campaign, basis, user)
    columns, rows = data.consolidated_table(entries, registry.campaign_framework(campaign))
    title = f"BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ MỨC ĐỘ CHUYỂN ĐỔI SỐ NĂM HỌC {campaign.school_year} — {office.name.upper()}"
    if basis != tally.DEFAULT_BASIS:
        title = f"{title} (DỰ THẢO — SỐ LIỆU CHƯA CHÍNH THỨC)"
    note = tally.basis_note(basis)
    suffix = "" if basis == tally.DEFAULT_BASIS else f"-{basis}"
    name = unit_filename("tong-hop", office, campaign.school_year + suffix, extension)
    if extension == "xlsx":
        return Export(render_consolidated_xlsx(title, columns, rows, note), XLSX, name)
    office_doc = office_document(office, number=number, issued_on=on, issue=issue)
    return Export(render_consolidated_docx(title, columns, rows, office_doc, note), DOCX, name)


def level_statistics_export(
    user: Any,
    office: Unit,
    campaign: Campaign,
    extension: str,
    basis: str = tally.DEFAULT_BASIS,
    *,
    number: str = "",
    on: dt.date | None = None,
    issue: Issue | None = None,
) -> Export:
    """Units per level, per group, per institution type and per sub-unit, XLSX or DOCX, counted
    on `basis` (tally.py)."""
    stats = statistics.statistics_for(office, campaign, user, basis)
    suffix = "" if stats.basis == tally.DEFAULT_BASIS else f"-{stats.basis}"
    name = unit_filename("thong-ke-muc-do", office, campaign.school_year + suffix, extension)
    if extension == "xlsx":
        return Export(render_level_statistics_xlsx(stats), XLSX, name)
    office_doc = office_document(office, number=number, issued_on=on, issue=issue)
    return Export(render_level_statistics_docx(stats, office_doc), DOCX, name)
