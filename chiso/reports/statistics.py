"""Level statistics of an office's units (S0, S3): count and share of units per level, per group,
overall, per institution type and per sub-unit. Counted on recognised or published results."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from chiso.assessments import access
from chiso.assessments.models import Assessment
from chiso.rubric import wording
from chiso.units.models import Unit

LEVELS = (1, 2, 3)
COUNTED = (Assessment.Status.RECOGNISED, Assessment.Status.PUBLISHED)
MEASURES = (("group1_level", "Nhóm 1"), ("group2_level", "Nhóm 2"), ("overall_level", "Chung*"))


@dataclass
class LevelRow:
    """One line of a statistics table: how many units reached each level of each measure."""

    label: str
    units: int = 0  # units with a counted result
    total: int = 0  # units in scope, counted or not
    counts: dict[str, dict[int, int]] = field(
        default_factory=lambda: {m: dict.fromkeys(LEVELS, 0) for m, _ in MEASURES}
    )

    def share(self, measure: str, level: int) -> str:
        count = self.counts[measure][level]
        return wording.ratio_percent(count, self.units) if self.units else "—"


@dataclass
class LevelStatistics:
    office: Unit
    school_year: str
    overall: LevelRow
    by_type: list[LevelRow]
    by_sub_unit: list[LevelRow]


def level_statistics(
    office: Unit,
    school_year: str,
    assessments: Iterable[Assessment],
    sub_units: list[Unit],
    type_labels: dict[str, str],
) -> LevelStatistics:
    """Tables from the assessments of the office's subtree (not its own)."""
    overall = LevelRow("Toàn đơn vị")
    by_type: dict[str, LevelRow] = {}
    by_sub: dict[int, LevelRow] = {u.pk: LevelRow(u.name) for u in sub_units}
    direct = LevelRow(f"Trực thuộc {office.name}")
    for a in assessments:
        unit = a.unit
        rows = [
            overall,
            by_type.setdefault(
                unit.institution_type,
                LevelRow(type_labels.get(unit.institution_type, unit.institution_type or "Khác")),
            ),
        ]
        rows.append(_sub_row(office, unit, by_sub, direct))
        counted = a.status in COUNTED
        for row in rows:
            row.total += 1
            if counted:
                row.units += 1
                for measure, _ in MEASURES:
                    level = getattr(a, measure)
                    if level in LEVELS:
                        row.counts[measure][level] += 1
    subs = [r for r in by_sub.values() if r.total] + ([direct] if direct.total else [])
    types = [by_type[k] for k in sorted(by_type)]
    return LevelStatistics(office, school_year, overall, types, subs)


def _sub_row(office: Unit, unit: Unit, by_sub: dict[int, LevelRow], direct: LevelRow) -> LevelRow:
    """The row of the office's child that contains `unit` (from the materialised path)."""
    rest = unit.path[len(office.path) :].strip("/").split("/")
    child = int(rest[0]) if rest and rest[0] else None
    return by_sub.get(child, direct) if child != unit.pk else direct


def statistics_for(office: Unit, campaign: Any, user: Any) -> LevelStatistics:
    """The office's statistics as `user` may see them."""

    assessments = (
        access.visible_assessments(user)
        .filter(campaign=campaign, unit__path__startswith=office.path)
        .exclude(unit=office)
        .only(
            "status",
            "group1_level",
            "group2_level",
            "overall_level",
            "unit__path",
            "unit__institution_type",
            "unit__name",
            "campaign__school_year",
        )
    )
    sub_units = list(
        office.children.filter(kind__in=[Unit.Kind.DISTRICT, Unit.Kind.DEPARTMENT]).order_by("name")
    )
    labels = {k: str(v) for k, v in Unit._meta.get_field("institution_type").choices or []}
    return level_statistics(
        office, campaign.school_year, assessments.iterator(2000), sub_units, labels
    )


def table_rows(stats: LevelStatistics) -> list[tuple[str, str, LevelRow]]:
    """(section, STT, row) in print order: the office, then per type, then per sub-unit."""
    out: list[tuple[str, str, LevelRow]] = [("", "", stats.overall)]
    out += [("Theo loại hình", str(i), r) for i, r in enumerate(stats.by_type, start=1)]
    if len(stats.by_sub_unit) > 1:
        out += [
            ("Theo đơn vị trực thuộc", str(i), r) for i, r in enumerate(stats.by_sub_unit, start=1)
        ]
    return out


TITLE = "THỐNG KÊ MỨC ĐỘ CHUYỂN ĐỔI SỐ CỦA CÁC CƠ SỞ GIÁO DỤC NĂM HỌC {year}"
NOTE = (
    "Tính trên kết quả đã được công nhận hoặc công bố. * Mức chung: mức thấp nhất của hai nhóm "
    "(quy ước thống kê của đơn vị; Quyết định 4725 chỉ xếp mức từng nhóm)."
)
