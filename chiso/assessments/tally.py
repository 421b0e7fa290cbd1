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

from django.db.models import Case, CharField, Count, IntegerField, QuerySet, Value, When
from django.db.models.functions import StrIndex, Substr
from django.utils import timezone

from chiso.assessments import queries
from chiso.assessments.models import Assessment, Campaign
from chiso.rubric import wording
from chiso.units import policy
from chiso.units.models import Unit, tree_order

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


FIELDS = ("unit__institution_type", "status", "group1_level", "group2_level", "overall_level")


def _sub_unit(office: Unit, prefix: str = "") -> Case:
    """The office's child a unit sits under, as the text of its id ("" directly under the office),
    read from the unit's path: the figures are grouped by it, not by the units' parents (under the
    ministry, a few dozen Sở instead of thousands of communes)."""
    rest = Substr(f"{prefix}path", len(office.path) + 1)
    return Case(
        When(**{f"{prefix}parent_id": office.pk}, then=Value("")),
        default=Substr(rest, 1, StrIndex(rest, Value("/")) - 1),
        output_field=CharField(),
    )


def _deadline_keys(
    office: Unit, campaign: Campaign
) -> tuple[dict[int, Any], list[tuple[int, str]]]:
    """The offices' own submit-by dates of the campaign that can apply below `office`, and their
    units' (id, path), the nearest (deepest) first: a unit's deadline is that of the nearest
    office above it (queries.submit_deadline), else the campaign's."""
    dates = {pk: d.submit_by for pk, d in queries.deadlines_for(campaign).items() if d.submit_by}
    if not dates:
        return dates, []
    ids = set(office.ancestor_ids)
    offices = (
        Unit.objects.filter(pk__in=list(dates))
        .exclude(kind=Unit.Kind.INSTITUTION)
        .order_by("-depth", "pk")
        .values_list("pk", "path")
    )
    return dates, [(pk, path) for pk, path in offices if pk in ids or path.startswith(office.path)]


def _deadline_key(keys: list[tuple[int, str]], prefix: str = "") -> Case:
    """The id of the office whose own deadline a unit has (0: the campaign's)."""
    whens = [When(**{f"{prefix}path__startswith": path}, then=Value(pk)) for pk, path in keys]
    return Case(*whens, default=Value(0), output_field=IntegerField())


@dataclass
class _Counts:
    by_sub: dict[str, Line]
    by_type: dict[Any, Line]
    late: dict[str, int]


def _lines(office: Unit, campaign: Campaign, basis: str, units: QuerySet[Unit]) -> _Counts:
    """Lines per sub-unit and per institution type, with the units past their deadline that have
    not submitted per sub-unit, from two GROUP BY queries whose rows do not grow with the
    number of units (sub-units × types × states × levels)."""
    counted = frozenset(BASES[basis])
    dates, keys = _deadline_keys(office, campaign)
    today = timezone.localdate()
    by_sub: dict[str, Line] = defaultdict(lambda: Line("", basis=basis))
    by_type: dict[Any, Line] = defaultdict(lambda: Line("", basis=basis))
    # (sub-unit, deadline key) → units that have not submitted (not started, draft, returned).
    pending: dict[tuple[str, int], int] = defaultdict(int)
    extra = {"deadline": _deadline_key(keys)} if keys else {}
    for sub, kind, n, *deadline in (
        units.values("institution_type", sub=_sub_unit(office), **extra)
        .annotate(n=Count("id"))
        .order_by()
        .values_list("sub", "institution_type", "n", *extra)
    ):
        for line in (by_sub[sub], by_type[kind]):
            line.total += n
            line.statuses[NOT_STARTED] += n
        pending[sub, deadline[0] if deadline else 0] += n
    extra = {"deadline": _deadline_key(keys, "unit__")} if keys else {}
    rows = (
        Assessment.objects.filter(campaign=campaign, unit__in=units)
        .values(*FIELDS, sub=_sub_unit(office, "unit__"), **extra)
        .annotate(n=Count("id"))
        .order_by()
        .values_list("sub", *FIELDS, *extra, "n")
    )
    names = [measure for measure, _ in MEASURES]
    for sub, kind, status, *measured, n in rows:
        deadline = measured.pop() if keys else 0
        if status not in PENDING:
            pending[sub, deadline] -= n
        for line in (by_sub[sub], by_type[kind]):
            line.statuses[status] += n
            line.statuses[NOT_STARTED] -= n
            if status in counted:
                for name, level in zip(names, measured, strict=True):
                    if level in LEVELS:
                        line.levels[name][level] += n
    late: dict[str, int] = defaultdict(int)
    for (sub, key), n in pending.items():
        deadline = dates[key] if key else campaign.submit_by
        if deadline and deadline < today:  # the nearest office's deadline is its units' deadline
            late[sub] += n
    return _Counts(by_sub, by_type, late)


def office_tally(
    office: Unit, campaign: Campaign, basis: str = DEFAULT_BASIS, user: Any = None
) -> Tally:
    """The office's counts: overall, per institution type, per sub-unit (the office's children
    that are not institutions, then the units directly under the office), with lateness."""
    basis = parse_basis(basis)
    counts = _lines(office, campaign, basis, scope(office, campaign, user))
    children = {
        str(u.pk): Line(u.name, unit=u, basis=basis)
        for u in Unit.objects.filter(parent=office, is_active=True)
        .exclude(kind=Unit.Kind.INSTITUTION)
        .only("pk", "path", "name", "kind", "parent_id")
        .order_by("name")
    }
    direct = Line(f"Trực thuộc {office.name}", unit=office, basis=basis)
    overall = Line("Toàn đơn vị", unit=office, basis=basis)
    for sub, line in counts.by_sub.items():
        line.late = counts.late.get(sub, 0)
        children.get(sub, direct).add(line)
    for line in counts.by_type.values():  # the same units as the sub-units' lines
        overall.add(line)
    overall.late = sum(counts.late.values())
    type_labels = {k: str(v) for k, v in Unit.InstitutionType.choices}
    by_type = []
    for key in sorted(counts.by_type, key=lambda k: str(k)):
        line = counts.by_type[key]
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
    """Every unit of the scope in the tree's order (units.models.tree_order), with its
    assessment of the campaign and whether its result counts on `basis` (2 queries)."""
    counted = BASES[parse_basis(basis)]
    in_scope = scope(office, campaign, user)
    units = sorted(in_scope.select_related(*with_unit), key=tree_order)
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
