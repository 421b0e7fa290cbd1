"""Read helpers for lists and home pages; every one starts from `policy`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone

from chiso.assessments.models import Assessment, Campaign, Deadline
from chiso.units import policy
from chiso.units.models import Unit


def current_campaign(unit: Unit | None = None) -> Campaign | None:
    """The newest open campaign that covers `unit` (run by one of its ancestors or itself)."""
    campaigns = (
        Campaign.objects.filter(is_open=True).select_related("owner").order_by("-school_year")
    )
    for campaign in campaigns:
        if unit is None or unit.path.startswith(campaign.owner.path):
            return campaign
    return None


def deadlines_for(campaign: Campaign) -> dict[int, Deadline]:
    return {d.unit_id: d for d in Deadline.objects.filter(campaign=campaign)}


def submit_deadline(
    campaign: Campaign, unit: Unit, overrides: dict[int, Deadline]
) -> dt.date | None:
    """The nearest office's submit-by date for a unit, else the campaign's."""
    for ancestor in reversed(unit.ancestor_ids):
        override = overrides.get(ancestor)
        if override and override.submit_by:
            return override.submit_by
    return campaign.submit_by


@dataclass
class UnitRow:
    unit: Unit
    assessment: Assessment | None
    deadline: dt.date | None
    overdue: bool


def office_rows(
    user: Any,
    office: Unit,
    campaign: Campaign,
    *,
    institution_type: str = "",
    sub_unit: int | None = None,
    status: str = "",
) -> list[UnitRow]:
    """The institutions under an office with their assessment, deadline and lateness (2 queries)."""
    units: QuerySet[Unit] = policy.visible_units(user).filter(
        path__startswith=office.path, kind=Unit.Kind.INSTITUTION, is_active=True
    )
    if institution_type:
        units = units.filter(institution_type=institution_type)
    if sub_unit:
        sub = Unit.objects.filter(pk=sub_unit).first()
        units = units.filter(path__startswith=sub.path) if sub else units.none()
    by_unit = {a.unit_id: a for a in Assessment.objects.filter(campaign=campaign, unit__in=units)}
    overrides = deadlines_for(campaign)
    today = timezone.localdate()
    rows = []
    for unit in units.order_by("path"):
        assessment = by_unit.get(unit.pk)
        if status and (assessment.status if assessment else "not_started") != status:
            continue
        deadline = submit_deadline(campaign, unit, overrides)
        pending = assessment is None or assessment.status in (
            Assessment.Status.DRAFT,
            Assessment.Status.RETURNED,
        )
        rows.append(
            UnitRow(unit, assessment, deadline, bool(deadline and deadline < today and pending))
        )
    return rows


def status_counts(user: Any, office: Unit, campaign: Campaign) -> dict[str, int]:
    """How many institutions below the office are in each state (not started included)."""
    institutions = policy.visible_units(user).filter(
        path__startswith=office.path, kind=Unit.Kind.INSTITUTION, is_active=True
    )
    counts = dict(
        Assessment.objects.filter(campaign=campaign, unit__in=institutions)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    counts["not_started"] = institutions.count() - sum(counts.values())
    return counts
