"""One assessment's files through the API: every document of the assessment and of its unit's
year (report, appendix, decisions, minutes, plan, yearly report, IT inventory), DOCX and PDF
alike, listed with name, kind and URL; its evidence; an office's documents likewise. Each after
the same policy check as the screens: a document the user may not read is neither listed nor
served."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from chiso.api.http import Problem, api, download, not_found, ok
from chiso.api.offices import get_campaign, get_office
from chiso.api.schema import MAX_ID
from chiso.api.views import evidence_json, get_assessment
from chiso.assessments import scoring, tally
from chiso.assessments.models import Assessment
from chiso.evidence.models import Evidence
from chiso.inventory import actions as inventory_actions
from chiso.inventory.export import inventory_filename, render_inventory_xlsx
from chiso.periodic import services as periodic_services
from chiso.periodic.docx import render_periodic_docx
from chiso.periodic.models import PeriodicReport
from chiso.plans import actions as plan_actions
from chiso.plans.docx import render_plan_docx
from chiso.reports import exports, issuing, layout
from chiso.reports.models import IssuedDocument
from chiso.reports.pdf_export import PdfUnavailable, docx_to_pdf
from chiso.units import policy
from chiso.units.models import Unit

PDF = "application/pdf"


@dataclass(frozen=True)
class Listed:
    """A document the user may download: its file name in the URL, its title and kind."""

    name: str
    title: str
    kind: str


# The assessment's own documents (exports.DOCUMENTS), in the order they are made.
ASSESSMENT_DOCUMENTS = [
    Listed("bao-cao.docx", "Báo cáo kết quả tự đánh giá mức độ chuyển đổi số", "report"),
    Listed("phu-luc.xlsx", "Phụ lục: bảng điểm tự đánh giá từng tiêu chí", "appendix"),
    Listed("quyet-dinh-hoi-dong.docx", "Quyết định thành lập Hội đồng tự đánh giá", "council"),
    Listed("bien-ban.docx", "Biên bản họp Hội đồng tự đánh giá", "minutes"),
    Listed("quyet-dinh-phe-duyet.docx", "Quyết định phê duyệt kết quả tự đánh giá", "approval"),
]
PLAN = Listed("ke-hoach.docx", "Kế hoạch ứng dụng CNTT, chuyển đổi số năm học", "plan")
YEARLY = Listed("bao-cao-nam.docx", "Báo cáo tổng kết năm học (theo đề cương)", "yearly_report")
INVENTORY = Listed(
    "hien-trang-cntt.xlsx", "Hiện trạng ứng dụng CNTT và trang thiết bị", "inventory"
)


def _with_pdf(listed: list[Listed]) -> list[Listed]:
    """Every DOCX also as PDF, right after it."""
    out = []
    for item in listed:
        out.append(item)
        if item.name.endswith(".docx"):
            out.append(Listed(item.name.removesuffix(".docx") + ".pdf", item.title, item.kind))
    return out


def _unit_year_documents(user: Any, unit: Unit, school_year: str) -> list[Listed]:
    """The unit's plan, yearly report and inventory of the year, those that exist and the user
    may read."""
    found = []
    if policy.can_on_unit(user, "plan.view", unit) and plan_actions.plan_for(unit, school_year).pk:
        found.append(PLAN)
    if policy.can_read_unit_reports(user, unit) and periodic_services.yearly_report(
        unit, school_year
    ):
        found.append(YEARLY)
    if (
        policy.can_on_unit(user, "records.view", unit)
        and inventory_actions.inventory_for(unit, school_year).pk
    ):
        found.append(INVENTORY)
    return found


def assessment_documents(user: Any, assessment: Assessment) -> list[Listed]:
    unit, year = assessment.unit, assessment.campaign.school_year
    return _with_pdf(ASSESSMENT_DOCUMENTS + _unit_year_documents(user, unit, year))


def _format(name: str) -> str:
    return name.rsplit(".", 1)[-1]


def _listed_json(item: Listed, url: str) -> dict[str, Any]:
    extension = _format(item.name)
    return {
        "name": item.name,
        "title": item.title,
        "kind": item.kind,
        "format": extension,
        "content_type": PDF if extension == "pdf" else exports.CONTENT_TYPES[extension],
        "url": url,
    }


@api("GET")
def documents(request: HttpRequest, pk: int) -> JsonResponse:
    """Every document of the assessment and of its unit's year the user may read."""
    assessment = get_assessment(request, pk)
    listed = assessment_documents(request.user, assessment)
    return ok(
        {
            "results": [
                _listed_json(item, reverse("api:document", args=[assessment.pk, item.name]))
                for item in listed
            ]
        }
    )


def _plan_docx(assessment: Assessment) -> tuple[bytes, str]:
    unit, year = assessment.unit, assessment.campaign.school_year
    plan = plan_actions.plan_for(unit, year)
    groups: Any = plan_actions.path_view(assessment).groups
    content = render_plan_docx(
        plan, path_groups=groups, framework=scoring.framework_for(assessment)
    )
    return content, exports.unit_filename("ke-hoach", unit, year, "docx")


def _yearly_docx(assessment: Assessment) -> tuple[bytes, str]:
    unit, year = assessment.unit, assessment.campaign.school_year
    report = periodic_services.yearly_report(unit, year)
    if report is None:  # listed only when it exists; gone since
        raise not_found(_("báo cáo năm"))
    content = render_periodic_docx(periodic_services.filled(report), report.issued_on)
    return content, exports.unit_filename("bao-cao-nam", unit, year, "docx")


UNIT_YEAR_DOCX: dict[str, Callable[[Assessment], tuple[bytes, str]]] = {
    PLAN.name: _plan_docx,
    YEARLY.name: _yearly_docx,
}


def _as_pdf(content: bytes, filename: str) -> HttpResponse:
    try:
        pdf = docx_to_pdf(content)
    except PdfUnavailable as exc:
        raise Problem(503, "pdf_unavailable", str(exc)) from None
    return download(pdf, PDF, filename.rsplit(".", 1)[0] + ".pdf")


@api("GET")
def document(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    assessment = get_assessment(request, pk)
    listed = {item.name for item in assessment_documents(request.user, assessment)}
    if name not in listed:
        raise Problem(
            404,
            "not_found",
            _("Không có văn bản «%(value)s» (có: %(join)s).")
            % {"value": name[:60], "join": ", ".join(sorted(listed))},
        )
    as_pdf = name.endswith(".pdf")
    source = name.removesuffix(".pdf") + ".docx" if as_pdf else name
    if source in exports.DOCUMENTS:
        export = exports.assessment_export(assessment, source)
        content, content_type, filename = export.content, export.content_type, export.filename
        if content_type == exports.DOCX:  # not issued (the register keeps what was): a draft
            content = layout.marked_draft(content)
    elif source == INVENTORY.name:
        unit, year = assessment.unit, assessment.campaign.school_year
        lines = inventory_actions.lines_of(inventory_actions.inventory_for(unit, year))
        content = render_inventory_xlsx(unit, year, lines)
        content_type, filename = exports.XLSX, inventory_filename(unit, year)
    else:
        content, filename = UNIT_YEAR_DOCX[source](assessment)
        content_type = exports.DOCX
    if as_pdf:
        return _as_pdf(content, filename)
    return download(content, content_type, filename)


# An office's documents: the consolidated table and the level statistics (XLSX, DOCX, PDF),
# then its periodic reports (DOCX, PDF).
OFFICE_TABLES = [
    Listed("tong-hop.xlsx", "Bảng tổng hợp kết quả đánh giá của các đơn vị", "consolidated"),
    Listed("tong-hop.docx", "Bảng tổng hợp kết quả đánh giá của các đơn vị", "consolidated"),
    Listed("thong-ke.xlsx", "Thống kê mức độ chuyển đổi số", "level_statistics"),
    Listed("thong-ke.docx", "Thống kê mức độ chuyển đổi số", "level_statistics"),
]
OFFICE_BUILDERS = {
    "tong-hop": exports.consolidated_export,
    "thong-ke": exports.level_statistics_export,
}


def _periodic_reports(user: Any, office: Unit) -> list[PeriodicReport]:
    if not policy.can_read_unit_reports(user, office):
        return []
    return list(PeriodicReport.objects.filter(unit=office).order_by("-created_at")[:50])


def office_documents(user: Any, office: Unit) -> list[Listed]:
    reports = [
        Listed(f"bao-cao-{r.pk}.docx", f"{r.title} — {r.period}", "periodic_report")
        for r in _periodic_reports(user, office)
    ]
    return _with_pdf(OFFICE_TABLES + reports)


@api("GET")
def office_documents_list(request: HttpRequest, pk: int) -> JsonResponse:
    """Every document of the office the user may read (the tables of the chosen campaign)."""
    office = get_office(request, pk)
    campaign = get_campaign(request, office)
    query = f"?campaign={campaign.pk}"
    return ok(
        {
            "campaign_id": campaign.pk,
            "results": [
                _listed_json(
                    item,
                    reverse("api:office_document", args=[office.pk, item.name])
                    + (query if item.kind != "periodic_report" else ""),
                )
                for item in office_documents(request.user, office)
            ],
        }
    )


@api("GET")
def office_document(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    office = get_office(request, pk)
    listed = {item.name for item in office_documents(request.user, office)}
    if name not in listed:
        raise not_found(_("văn bản"))
    stem, extension = name.rsplit(".", 1)
    if stem in OFFICE_BUILDERS:
        campaign = get_campaign(request, office)
        source = "docx" if extension == "pdf" else extension
        export = OFFICE_BUILDERS[stem](
            request.user, office, campaign, source, tally.parse_basis(request.GET.get("basis"))
        )
        content, content_type, filename = export.content, export.content_type, export.filename
    else:
        report = PeriodicReport.objects.get(pk=int(stem.removeprefix("bao-cao-")), unit=office)
        content = render_periodic_docx(periodic_services.filled(report), report.issued_on)
        period = layout.file_slug(report.period) or str(report.pk)
        content_type = exports.DOCX
        filename = f"bao-cao-{period}-{layout.file_slug(office.name)[:60]}.docx"
    if extension == "pdf":
        return _as_pdf(content, filename)
    return download(content, content_type, filename)


def issued_json(document: IssuedDocument) -> dict[str, Any]:
    replaced_by = getattr(document, "replaced_by", None)
    return {
        "id": document.pk,
        "kind": document.kind,
        "number": document.number,
        "issued_on": document.issued_on.isoformat(),
        "title": document.title,
        "signer": document.signer,
        "campaign_id": document.campaign_id,
        "replaces": document.replaces_id,
        "replaced_by": replaced_by.pk if replaced_by else None,
        "figures": document.figures,
        "sha256": document.sha256,
        "file": reverse("api:issued_file", args=[document.pk]),
    }


@api("GET")
def issued(request: HttpRequest, pk: int) -> JsonResponse:
    """A unit's register of issued documents (sổ văn bản đi), as its screen lists it."""
    unit = policy.visible_units(request.user).filter(pk=pk).first() if pk <= MAX_ID else None
    if unit is None or not policy.can_read_unit_reports(request.user, unit):
        raise not_found("đơn vị")
    return ok({"results": [issued_json(d) for d in issuing.register(unit)]})


@api("GET")
def issued_file(request: HttpRequest, pk: int) -> HttpResponse:
    """An issued document's file, byte for byte as issued."""
    document = (
        IssuedDocument.objects.select_related("unit").filter(pk=pk).first()
        if pk <= MAX_ID
        else None
    )
    if document is None or not policy.can_read_unit_reports(request.user, document.unit):
        raise not_found("văn bản")
    return download(issuing.content_of(document), document.content_type, document.filename)


@api("GET")
def evidence(request: HttpRequest, pk: int) -> JsonResponse:
    assessment = get_assessment(request, pk)
    rows = Evidence.objects.filter(assessment=assessment)
    return ok({"results": [evidence_json(e) for e in rows]})


def _stored(request: HttpRequest, pk: int, evidence_id: int, captured: bool) -> HttpResponse:
    assessment = get_assessment(request, pk)
    item = (
        Evidence.objects.filter(pk=evidence_id, assessment=assessment).first()
        if evidence_id <= MAX_ID
        else None
    )
    stored = (item.captured_file if captured else item.file) if item else None
    if not stored:
        raise not_found(_("tệp minh chứng"))
    name = stored.name.rsplit("/", 1)[-1] if captured else item.original_name  # type: ignore[union-attr]
    # A capture is whatever the link served: never rendered, always a download.
    content_type = "application/octet-stream" if captured else item.content_type  # type: ignore[union-attr]
    response = FileResponse(
        stored.open("rb"), as_attachment=True, filename=name, content_type=content_type
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@api("GET")
def evidence_file(request: HttpRequest, pk: int, evidence_id: int) -> HttpResponse:
    return _stored(request, pk, evidence_id, captured=False)


@api("GET")
def evidence_capture(request: HttpRequest, pk: int, evidence_id: int) -> HttpResponse:
    return _stored(request, pk, evidence_id, captured=True)
