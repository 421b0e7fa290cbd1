"""The office dashboard page (server-rendered, SVG bars, no script)."""

from __future__ import annotations

import hashlib

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from chiso.assessments import changes, queries
from chiso.assessments.models import Assessment
from chiso.dashboards.services import LEVELS, MEASURES, STATUSES, dashboard
from chiso.lib import namespaces
from chiso.units import policy
from chiso.units.models import Unit

STATUS_LABELS = {"not_started": "Chưa bắt đầu", **dict(Assessment.Status.choices)}


@login_required
def office_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    office = policy.get_unit_for_user(request.user, pk)
    if not office.is_office or not policy.office_units(request.user):
        raise Http404
    campaigns = queries.campaigns_above(office)
    chosen = request.GET.get("dot", "")
    campaign = (
        next((c for c in campaigns if str(c.pk) == chosen), None)
        if chosen.isdigit()
        else queries.current_campaign(office)
    )
    if campaign is None:
        campaign = campaigns[0] if campaigns else None  # the newest school year first
    if campaign is None:
        raise Http404
    parent = Unit.objects.filter(pk=office.parent_id).first() if office.parent_id else None
    parent_visible = parent is not None and policy.can_see_unit(request.user, parent)
    # The page's body depends on the office, the campaign and these alone (not on who asks,
    # once allowed): rendered once while the office's namespaces are current (changes.py).
    content = (
        office.pk,
        office.name,
        campaign.pk,
        [(c.pk, str(c)) for c in campaigns],
        parent_visible,
        namespaces.token(*changes.office(office.pk)),
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
            "content_seconds": changes.SECONDS,
        },
    )
