"""An office's dashboard: its institutions per level, state and lateness, by type and sub-unit.

Every figure comes from a handful of GROUP BY queries whose number does not grow with the size
of the subtree (one per measure and grouping); sub-units are rolled up from the institutions'
direct parents, which are few (the offices).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone

from chiso.assessments import queries
from chiso.assessments.models import Assessment, Campaign
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
class Dashboard:
    office: Unit
    campaign: Campaign
    overall: Line
    by_type: list[Line]
    by_sub_unit: list[Line]
    years: list[tuple[Campaign, Line]]
    queries: int = 0


def _institutions(office: Unit) -> QuerySet[Unit]:
    return Unit.objects.filter(
        path__startswith=office.path, kind=Unit.Kind.INSTITUTION, is_active=True
    )


def _assessments(office: Unit, campaign: Campaign) -> QuerySet[Assessment]:
    return Assessment.objects.filter(
        campaign=campaign,
        unit__path__startswith=office.path,
        unit__kind=Unit.Kind.INSTITUTION,
        unit__is_active=True,
    )


def _group_lines(office: Unit, campaign: Campaign, key: str, unit_key: str) -> dict[Any, Line]:
    """Lines keyed by `key` (unit__parent_id or unit__institution_type): 2 + 3 queries."""
    lines: dict[Any, Line] = defaultdict(lambda: Line(""))
    for row in _institutions(office).values(unit_key).annotate(n=Count("id")):
        lines[row[unit_key]].total = row["n"]
        lines[row[unit_key]].statuses["not_started"] = row["n"]
    rows = _assessments(office, campaign)
    for row in rows.values(key, "status").annotate(n=Count("id")):
        line = lines[row[key]]
        line.statuses[row["status"]] += row["n"]
        line.statuses["not_started"] -= row["n"]
    counted = rows.filter(status__in=COUNTED)
    for measure, _ in MEASURES:
        for row in counted.values(key, measure).annotate(n=Count("id")):
            if row[measure] in LEVELS:
                lines[row[key]].levels[measure][row[measure]] += row["n"]
    return lines


def dashboard(office: Unit, campaign: Campaign) -> Dashboard:
    """The dashboard of `office`'s subtree (the caller has checked the user may see it)."""
    by_parent = _group_lines(office, campaign, "unit__parent_id", "parent_id")
    by_type_raw = _group_lines(office, campaign, "unit__institution_type", "institution_type")
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
        by_type.append(line)
    subs = [line for line in children.values() if line.total] + (
        [direct] if direct.total and children else []
    )
    return Dashboard(office, campaign, overall, by_type, subs, _years(office, campaign))


def _years(office: Unit, campaign: Campaign) -> list[tuple[Campaign, Line]]:
    """The overall levels of the subtree in every school year of the same index (1 + 1 queries)."""
    campaigns = {
        c.pk: c
        for c in Campaign.objects.filter(
            owner__in=Unit.objects.filter(pk__in=office.ancestor_ids),
            framework_id=campaign.framework_id,
        )
    }
    lines = {pk: Line(c.school_year) for pk, c in campaigns.items()}
    rows = (
        Assessment.objects.filter(
            campaign_id__in=list(campaigns),
            unit__path__startswith=office.path,
            unit__kind=Unit.Kind.INSTITUTION,
        )
        .values("campaign_id", "status", "overall_level")
        .annotate(n=Count("id"))
    )
    for row in rows:
        line = lines[row["campaign_id"]]
        line.total += row["n"]
        line.statuses[row["status"]] += row["n"]
        if row["status"] in COUNTED and row["overall_level"] in LEVELS:
            line.levels["overall_level"][row["overall_level"]] += row["n"]
    ordered = sorted(campaigns.values(), key=lambda c: c.school_year)
    return [(c, lines[c.pk]) for c in ordered]
