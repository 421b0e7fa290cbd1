"""Read helpers for lists and home pages; every one starts from `policy`."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from chiso.assessments import changes
from chiso.assessments.models import Assessment, Campaign, Deadline
from chiso.frameworks import registry
from chiso.lib import namespaces
from chiso.rubric.scoring import level_for
from chiso.units import policy
from chiso.units.models import Unit, tree_order


def current_campaign(
    unit: Unit | None = None, audience: str = Campaign.Audience.INSTITUTIONS
) -> Campaign | None:
    """The newest open campaign of `audience` that covers `unit` (run by one of its ancestors or
    itself): the institutions' campaign by default, the offices' own with audience="offices"."""
    covering = campaigns_above(unit) if unit is not None else _all_campaigns()
    return next((c for c in covering if c.is_open and c.audience == audience), None)


def _all_campaigns() -> list[Campaign]:
    return list(Campaign.objects.select_related("owner"))


def campaign_of_year(
    unit: Unit, school_year: str, audience: str = Campaign.Audience.INSTITUTIONS
) -> Campaign | None:
    """The campaign of `audience` for a school year that covers `unit` (open or closed)."""
    return (
        Campaign.objects.filter(
            school_year=school_year, audience=audience, owner_id__in=unit.ancestor_ids
        )
        .select_related("owner")
        .first()
    )


def office_campaign(
    office: Unit,
    *,
    campaign_id: int | None = None,
    school_year: str | None = None,
    audience: str = Campaign.Audience.INSTITUTIONS,
) -> Campaign | None:
    """The campaign an office's screen, export or API call is about, among those that cover it.

    A campaign named by id is taken whatever its audience (a past year, or the offices' own
    3806 campaign); a school year names the campaign of `audience` in that year (by default the
    institutions' 4725 one: an office's figures are about its institutions); nothing named: the
    current open campaign of `audience`, else its newest. None when what was named is not there.
    """
    covering = campaigns_above(office)
    if campaign_id is not None:
        found = next((c for c in covering if c.pk == campaign_id), None)
        if found is None or (school_year and found.school_year != school_year):
            return None
        return found
    of_audience = [c for c in covering if c.audience == audience]
    if school_year:
        in_year = [c for c in of_audience if c.school_year == school_year]
        return max(in_year, key=lambda c: (c.is_open, c.pk), default=None)
    current = next((c for c in of_audience if c.is_open), None)
    newest = max(of_audience, key=lambda c: (c.school_year, c.pk), default=None)
    return current or newest


CAMPAIGN_PARAMS = ("campaign", "dot")  # the id of a campaign, on screens and in the API
YEAR_PARAMS = ("school_year", "nam_hoc")


def campaign_from_params(office: Unit, params: Any) -> tuple[Campaign | None, bool]:
    """The campaign that a request's parameters (`?campaign=`/`?dot=` an id, `?school_year=` a
    year) choose for an office's screen or export, and whether any was named. Malformed values
    name nothing that exists (None, named)."""
    raw_id = next((params.get(p) for p in CAMPAIGN_PARAMS if params.get(p)), None)
    year = next((params.get(p) for p in YEAR_PARAMS if params.get(p)), None)
    if raw_id is None and year is None:
        newest = next(iter(campaign_choices(office)), None)
        return office_campaign(office) or newest, False
    campaign_id = None
    if raw_id is not None:
        if not (raw_id.isascii() and raw_id.isdigit() and len(raw_id) < 12):
            return None, True
        campaign_id = int(raw_id)
    if year is not None and not re.fullmatch(r"[0-9]{4}-[0-9]{4}", year):
        return None, True
    return office_campaign(office, campaign_id=campaign_id, school_year=year), True


def campaign_choices(office: Unit) -> list[Campaign]:
    """Every campaign an office's selector offers, the newest school year first."""
    return sorted(
        campaigns_above(office),
        key=lambda c: (c.school_year, c.audience == "institutions", c.pk),
        reverse=True,
    )


def campaigns_above(unit: Unit) -> list[Campaign]:
    """The campaigns run by the unit or an office above it, or by an office merged into one of
    them (a merged Sở's predecessors' campaigns), the newest school year first (kept in the
    shared cache until a unit, campaign or deadline changes)."""
    ancestors = unit.ancestor_ids
    return namespaces.cached(
        (changes.EVERYONE,),
        f"campaigns-above:{unit.path}",
        lambda: list(
            Campaign.objects.filter(
                Q(owner_id__in=ancestors) | Q(owner__merged_into_id__in=ancestors)
            ).select_related("owner")
        ),
        changes.SECONDS,
    )


# The last school year of the district offices (Phòng GDĐT closed on 30/6/2025): Quyết định
# 3806's district half has no subject after it, and communes were given no such index.
LAST_DISTRICT_YEAR = "2024-2025"


def assessed_kinds(campaign: Campaign) -> list[str]:
    """The kinds of unit a campaign assesses: institutions, or for an offices' campaign the Sở
    and, until 2024-2025, the Phòng (never a commune)."""
    if not campaign.for_offices:
        return [Unit.Kind.INSTITUTION]
    if campaign.school_year <= LAST_DISTRICT_YEAR:
        return [Unit.Kind.DEPARTMENT, Unit.Kind.DISTRICT]
    return [Unit.Kind.DEPARTMENT]


def assessed_kind_q(office: Unit, campaign: Campaign, prefix: str = "") -> Q:
    """Which units a campaign assesses (not `office` itself in an offices' campaign, which the
    one above assesses). `prefix` "unit__" filters assessments."""
    kinds = Q(**{f"{prefix}kind__in": assessed_kinds(campaign)})
    return kinds & ~Q(**{f"{prefix}pk": office.pk}) if campaign.for_offices else kinds


def assesses(campaign: Campaign, unit: Unit) -> bool:
    """Whether a campaign assesses this unit (never the office that runs it)."""
    return unit.kind in assessed_kinds(campaign) and unit.pk != campaign.owner_id


def assessed_units(office: Unit, campaign: Campaign) -> QuerySet[Unit]:
    """The active units below `office` that a campaign assesses."""
    return Unit.objects.filter(
        assessed_kind_q(office, campaign), path__startswith=office.path, is_active=True
    )


def deadlines_for(campaign: Campaign) -> dict[int, Deadline]:
    """The offices' own deadlines of a campaign, by the office's id (kept as campaigns are)."""
    return namespaces.cached(
        (changes.EVERYONE,),
        f"deadlines:{campaign.pk}",
        lambda: {d.unit_id: d for d in Deadline.objects.filter(campaign=campaign)},
        changes.SECONDS,
    )


def submit_deadline(
    campaign: Campaign, unit: Unit, overrides: dict[int, Deadline]
) -> dt.date | None:
    """The nearest office's submit-by date for a unit, else the campaign's."""
    for ancestor in reversed(unit.ancestor_ids):
        override = overrides.get(ancestor)
        if override and override.submit_by:
            return override.submit_by
    return campaign.submit_by


LIST_FIELDS = (
    "id",
    "unit_id",
    "campaign_id",
    "status",
    "group1_points",
    "group1_level",
    "group2_points",
    "group2_level",
    "overall_level",
    "submitted_at",
)


UNIT_FIELDS = ("id", "kind", "institution_type", "code", "name", "parent_id", "path", "is_active")


@dataclass
class UnitRow:
    """One institution in an office list, with its display strings ready (lists reach 1,000 rows)."""

    unit: Unit
    assessment: Assessment | None
    deadline: dt.date | None
    overdue: bool
    url: str = ""
    status: str = "not_started"
    status_label: str = "Chưa bắt đầu"
    type_label: str = ""
    group1: str = "—"
    group2: str = "—"
    overall: str = "—"
    deadline_text: str = "—"
    late_text: str = ""  # submitted after the deadline: by how many days


STATUS_LABELS = dict(Assessment.Status.choices)
TYPE_LABELS = dict(Unit.InstitutionType.choices)


def _points_text(points: Any, level: int | None) -> str:
    if points is None:
        return "—"
    text = f"{points:.2f}".rstrip("0").rstrip(".").replace(".", ",")  # Decimal → "62", "62,5"
    return f"{text} · Mức độ {level}" if level else text


def capped(points: Any, level: int | None, bands: tuple[Any, ...]) -> bool:
    """Points that would reach a higher level, held back by an unmet mandatory condition."""
    if points is None or level is None:
        return False
    band = level_for(bands, Fraction(points))
    return band is not None and band.level > level


def _labels() -> tuple[dict[str, str], dict[str, str]]:
    """The state and type labels in the active language, translated once per list."""
    types = {k: str(v) for k, v in TYPE_LABELS.items()}
    types.update({k: str(v) for k, v in Unit.Kind.choices if k != Unit.Kind.INSTITUTION})
    return {k: str(v) for k, v in STATUS_LABELS.items()}, types


def _decorate(
    row: UnitRow,
    review_url: str,
    bands: tuple[Any, ...] = (),
    labels: tuple[dict[str, str], dict[str, str]] | None = None,
) -> UnitRow:
    a = row.assessment
    status_labels, type_labels = labels or _labels()
    row.type_label = type_labels.get(row.unit.institution_type or row.unit.kind, "")
    row.deadline_text = row.deadline.strftime("%d/%m/%Y") if row.deadline else "—"
    if a is not None:
        row.url = review_url.format(pk=a.pk)
        row.status, row.status_label = a.status, status_labels[a.status]
        row.group1 = _points_text(a.group1_points, a.group1_level)
        row.group2 = _points_text(a.group2_points, a.group2_level)
        for attribute, points, level in (
            ("group1", a.group1_points, a.group1_level),
            ("group2", a.group2_points, a.group2_level),
        ):
            if capped(points, level, bands):
                setattr(row, attribute, f"{getattr(row, attribute)} (ĐKBB chưa đạt)")
        row.overall = f"Mức độ {a.overall_level}" if a.overall_level else "—"
    return row


# The office list's filter for units past their deadline and not yet submitted.
OVERDUE = "overdue"


def office_rows(
    user: Any,
    office: Unit,
    campaign: Campaign,
    *,
    institution_type: str = "",
    sub_unit: int | None = None,
    status: str = "",
) -> list[UnitRow]:
    """The units under an office that a campaign assesses, with their assessment, deadline and
    lateness (three queries: units, assessments, deadlines)."""
    within: Unit | None = office
    if sub_unit:
        sub = Unit.objects.filter(pk=sub_unit).first()
        within = sub if sub is not None and sub.is_within(office) else None
    if within is None or not policy.can_see_unit(user, within):
        return []
    units_list = _assessed_below(office, campaign, within, institution_type)
    listed = (
        Assessment.objects.filter(campaign=campaign, unit__path__startswith=within.path)
        .only(*LIST_FIELDS)
        .order_by()
        if units_list
        else []
    )
    by_unit = {a.unit_id: a for a in listed}
    overrides = deadlines_for(campaign)
    today = timezone.localdate()
    # Reviewers open the review screen; an administrator (who reads but never reviews) the form.
    screen = "assessments:review" if policy.works_for_office(user, office) else "assessments:detail"
    review_url = reverse(screen, args=[0]).replace("/0/", "/{pk}/")
    bands = registry.campaign_framework(campaign).group_levels
    rows = []
    labels = _labels()
    for unit in units_list:
        assessment = by_unit.get(unit.pk)
        state = assessment.status if assessment else "not_started"
        if status and status != OVERDUE and state != status:
            continue
        deadline = submit_deadline(campaign, unit, overrides)
        pending = assessment is None or assessment.status in (
            Assessment.Status.DRAFT,
            Assessment.Status.RETURNED,
        )
        row = UnitRow(unit, assessment, deadline, bool(deadline and deadline < today and pending))
        if status == OVERDUE and not row.overdue:
            continue
        if deadline and assessment is not None and not pending and assessment.submitted_at:
            days = (timezone.localdate(assessment.submitted_at) - deadline).days
            row.late_text = _("nộp muộn %(days)s ngày") % {"days": days} if days > 0 else ""
        rows.append(_decorate(row, review_url, bands, labels))
    return rows


def _assessed_below(
    office: Unit, campaign: Campaign, within: Unit, institution_type: str
) -> list[Unit]:
    """The units `campaign` assesses below `office`, within `within` (kept as campaigns are),
    in the tree's pre-order (units.models.tree_order), whatever the database's collation."""

    def load() -> list[Unit]:
        units = assessed_units(office, campaign).filter(path__startswith=within.path)
        if institution_type:
            units = units.filter(institution_type=institution_type)
        return sorted(units.only(*UNIT_FIELDS), key=tree_order)

    part = f"assessed:{office.pk}:{campaign.audience}:{within.pk}:{institution_type}"
    return namespaces.cached((changes.EVERYONE,), part, load, changes.SECONDS)


def status_counts(user: Any, office: Unit, campaign: Campaign) -> dict[str, int]:
    """How many institutions below the office are in each state (not started included)."""
    institutions = policy.visible_units(user) & assessed_units(office, campaign)
    counts = dict(
        Assessment.objects.filter(campaign=campaign, unit__in=institutions)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    counts["not_started"] = institutions.count() - sum(counts.values())
    return counts
