"""The downloadable files of the screens and the API, built once: data builder → renderer.

Callers have checked the user may see the office or the assessment (chiso.units.policy); what
goes into an office's files is again limited to the assessments the user may see.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.text import slugify

from chiso.assessments import tally
from chiso.assessments.models import Assessment, Campaign
from chiso.frameworks import registry
from chiso.reports import data, statistics
from chiso.reports.docx_export import (
    OfficeDocument,
    render_approval_decision_docx,
    render_consolidated_docx,
    render_council_decision_docx,
    render_level_statistics_docx,
    render_minutes_docx,
    render_report_docx,
)
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


def document_filename(assessment: Assessment, what: str, extension: str) -> str:
    unit = assessment.unit
    return f"{what}-{slugify(unit.code or unit.name)}-{assessment.campaign.school_year}.{extension}"


def assessment_export(assessment: Assessment, name: str) -> Export:
    """One of the assessment's documents (a key of DOCUMENTS), filled from its data."""
    render, content_type, prefix = DOCUMENTS[name]
    extension = name.rsplit(".", 1)[1]
    return Export(
        render(data.assessment_document(assessment)),
        content_type,
        document_filename(assessment, prefix, extension),
    )


def office_document(office: Unit) -> OfficeDocument:
    """The heading and signature of a document an office issues today."""

    parent = office.parent
    issuer = naming.issuer(office)
    return OfficeDocument(
        unit=office,
        parent_name=issuer.governing_body,
        place=office.place or (parent.place if parent else ""),
        issued_on=timezone.localdate(),
        signer_title=issuer.signer_title,
        name=issuer.name,
        superior=issuer.superior,
    )


def consolidated_export(
    user: Any,
    office: Unit,
    campaign: Campaign,
    extension: str,
    basis: str = tally.DEFAULT_BASIS,
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
    name = (
        f"tong-hop-{slugify(office.code or office.name)}-{campaign.school_year}{suffix}.{extension}"
    )
    if extension == "xlsx":
        return Export(render_consolidated_xlsx(title, columns, rows, note), XLSX, name)
    return Export(
        render_consolidated_docx(title, columns, rows, office_document(office), note), DOCX, name
    )


def level_statistics_export(
    user: Any,
    office: Unit,
    campaign: Campaign,
    extension: str,
    basis: str = tally.DEFAULT_BASIS,
) -> Export:
    """Units per level, per group, per institution type and per sub-unit, XLSX or DOCX, counted
    on `basis` (tally.py)."""
    stats = statistics.statistics_for(office, campaign, user, basis)
    suffix = "" if stats.basis == tally.DEFAULT_BASIS else f"-{stats.basis}"
    name = f"thong-ke-muc-do-{slugify(office.code or office.name)}-{campaign.school_year}{suffix}.{extension}"
    if extension == "xlsx":
        return Export(render_level_statistics_xlsx(stats), XLSX, name)
    return Export(render_level_statistics_docx(stats, office_document(office)), DOCX, name)
