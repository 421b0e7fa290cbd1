"""Opening a draft, and loading a legacy report (.docx or text extract) into it after a preview."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from chiso.assessments import access, actions, queries, scoring
from chiso.assessments.models import Campaign
from chiso.legacy.importing import UnreadableReport, analyse, text_of_upload
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
            f"Đã chép {len(assessment.facts)} dữ kiện của năm học trước: hãy kiểm tra và sửa từng tiêu chí.",
        )
    return redirect(assessment.get_absolute_url())


@login_required
@require_POST
def import_legacy(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload → preview of what was read (nothing saved) → confirm → saved into the draft."""
    assessment = access.get_assessment_for_user(request.user, pk, action="edit")
    key = SESSION_KEY.format(pk=pk)
    if "confirm" in request.POST:
        read = request.session.pop(key, None)
        if not read:
            messages.error(request, "Phiên xem trước đã hết hạn: hãy tải tệp lên lại.")
            return redirect(assessment.get_absolute_url())
        reason = f"Theo báo cáo cũ «{read['name']}»"
        try:
            actions.save_answers(
                assessment,
                facts=read["facts"],
                awards={k: {"points": v, "reason": reason} for k, v in read["awards"].items()},
                expected_version=int(request.POST.get("version", "0")),
                by=request.user,
            )
        except (actions.ActionRefused, ValueError) as exc:
            messages.error(request, str(exc))
            return redirect(assessment.get_absolute_url())
        messages.success(
            request,
            f"Đã nạp từ «{read['name']}»: {len(read['facts'])} dữ kiện, điểm {len(read['awards'])} tiêu chí.",
        )
        return redirect(assessment.get_absolute_url())
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "Hãy chọn tệp báo cáo cũ (.docx hoặc .txt).")
        return redirect(assessment.get_absolute_url())
    framework = scoring.framework_for(assessment)
    try:
        text = text_of_upload(upload.name, upload.read(10 * 1024 * 1024 + 1))
    except UnreadableReport as exc:
        messages.error(request, str(exc))
        return redirect(assessment.get_absolute_url())
    result = analyse(text, framework)
    awards = {k: str(v) for k, v in result.awarded.items()}
    facts = {k: v for k, v in result.facts.items() if framework.has_fact(k)}
    request.session[key] = {"name": upload.name, "facts": facts, "awards": awards}
    criteria = [
        {
            "id": c.id,
            "title": c.title,
            "read": awards.get(c.id, ""),
            "points": result.card.criterion(c.id).points,
            "max": c.max,
        }
        for c in framework.all_criteria
        if not c.is_mandatory
    ]
    return render(
        request,
        "assessments/legacy_preview.html",
        {
            "assessment": assessment,
            "name": upload.name,
            "unit_name": result.report.unit_name,
            "name_differs": result.report.unit_name.casefold() != assessment.unit.name.casefold(),
            "criteria": criteria,
            "facts": [(framework.fact(k).label, v) for k, v in facts.items()],
            "card": result.card,
            "findings": result.findings,
            "nothing": not awards and not facts,
        },
    )
