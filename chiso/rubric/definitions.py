"""Frozen definitions of a framework (one decision's index), built by `loading` from YAML."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

Number = int | Fraction
FactType = Literal["bool", "count", "choice", "number", "text", "figure"]


@dataclass(frozen=True, slots=True)
class Figure:
    """The value of a roll-up: numerator over denominator (a share, or a sum over a count)."""

    numerator: Number
    denominator: int

    def to_dict(self) -> dict[str, object]:
        return {"numerator": str(self.numerator), "denominator": self.denominator}


FactValue = bool | int | Fraction | str | Figure


@dataclass(frozen=True, slots=True)
class Bound:
    """One end of an interval: the value and whether it belongs to the interval."""

    value: Fraction
    inclusive: bool


@dataclass(frozen=True, slots=True)
class Interval:
    """A range of numbers as the decision words it; `None` ends are unbounded."""

    low: Bound | None
    high: Bound | None

    def contains(self, x: Number) -> bool:
        """Whether x lies inside the interval (exact comparison)."""
        low, high = self.low, self.high
        if low is not None and (x < low.value or (x == low.value and not low.inclusive)):
            return False
        return not (
            high is not None and (x > high.value or (x == high.value and not high.inclusive))
        )


@dataclass(frozen=True, slots=True)
class Band:
    """A range of a fact's value and the cap it allows."""

    interval: Interval
    cap: Number


@dataclass(frozen=True, slots=True)
class LevelBand:
    """A range of points and the level it gives."""

    interval: Interval
    level: int


@dataclass(frozen=True, slots=True)
class FactSpec:
    """A fact an institution knows: its type, its Vietnamese label and unit."""

    id: str
    type: FactType
    label: str
    unit: str = ""
    options: tuple[tuple[str, str], ...] = ()  # (value, label) for choices

    def option_label(self, value: object) -> str:
        """The Vietnamese label of a choice value, or the value itself."""
        for key, label in self.options:
            if key == str(value):
                return label
        return str(value)


@dataclass(frozen=True, slots=True)
class YesNoRule:
    """Cap when every listed fact is true, else 0."""

    facts: tuple[str, ...]
    cap: Number
    kind: Literal["yes_no"] = "yes_no"

    @property
    def maximum(self) -> Number:
        return self.cap

    @property
    def inputs(self) -> tuple[str, ...]:
        return self.facts


@dataclass(frozen=True, slots=True)
class ChoiceRule:
    """Cap chosen by the value of one choice fact."""

    fact: str
    caps: tuple[tuple[str, Number], ...]
    kind: Literal["choice"] = "choice"

    @property
    def maximum(self) -> Number:
        return max((cap for _, cap in self.caps), default=0)  # none: refused by the loader

    @property
    def inputs(self) -> tuple[str, ...]:
        return (self.fact,)


@dataclass(frozen=True, slots=True)
class CountBandsRule:
    """Cap chosen by the band a count falls in."""

    fact: str
    bands: tuple[Band, ...]
    zero_awards_zero: bool = False
    kind: Literal["count_bands"] = "count_bands"

    @property
    def maximum(self) -> Number:
        return max((band.cap for band in self.bands), default=0)  # none: refused by the loader

    @property
    def inputs(self) -> tuple[str, ...]:
        return (self.fact,)


@dataclass(frozen=True, slots=True)
class PercentBandsRule:
    """Cap chosen by the band of numerator/denominator as a percentage."""

    numerator: str
    denominator: str
    bands: tuple[Band, ...]
    zero_awards_zero: bool = False
    kind: Literal["percent_bands"] = "percent_bands"

    @property
    def maximum(self) -> Number:
        return max((band.cap for band in self.bands), default=0)  # none: refused by the loader

    @property
    def inputs(self) -> tuple[str, ...]:
        return (self.numerator, self.denominator)


@dataclass(frozen=True, slots=True)
class RollupBandsRule:
    """Cap chosen by the band of a roll-up figure: a percentage for a share, else an average."""

    rollup: str
    bands: tuple[Band, ...]
    kind: Literal["rollup_bands"] = "rollup_bands"

    @property
    def maximum(self) -> Number:
        return max(band.cap for band in self.bands)

    @property
    def inputs(self) -> tuple[str, ...]:
        return (self.rollup,)


Rule = YesNoRule | ChoiceRule | CountBandsRule | PercentBandsRule | RollupBandsRule

RollupMeasure = Literal[
    "share_at_level", "share_on_time", "share_item_met", "share_fact_true", "average_points"
]
ROLLUP_MEASURES: tuple[str, ...] = (
    "share_at_level",
    "share_on_time",
    "share_item_met",
    "share_fact_true",
    "average_points",
)


@dataclass(frozen=True, slots=True)
class Rollup:
    """A figure computed from the recognised results of the institutions below an office.

    Shares count every institution in scope in the denominator (one without a recognised result
    counts as not meeting); an average counts only the institutions with a result.
    """

    id: str
    label: str
    measure: RollupMeasure
    source: str = ""  # the framework the institutions are scored on ("qd4725-2022")
    types: tuple[str, ...] = ()  # institution types in scope; empty: all
    group: str = ""  # share_at_level, average_points ("overall" for the overall level)
    criterion: str = ""  # average_points over one criterion
    item: str = ""  # share_item_met
    fact: str = ""  # share_fact_true
    min_level: int = 0  # share_at_level
    at_least: Number | None = None  # share_item_met: points needed (default: more than 0)
    unit: str = "cơ sở"

    @property
    def is_share(self) -> bool:
        return self.measure != "average_points"


@dataclass(frozen=True, slots=True)
class Item:
    """A scored line of a criterion: its rule gives the cap."""

    id: str
    title: str
    rule: Rule
    confidence: str = "official"


@dataclass(frozen=True, slots=True)
class Criterion:
    """A criterion: either scored (items, max, levels) or a mandatory condition (one fact)."""

    id: str
    title: str
    kind: Literal["scored", "mandatory"]
    max: Number = 0
    items: tuple[Item, ...] = ()
    levels: tuple[LevelBand, ...] = ()
    fact: str = ""  # the yes/no fact of a mandatory condition
    evidence: str = ""

    @property
    def is_mandatory(self) -> bool:
        return self.kind == "mandatory"


@dataclass(frozen=True, slots=True)
class Group:
    """A criteria group with its own total and level."""

    id: str
    title: str
    max: Number
    criteria: tuple[Criterion, ...]

    @property
    def scored_criteria(self) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if not c.is_mandatory)

    @property
    def mandatory_criteria(self) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if c.is_mandatory)


@dataclass(frozen=True, slots=True)
class Relation:
    """A consistency rule between two facts: `fact` may not exceed `at_most`."""

    fact: str
    at_most: str
    message: str


@dataclass(frozen=True, slots=True)
class Decision:
    """The legal basis of a framework."""

    number: str
    date: str
    issuer: str
    title: str


MandatoryPolicy = Literal["cap_group_level_at_1", "warn_only"]
# lowest_group_level: chiso's convention for 4725 (the decision sets no overall level); total: the
# levels are set on the total of the whole index (`total_levels`), the groups have none (3806).
OverallLevel = Literal["lowest_group_level", "none", "total"]


@dataclass(frozen=True, slots=True)
class Framework:
    """One decision's index, loaded and validated."""

    id: str
    version: int
    status: str
    decision: Decision
    applies_to: tuple[str, ...]
    level_names: tuple[tuple[int, str], ...]
    group_levels: tuple[LevelBand, ...]
    mandatory_policy: MandatoryPolicy
    overall_level: OverallLevel
    groups: tuple[Group, ...]
    facts: tuple[FactSpec, ...]
    relations: tuple[Relation, ...] = ()
    source: str = ""
    rollups: tuple[Rollup, ...] = ()
    local: bool = False  # a local adaptation (a province's), not the decision's own index
    derived_from: str = ""  # "qd4725-2022@1" for an adaptation
    note: str = ""  # what the file's author wants every reader to know (e.g. provisional)
    total_levels: tuple[LevelBand, ...] = ()  # levels on the whole total (overall_level: total)
    _index: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    def fact(self, fact_id: str) -> FactSpec:
        """The spec of a fact by id (KeyError when unknown)."""
        return self._index["fact:" + fact_id]  # type: ignore[return-value]

    def has_fact(self, fact_id: str) -> bool:
        return ("fact:" + fact_id) in self._index

    def criterion(self, criterion_id: str) -> Criterion:
        return self._index["criterion:" + criterion_id]  # type: ignore[return-value]

    def has_criterion(self, criterion_id: str) -> bool:
        return ("criterion:" + criterion_id) in self._index

    def item(self, item_id: str) -> Item:
        return self._index["item:" + item_id]  # type: ignore[return-value]

    def has_item(self, item_id: str) -> bool:
        return ("item:" + item_id) in self._index

    def group(self, group_id: str) -> Group:
        return self._index["group:" + group_id]  # type: ignore[return-value]

    def rollup(self, rollup_id: str) -> Rollup:
        return self._index["rollup:" + rollup_id]  # type: ignore[return-value]

    @property
    def is_provisional(self) -> bool:
        return self.status == "provisional"

    @property
    def levels_on_total(self) -> bool:
        """Whether the levels are set on the total of the whole index, not per group."""
        return self.overall_level == "total"

    @property
    def max(self) -> Number:
        """The points of the whole index (the groups share them)."""
        return sum((g.max for g in self.groups), 0)

    def has_group(self, group_id: str) -> bool:
        return ("group:" + group_id) in self._index

    def group_of(self, criterion_id: str) -> Group:
        return self._index["group_of:" + criterion_id]  # type: ignore[return-value]

    def criterion_of(self, item_id: str) -> Criterion:
        return self._index["criterion_of:" + item_id]  # type: ignore[return-value]

    def level_name(self, level: int) -> str:
        return dict(self.level_names).get(level, f"Mức độ {level}")

    @property
    def all_items(self) -> tuple[Item, ...]:
        return tuple(i for g in self.groups for c in g.criteria for i in c.items)

    @property
    def all_criteria(self) -> tuple[Criterion, ...]:
        return tuple(c for g in self.groups for c in g.criteria)


def build_index(framework: Framework) -> None:
    """Fill the lookup table of a framework (called once by the loader)."""
    index = framework._index
    for spec in framework.facts:
        index["fact:" + spec.id] = spec
    for rollup in framework.rollups:
        index["rollup:" + rollup.id] = rollup
    for group in framework.groups:
        index["group:" + group.id] = group
        for criterion in group.criteria:
            index["criterion:" + criterion.id] = criterion
            index["group_of:" + criterion.id] = group
            for item in criterion.items:
                index["item:" + item.id] = item
                index["criterion_of:" + item.id] = criterion
