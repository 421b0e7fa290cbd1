from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from chiso.assessments import actions, queries
from chiso.assessments.models import Assessment
from chiso.units import policy


def health(request: HttpRequest) -> JsonResponse:
    """Liveness and database readiness, for load balancers and monitoring."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return JsonResponse({"status": "ok", "database": connection.vendor})


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """What each user has to do next, for every unit where they have a role."""
    user = request.user
    own = []
    for unit in policy.institution_units(user):
        campaign = queries.current_campaign(unit)
        assessment = (
            Assessment.objects.filter(campaign=campaign, unit=unit).first() if campaign else None
        )
        deadline = (
            queries.submit_deadline(campaign, unit, queries.deadlines_for(campaign))
            if campaign
            else None
        )
        own.append(
            {
                "unit": unit,
                "campaign": campaign,
                "assessment": assessment,
                "deadline": deadline,
                "can_submit": bool(assessment and policy.can(user, "submit", assessment)),
                "previous": actions.previous_assessment(unit, campaign)
                if campaign and not assessment
                else None,
            }
        )
    offices = []
    for office in policy.office_units(user):
        campaign = queries.current_campaign(office)
        if campaign is None:
            continue
        waiting = (
            policy.visible_assessments(user)
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
                "waiting": list(waiting.order_by("submitted_at")[:20]),
            }
        )
    return render(request, "web/home.html", {"own": own, "offices": offices})
