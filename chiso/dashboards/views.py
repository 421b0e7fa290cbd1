"""The office dashboard page (server-rendered, SVG bars, no script)."""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from chiso.assessments import changes, queries, tally
from chiso.assessments.models import Assessment, Campaign
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
    campaign, named = queries.campaign_from_params(office, request.GET)
    if campaign is None and named:
        messages.warning(request, _("Không có đợt đánh giá đã chọn; đang hiện đợt hiện hành."))
        campaign = queries.campaign_from_params(office, {})[0]
    if campaign is None:
        raise Http404(_("Không có đợt đánh giá này cho đơn vị."))
    basis = tally.parse_basis(request.GET.get("basis"))
    # The earlier years converted to today's units (the default), or as the old units had them.
    old_units = request.GET.get("so_sanh") == "don_vi_cu"
    parent_path = office.path.rsplit("/", 2)[0] + "/" if office.parent_id else ""
    parent_visible = bool(parent_path) and any(
        parent_path.startswith(m.unit.path) for m in policy.memberships(request.user)
    )
    # The page's body depends on the office, the campaign chosen and these alone (not on who
    # asks, once allowed; lateness is counted against today): rendered once while the
    # office's namespaces are current (changes.py: its assessments, and everyone's units,
    # campaigns and deadlines).
    part = ":".join(
        map(str, (office.pk, office.name, campaign.pk, basis, parent_visible, old_units,
                  timezone.localdate(), get_language()))
    )  # fmt: skip
    body = namespaces.cached(
        changes.office(office.pk),
        f"dashboard:{hashlib.blake2b(part.encode(), digest_size=16).hexdigest()}",
        lambda: _body(request, office, campaign, basis, parent_visible, old_units),
        changes.SECONDS,
    )
    return render(request, "dashboards/office.html", {"office": office, "body": body})


def _body(
    request: HttpRequest,
    office: Unit,
    campaign: Campaign,
    basis: str,
    parent_visible: bool,
    old_units: bool = False,
) -> str:
    context = {
        "board": dashboard(office, campaign, basis, old_units=old_units),
        "old_units": old_units,
        "office": office,
        "campaigns": queries.campaign_choices(office),
        "bases": list(tally.BASIS_LABELS.items()),
        "measures": MEASURES,
        "levels": LEVELS,
        "statuses": [(s, STATUS_LABELS[s]) for s in STATUSES],
        "parent_visible": parent_visible,
    }
    return render_to_string("dashboards/_office_body.html", context, request)
