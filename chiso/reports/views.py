"""Downloads of the documents; every one goes through the policy first."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chiso.assessments import access, actions, queries, scoring, tally
from chiso.jobs import access as job_access
from chiso.jobs import runner
from chiso.jobs.models import Job
from chiso.lib.ids import parse_id
from chiso.reports import data, issuing, layout, signing, xlsx_import
from chiso.reports import jobs as report_jobs
from chiso.reports.exports import (
    DOCUMENTS,
    DOCX,
    Export,
    assessment_export,
    consolidated_export,
    document_filename,
    level_statistics_export,
)
from chiso.reports.models import IssuedDocument
from chiso.reports.pdf_export import PdfUnavailable, docx_to_pdf
from chiso.reports.xlsx_import import read_appendix
from chiso.units import policy


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=filename
    )
    return response


def _send(export: Export) -> HttpResponse:
    return _download(export.content, export.content_type, export.filename)


PDF = "application/pdf"


def issue_choices(request: HttpRequest) -> tuple[str, dt.date | None]:
    """The number and the day chosen when the document is issued (?so=12&ngay=2026-05-20);
    a day that is not a date is ignored (the document then carries today's)."""
    number = " ".join(request.GET.get("so", "").split())[:40]
    try:
        day = dt.date.fromisoformat(request.GET.get("ngay", "")[:10])
    except ValueError:
        day = None
    return number, day


@login_required
def document(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """One of the assessment's documents, filled from its data; any DOCX also as PDF."""
    assessment = access.get_assessment_for_user(request.user, pk)
    as_pdf = name.endswith(".pdf")
    source = name.removesuffix(".pdf") + ".docx" if as_pdf else name
    if source not in DOCUMENTS or (as_pdf and not source.endswith(".docx")):
        raise Http404
    number, day = issue_choices(request)
    if as_pdf:
        render = DOCUMENTS[source][0]
        try:
            document = data.assessment_document(assessment, number=number, issued_on=day)
            content = docx_to_pdf(layout.marked_draft(render(document)))
        except PdfUnavailable as exc:
            messages.error(request, str(exc))
            return redirect(assessment.get_absolute_url())
        return _download(content, PDF, document_filename(assessment, DOCUMENTS[source][2], "pdf"))
    export = assessment_export(assessment, source, number=number, issued_on=day)
    if export.content_type == DOCX:  # not issued (the register keeps what was): a draft
        export = Export(layout.marked_draft(export.content), export.content_type, export.filename)
    return _send(export)


@login_required
def consolidated(request: HttpRequest, pk: int, extension: str) -> HttpResponse:
    """The consolidated table of the office's units (S0's appendix layout), XLSX or DOCX."""
    return _office_table(request, pk, extension, consolidated_export)


def _word_or_pdf(request: HttpRequest, export: Export, extension: str) -> HttpResponse:
    if extension != "pdf":
        return _send(export)
    try:
        name = export.filename.rsplit(".", 1)[0] + ".pdf"
        return _download(docx_to_pdf(export.content), PDF, name)
    except PdfUnavailable as exc:
        messages.error(request, str(exc))
        return redirect(request.META.get("HTTP_REFERER") or "web:home")


@login_required
def import_appendix(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload an edited appendix: first a dry run, row by row; changes only once confirmed."""
    assessment = access.get_assessment_for_user(request.user, pk, action="edit")
    if request.method != "POST":
        return redirect(assessment.get_absolute_url())
    if "confirm" in request.POST:
        changes = {
            k.removeprefix("award_"): {
                "points": v,
                "reason": _appendix_reason(assessment, k.removeprefix("award_"), request.POST),
            }
            for k, v in request.POST.items()
            if k.startswith("award_")
        }
        try:
            actions.save_answers(
                assessment,
                awards=changes,
                expected_version=int(request.POST.get("version", "0")),
                by=request.user,
            )
            messages.success(
                request, _("Đã cập nhật điểm %(len)s mục từ tệp phụ lục.") % {"len": len(changes)}
            )
        except (actions.ActionRefused, ValueError) as exc:
            messages.error(
                request, _("Không lưu được: %(exc)s Chưa có gì được lưu.") % {"exc": exc}
            )
        return redirect(assessment.get_absolute_url())
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Hãy chọn tệp phụ lục (.xlsx) đã sửa."))
        return redirect(assessment.get_absolute_url())
    try:
        preview = read_appendix(
            upload.name,
            upload.read(xlsx_import.MAX_BYTES + 1),
            scoring.scorecard(assessment),
            scoring.framework_for(assessment),
        )
    except xlsx_import.ImportRefused as exc:
        messages.error(request, str(exc))
        return redirect(assessment.get_absolute_url())
    return render(
        request,
        "reports/import_preview.html",
        {"assessment": assessment, "preview": preview, "name": upload.name},
    )


def _appendix_reason(assessment: Any, item_id: str, post: Any) -> str:
    """The reason kept with a point taken from the appendix: the draft's own note if it has one,
    else the note typed beside the item in the file, else where the point came from."""
    award = assessment.awards.get(item_id)
    if isinstance(award, dict) and str(award.get("reason") or "").strip():
        return str(award["reason"])
    return str(post.get(f"note_{item_id}", "")).strip()[:500] or "Nhập từ tệp phụ lục"


def _office_campaign(request: HttpRequest, pk: int) -> tuple[Any, Any]:
    """The office and the campaign its file is about (`?campaign=`/`?dot=`, `?school_year=`;
    the institutions' current campaign by default: queries.office_campaign)."""
    office = policy.get_unit_for_user(request.user, pk)
    if not office.is_office or not policy.office_units(request.user):
        raise Http404
    params = request.POST if request.method == "POST" else request.GET
    campaign, _named = queries.campaign_from_params(office, params)
    if campaign is None:
        raise Http404
    return office, campaign


@login_required
@require_POST
def documents_zip(request: HttpRequest, pk: int) -> HttpResponse:
    """Start the ZIP of every unit's report and appendix; the job page shows its progress."""
    office, campaign = _office_campaign(request, pk)
    job = runner.submit(
        "documents_zip",
        owner=request.user,
        unit=office,
        title=f"Đóng gói báo cáo và phụ lục — {office.name} — {campaign.school_year}",
        params={"campaign": campaign.pk},
    )
    return redirect(job.get_absolute_url())


@login_required
@require_POST
def import_appendices(request: HttpRequest, pk: int) -> HttpResponse:
    """A ZIP of appendix XLSX files sent by the units: a dry-run job first, nothing saved."""
    office, campaign = _office_campaign(request, pk)
    upload = request.FILES.get("file")
    if upload is None or not upload.name.lower().endswith(".zip"):
        messages.error(request, _("Hãy chọn một tệp .zip chứa các tệp phụ lục (.xlsx) của đơn vị."))
        return redirect("assessments:office_list", pk=pk)
    if upload.size > report_jobs.ZIP_MAX_BYTES:
        messages.error(
            request,
            _("Tệp «%(name)s» quá lớn (tối đa %(value)s MB).")
            % {"name": upload.name, "value": report_jobs.ZIP_MAX_BYTES // 1048576},
        )
        return redirect("assessments:office_list", pk=pk)
    job = runner.submit(
        "appendix_import",
        owner=request.user,
        unit=office,
        title=f"Xem trước nhập phụ lục «{upload.name}» — {office.name}",
        params={"campaign": campaign.pk, "apply": False},
        source=(upload.name, upload.read()),
    )
    return redirect(job.get_absolute_url())


@login_required
@require_POST
def confirm_appendix_import(request: HttpRequest) -> HttpResponse:
    """Apply the files of a finished dry run (re-read and re-checked unit by unit)."""
    dry_run = job_access.get_job_for_user(request.user, parse_id(request.POST.get("job")) or 0)
    if dry_run.kind != "appendix_import" or dry_run.status != Job.Status.DONE:
        raise Http404
    if dry_run.params.get("apply"):
        raise Http404
    job = Job(
        kind="appendix_import",
        owner=request.user,
        unit=dry_run.unit,
        title=dry_run.title.replace("Xem trước nhập", "Nhập"),
        params={**dry_run.params, "apply": True},
    )
    job.source.name = dry_run.source.name
    job.save()
    transaction.on_commit(lambda: runner.dispatch(job.pk))
    return redirect(job.get_absolute_url())


@login_required
def level_statistics(request: HttpRequest, pk: int, extension: str) -> HttpResponse:
    """Units per level, per group, per institution type and per sub-unit (XLSX or DOCX)."""
    return _office_table(request, pk, extension, level_statistics_export)


def _office_table(request: HttpRequest, pk: int, extension: str, build: Any) -> HttpResponse:
    """An office table of the chosen campaign, counted by the chosen rule, as XLSX, DOCX or PDF."""
    if extension not in ("xlsx", "docx", "pdf"):
        raise Http404
    office, campaign = _office_campaign(request, pk)
    number, day = issue_choices(request)
    export = build(
        request.user,
        office,
        campaign,
        extension.replace("pdf", "docx"),
        tally.parse_basis(request.GET.get("basis")),
        number=number,
        on=day,
    )
    return _word_or_pdf(request, export, extension)


# What an office may issue from its register: key → (kind, builder, extension, title).
ISSUABLE = {
    "tong-hop.docx": (IssuedDocument.Kind.CONSOLIDATED, consolidated_export, "docx"),
    "tong-hop.xlsx": (IssuedDocument.Kind.CONSOLIDATED, consolidated_export, "xlsx"),
    "thong-ke.docx": (IssuedDocument.Kind.LEVEL_STATISTICS, level_statistics_export, "docx"),
    "thong-ke.xlsx": (IssuedDocument.Kind.LEVEL_STATISTICS, level_statistics_export, "xlsx"),
}


@login_required
def issued_register(request: HttpRequest, pk: int) -> HttpResponse:
    """The unit's register of issued documents (sổ văn bản đi); an office's head issues its
    consolidated table or level statistics of a campaign from here (checked results only)."""
    unit = policy.get_unit_for_user(request.user, pk)
    if not policy.can_read_unit_reports(request.user, unit):
        raise Http404
    can_issue = policy.can_issue_documents(request.user, unit)
    if request.method == "POST":
        if not can_issue:
            raise Http404
        if unit.is_office:
            _issue_office_document(request, unit)
        else:
            _issue_assessment_document(request, unit)
        return redirect("reports:issued_register", pk=unit.pk)
    context = {
        "unit": unit,
        "documents": list(issuing.register(unit)),
        "can_issue": can_issue,
        "campaigns": queries.campaign_choices(unit) if can_issue else [],
        "issuable": [
            ("tong-hop.docx", _("Bảng tổng hợp kết quả (DOCX)")),
            ("tong-hop.xlsx", _("Bảng tổng hợp kết quả (XLSX)")),
            ("thong-ke.docx", _("Báo cáo thống kê mức độ (DOCX)")),
            ("thong-ke.xlsx", _("Báo cáo thống kê mức độ (XLSX)")),
        ]
        if unit.is_office
        else [(key, _(label)) for key, label in ASSESSMENT_DOCUMENTS.items()],
        "today": timezone.localdate(),
        "signer": signing.head_name(unit),
    }
    return render(request, "reports/issued_register.html", context)


def _issue_office_document(request: HttpRequest, office: Any) -> None:
    chosen = ISSUABLE.get(request.POST.get("what", ""))
    campaign, _named = queries.campaign_from_params(office, request.POST)
    if chosen is None or campaign is None:
        messages.error(request, _("Hãy chọn văn bản và đợt đánh giá cần ban hành."))
        return
    kind, build, extension = chosen
    try:
        details = issuing.parse_issue(request.POST)
        replaces = issuing.replaceable(office, request.POST.get("replaces"))
        export = build(
            request.user, office, campaign, extension, tally.DEFAULT_BASIS, issue=details
        )
        counts = tally.office_tally(office, campaign, tally.DEFAULT_BASIS, request.user)
        title = f"{IssuedDocument.Kind(kind).label} năm học {campaign.school_year}"
        document = issuing.issue(
            office,
            kind,
            title=title,
            content=export.content,
            filename=export.filename,
            content_type=export.content_type,
            details=details,
            by=request.user,
            figures=issuing.tally_figures(counts),
            campaign=campaign,
            replaces=replaces,
        )
    except issuing.Refused as exc:
        messages.error(request, str(exc))
        return
    messages.success(request, _("Đã ban hành văn bản số %(number)s.") % {"number": document.number})


ASSESSMENT_DOCUMENTS = {  # an institution's documents it may issue (keys of DOCUMENTS)
    "bao-cao.docx": "Báo cáo kết quả tự đánh giá (DOCX)",
    "phu-luc.xlsx": "Phụ lục kết quả tự đánh giá (XLSX)",
    "quyet-dinh-hoi-dong.docx": "Quyết định thành lập Hội đồng tự đánh giá (DOCX)",
    "bien-ban.docx": "Biên bản họp Hội đồng tự đánh giá (DOCX)",
    "quyet-dinh-phe-duyet.docx": "Quyết định phê duyệt kết quả tự đánh giá (DOCX)",
}


def _issue_assessment_document(request: HttpRequest, unit: Any) -> None:
    """An institution issues one of its assessment's documents of the campaign chosen."""
    name = request.POST.get("what", "")
    campaign, _named = queries.campaign_from_params(unit, request.POST)
    assessment = (
        access.visible_assessments(request.user)
        .filter(unit=unit, campaign=campaign)
        .select_related("unit", "campaign")
        .first()
        if campaign is not None
        else None
    )
    if name not in ASSESSMENT_DOCUMENTS or assessment is None:
        messages.error(request, _("Đơn vị chưa có bản đánh giá của đợt đã chọn để ban hành."))
        return
    try:
        details = issuing.parse_issue(request.POST)
        replaces = issuing.replaceable(unit, request.POST.get("replaces"))
        export = assessment_export(
            assessment, name, number=details.number, issued_on=details.issued_on
        )
        document = issuing.issue(
            unit,
            IssuedDocument.Kind.ASSESSMENT,
            title=f"{ASSESSMENT_DOCUMENTS[name].rsplit(' (', 1)[0]} năm học "
            f"{assessment.campaign.school_year}",
            content=export.content,
            filename=export.filename,
            content_type=export.content_type,
            details=details,
            by=request.user,
            figures={
                "status": assessment.status,
                "group1_points": str(assessment.group1_points),
                "group1_level": assessment.group1_level,
                "group2_points": str(assessment.group2_points),
                "group2_level": assessment.group2_level,
            },
            campaign=assessment.campaign,
            source_id=assessment.pk,
            replaces=replaces,
        )
    except issuing.Refused as exc:
        messages.error(request, str(exc))
        return
    messages.success(request, _("Đã ban hành văn bản số %(number)s.") % {"number": document.number})


@login_required
def issued_file(request: HttpRequest, pk: int) -> HttpResponse:
    """An issued document's file, byte for byte as it was issued."""
    document = issuing.get_for_user(request.user, pk)
    if not policy.can_read_unit_reports(request.user, document.unit):
        raise Http404
    return _download(issuing.content_of(document), document.content_type, document.filename)
