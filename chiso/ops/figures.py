"""The dashboard figures of every office, as plain data: what a restore must reproduce exactly."""

from __future__ import annotations

from typing import Any

from chiso.assessments import queries
from chiso.assessments.models import Campaign
from chiso.units.models import Membership, Unit, tree_order

OFFICE_ROLES = (Membership.Role.OFFICE_HEAD, Membership.Role.REVIEWER, Membership.Role.ADMIN)


def dashboard_figures() -> dict[str, Any]:
    """For each office with a user, each campaign: status counts and the office list's rows."""
    out: dict[str, Any] = {}
    memberships = sorted(
        Membership.objects.filter(role__in=OFFICE_ROLES)
        .exclude(unit__kind=Unit.Kind.INSTITUTION)
        .select_related("unit", "user"),
        key=lambda m: (tree_order(m.unit), m.user.username),
    )
    seen: set[int] = set()
    for m in memberships:
        if m.unit_id in seen:
            continue
        seen.add(m.unit_id)
        for campaign in Campaign.objects.order_by("school_year", "pk"):
            if not m.unit.path.startswith(
                campaign.owner.path
            ) and not campaign.owner.path.startswith(m.unit.path):
                continue
            rows = queries.office_rows(m.user, m.unit, campaign)
            out[f"{m.unit.code or m.unit.pk} {campaign.school_year}"] = {
                "status_counts": queries.status_counts(m.user, m.unit, campaign),
                "rows": [
                    [
                        r.unit.code,
                        r.status,
                        r.group1,
                        r.group2,
                        r.overall,
                        r.deadline_text,
                        r.overdue,
                    ]
                    for r in rows
                ],
            }
    return out
