"""Periodic reports: the unit's list, the outline editor, the report page and its documents."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chiso.assessments import queries
from chiso.inventory.views import check_year
from chiso.periodic import builtin, figures, services
from chiso.periodic.docx import render_periodic_docx
from chiso.periodic.models import PeriodicReport, ReportOutline
from chiso.reports import issuing, layout, signing
from chiso.reports.models import IssuedDocument
from chiso.reports.pdf_export import PdfUnavailable, docx_to_pdf
from chiso.units import policy
from chiso.units import services as unit_services

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# The samples a new outline may start from (?mau=…): S3's monthly report, S4's yearly report.
SAMPLES = {
    "thang": {
        "title": builtin.MONTHLY_TITLE,
        "subject": builtin.MONTHLY_SUBJECT,
        "text": builtin.MONTHLY,
    },
    "nam": {
        "title": builtin.YEARLY_TITLE,
        "subject": builtin.YEARLY_SUBJECT,
        "for_subunits": True,
        "text": builtin.YEARLY,
    },
}


@login_required
def unit_reports(request: HttpRequest, unit_pk: int) -> HttpResponse:
    unit = policy.get_unit_for_user(request.user, unit_pk)
    if not policy.can_read_unit_reports(request.user, unit):
        raise Http404
    can_write = policy.can_write_unit_reports(request.user, unit)
    if request.method == "POST":
        if not can_write:
            raise Http404
        choice = request.POST.get("outline", "")
        chosen = (
            ReportOutline.objects.filter(pk=int(choice)).first()
            if choice.isascii() and choice.isdigit()
            else None
        )
        campaign, named = queries.campaign_from_params(unit, request.POST)
        try:
            if chosen is None:
                raise services.Refused(gettext("Hãy chọn một đề cương."))
            if campaign is None and named:
                raise services.Refused(gettext("Không có đợt đánh giá đã chọn cho đơn vị."))
            report = services.start_report(
                unit, chosen, request.POST.get("period", ""), by=request.user, campaign=campaign
            )
        except services.Refused as exc:
            messages.error(request, str(exc))
            return redirect("periodic:unit", unit_pk=unit.pk)
        return redirect(report.get_absolute_url())
    context = {
        "unit": unit,
        "can_write": can_write,
        "can_manage": policy.can_manage_outlines(request.user, unit),
        "outlines": services.available_outlines(unit) if can_write else [],
        "campaigns": [
            c for c in queries.campaign_choices(unit) if unit.is_office or not c.for_offices
        ]
        if can_write
        else [],
        "current": queries.campaign_from_params(unit, {})[0],
        "own_outlines": ReportOutline.objects.filter(owner=unit),
        "reports": PeriodicReport.objects.filter(unit=unit).select_related("created_by"),
        "can_set_symbol": policy.can_set_document_symbol(request.user, unit),
        "symbol": layout.symbol_for(unit),
    }
    return render(request, "periodic/unit.html", context)


@login_required
def outline_edit(request: HttpRequest, unit_pk: int, pk: int | None = None) -> HttpResponse:
    unit = policy.get_unit_for_user(request.user, unit_pk)
    if not policy.can_manage_outlines(request.user, unit):
        raise Http404
    existing = get_object_or_404(ReportOutline, pk=pk, owner=unit) if pk else None
    data = request.POST if request.method == "POST" else None
    if data is not None:
        try:
            services.save_outline(
                unit,
                {
                    "title": data.get("title", ""),
                    "subject": data.get("subject", ""),
                    "recipient": data.get("recipient", ""),
                    "for_subunits": bool(data.get("for_subunits")),
                    "text": data.get("text", ""),
                },
                by=request.user,
                existing=existing,
            )
        except services.Refused as exc:
            for line in str(exc).splitlines():
                messages.error(request, line)
        else:
            messages.success(request, gettext("Đã lưu đề cương."))
            return redirect("periodic:unit", unit_pk=unit.pk)
    return render(
        request,
        "periodic/outline.html",
        {
            "unit": unit,
            "outline": existing,
            # What the form shows: what was sent back, else a sample a new outline starts from.
            "data": data if data is not None else SAMPLES.get(request.GET.get("mau", "")),
            "figures": [(k, label) for k, (label, _) in figures.FIGURES.items()],
            "tables": [(k, label) for k, (label, _) in figures.TABLES.items()],
        },
    )


@login_required
def yearly(request: HttpRequest, unit_pk: int, school_year: str) -> HttpResponse:
    """A unit's report of a school year on its office's outline: opened if it was started, else
    started by its staff (the nearest office's outline, or the national sample)."""
    unit = policy.get_unit_for_user(request.user, unit_pk)
    if not policy.can_read_unit_reports(request.user, unit):
        raise Http404
    school_year = check_year(school_year)
    can_write = policy.can_write_unit_reports(request.user, unit)
    if request.method == "POST" and not can_write:
        raise Http404
    existing = services.yearly_report(unit, school_year)
    if existing is not None:
        return redirect(existing.get_absolute_url())
    if request.method == "POST":
        try:
            started = services.start_yearly_report(unit, school_year, by=request.user)
        except services.Refused as exc:
            messages.error(request, str(exc))
        else:
            return redirect(started.get_absolute_url())
    context = {
        "unit": unit,
        "school_year": school_year,
        "outline": services.yearly_outline(unit),
        "can_write": can_write,
    }
    return render(request, "periodic/yearly.html", context)


def _report_for(request: HttpRequest, pk: int) -> PeriodicReport:
    report = get_object_or_404(PeriodicReport.objects.select_related("unit", "campaign"), pk=pk)
    if not policy.can_read_unit_reports(request.user, report.unit):
        raise Http404
    return report


@login_required
def report(request: HttpRequest, pk: int) -> HttpResponse:
    item = _report_for(request, pk)
    can_write = policy.can_write_unit_reports(request.user, item.unit)
    if request.method == "POST":
        if not can_write:
            raise Http404
        try:
            version = int(request.POST.get("version", "0"))
            services.save_report(
                item, request.POST.dict(), expected_version=version, by=request.user
            )
            messages.success(request, gettext("Đã lưu báo cáo."))
        except (services.Refused, ValueError) as exc:
            messages.error(request, str(exc))
        return redirect(item.get_absolute_url())
    context = {
        "report": item,
        "filled": services.filled(item),
        "can_write": can_write,
        "can_issue": policy.can_issue_documents(request.user, item.unit),
        "issued": list(
            issuing.register(item.unit).filter(kind=IssuedDocument.Kind.PERIODIC, source_id=item.pk)
        ),
        "today": timezone.localdate(),
        "signer": signing.head_name(item.unit),
        "symbol": layout.symbol_for(item.unit),
        "can_set_symbol": policy.can_set_document_symbol(request.user, item.unit),
    }
    return render(request, "periodic/report.html", context)


@login_required
@require_POST
def issue(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue the report: its file and figures stored as they are now, in the unit's register."""
    item = _report_for(request, pk)
    if not policy.can_issue_documents(request.user, item.unit):
        raise Http404
    try:
        details = issuing.parse_issue(request.POST)
        replaces = issuing.replaceable(item.unit, request.POST.get("replaces"))
        filled = services.filled(item)
        content = render_periodic_docx(filled, details.issued_on, details)
        document = issuing.issue(
            item.unit,
            IssuedDocument.Kind.PERIODIC,
            title=filled.subject or item.title,
            content=content,
            filename=_filename(item, "docx"),
            content_type=DOCX,
            details=details,
            by=request.user,
            figures={"period": item.period, "values": filled.values},
            campaign=item.campaign,
            source_id=item.pk,
            replaces=replaces,
        )
        messages.success(
            request, gettext("Đã ban hành báo cáo số %(number)s.") % {"number": document.number}
        )
    except issuing.Refused as exc:
        messages.error(request, str(exc))
    return redirect(item.get_absolute_url())


def _filename(item: PeriodicReport, extension: str) -> str:
    period = layout.file_slug(item.period) or str(item.pk)
    return f"bao-cao-{period}-{layout.file_slug(item.unit.name)[:60]}.{extension}"


@login_required
def document(request: HttpRequest, pk: int, extension: str) -> HttpResponse:
    item = _report_for(request, pk)
    if extension not in ("docx", "pdf"):
        raise Http404
    content = render_periodic_docx(services.filled(item), item.issued_on)
    content_type = DOCX
    if extension == "pdf":
        try:
            content, content_type = docx_to_pdf(content), "application/pdf"
        except PdfUnavailable as exc:
            messages.error(request, str(exc))
            return redirect(item.get_absolute_url())
    response = HttpResponse(content, content_type=content_type)
    name = _filename(item, extension)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response


@login_required
def document_symbol(request: HttpRequest, unit_pk: int) -> HttpResponse:
    """The unit's head sets the symbol of its documents' numbers ("12/BC-THHĐ")."""
    unit = policy.get_unit_for_user(request.user, unit_pk)
    if not policy.can_set_document_symbol(request.user, unit):
        raise Http404
    if request.method == "POST":
        try:
            unit = unit_services.set_document_symbol(
                unit, request.POST.get("document_symbol", ""), by=request.user
            )
            messages.success(request, _("Đã lưu chữ viết tắt trong số, ký hiệu văn bản."))
            return redirect("periodic:symbol", unit_pk=unit.pk)
        except unit_services.UnitError as exc:
            messages.error(request, str(exc))
    return render(
        request,
        "periodic/document_symbol.html",
        {"unit": unit, "symbol": layout.symbol_for(unit), "chosen": unit.document_symbol},
    )
