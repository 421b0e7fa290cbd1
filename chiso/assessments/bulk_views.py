"""An office loads its table of many units (one row per school): upload → dry run (matched,
unmatched, ambiguous rows; nothing saved) → confirm → each unit's draft saved."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chiso.assessments import bulk_import, queries
from chiso.frameworks import registry
from chiso.legacy.importing import import_file
from chiso.legacy.sources import MAX_BYTES, UnreadableReport
from chiso.units import policy

SESSION_KEY = "bulk_import_{pk}"


def _office_and_campaign(request: HttpRequest, pk: int) -> tuple[Any, Any]:
    office = policy.get_unit_for_user(request.user, pk)
    if not office.is_office or not policy.leads_office(request.user, office):
        raise Http404
    campaign = queries.current_campaign(office)
    if campaign is None:
        raise Http404
    return office, campaign


@login_required
@require_POST
def import_scores(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload → dry run, or (with «confirm») apply the dry run kept in the session."""
    office, campaign = _office_and_campaign(request, pk)
    if "confirm" in request.POST:
        return _confirm(request, office, campaign)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Hãy chọn tệp bảng điểm của các đơn vị. Chưa có gì được lưu."))
        return redirect("assessments:office_list", pk=pk)
    framework = registry.campaign_framework(campaign)
    try:
        units = import_file(upload.name, upload.read(MAX_BYTES + 1), framework)
    except UnreadableReport as exc:
        messages.error(request, _("%(why)s Chưa có gì được lưu.") % {"why": exc})
        return redirect("assessments:office_list", pk=pk)
    plan = bulk_import.dry_run(office, campaign, request.user, upload.name, units)
    request.session[SESSION_KEY.format(pk=pk)] = plan.to_session()
    return render(
        request,
        "assessments/bulk_import_preview.html",
        {
            "office": office,
            "campaign": campaign,
            "plan": plan,
            **{
                status: plan.count(status)
                for status in ("ready", "unmatched", "ambiguous", "refused")
            },
        },
    )


def _confirm(request: HttpRequest, office: Any, campaign: Any) -> HttpResponse:
    kept = request.session.pop(SESSION_KEY.format(pk=office.pk), None)
    if not kept or not kept.get("rows"):
        messages.error(
            request,
            _(
                "Không có gì để lưu (phiên xem trước đã hết hạn hoặc không có dòng nào khớp). Chưa có gì được lưu."
            ),
        )
        return redirect("assessments:office_list", pk=office.pk)
    result = bulk_import.apply(office, campaign, request.user, kept)
    if result.saved:
        messages.success(
            request,
            _("Đã lưu điểm từ «%(name)s» vào bản đánh giá của %(n)s đơn vị: %(units)s.")
            % {"name": kept["name"], "n": len(result.saved), "units": ", ".join(result.saved)},
        )
    for failure in result.failed:
        messages.error(request, _("Không lưu: %(why)s (đơn vị này giữ nguyên).") % {"why": failure})
    if not result.saved:
        messages.error(request, _("Chưa có gì được lưu."))
    return redirect("assessments:office_list", pk=office.pk)
