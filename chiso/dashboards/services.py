"""An office's dashboard: its institutions per level, state and lateness, by type and sub-unit.

Every figure comes from a handful of GROUP BY queries whose number does not grow with the size
of the subtree (one per measure and grouping); sub-units are rolled up from the institutions'
direct parents, which are few (the offices).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db.models import Avg, Count, FloatField, QuerySet
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast
from django.utils import timezone

from chiso.assessments import queries
from chiso.assessments.models import Assessment, Campaign
from chiso.frameworks import registry
from chiso.rubric import wording
from chiso.units.models import Unit

COUNTED = (Assessment.Status.RECOGNISED, Assessment.Status.PUBLISHED)
PENDING = ("not_started", Assessment.Status.DRAFT, Assessment.Status.RETURNED)
MEASURES = (("group1_level", "Nhóm 1"), ("group2_level", "Nhóm 2"), ("overall_level", "Mức chung*"))
STATUSES = ["not_started", *Assessment.Status.values]
LEVELS = (1, 2, 3)


@dataclass
class Line:
    """One row of the dashboard: a label, its units, their states and their levels."""

    label: str
    unit: Unit | None = None
    key: str = ""  # the institution type of a by-type line
    total: int = 0
    statuses: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    levels: dict[str, dict[int, int]] = field(
        default_factory=lambda: {m: dict.fromkeys(LEVELS, 0) for m, _ in MEASURES}
    )
    late: int = 0

    @property
    def counted(self) -> int:
        return sum(self.statuses[s] for s in COUNTED)

    def share(self, measure: str, level: int) -> str:
        return (
            wording.ratio_percent(self.levels[measure][level], self.counted)
            if self.counted
            else "—"
        )

    def cells(self, measure: str) -> list[tuple[int, str]]:
        return [(self.levels[measure][level], self.share(measure, level)) for level in LEVELS]

    def bars(self, measure: str) -> list[tuple[int, float, float, str]]:
        """(level, x, width) in % of the counted units, for the SVG bar."""
        out, x = [], 0.0
        for level in LEVELS:
            width = 100 * self.levels[measure][level] / self.counted if self.counted else 0
            out.append((level, x, width, self.share(measure, level)))
            x += width
        return out

    def add(self, other: Line) -> None:
        self.total += other.total
        self.late += other.late
        for s, n in other.statuses.items():
            self.statuses[s] += n
        for m, levels in other.levels.items():
            for level, n in levels.items():
                self.levels[m][level] += n


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


def _institutions(office: Unit, campaign: Campaign) -> QuerySet[Unit]:
    """The units the campaign assesses: institutions, or the sub-offices in an offices' campaign."""
    return queries.assessed_units(office, campaign)


def _assessments(office: Unit, campaign: Campaign) -> QuerySet[Assessment]:
    return Assessment.objects.filter(
        queries.assessed_kind_q(office, campaign, "unit__"),
        campaign=campaign,
        unit__path__startswith=office.path,
        unit__is_active=True,
    )


FIELDS = (
    "unit__parent_id",
    "unit__institution_type",
    "status",
    "group1_level",
    "group2_level",
    "overall_level",
)


def _lines(office: Unit, campaign: Campaign) -> tuple[dict[Any, Line], dict[Any, Line]]:
    """Lines per direct parent and per institution type, from two GROUP BY queries."""
    by_parent: dict[Any, Line] = defaultdict(lambda: Line(""))
    by_type: dict[Any, Line] = defaultdict(lambda: Line(""))
    for row in (
        _institutions(office, campaign)
        .values("parent_id", "institution_type")
        .annotate(n=Count("id"))
    ):
        for line in (by_parent[row["parent_id"]], by_type[row["institution_type"]]):
            line.total += row["n"]
            line.statuses["not_started"] += row["n"]
    for row in _assessments(office, campaign).values(*FIELDS).annotate(n=Count("id")):
        n, status = row["n"], row["status"]
        for line in (by_parent[row["unit__parent_id"]], by_type[row["unit__institution_type"]]):
            line.statuses[status] += n
            line.statuses["not_started"] -= n
            if status in COUNTED:
                for measure, _ in MEASURES:
                    if row[measure] in LEVELS:
                        line.levels[measure][row[measure]] += n
    return by_parent, by_type


def dashboard(office: Unit, campaign: Campaign) -> Dashboard:
    """The dashboard of `office`'s subtree (the caller has checked the user may see it)."""
    by_parent, by_type_raw = _lines(office, campaign)
    parents = {
        u.pk: u
        for u in Unit.objects.filter(pk__in=list(by_parent)).only("pk", "path", "name", "kind")
    }
    overrides = queries.deadlines_for(campaign)
    today = timezone.localdate()
    children = {
        u.pk: Line(u.name, unit=u)
        for u in office.children.filter(is_active=True)
        .exclude(kind=Unit.Kind.INSTITUTION)
        .order_by("name")
    }
    direct = Line(f"Trực thuộc {office.name}", unit=office)
    overall = Line("Toàn đơn vị", unit=office)
    for parent_id, line in by_parent.items():
        parent = parents.get(parent_id)
        if parent is None:
            continue
        deadline = queries.submit_deadline(campaign, parent, overrides)
        if deadline and deadline < today:  # the parent's deadline is its institutions' deadline
            line.late = sum(line.statuses[s] for s in PENDING)
        rest = parent.path[len(office.path) :].strip("/").split("/")
        child = int(rest[0]) if rest and rest[0] else None
        (children.get(child, direct) if parent.pk != office.pk else direct).add(line)
        overall.add(line)
    type_labels = dict(Unit.InstitutionType.choices)
    by_type = []
    for key in sorted(by_type_raw, key=lambda k: str(k)):
        line = by_type_raw[key]
        line.label = str(type_labels.get(key, key or "Khác"))
        line.key = key or ""
        by_type.append(line)
    subs = [line for line in children.values() if line.total] + (
        [direct] if direct.total and children else []
    )
    return Dashboard(
        office,
        campaign,
        overall,
        by_type,
        subs,
        _years(office, campaign, overall),
        _criteria(office, campaign),
    )


def _criteria(office: Unit, campaign: Campaign) -> list[CriterionFigure]:
    """Every scored criterion, weakest first (1 query: one average per criterion)."""

    criteria = [c for c in registry.campaign_framework(campaign).all_criteria if not c.is_mandatory]
    averages = (
        _assessments(office, campaign)
        .filter(status__in=(Assessment.Status.SUBMITTED, *COUNTED))
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


def _years(office: Unit, campaign: Campaign, current: Line) -> list[tuple[Campaign, Line]]:
    """The subtree in every school year of the same index: the year shown comes from its own
    figures; the other years are cached for 10 minutes (closed years change only by a reopen)."""

    key = f"dashboard-years:{office.pk}:{campaign.pk}"
    others = cache.get(key)
    if others is None:
        others = _year_lines(office, campaign)
        cache.set(key, others, PAST_YEARS_SECONDS)
    return sorted([*others, (campaign, current)], key=lambda pair: pair[0].school_year)


def _year_lines(office: Unit, campaign: Campaign) -> list[tuple[Campaign, Line]]:
    """The overall levels of the subtree in the other school years (1 + 1 queries)."""
    campaigns = {
        c.pk: c
        for c in Campaign.objects.filter(
            owner__in=Unit.objects.filter(pk__in=office.ancestor_ids),
            framework_id=campaign.framework_id,
        ).exclude(pk=campaign.pk)
    }
    lines = {pk: Line(c.school_year) for pk, c in campaigns.items()}
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
        if row["status"] in COUNTED and row["overall_level"] in LEVELS:
            line.levels["overall_level"][row["overall_level"]] += row["n"]
    return [(c, lines[c.pk]) for c in campaigns.values()]
