"""An office's dashboard: its institutions per level, state and lateness, by type and sub-unit.

Every figure comes from a handful of GROUP BY queries whose number does not grow with the size
of the subtree (one per measure and grouping); sub-units are rolled up from the institutions'
direct parents, which are few (the offices).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Avg, Count, FloatField, Q, QuerySet
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast

from chiso.assessments import queries, tally
from chiso.assessments.models import Assessment, Campaign
from chiso.assessments.tally import LEVELS, MEASURES, PENDING, STATUSES, Line
from chiso.frameworks import registry
from chiso.rubric import wording
from chiso.units.models import Unit

COUNTED = tally.CHECKED  # what the office has checked: the default basis
__all__ = ["COUNTED", "LEVELS", "MEASURES", "PENDING", "STATUSES", "Line", "dashboard"]


@dataclass
class CriterionFigure:
    """A criterion's average points over the subtree's submitted results, against its cap."""

    id: str
    title: str
    average: float
    maximum: float

    @property
    def percent(self) -> float:
        return 100 * self.average / self.maximum if self.maximum else 0

    @property
    def text(self) -> str:
        return f"{wording.number(round(self.average, 1))}/{wording.number(self.maximum)}"


@dataclass
class Dashboard:
    office: Unit
    campaign: Campaign
    overall: Line
    by_type: list[Line]
    by_sub_unit: list[Line]
    years: list[tuple[Campaign, Line]]
    criteria: list[CriterionFigure] = field(default_factory=list)
    basis: str = tally.DEFAULT_BASIS

    @property
    def note(self) -> str:
        return tally.basis_note(self.basis)


def _assessments(office: Unit, campaign: Campaign) -> QuerySet[Assessment]:
    return Assessment.objects.filter(
        queries.assessed_kind_q(office, campaign, "unit__"),
        campaign=campaign,
        unit__path__startswith=office.path,
        unit__is_active=True,
    )


def dashboard(office: Unit, campaign: Campaign, basis: str = tally.DEFAULT_BASIS) -> Dashboard:
    """The dashboard of `office`'s subtree (the caller has checked the user may see it), its
    figures counted on `basis` (tally.py: the one rule of every office figure)."""
    counts = tally.office_tally(office, campaign, basis)
    return Dashboard(
        office,
        campaign,
        counts.overall,
        counts.by_type,
        counts.by_sub_unit,
        _years(office, campaign, counts.overall, counts.basis),
        _criteria(office, campaign, counts.basis),
        counts.basis,
    )


def _criteria(office: Unit, campaign: Campaign, basis: str) -> list[CriterionFigure]:
    """Every scored criterion over the results counted on `basis`, weakest first (1 query: one
    average per criterion)."""

    criteria = [c for c in registry.campaign_framework(campaign).all_criteria if not c.is_mandatory]
    averages = (
        _assessments(office, campaign)
        .filter(status__in=tally.BASES[basis])
        .aggregate(
            **{
                f"c{i}": Avg(Cast(KeyTextTransform(c.id, "criterion_points"), FloatField()))
                for i, c in enumerate(criteria)
            }
        )
    )
    out = [
        CriterionFigure(c.id, c.title, float(averages[f"c{i}"]), float(c.max))
        for i, c in enumerate(criteria)
        if averages[f"c{i}"] is not None
    ]
    return sorted(out, key=lambda f: f.percent)


PAST_YEARS_SECONDS = 600  # closed campaigns change only through a reopen: 10 minutes' cache


def _years(
    office: Unit, campaign: Campaign, current: Line, basis: str
) -> list[tuple[Campaign, Line]]:
    """The subtree in every school year of the same index: the year shown comes from its own
    figures; the other years are cached for 10 minutes (closed years change only by a reopen)."""

    key = f"dashboard-years:{office.pk}:{campaign.pk}:{basis}"
    others = cache.get(key)
    if others is None:
        others = _year_lines(office, campaign, basis)
        cache.set(key, others, PAST_YEARS_SECONDS)
    return sorted([*others, (campaign, current)], key=lambda pair: pair[0].school_year)


def _year_lines(office: Unit, campaign: Campaign, basis: str) -> list[tuple[Campaign, Line]]:
    """The overall levels of the subtree in the other school years (1 + 1 queries, and one per
    year for the units of today's scope that had no result that year: they stay in the
    denominators as not started). Converted to today's units ("quy đổi theo đơn vị hiện nay"):
    each year counts the results of the schools in today's subtree, those of a merged Sở's
    campaigns of that year (its predecessors') included, in one line per school year."""
    ancestors = office.ancestor_ids
    campaigns = {
        c.pk: c
        for c in Campaign.objects.filter(
            Q(owner_id__in=ancestors) | Q(owner__merged_into_id__in=ancestors),
            framework_id=campaign.framework_id,
        )
        .exclude(school_year=campaign.school_year)
        .order_by("school_year", "pk")
    }
    shown: dict[str, Campaign] = {}  # one campaign per year links the line (its own office's)
    for c in campaigns.values():
        if c.school_year not in shown or c.owner_id in ancestors:
            shown[c.school_year] = c
    by_year = {year: Line(year, basis=basis) for year in shown}
    lines = {pk: by_year[c.school_year] for pk, c in campaigns.items()}
    rows = Assessment.objects.filter(
        queries.assessed_kind_q(office, campaign, "unit__"), campaign_id__in=list(campaigns)
    )
    if office.parent_id is not None:  # the root's subtree is every unit: no need to look at paths
        rows = rows.filter(unit__path__startswith=office.path)
    rows = rows.values("campaign_id", "status", "overall_level").annotate(n=Count("id"))
    for row in rows:
        line = lines[row["campaign_id"]]
        line.total += row["n"]
        line.statuses[row["status"]] += row["n"]
        if row["status"] in tally.BASES[basis] and row["overall_level"] in LEVELS:
            line.levels["overall_level"][row["overall_level"]] += row["n"]
    scope = queries.assessed_units(office, campaign)
    for year, line in by_year.items():
        pks = [pk for pk, c in campaigns.items() if c.school_year == year]
        missing = scope.exclude(assessments__campaign_id__in=pks).count()
        line.total += missing
        line.statuses[tally.NOT_STARTED] += missing
    return [(shown[year], line) for year, line in by_year.items()]
