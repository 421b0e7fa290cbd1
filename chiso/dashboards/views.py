"""The office dashboard page (server-rendered, SVG bars, no script)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from chiso.assessments import queries
from chiso.assessments.models import Assessment, Campaign
from chiso.dashboards.services import LEVELS, MEASURES, STATUSES, dashboard
from chiso.units import policy
from chiso.units.models import Unit

STATUS_LABELS = {"not_started": "Chưa bắt đầu", **dict(Assessment.Status.choices)}


@login_required
def office_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    office = policy.get_unit_for_user(request.user, pk)
    if not office.is_office or not policy.office_units(request.user):
        raise Http404
    campaigns = Campaign.objects.filter(owner__in=Unit.objects.filter(pk__in=office.ancestor_ids))
    chosen = request.GET.get("dot", "")
    campaign = (
        campaigns.filter(pk=int(chosen)).first()
        if chosen.isdigit()
        else queries.current_campaign(office)
    )
    if campaign is None:
        campaign = campaigns.order_by("-school_year").first()
    if campaign is None:
        raise Http404
    board = dashboard(office, campaign)
    return render(
        request,
        "dashboards/office.html",
        {
            "board": board,
            "office": office,
            "campaigns": campaigns,
            "measures": MEASURES,
            "levels": LEVELS,
            "statuses": [(s, STATUS_LABELS[s]) for s in STATUSES],
            "parent_visible": office.parent_id is not None
            and policy.visible_units(request.user).filter(pk=office.parent_id).exists(),
        },
    )
