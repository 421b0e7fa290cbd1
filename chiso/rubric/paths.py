"""The path to the next level, and what changed between two scorecards.

For each group: the points missing to the next group level, the mandatory conditions that must
be met (a group with an unmet one is held at Mức độ 1 under `cap_group_level_at_1`), and the
cheapest sets of item changes that would get there. A change raises one item from its current
points to a higher cap its rule allows (yes/no: its cap; bands and choices: any higher band).
The cost of a set is its number of changes, or the sum of per-item effort weights when an office
gives them. A yes/no item whose facts include all the facts of another yes/no item (the LMS
functions need the LMS) can only be raised together with that item.

The search is an exact branch and bound over the items of one group (a dozen items of at most
four caps each), so the answer is the true optimum; tests compare it with brute force.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from chiso.rubric import wording
from chiso.rubric.definitions import (
    ChoiceRule,
    CountBandsRule,
    Framework,
    Group,
    Interval,
    Item,
    LevelBand,
    Number,
    PercentBandsRule,
    RollupBandsRule,
    YesNoRule,
)
from chiso.rubric.results import (
    CriterionResult,
    GroupResult,
    ItemResult,
    Scorecard,
    json_number,
)
from chiso.rubric.scoring import level_for

DEFAULT_LIMIT = 5


@dataclass(frozen=True, slots=True)
class Step:
    """One change: an item (or a whole-criterion award) raised from `current` to `target` points."""

    item_id: str
    criterion_id: str
    title: str
    current: Number
    target: Number
    effort: Number
    how: str  # what the rule asks for the target, e.g. "trên 40 học liệu", "Có"

    @property
    def gain(self) -> Number:
        return self.target - self.current


@dataclass(frozen=True, slots=True)
class Route:
    """A set of changes that reaches the next level, with its total gain and cost."""

    steps: tuple[Step, ...]
    gain: Number
    cost: Number

    @property
    def item_ids(self) -> tuple[str, ...]:
        return tuple(s.item_id for s in self.steps)


@dataclass(frozen=True, slots=True)
class Requirement:
    """A mandatory condition that must be met before the group can rise above Mức độ 1."""

    criterion_id: str
    title: str
    fact: str
    known: bool  # False when the fact was not given at all


@dataclass(frozen=True, slots=True)
class GroupPath:
    """The way from a group's current level to the next one."""

    group_id: str
    title: str
    points: Number
    level: int  # the level now (missing facts counted as 0 points)
    next_level: int | None  # None when the group is at the top level
    threshold: Number | None  # the lower bound of the next level's band
    inclusive: bool  # whether reaching `threshold` exactly is enough
    missing_points: Number  # 0 when the points already suffice
    requirements: tuple[Requirement, ...]
    routes: tuple[Route, ...]
    reachable: bool  # False when even every item at its cap cannot reach the next level
    complete: bool = True  # False when facts are missing (their items count 0 points here)

    @property
    def best(self) -> Route | None:
        return self.routes[0] if self.routes else None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON: numbers as int (or float when fractional)."""
        return {
            "group": self.group_id,
            "points": json_number(self.points),
            "level": self.level,
            "next_level": self.next_level,
            "threshold": json_number(self.threshold),
            "inclusive": self.inclusive,
            "missing_points": json_number(self.missing_points),
            "requirements": [r.criterion_id for r in self.requirements],
            "reachable": self.reachable,
            "complete": self.complete,
            "summary": self.summary(),
            "routes": [
                {
                    "cost": json_number(r.cost),
                    "gain": json_number(r.gain),
                    "steps": [
                        {
                            "item": st.item_id,
                            "from": json_number(st.current),
                            "to": json_number(st.target),
                            "needs": st.how,
                        }
                        for st in r.steps
                    ],
                }
                for r in self.routes
            ],
        }

    def summary(self) -> str:
        """One Vietnamese sentence: what is missing for the next level."""
        who = f"Nhóm {self.group_id}" if self.group_id else "Toàn bộ chỉ số"
        if self.next_level is None:
            return f"{who} đã ở mức cao nhất (Mức độ {self.level})."
        parts = []
        if self.missing_points > 0:
            word = "ít nhất" if self.inclusive else "hơn"
            parts.append(f"cần thêm {word} {wording.points(self.missing_points)}")
        if self.requirements:
            ids = ", ".join(r.criterion_id for r in self.requirements)
            parts.append(f"đáp ứng điều kiện bắt buộc {ids}")
        if not self.reachable:
            parts.append(
                "không thể đạt được chỉ bằng các mục của nhóm"
                if self.group_id
                else "không thể đạt được chỉ bằng các mục của bộ chỉ số"
            )
        body = "; ".join(parts) if parts else "đã đủ điều kiện"
        note = "" if self.complete else " (chưa đủ dữ kiện: mục chưa nhập được tính 0 điểm)"
        return f"{who} lên Mức độ {self.next_level}: {body}{note}."


# -- options -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Option:
    target: Number
    how: str


@dataclass(frozen=True, slots=True)
class _Candidate:
    """An item (or a whole-criterion award) that can be raised, with its options."""

    id: str
    criterion_id: str
    title: str
    current: Number
    options: tuple[_Option, ...]  # increasing targets, all above `current`
    effort: Number
    requires: tuple[str, ...]  # candidate ids that must be raised with it
    facts: frozenset[str]
    lacking: frozenset[str]  # facts of a yes/no item not yet met
    carries: tuple[str, ...] = ()  # candidate ids raised with it, their other facts being met


def _rule_options(framework: Framework, item: Item, current: Number) -> list[_Option]:
    rule = item.rule
    found: dict[Number, str] = {}
    if isinstance(rule, YesNoRule):
        found[rule.cap] = wording.yes_no(True)
    elif isinstance(rule, ChoiceRule):
        spec = framework.fact(rule.fact)
        for key, cap in rule.caps:
            if cap not in found:
                found[cap] = spec.option_label(key)
    elif isinstance(rule, CountBandsRule):
        unit = framework.fact(rule.fact).unit
        for band in rule.bands:
            found.setdefault(band.cap, _at_least(band.interval, unit, rule.zero_awards_zero))
    elif isinstance(rule, PercentBandsRule):
        for band in rule.bands:
            found.setdefault(band.cap, _at_least(band.interval, "", True, percent=True))
    elif isinstance(rule, RollupBandsRule):
        share = framework.rollup(rule.rollup).is_share
        for band in rule.bands:
            found.setdefault(band.cap, _at_least(band.interval, "", True, percent=share))
    return [_Option(cap, how) for cap, how in sorted(found.items()) if cap > current]


def _at_least(
    interval: Interval, unit: str, zero_awards_zero: bool, *, percent: bool = False
) -> str:
    """What reaching a band asks, from below: "ít nhất 20 học liệu", "trên 60%"."""
    suffix = "%" if percent else (f" {unit}" if unit else "")
    low = interval.low
    if low is None:
        if percent:
            return "trên 0%"
        return f"ít nhất 1{suffix}" if zero_awards_zero else f"0{suffix}"
    word = "ít nhất" if low.inclusive else "trên"
    return f"{word} {wording.number(low.value)}{suffix}"


def _candidates(
    framework: Framework,
    group: Group,
    result: GroupResult,
    effort: Mapping[str, Number],
) -> list[_Candidate]:
    out: list[_Candidate] = []
    for criterion in group.scored_criteria:
        cres: CriterionResult = next(c for c in result.criteria if c.id == criterion.id)
        whole = bool(cres.items) and all(i.status == "criterion_awarded" for i in cres.items)
        if whole:
            current = cres.points or 0
            if current < criterion.max:
                option = _Option(criterion.max, "toàn bộ tiêu chí")
                weight = effort.get(criterion.id, 1)
                out.append(
                    _Candidate(
                        criterion.id,
                        criterion.id,
                        criterion.title,
                        current,
                        (option,),
                        weight,
                        (),
                        frozenset(),
                        frozenset(),
                    )
                )
            continue
        by_id: dict[str, ItemResult] = {i.id: i for i in cres.items}
        for item in criterion.items:
            ires = by_id.get(item.id)
            current = ires.awarded if ires is not None and ires.awarded is not None else 0
            options = _rule_options(framework, item, current)
            if not options:
                continue
            facts = frozenset(item.rule.facts) if isinstance(item.rule, YesNoRule) else frozenset()
            detail = ires.detail if ires is not None else None
            lacking = (
                frozenset(d for d in detail if isinstance(d, str))
                if isinstance(detail, tuple) and len(facts) > 1
                else facts
            )
            out.append(
                _Candidate(
                    item.id,
                    criterion.id,
                    item.title,
                    current,
                    tuple(options),
                    effort.get(item.id, 1),
                    (),
                    facts,
                    lacking,
                )
            )
    # Dependencies between yes/no items: raising one whose facts strictly include another's
    # raises (and needs) that other one too.
    linked = []
    for cand in out:
        needs = tuple(
            other.id
            for other in out
            if other.facts and cand.facts and other.facts < cand.facts and other.id != cand.id
        )
        carries = tuple(
            other.id
            for other in out
            if other.id != cand.id
            and cand.facts
            and cand.facts < other.facts
            and other.lacking <= cand.facts
        )
        linked.append(
            _Candidate(
                cand.id,
                cand.criterion_id,
                cand.title,
                cand.current,
                cand.options,
                cand.effort,
                needs,
                cand.facts,
                cand.lacking,
                carries,
            )
        )
    # Prerequisites first, so the search decides them before their dependants.
    linked.sort(key=lambda c: len(c.facts))
    return linked


# -- levels --------------------------------------------------------------------------------------


def _level(levels: tuple[LevelBand, ...], points: Number) -> int:
    band = level_for(levels, points)
    return band.level if band is not None else 0


def _reaches(levels: tuple[LevelBand, ...], points: Number, wanted: int) -> bool:
    return _level(levels, points) >= wanted


def _threshold(levels: tuple[LevelBand, ...], wanted: int) -> tuple[Number | None, bool]:
    lows = [b.interval.low for b in levels if b.level >= wanted and b.interval.low is not None]
    if not lows:
        return None, True
    low = min(lows, key=lambda b: (b.value, not b.inclusive))
    value: Number = int(low.value) if low.value.denominator == 1 else low.value
    return value, low.inclusive


# -- search --------------------------------------------------------------------------------------


def _search(
    cands: list[_Candidate],
    ok: _Goal,
    need: Number,
    limit: int,
) -> list[Route]:
    """Cheapest sets of changes (tight: no step can be lowered or dropped), up to `limit`.

    The cost of the first route is the exact optimum. Once `limit × 4` routes of that cost are
    found, the search stops looking for more of the same cost.
    """
    n = len(cands)
    max_gain = [c.options[-1].target - c.current for c in cands]
    suffix: list[Number] = [0] * (n + 1)
    for i in range(n - 1, -1, -1):
        suffix[i] = suffix[i + 1] + max_gain[i]
    # For the cost bound: the remaining candidates by gain per unit of effort, best first.
    by_ratio = [
        sorted(
            (j for j in range(i, n)),
            key=lambda j: Fraction(max_gain[j]) / Fraction(cands[j].effort or 1),
            reverse=True,
        )
        for i in range(n + 1)
    ]
    enough = limit * 4

    def lower_bound(i: int, missing: Number) -> Number:
        """Least cost to gain `missing` more from candidates i.. (fractional relaxation)."""
        total: Number = 0
        for j in by_ratio[i]:
            if j in chosen:
                continue
            g, e = max_gain[j], cands[j].effort
            if g >= missing:
                return total + (Fraction(e) * Fraction(missing) / Fraction(g) if g else 0)
            total += e
            missing -= g
        return total

    index = {c.id: i for i, c in enumerate(cands)}
    best: list[Number | None] = [None]
    found: list[tuple[Number, Number, tuple[tuple[int, int], ...]]] = []
    chosen: dict[int, int] = {}  # candidate index -> option index

    def visit(i: int, gain: Number, cost: Number) -> None:
        bound = best[0]
        if bound is not None and cost > bound:
            return
        if ok(gain):
            if bound is None or cost < bound:
                best[0] = cost
                found.clear()
            found.append((cost, gain, tuple(sorted(chosen.items()))))
            return  # adding more only costs more (or the same, and would not be tight)
        if i == n or not ok(gain + suffix[i]):
            return
        if bound is not None:
            estimate = cost + lower_bound(i, need - gain)
            if estimate > bound or (estimate == bound and len(found) >= enough):
                return
        cand = cands[i]
        if i in chosen:  # raised with a prerequisite
            visit(i + 1, gain, cost)
            return
        if all(index.get(r) in chosen for r in cand.requires):
            for k in range(len(cand.options) - 1, -1, -1):  # highest first: a bound sooner
                option = cand.options[k]
                chosen[i] = k
                extra_gain, extra_cost = option.target - cand.current, cand.effort
                carried = [index[c] for c in cand.carries if index[c] not in chosen]
                for j in carried:
                    chosen[j] = len(cands[j].options) - 1
                    extra_gain += cands[j].options[-1].target - cands[j].current
                    extra_cost += cands[j].effort
                visit(i + 1, gain + extra_gain, cost + extra_cost)
                for j in carried:
                    del chosen[j]
                del chosen[i]
        visit(i + 1, gain, cost)

    visit(0, 0, 0)
    routes = []
    for cost, gain, picks in found:
        if not _tight(cands, picks, gain, ok):
            continue
        steps = tuple(
            Step(
                cands[i].id,
                cands[i].criterion_id,
                cands[i].title,
                cands[i].current,
                cands[i].options[k].target,
                cands[i].effort,
                cands[i].options[k].how,
            )
            for i, k in picks
        )
        routes.append(Route(steps, gain, cost))
    routes.sort(key=lambda r: (r.cost, r.gain, len(r.steps), r.item_ids))
    return routes[:limit]


def _tight(
    cands: list[_Candidate], picks: tuple[tuple[int, int], ...], gain: Number, ok: _Goal
) -> bool:
    """No step can be lowered by one option (or dropped) and still reach the goal."""
    chosen = {i for i, _ in picks}
    for i, k in picks:
        cand = cands[i]
        lower = cand.options[k - 1].target if k > 0 else cand.current
        needed_by_other = any(
            cand.id in cands[j].requires or cand.id in cands[j].carries for j in chosen if j != i
        )
        carried = any(cands[j].id in cand.carries for j in chosen if j != i)
        if k == 0 and (needed_by_other or carried):
            continue
        if ok(gain - (cand.options[k].target - lower)):
            return False
    return True


class _Goal:
    """Whether a gain lifts the points to the wanted level (or above)."""

    __slots__ = ("inclusive", "levels", "need", "points", "wanted")

    def __init__(self, levels: tuple[LevelBand, ...], points: Number, wanted: int) -> None:
        self.levels, self.points, self.wanted = levels, points, wanted
        threshold, self.inclusive = _threshold(levels, wanted)
        # Levels rise with points (the loader checks it): one comparison is enough.
        self.need: Number | None = None if threshold is None else threshold - points

    def __call__(self, gain: Number) -> bool:
        need = self.need
        if need is None:
            return _reaches(self.levels, self.points + gain, self.wanted)
        return gain > need or (self.inclusive and gain == need)


# -- public --------------------------------------------------------------------------------------


def group_path(
    framework: Framework,
    card: Scorecard,
    group_id: str,
    effort: Mapping[str, Number] | None = None,
    limit: int = DEFAULT_LIMIT,
) -> GroupPath:
    """The path of one group of a scorecard to its next level."""
    return _path(framework, framework.group(group_id), card.group(group_id), effort, limit)


def total_path(
    framework: Framework,
    card: Scorecard,
    effort: Mapping[str, Number] | None = None,
    limit: int = DEFAULT_LIMIT,
) -> GroupPath:
    """The path of the whole index to its next level (levels set on the total, as 3806): one
    search over the items of every group, against `total_levels`."""
    whole = Group(
        "",
        "Toàn bộ chỉ số",
        framework.max,
        tuple(c for g in framework.groups for c in g.criteria),
    )
    results = tuple(c for g in card.groups for c in g.criteria)
    total: Number = sum((g.points for g in card.groups), 0)
    result = GroupResult(
        "",
        framework.max,
        total,
        card.overall_level,
        card.overall_rule_level,
        None,
        all(g.complete for g in card.groups),
        lambda _result: card.overall_explanation,
        results,
    )
    return _path(framework, whole, result, effort, limit, framework.total_levels)


def _path(
    framework: Framework,
    group: Group,
    result: GroupResult,
    effort: Mapping[str, Number] | None,
    limit: int,
    levels: tuple[LevelBand, ...] | None = None,
) -> GroupPath:
    levels = framework.group_levels if levels is None else levels
    points: Number = result.points
    rule_level = _level(levels, points)
    unmet = tuple(
        Requirement(c.id, c.title, c.fact, cres.met is not None)
        for c in group.mandatory_criteria
        for cres in result.criteria
        if cres.id == c.id and cres.met is not True
    )
    capped = framework.mandatory_policy == "cap_group_level_at_1" and bool(unmet)
    level = min(rule_level, 1) if capped else rule_level
    top = max(b.level for b in levels)
    if level >= top:
        return GroupPath(
            group.id, group.title, points, level, None, None, True, 0, (), (), True, result.complete
        )
    wanted = level + 1
    threshold, inclusive = _threshold(levels, wanted)
    requirements = (
        unmet if wanted > 1 and framework.mandatory_policy == "cap_group_level_at_1" else ()
    )
    missing: Number = 0
    if threshold is not None and not _reaches(levels, points, wanted):
        missing = threshold - points
    goal = _Goal(levels, points, wanted)
    if goal(0):
        routes: tuple[Route, ...] = (Route((), 0, 0),)
    else:
        cands = _candidates(framework, group, result, effort or {})
        routes = tuple(_search(cands, goal, missing, limit))
    return GroupPath(
        group.id,
        group.title,
        points,
        level,
        wanted,
        threshold,
        inclusive,
        missing,
        requirements,
        routes,
        bool(routes),
        result.complete,
    )


def paths(
    framework: Framework,
    card: Scorecard,
    effort: Mapping[str, Number] | None = None,
    limit: int = DEFAULT_LIMIT,
) -> tuple[GroupPath, ...]:
    """The path to the next level of every group (of the whole index when its levels are set
    on the total)."""
    if framework.levels_on_total:
        return (total_path(framework, card, effort, limit),)
    return tuple(group_path(framework, card, g.id, effort, limit) for g in framework.groups)


# -- what changed --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Change:
    """One figure that moved between two scorecards (points or level)."""

    kind: str  # "group" | "criterion" | "item" | "mandatory"
    id: str
    before: Number | None
    after: Number | None
    level_before: int | None = None
    level_after: int | None = None

    @property
    def delta(self) -> Number | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    @property
    def direction(self) -> str:
        """ "up", "down" or "same" (points first, then level)."""
        d = self.delta
        if d is not None and d != 0:
            return "up" if d > 0 else "down"
        if self.level_before != self.level_after:
            if self.level_before is None:
                return "up"
            if self.level_after is None:
                return "down"
            return "up" if self.level_after > self.level_before else "down"
        return "same"


def diff(before: Scorecard, after: Scorecard) -> tuple[Change, ...]:
    """Every group, criterion, item and mandatory condition whose points, level or status moved.

    Both scorecards must come from the same framework; ids missing on one side are reported
    with None on that side.
    """
    changes: list[Change] = []
    old_groups = {g.id: g for g in before.groups}
    for group in after.groups:
        old = old_groups.get(group.id)
        if old is None or old.points != group.points or old.level != group.level:
            changes.append(
                Change(
                    "group",
                    group.id,
                    old.points if old else None,
                    group.points,
                    old.level if old else None,
                    group.level,
                )
            )
        old_criteria = {c.id: c for c in old.criteria} if old else {}
        for crit in group.criteria:
            oc = old_criteria.get(crit.id)
            if crit.kind == "mandatory":
                was = oc.met if oc else None
                if was != crit.met:
                    changes.append(
                        Change(
                            "mandatory",
                            crit.id,
                            None if was is None else int(was),
                            None if crit.met is None else int(crit.met),
                        )
                    )
                continue
            if oc is None or oc.points != crit.points or oc.level != crit.level:
                changes.append(
                    Change(
                        "criterion",
                        crit.id,
                        oc.points if oc else None,
                        crit.points,
                        oc.level if oc else None,
                        crit.level,
                    )
                )
            old_items = {i.id: i for i in oc.items} if oc else {}
            for item in crit.items:
                oi = old_items.get(item.id)
                if oi is None or oi.awarded != item.awarded:
                    changes.append(
                        Change("item", item.id, oi.awarded if oi else None, item.awarded)
                    )
    return tuple(changes)
