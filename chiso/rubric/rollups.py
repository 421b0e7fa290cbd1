"""Roll-up figures: an office's criterion computed from the recognised results below it.

compute(rollup, members) → Computation(figure, outcomes): the figure (numerator/denominator),
and for every institution whether it counts, so that a screen can show which ones move it.
The caller gathers the members (their recognised scorecards); this module reads no database.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

from chiso.rubric import wording
from chiso.rubric.definitions import Band, FactValue, Figure, Framework, Number, Rollup
from chiso.rubric.results import Scorecard

Outcome = Literal["counted", "not_counted", "no_result", "out_of_scope"]
OUTCOME_LABELS: dict[str, str] = {
    "counted": "đạt",
    "not_counted": "chưa đạt",
    "no_result": "chưa có kết quả được công nhận",
    "out_of_scope": "ngoài phạm vi",
}


@dataclass(frozen=True, slots=True)
class Member:
    """One institution below the office: its recognised scorecard (None if none yet)."""

    id: str
    name: str
    type: str = ""
    card: Scorecard | None = None
    facts: Mapping[str, FactValue] = field(default_factory=dict)
    on_time: bool | None = None  # submitted by its deadline; None: not submitted


@dataclass(frozen=True, slots=True)
class MemberOutcome:
    member_id: str
    name: str
    outcome: Outcome
    value: Number | None = None  # the level or points read, when there is one


@dataclass(frozen=True, slots=True)
class Computation:
    """A roll-up's figure and how each institution counted in it."""

    rollup: Rollup
    figure: Figure
    outcomes: tuple[MemberOutcome, ...]

    def members(self, outcome: Outcome) -> tuple[MemberOutcome, ...]:
        return tuple(o for o in self.outcomes if o.outcome == outcome)

    def explanation(self) -> str:
        """How the figure was computed, in words."""
        r, fig = self.rollup, self.figure
        counted = len(self.members("counted"))
        no_result = len(self.members("no_result"))
        if r.is_share:
            text = f"{counted} trên {fig.denominator} {r.unit} {_condition(r)}"
            if fig.denominator:
                text += f" = {wording.percent(Fraction(counted * 100, fig.denominator))}"
        else:
            text = f"Tổng {wording.points(fig.numerator)} của {fig.denominator} {r.unit}"
            if fig.denominator:
                text += f" → trung bình {wording.points(Fraction(fig.numerator) / fig.denominator)}"
        if no_result:
            rule = (
                "tính là chưa đạt" if r.is_share else "không tính vào mẫu số"
            )  # as the Rollup docstring says
            text += f"; {no_result} {r.unit} chưa có kết quả được công nhận ({rule})"
        return text


def _condition(r: Rollup) -> str:
    if r.measure == "share_at_level":
        target = "mức độ chung" if r.group == "overall" else f"nhóm {r.group}"
        return f"đạt từ Mức độ {r.min_level} trở lên ({target})"
    if r.measure == "share_on_time":
        return "nộp kết quả tự đánh giá đúng hạn"
    if r.measure == "share_item_met":
        need = f"từ {wording.points(r.at_least)}" if r.at_least is not None else "có điểm"
        return f"đạt mục {r.item} ({need})"
    return f"đáp ứng: {r.fact}"


def compute(rollup: Rollup, members: Iterable[Member]) -> Computation:
    """The roll-up figure over `members` with each one's outcome (pure; no rounding)."""
    numerator: Number = 0
    denominator = 0
    outcomes = []
    for member in members:
        if rollup.types and member.type not in rollup.types:
            outcomes.append(MemberOutcome(member.id, member.name, "out_of_scope"))
            continue
        outcome, value = _measure(rollup, member)
        if rollup.is_share:
            denominator += 1
            numerator += outcome == "counted"
        elif outcome != "no_result":
            denominator += 1
            numerator += value or 0
        outcomes.append(MemberOutcome(member.id, member.name, outcome, value))
    return Computation(rollup, Figure(numerator, denominator), tuple(outcomes))


def _measure(r: Rollup, m: Member) -> tuple[Outcome, Number | None]:
    if r.measure == "share_on_time":
        return ("counted" if m.on_time else "not_counted"), None
    card = m.card
    if card is None:
        return "no_result", None
    value: Number | None
    if r.measure == "share_at_level":
        value = card.overall_level if r.group == "overall" else _group_level(card, r.group)
        return ("counted" if value is not None and value >= r.min_level else "not_counted"), value
    if r.measure == "share_item_met":
        value = _item_points(card, r.item)
        met = value is not None and (value >= r.at_least if r.at_least is not None else value > 0)
        return ("counted" if met else "not_counted"), value
    if r.measure == "share_fact_true":
        return ("counted" if m.facts.get(r.fact) is True else "not_counted"), None
    value = _criterion_points(card, r.criterion) if r.criterion else _group_points(card, r.group)
    return ("not_counted" if value is None else "counted"), value


def _group_level(card: Scorecard, group_id: str) -> int | None:
    return next((g.level for g in card.groups if g.id == group_id), None)


def _group_points(card: Scorecard, group_id: str) -> Number | None:
    return next((g.points for g in card.groups if g.id == group_id), None)


def _criterion_points(card: Scorecard, criterion_id: str) -> Number | None:
    for group in card.groups:
        for criterion in group.criteria:
            if criterion.id == criterion_id:
                return criterion.points
    return None


def _item_points(card: Scorecard, item_id: str) -> Number | None:
    for group in card.groups:
        for criterion in group.criteria:
            for item in criterion.items:
                if item.id == item_id:
                    return item.awarded
    return None


def compute_all(framework: Framework, members: Iterable[Member]) -> dict[str, Computation]:
    """Every roll-up of the framework over the same members."""
    listed = list(members)
    return {r.id: compute(r, listed) for r in framework.rollups}


def figures(computations: Mapping[str, Computation]) -> dict[str, Figure]:
    """The facts to score an office with: roll-up id → figure."""
    return {rollup_id: c.figure for rollup_id, c in computations.items()}


def next_band(framework: Framework, item_id: str, computation: Computation) -> str:
    """What would move the item into its next higher band, in words ("" at the top)."""
    rule = framework.item(item_id).rule
    bands: tuple[Band, ...] = getattr(rule, "bands", ())
    fig, r = computation.figure, computation.rollup
    if not fig.denominator or not bands:
        return ""
    scale = 100 if r.is_share else 1
    value = Fraction(fig.numerator * scale, fig.denominator)
    current = next((b for b in bands if b.interval.contains(value)), None)
    higher = sorted(
        (b for b in bands if current is None or b.cap > current.cap),
        key=lambda b: b.cap,
    )
    if not higher:
        return ""
    target = higher[0]
    if r.is_share:
        for extra in range(1, fig.denominator - int(fig.numerator) + 1):
            if target.interval.contains(Fraction((fig.numerator + extra) * 100, fig.denominator)):
                return (
                    f"Cần thêm {extra} {r.unit} đạt để vào khoảng "
                    f"{wording.interval(target.interval)}% → {wording.points(target.cap)}"
                )
        return ""
    if target.interval.low is None:
        return ""
    needed = target.interval.low.value * fig.denominator - fig.numerator
    more = "" if target.interval.low.inclusive else "hơn "
    return (
        f"Cần thêm tổng cộng {more}{wording.points(max(needed, Fraction(0)))} "
        f"(điểm trung bình {wording.interval(target.interval)}) → {wording.points(target.cap)}"
    )
