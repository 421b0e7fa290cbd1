from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from chiso.assessments import access, actions, presentation, queries
from chiso.assessments.models import Assessment, Campaign
from chiso.frameworks import registry
from chiso.reminders import services as reminders
from chiso.units import policy
from chiso.units.models import Unit


def health(request: HttpRequest) -> JsonResponse:
    """Liveness and database readiness, for load balancers and monitoring."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return JsonResponse({"status": "ok", "database": connection.vendor})


RECOGNISED = (Assessment.Status.RECOGNISED, Assessment.Status.PUBLISHED)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """What each user has to do next, for every unit where they have a role."""
    user = request.user
    own = [
        _own_row(user, unit, queries.current_campaign(unit))
        for unit in policy.institution_units(user)
    ]
    for office in _own_offices(user):
        campaign = queries.current_campaign(office, Campaign.Audience.OFFICES)
        if campaign is not None and queries.assesses(campaign, office):
            own.append(_own_row(user, office, campaign))
    offices = []
    for office in policy.office_units(user):
        for audience in Campaign.Audience.values:
            campaign = queries.current_campaign(office, audience)
            if campaign is None or not queries.assessed_units(office, campaign).exists():
                continue
            waiting = (
                access.visible_assessments(user)
                .filter(
                    campaign=campaign,
                    unit__path__startswith=office.path,
                    status=Assessment.Status.SUBMITTED,
                )
                .exclude(unit=office)
            )
            offices.append(
                {
                    "unit": office,
                    "campaign": campaign,
                    "counts": queries.status_counts(user, office, campaign),
                    "waiting": [
                        (a, policy.can(user, "review", a))
                        for a in waiting.order_by("submitted_at")[:20]
                    ],
                }
            )
    context = {"own": own, "offices": offices, "reminder_emails": reminders.emails_on(user)}
    return render(request, "web/home.html", context)


def _own_offices(user: Any) -> list[Unit]:
    """Offices whose own assessment (3806) the user writes: reviewers and heads of the office."""
    units = {m.unit.pk: m.unit for m in policy.memberships(user) if m.role in policy.OFFICE_ROLES}
    return [u for u in units.values() if u.kind != Unit.Kind.INSTITUTION]


def _own_row(user: Any, unit: Unit, campaign: Campaign | None) -> dict[str, Any]:
    assessment = (
        Assessment.objects.filter(campaign=campaign, unit=unit).first() if campaign else None
    )
    deadline = (
        queries.submit_deadline(campaign, unit, queries.deadlines_for(campaign))
        if campaign
        else None
    )
    # An index whose levels are set on the whole total (3806 as now known) shows one level.
    on_total = bool(campaign and registry.campaign_framework(campaign).levels_on_total)
    return {
        "unit": unit,
        "campaign": campaign,
        "assessment": assessment,
        "levels_on_total": on_total,
        "total": (assessment.group1_points or 0) + (assessment.group2_points or 0)
        if assessment and on_total
        else None,
        "deadline": deadline,
        "notice": reminders.notice(deadline, assessment, timezone.localdate()),
        "is_office": unit.kind != Unit.Kind.INSTITUTION,
        "can_submit": bool(assessment and policy.can(user, "submit", assessment)),
        "results": presentation.result_lines(assessment)
        if assessment and assessment.status in RECOGNISED
        else [],
        "previous": actions.previous_assessment(unit, campaign)
        if campaign and not assessment
        else None,
    }
