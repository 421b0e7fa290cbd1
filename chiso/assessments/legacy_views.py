"""Opening a draft, and loading an old report into it: upload → preview (current → new, with
conflicts; nothing saved) → the user takes the answers, the points or both → saved."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chiso.assessments import access, actions, legacy_import, queries, scoring
from chiso.assessments.models import Assessment, Campaign
from chiso.legacy.importing import import_file
from chiso.legacy.sources import MAX_BYTES, UnreadableReport
from chiso.units import policy

SESSION_KEY = "legacy_import_{pk}"


@login_required
@require_POST
def start(request: HttpRequest, unit_pk: int) -> HttpResponse:
    """Open the unit's draft in the current campaign."""
    unit = policy.get_unit_for_user(request.user, unit_pk)
    audience = Campaign.Audience.INSTITUTIONS if not unit.is_office else Campaign.Audience.OFFICES
    campaign = queries.current_campaign(unit, audience)
    if campaign is None:
        raise Http404
    try:
        assessment = actions.start(
            unit, campaign, by=request.user, copy_previous=bool(request.POST.get("copy_previous"))
        )
    except actions.ActionRefused as exc:
        messages.error(request, str(exc))
        return redirect("web:home")
    if assessment.facts:
        messages.info(
            request,
            _("Đã chép %(n)s dữ kiện của năm học trước: hãy kiểm tra và sửa từng tiêu chí.")
            % {"n": len(assessment.facts)},
        )
    return redirect(assessment.get_absolute_url())


@login_required
@require_POST
def import_legacy(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload → preview of what was read (nothing saved) → confirm → saved into the draft."""
    assessment = access.get_assessment_for_user(request.user, pk, action="edit")
    if "confirm" in request.POST:
        return _confirm(request, assessment)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Hãy chọn tệp báo cáo cũ. Chưa có gì được lưu."))
        return redirect(assessment.get_absolute_url())
    framework = scoring.framework_for(assessment)
    try:
        units = import_file(upload.name, upload.read(MAX_BYTES + 1), framework)
    except UnreadableReport as exc:
        messages.error(request, _("%(why)s Chưa có gì được lưu.") % {"why": exc})
        return redirect(assessment.get_absolute_url())
    plan = legacy_import.plan(assessment, upload.name, units)
    request.session[SESSION_KEY.format(pk=pk)] = plan.to_session()
    return render(
        request,
        "assessments/legacy_preview.html",
        {
            "assessment": assessment,
            "plan": plan,
            "unit": units[0],
            "name_differs": _name_differs(units[0].unit_name, assessment),
        },
    )


def _name_differs(name: str, assessment: Assessment) -> bool:
    return bool(name) and name.casefold() != assessment.unit.name.casefold()


def _confirm(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    kept = request.session.pop(SESSION_KEY.format(pk=assessment.pk), None)
    if not kept:
        messages.error(
            request, _("Phiên xem trước đã hết hạn: hãy tải tệp lên lại. Chưa có gì được lưu.")
        )
        return redirect(assessment.get_absolute_url())
    try:
        applied = legacy_import.apply(
            assessment,
            kept,
            take_answers=bool(request.POST.get("take_answers")),
            take_points=bool(request.POST.get("take_points")),
            expected_version=int(request.POST.get("version", "0")),
            by=request.user,
        )
    except (actions.ActionRefused, ValueError) as exc:
        messages.error(request, _("Không lưu được: %(why)s Chưa có gì thay đổi.") % {"why": exc})
        return redirect(assessment.get_absolute_url())
    messages.success(request, _saved_message(kept["name"], applied))
    return redirect(assessment.get_absolute_url())


def _saved_message(name: str, applied: legacy_import.Applied) -> str:
    if not applied.answers and not applied.points:
        return _("Chưa lưu gì từ «%(name)s»: bạn không chọn nhận câu trả lời hay điểm.") % {
            "name": name
        }
    points = ", ".join(applied.points) if applied.points else _("không có")
    return _(
        "Đã lưu vào bản nháp từ «%(name)s»: %(answers)s câu trả lời (dữ kiện); điểm của: %(points)s. "
        "Các giá trị khác của bản nháp giữ nguyên."
    ) % {"name": name, "answers": applied.answers, "points": points}
