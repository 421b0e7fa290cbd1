"""The office dashboard page (server-rendered, SVG bars, no script)."""

from __future__ import annotations

import hashlib

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
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
    chosen = request.GET.get("dot", "")
    chosen = chosen if chosen.isascii() and chosen.isdigit() and len(chosen) < 12 else ""
    parent_path = office.path.rsplit("/", 2)[0] + "/" if office.parent_id else ""
    parent_visible = bool(parent_path) and any(
        parent_path.startswith(m.unit.path) for m in policy.memberships(request.user)
    )
    # The page's body depends on the office, the campaign chosen and these alone (not on who
    # asks, once allowed; lateness is counted against today): rendered once while the
    # office's namespaces are current (changes.py: its assessments, and everyone's units,
    # campaigns and deadlines).
    part = ":".join(
        map(str, (office.pk, office.name, chosen, parent_visible, timezone.localdate(),
                  get_language()))
    )  # fmt: skip
    body = namespaces.cached(
        changes.office(office.pk),
        f"dashboard:{hashlib.blake2b(part.encode(), digest_size=16).hexdigest()}",
        lambda: _body(request, office, chosen, parent_visible),
        changes.SECONDS,
    )
    return render(request, "dashboards/office.html", {"office": office, "body": body})


def _body(request: HttpRequest, office: Unit, chosen: str, parent_visible: bool) -> str:
    campaigns = queries.campaigns_above(office)
    campaign = (
        next((c for c in campaigns if str(c.pk) == chosen), None)
        if chosen
        else queries.current_campaign(office)
    )
    campaign = campaign or (campaigns[0] if campaigns else None)  # the newest school year
    if campaign is None:
        raise Http404
    context = {
        "board": dashboard(office, campaign),
        "office": office,
        "campaigns": campaigns,
        "measures": MEASURES,
        "levels": LEVELS,
        "statuses": [(s, STATUS_LABELS[s]) for s in STATUSES],
        "parent_visible": parent_visible,
    }
    return render_to_string("dashboards/_office_body.html", context, request)
