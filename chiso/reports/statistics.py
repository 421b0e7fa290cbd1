"""Level statistics of an office's units (S0, S3): count and share of units per level, per group,
overall, per institution type and per sub-unit. Counted by the office's one rule (tally.py):
every unit of the campaign's scope in the denominators, results counted on the chosen basis."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from chiso.assessments import tally
from chiso.assessments.tally import LEVELS
from chiso.rubric import wording
from chiso.units.models import Unit

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
    basis: str = tally.DEFAULT_BASIS

    @property
    def note(self) -> str:
        return f"{tally.basis_note(self.basis)} {NOTE}"


def _row(line: tally.Line) -> LevelRow:
    return LevelRow(line.label, line.counted, line.total, line.levels)


def from_tally(counts: tally.Tally) -> LevelStatistics:
    return LevelStatistics(
        counts.office,
        counts.campaign.school_year,
        _row(counts.overall),
        [_row(line) for line in counts.by_type],
        [_row(line) for line in counts.by_sub_unit],
        counts.basis,
    )


def statistics_for(
    office: Unit, campaign: Any, user: Any, basis: str = tally.DEFAULT_BASIS
) -> LevelStatistics:
    """The office's statistics as `user` may see them."""
    return from_tally(tally.office_tally(office, campaign, basis, user))


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
    "* Mức chung: mức thấp nhất của hai nhóm (quy ước thống kê của đơn vị; Quyết định 4725 chỉ "
    "xếp mức từng nhóm)."
)
