"""The campaigns and deadlines, kept per process with the units' rows (chiso/units/reference.py)."""

from __future__ import annotations

import copy

from chiso.assessments.models import Campaign, Deadline
from chiso.units import reference
from chiso.units.models import Unit


def _all() -> list[Campaign]:
    """Every campaign, in Campaign.Meta's order (the newest school year first)."""
    return reference.kept("campaigns", lambda: list(Campaign.objects.select_related("owner")))


def campaigns() -> list[Campaign]:
    """Every campaign (the newest school year first), each a copy the caller may change."""
    return [copy.copy(c) for c in _all()]


def campaign(pk: int) -> Campaign | None:
    found = next((c for c in _all() if c.pk == pk), None)
    return copy.copy(found) if found is not None else None


def campaigns_above(unit: Unit) -> list[Campaign]:
    """The campaigns run by the unit or an office above it (copies)."""
    above = set(unit.ancestor_ids)
    return [c for c in campaigns() if c.owner_id in above]


def deadlines(campaign: Campaign) -> dict[int, Deadline]:
    """The offices' own deadlines of a campaign, by the office's id (shared: read only)."""
    return reference.kept(
        f"deadlines:{campaign.pk}",
        lambda: {d.unit_id: d for d in Deadline.objects.filter(campaign=campaign)},
    )
