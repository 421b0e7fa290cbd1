"""What an office counts: the one rule every office figure, table, sentence and document uses.

An office's figures (dashboard, level statistics, consolidated table, periodic reports, the API)
are all built here, from one scope and one counting basis:

- the scope is every unit the campaign assesses below the office (`queries.assessed_units`),
  those that have not started and those that have not submitted included;
- the basis says which results count: by default what the office has checked (recognised or
  published); an office may choose to include submitted results, or every result (drafts too).
  Every document prints the basis's note, and a unit whose result is not final says so.

`office_tally` gives the counts (per state, per level of each measure, per institution type and
per sub-unit, from a few GROUP BY queries whose number does not grow with the subtree);
`office_entries` gives the same scope one unit at a time (the tables that list units). The
property test in tests/assessments proves that every renderer agrees with them.
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
from chiso.units import policy
from chiso.units.models import Unit

NOT_STARTED = "not_started"
CHECKED = (Assessment.Status.RECOGNISED, Assessment.Status.PUBLISHED)
PENDING = (NOT_STARTED, Assessment.Status.DRAFT, Assessment.Status.RETURNED)
STATUSES = [NOT_STARTED, *Assessment.Status.values]
LEVELS = (1, 2, 3)
MEASURES = (("group1_level", "Nhóm 1"), ("group2_level", "Nhóm 2"), ("overall_level", "Mức chung*"))

DEFAULT_BASIS = "checked"
# basis → the states whose results count.
BASES: dict[str, tuple[str, ...]] = {
    "checked": tuple(CHECKED),
    "submitted": (Assessment.Status.SUBMITTED, *CHECKED),
    "all": tuple(Assessment.Status.values),
}
BASIS_LABELS = {
    "checked": "Kết quả đã kiểm tra (đã công nhận, đã công bố)",
    "submitted": "Gồm cả kết quả đã nộp, chưa kiểm tra",
    "all": "Mọi kết quả, kể cả bản đang soạn",
}
BASIS_NOTES = {
    "checked": "Số liệu tính trên kết quả cơ quan quản lý đã kiểm tra (đã công nhận hoặc đã "
    "công bố); đơn vị chưa bắt đầu, chưa nộp hoặc chưa được công nhận được liệt kê nhưng "
    "không được tính mức.",
    "submitted": "Số liệu tính cả kết quả đã nộp nhưng chưa được kiểm tra (chưa công nhận): "
    "không phải số liệu chính thức.",
    "all": "Số liệu tính mọi kết quả, kể cả bản đang soạn chưa nộp (dự thảo): không phải số "
    "liệu chính thức.",
}
STATUS_LABELS = {NOT_STARTED: "Chưa bắt đầu", **{k: str(v) for k, v in Assessment.Status.choices}}


def parse_basis(value: Any) -> str:
    """The basis named by a request parameter; the default for anything else."""
    return value if isinstance(value, str) and value in BASES else DEFAULT_BASIS


def basis_note(basis: str) -> str:
    return BASIS_NOTES[parse_basis(basis)]


def is_final(status: str) -> bool:
    """A result the office has checked: it may be signed as a result."""
    return status in CHECKED


def status_text(status: str) -> str:
    """The state as a row prints it; what is not final says so ("Đang soạn (dự thảo)")."""
    label = str(STATUS_LABELS.get(status, status))
    if status == Assessment.Status.DRAFT:
        return f"{label} (dự thảo)"
    if status in (Assessment.Status.SUBMITTED, Assessment.Status.RETURNED):
        return f"{label} (chưa kiểm tra)"
    return label


def share_text(part: int, whole: int, noun: str = "") -> str:
    """A share with its numerator and denominator: "12/13 trường (92,3%)"; "—" when empty."""
    if not whole:
        return "—"
    what = f" {noun}" if noun else ""
    return f"{wording.number(part)}/{wording.number(whole)}{what} ({wording.ratio_percent(part, whole)})"


@dataclass
class Line:
    """One row of an office's figures: its units, their states and the levels of those counted."""

    label: str
    unit: Unit | None = None
    key: str = ""  # the institution type of a by-type line
    basis: str = DEFAULT_BASIS
    total: int = 0
    statuses: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    levels: dict[str, dict[int, int]] = field(
        default_factory=lambda: {m: dict.fromkeys(LEVELS, 0) for m, _ in MEASURES}
    )
    late: int = 0

    @property
    def counted(self) -> int:
        """Units whose result counts on this line's basis."""
        return sum(self.statuses[s] for s in BASES[self.basis])

    @property
    def checked(self) -> int:
        return sum(self.statuses[s] for s in CHECKED)

    @property
    def submitted(self) -> int:
        """Units that have submitted (checked results included)."""
        return sum(self.statuses[s] for s in BASES["submitted"])

    def unleveled(self, measure: str) -> int:
        """Counted units without a level for the measure (so that the levels add up)."""
        return self.counted - sum(self.levels[measure].values())

    def share(self, measure: str, level: int) -> str:
        return (
            wording.ratio_percent(self.levels[measure][level], self.counted)
            if self.counted
            else "—"
        )

    def cells(self, measure: str) -> list[tuple[int, str]]:
        return [(self.levels[measure][level], self.share(measure, level)) for level in LEVELS]

    def bars(self, measure: str) -> list[tuple[int, float, float, str]]:
        """(level, x, width, share) in % of the counted units, for the SVG bar."""
        out, x = [], 0.0
        for level in LEVELS:
            width = 100 * self.levels[measure][level] / self.counted if self.counted else 0
            out.append((level, x, width, self.share(measure, level)))
            x += width
        return out

    def sentence(self, measure: str = "overall_level", noun: str = "cơ sở") -> str:
        """Every level named, adding up to the counted units, and the denominator:
        "6/10 cơ sở được tính: 3 đạt mức độ 1, 1 đạt mức độ 2, 2 đạt mức độ 3"."""
        parts = [
            f"{wording.number(self.levels[measure][level])} đạt mức độ {level}" for level in LEVELS
        ]
        if self.unleveled(measure):
            parts.append(f"{wording.number(self.unleveled(measure))} chưa xác định mức")
        head = f"{wording.number(self.counted)}/{wording.number(self.total)} {noun} được tính"
        return f"{head}: {', '.join(parts)}"

    def add(self, other: Line) -> None:
        self.total += other.total
        self.late += other.late
        for s, n in other.statuses.items():
            self.statuses[s] += n
        for m, levels in other.levels.items():
            for level, n in levels.items():
                self.levels[m][level] += n


@dataclass
class Tally:
    """An office's counts in a campaign on a basis."""

    office: Unit
    campaign: Campaign
    basis: str
    overall: Line
    by_type: list[Line]
    by_sub_unit: list[Line]

    @property
    def note(self) -> str:
        return BASIS_NOTES[self.basis]

    @property
    def is_final(self) -> bool:
        """Counted on checked results only: figures an office may sign."""
        return self.basis == DEFAULT_BASIS


def scope(office: Unit, campaign: Campaign, user: Any = None) -> QuerySet[Unit]:
    """The units a campaign assesses below the office, as `user` may see them (all when None)."""
    units = queries.assessed_units(office, campaign)
    return policy.visible_units(user) & units if user is not None else units


FIELDS = (
    "unit__parent_id",
    "unit__institution_type",
    "status",
    "group1_level",
    "group2_level",
    "overall_level",
)


def _lines(
    office: Unit, campaign: Campaign, basis: str, units: QuerySet[Unit]
) -> tuple[dict[Any, Line], dict[Any, Line]]:
    """Lines per direct parent and per institution type, from two GROUP BY queries."""
    counted = BASES[basis]
    by_parent: dict[Any, Line] = defaultdict(lambda: Line("", basis=basis))
    by_type: dict[Any, Line] = defaultdict(lambda: Line("", basis=basis))
    for row in units.values("parent_id", "institution_type").annotate(n=Count("id")).order_by():
        for line in (by_parent[row["parent_id"]], by_type[row["institution_type"]]):
            line.total += row["n"]
            line.statuses[NOT_STARTED] += row["n"]
    assessments = Assessment.objects.filter(campaign=campaign, unit__in=units)
    for row in assessments.values(*FIELDS).annotate(n=Count("id")).order_by():
        n, status = row["n"], row["status"]
        for line in (by_parent[row["unit__parent_id"]], by_type[row["unit__institution_type"]]):
            line.statuses[status] += n
            line.statuses[NOT_STARTED] -= n
            if status in counted:
                for measure, _ in MEASURES:
                    if row[measure] in LEVELS:
                        line.levels[measure][row[measure]] += n
    return by_parent, by_type


def office_tally(
    office: Unit, campaign: Campaign, basis: str = DEFAULT_BASIS, user: Any = None
) -> Tally:
    """The office's counts: overall, per institution type, per sub-unit (the office's children
    that are not institutions, then the units directly under the office), with lateness."""
    basis = parse_basis(basis)
    by_parent, by_type_raw = _lines(office, campaign, basis, scope(office, campaign, user))
    parents = {
        u.pk: u
        for u in Unit.objects.filter(pk__in=list(by_parent)).only("pk", "path", "name", "kind")
    }
    overrides = queries.deadlines_for(campaign)
    today = timezone.localdate()
    children = {
        u.pk: Line(u.name, unit=u, basis=basis)
        for u in office.children.filter(is_active=True)
        .exclude(kind=Unit.Kind.INSTITUTION)
        .order_by("name")
    }
    direct = Line(f"Trực thuộc {office.name}", unit=office, basis=basis)
    overall = Line("Toàn đơn vị", unit=office, basis=basis)
    for parent_id, line in by_parent.items():
        parent = parents.get(parent_id)
        if parent is None:
            continue
        deadline = queries.submit_deadline(campaign, parent, overrides)
        if deadline and deadline < today:  # the parent's deadline is its units' deadline
            line.late = sum(line.statuses[s] for s in PENDING)
        rest = parent.path[len(office.path) :].strip("/").split("/")
        child = int(rest[0]) if rest and rest[0] else None
        (children.get(child, direct) if parent.pk != office.pk else direct).add(line)
        overall.add(line)
    type_labels = {k: str(v) for k, v in Unit.InstitutionType.choices}
    by_type = []
    for key in sorted(by_type_raw, key=lambda k: str(k)):
        line = by_type_raw[key]
        line.label = type_labels.get(key, key or "Khác")
        line.key = key or ""
        by_type.append(line)
    subs = [line for line in children.values() if line.total] + (
        [direct] if direct.total and children else []
    )
    return Tally(office, campaign, basis, overall, by_type, subs)


@dataclass
class Entry:
    """One unit of the scope with its assessment (None when not started)."""

    unit: Unit
    assessment: Assessment | None
    status: str
    counted: bool

    @property
    def final(self) -> bool:
        return is_final(self.status)

    @property
    def status_text(self) -> str:
        return status_text(self.status)


def office_entries(
    office: Unit,
    campaign: Campaign,
    basis: str = DEFAULT_BASIS,
    user: Any = None,
    *,
    with_unit: tuple[str, ...] = (),
) -> list[Entry]:
    """Every unit of the scope in the tree's order (code points of the paths), with its
    assessment of the campaign and whether its result counts on `basis` (2 queries)."""
    counted = BASES[parse_basis(basis)]
    in_scope = scope(office, campaign, user)
    units = sorted(in_scope.select_related(*with_unit), key=lambda u: u.path)
    assessments = {
        a.unit_id: a
        for a in Assessment.objects.filter(campaign=campaign, unit__in=in_scope)
        .select_related("campaign")
        .order_by()
    }
    out = []
    for unit in units:
        a = assessments.get(unit.pk)
        if a is not None:
            a.unit = unit
        status = a.status if a is not None else NOT_STARTED
        out.append(Entry(unit, a, status, status in counted))
    return out
