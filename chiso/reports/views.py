"""Downloads of the documents; every one goes through the policy first."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chiso.assessments import access, actions, queries, scoring
from chiso.jobs import access as job_access
from chiso.jobs import runner
from chiso.jobs.models import Job
from chiso.lib.ids import parse_id
from chiso.reports import data, xlsx_import
from chiso.reports import jobs as report_jobs
from chiso.reports.exports import (
    DOCUMENTS,
    Export,
    assessment_export,
    consolidated_export,
    document_filename,
    level_statistics_export,
)
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


@login_required
def document(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """One of the assessment's documents, filled from its data; any DOCX also as PDF."""
    assessment = access.get_assessment_for_user(request.user, pk)
    as_pdf = name.endswith(".pdf")
    source = name.removesuffix(".pdf") + ".docx" if as_pdf else name
    if source not in DOCUMENTS or (as_pdf and not source.endswith(".docx")):
        raise Http404
    if as_pdf:
        render = DOCUMENTS[source][0]
        try:
            content = docx_to_pdf(render(data.assessment_document(assessment)))
        except PdfUnavailable as exc:
            messages.error(request, str(exc))
            return redirect(assessment.get_absolute_url())
        return _download(content, PDF, document_filename(assessment, DOCUMENTS[source][2], "pdf"))
    return _send(assessment_export(assessment, source))


@login_required
def consolidated(request: HttpRequest, pk: int, extension: str) -> HttpResponse:
    """The consolidated table of the office's units (S0's appendix layout), XLSX or DOCX."""
    if extension not in ("xlsx", "docx", "pdf"):
        raise Http404
    office = policy.get_unit_for_user(request.user, pk)
    campaign = queries.current_campaign(office) if office.is_office else None
    if campaign is None:
        raise Http404
    export = consolidated_export(request.user, office, campaign, extension.replace("pdf", "docx"))
    return _word_or_pdf(request, export, extension)


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
            k.removeprefix("award_"): {"points": v, "reason": "Nhập từ tệp phụ lục"}
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
            messages.error(request, str(exc))
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


def _office_campaign(request: HttpRequest, pk: int) -> tuple[Any, Any]:
    office = policy.get_unit_for_user(request.user, pk)
    campaign = queries.current_campaign(office) if office.is_office else None
    if campaign is None or not policy.office_units(request.user):
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
    if extension not in ("xlsx", "docx", "pdf"):
        raise Http404
    office, campaign = _office_campaign(request, pk)
    export = level_statistics_export(
        request.user, office, campaign, extension.replace("pdf", "docx")
    )
    return _word_or_pdf(request, export, extension)
