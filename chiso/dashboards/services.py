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
from django.utils.translation import gettext as _

from chiso.assessments import queries, tally
from chiso.assessments.models import Assessment, Campaign
from chiso.assessments.tally import LEVELS, MEASURES, PENDING, STATUSES, Line
from chiso.frameworks import registry
from chiso.rubric import wording
from chiso.units import naming
from chiso.units.models import Management, Unit

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
class OldUnitsYear:
    """A school year across a reorganisation as the old units had it ("theo đơn vị cũ"): one
    line per old unit, its results being those whose managing body that year was it or below
    it; and, labelled, the unweighted mean of the old units' shares (how an official comparison
    of merged provinces may read)."""

    campaign: Campaign
    lines: list[Line]
    unattributed: Line | None = None

    @property
    def school_year(self) -> str:
        return self.campaign.school_year

    @property
    def mean(self) -> dict[int, float] | None:
        """Per level, the unweighted mean over the old units with counted results of each one's
        share (in %); None with fewer than two such units."""
        counted = [line for line in self.lines if line.counted]
        if len(counted) < 2:
            return None
        return {
            level: sum(100 * ln.levels["overall_level"][level] / ln.counted for ln in counted)
            / len(counted)
            for level in LEVELS
        }

    @property
    def mean_cells(self) -> list[str]:
        mean = self.mean or {}
        return [wording.percent(round(mean[level], 1)) if mean else "—" for level in LEVELS]

    @property
    def mean_units(self) -> int:
        return sum(1 for line in self.lines if line.counted)


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
    old_units: list[OldUnitsYear] | None = None  # the earlier years "theo đơn vị cũ", if asked

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


def dashboard(
    office: Unit, campaign: Campaign, basis: str = tally.DEFAULT_BASIS, old_units: bool = False
) -> Dashboard:
    """The dashboard of `office`'s subtree (the caller has checked the user may see it), its
    figures counted on `basis` (tally.py: the one rule of every office figure); with
    `old_units`, the earlier years also as the old units had them."""
    counts = tally.office_tally(office, campaign, basis)
    board = Dashboard(
        office,
        campaign,
        counts.overall,
        counts.by_type,
        counts.by_sub_unit,
        _years(office, campaign, counts.overall, counts.basis),
        _criteria(office, campaign, counts.basis),
        counts.basis,
    )
    if old_units:
        board.old_units = years_by_old_units(office, campaign, counts.basis)
    return board


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


def _other_years(office: Unit, campaign: Campaign) -> dict[int, Campaign]:
    """The campaigns of the same index in the other school years run above the office or by a
    Sở merged into one above it."""
    ancestors = office.ancestor_ids
    return {
        c.pk: c
        for c in Campaign.objects.filter(
            Q(owner_id__in=ancestors) | Q(owner__merged_into_id__in=ancestors),
            framework_id=campaign.framework_id,
        )
        .exclude(school_year=campaign.school_year)
        .order_by("school_year", "pk")
    }


def _year_lines(office: Unit, campaign: Campaign, basis: str) -> list[tuple[Campaign, Line]]:
    """The overall levels of the subtree in the other school years (1 + 1 queries, and one per
    year for the units of today's scope that had no result that year: they stay in the
    denominators as not started). Converted to today's units ("quy đổi theo đơn vị hiện nay"):
    each year counts the results of the schools in today's subtree, those of a merged Sở's
    campaigns of that year (its predecessors') included, in one line per school year."""
    ancestors = office.ancestor_ids
    campaigns = _other_years(office, campaign)
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


class _OldUnits:
    """Which old unit a result belonged to in its school year: its managing body that year, or
    the unit of the office's kind above that body that year (a Phòng's Sở before the merger);
    for a commune, a Phòng too (the Phòng managed its schools before 1/7/2025)."""

    def __init__(self, office: Unit) -> None:
        self.kinds = {office.kind}
        if office.kind == Unit.Kind.COMMUNE:
            self.kinds.add(Unit.Kind.DISTRICT)
        self.units: dict[int, Unit] = {}
        self.found: dict[tuple[int, str], Unit | None] = {}

    def _unit(self, pk: int) -> Unit | None:
        if pk not in self.units:
            unit = Unit.objects.filter(pk=pk).first()
            if unit is None:
                return None
            self.units[pk] = unit
        return self.units[pk]

    def _above(self, unit: Unit, school_year: str) -> int | None:
        past = (
            Management.objects.filter(unit=unit, until__gte=naming.year_start(school_year))
            .order_by("until")
            .values_list("body_id", flat=True)
            .first()
        )
        return past if past is not None else unit.parent_id

    def at(self, body_id: int | None, school_year: str) -> Unit | None:
        key = (body_id or 0, school_year)
        if key not in self.found:
            unit = self._unit(body_id) if body_id else None
            for _step in range(8):  # a tree is a few levels deep
                if unit is None or unit.kind in self.kinds:
                    break
                above = self._above(unit, school_year)
                unit = self._unit(above) if above else None
            self.found[key] = unit if unit is not None and unit.kind in self.kinds else None
        return self.found[key]


def years_by_old_units(office: Unit, campaign: Campaign, basis: str) -> list[OldUnitsYear]:
    """The earlier school years "theo đơn vị cũ": the results of the schools now in the subtree,
    grouped by the old unit they belonged to that year (one query for the figures, a few for the
    bodies, which are few). Only results that exist are counted: a school without a result that
    year had no old unit to count it."""
    campaigns = _other_years(office, campaign)
    if not campaigns:
        return []
    rows = Assessment.objects.filter(
        queries.assessed_kind_q(office, campaign, "unit__"), campaign_id__in=list(campaigns)
    )
    if office.parent_id is not None:
        rows = rows.filter(unit__path__startswith=office.path)
    rows = rows.values("campaign_id", "status", "overall_level", "managing_body_id").annotate(
        n=Count("id")
    )
    old_units = _OldUnits(office)
    years: dict[str, dict[int, Line]] = {}
    shown: dict[str, Campaign] = {}
    for c in campaigns.values():
        if c.school_year not in shown or c.owner_id in office.ancestor_ids:
            shown[c.school_year] = c
    for row in rows:
        year = campaigns[row["campaign_id"]].school_year
        unit = old_units.at(row["managing_body_id"], year)
        lines = years.setdefault(year, {})
        key = unit.pk if unit is not None else 0
        if key not in lines:
            label = unit.name if unit is not None else _("Không xác định được đơn vị cũ")
            lines[key] = Line(label, unit=unit, basis=basis)
        line = lines[key]
        line.total += row["n"]
        line.statuses[row["status"]] += row["n"]
        if row["status"] in tally.BASES[basis] and row["overall_level"] in LEVELS:
            line.levels["overall_level"][row["overall_level"]] += row["n"]
    out = []
    for year in sorted(years):
        lines = years[year]
        unattributed = lines.pop(0, None)
        ordered = sorted(lines.values(), key=lambda ln: ln.label)
        out.append(OldUnitsYear(shown[year], ordered, unattributed))
    return out
