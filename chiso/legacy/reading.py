"""What the readers found about one unit: points with their places, statements, facts, and
everything they could not be sure of. Pure standard library.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any


@dataclass(frozen=True, slots=True)
class Uncertain:
    """Something the file says that was not taken, with its place and the reason."""

    where: str
    what: str

    def to_dict(self) -> dict[str, str]:
        return {"where": self.where, "what": self.what}


@dataclass(frozen=True, slots=True)
class Value:
    """Points read for a criterion or an item, where they were read."""

    points: Fraction
    where: str
    derived: bool = False  # the sum of the item rows, not a cell of its own


def plain(value: Fraction) -> int | str:
    """A statement's number: an int, or "6.5" (exact, as the consistency checker reads it)."""
    if value.denominator == 1:
        return int(value)
    return str(float(value)) if float(value) == value else f"{value.numerator}/{value.denominator}"


@dataclass
class Reading:
    """Everything read about one unit."""

    values: dict[str, Value] = field(default_factory=dict)
    stated: list[dict[str, Any]] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)
    mandatory: dict[str, bool] = field(default_factory=dict)
    uncertain: list[Uncertain] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unit_name: str = ""
    unit_code: str = ""
    overall_level: tuple[int, str] | None = None  # a level stated for the whole unit
    scoring_tables: int = 0  # tables recognised as scoring tables

    def doubt(self, where: str, what: str) -> None:
        self.uncertain.append(Uncertain(where, what))

    def state(self, **statement: Any) -> None:
        self.stated.append(statement)

    def merge(self, other: Reading) -> None:
        """Add another part of the same unit's file; a target read twice with two values is
        taken from neither."""
        for target, value in other.values.items():
            mine = self.values.get(target)
            if mine is None:
                self.values[target] = value
            elif mine.points != value.points and not value.derived:
                if mine.derived:
                    self.values[target] = value
                    continue
                del self.values[target]
                self.doubt(
                    f"{mine.where} / {value.where}",
                    f"{target}: hai giá trị khác nhau ({_show(mine.points)} và {_show(value.points)}): không lấy giá trị nào",
                )
        self.stated += other.stated
        for fact, value in other.facts.items():
            self.facts.setdefault(fact, value)
        for criterion, met in other.mandatory.items():
            self.mandatory.setdefault(criterion, met)
        self.uncertain += other.uncertain
        self.notes += [n for n in other.notes if n not in self.notes]
        self.unit_name = self.unit_name or other.unit_name
        self.unit_code = self.unit_code or other.unit_code
        self.overall_level = self.overall_level or other.overall_level
        self.scoring_tables += other.scoring_tables


def _show(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):g}".replace(".", ",")
