"""The office dashboard page (server-rendered, SVG bars, no script)."""

from __future__ import annotations

import hashlib

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from chiso.assessments import queries
from chiso.assessments.models import Assessment, Campaign
from chiso.dashboards import freshness
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
    campaigns = list(campaigns)
    parent_visible = (
        office.parent_id is not None
        and policy.visible_units(request.user).filter(pk=office.parent_id).exists()
    )
    # The page's body depends on the office, the campaign and these alone (not on who asks,
    # once allowed): rendered once per generation of the office's figures (freshness.py).
    content = (
        office.pk,
        office.name,
        campaign.pk,
        [(c.pk, str(c)) for c in campaigns],
        parent_visible,
        freshness.generation(office),
        timezone.localdate(),  # lateness is counted against today
        get_language(),
    )
    return render(
        request,
        "dashboards/office.html",
        {
            "board": SimpleLazyObject(lambda: dashboard(office, campaign)),
            "office": office,
            "campaigns": campaigns,
            "measures": MEASURES,
            "levels": LEVELS,
            "statuses": [(s, STATUS_LABELS[s]) for s in STATUSES],
            "parent_visible": parent_visible,
            "content_key": hashlib.blake2b(repr(content).encode(), digest_size=16).hexdigest(),
            "content_seconds": freshness.SECONDS,
        },
    )
