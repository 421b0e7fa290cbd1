"""score(framework, facts, awarded) → Scorecard: every cap, point, level, with its explanation.

A framework is compiled once into a plan of small evaluators that compare integers only (a
percentage band is checked as num·100·q ⋚ p·den), and explanations are worded on first use.
That keeps a whole country's 55,000 scorecards under two seconds on one core.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any

from chiso.rubric import wording
from chiso.rubric.definitions import (
    Band,
    ChoiceRule,
    CountBandsRule,
    Criterion,
    FactSpec,
    FactValue,
    Figure,
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
from chiso.rubric.results import CriterionResult, Finding, GroupResult, ItemResult, Scorecard

TRUE_WORDS = {"có", "co", "yes", "true", "đạt", "dat", "x", "1"}
FALSE_WORDS = {"không", "khong", "no", "false", "không đạt", "khong dat", "0", ""}

# (cap, or INVALID for facts that contradict each other; detail for the explanation),
# or None when facts are missing.
Evaluation = tuple[Any, Any] | None
Evaluator = Callable[[Mapping[str, FactValue]], Evaluation]
INVALID = "invalid"


class InvalidInput(ValueError):
    """Facts or awards that cannot be scored; every problem with where it is."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        super().__init__("\n".join(f"{where}: {problem}" for where, problem in problems))


def score(
    framework: Framework,
    facts: Mapping[str, Any],
    awarded: Mapping[str, Any] | None = None,
) -> Scorecard:
    """Score one institution. `awarded` maps item or criterion ids to points (or {points, reason})."""
    plan = _plan(framework)
    problems: list[tuple[str, str]] = []
    findings: list[Finding] = []
    values = normalise_facts(framework, facts, problems, findings)
    awards = _normalise_awards(framework, awarded, problems) if awarded else {}
    groups = tuple(
        _score_group(framework, g, values, awards, problems, findings) for g in plan.groups
    )
    if problems:
        raise InvalidInput(problems)
    missing = [f for f in plan.all_inputs if f not in values]
    overall = None
    if framework.overall_level == "lowest_group_level":
        levels = [g.level for g in groups]
        if None not in levels:
            overall = min(levels)  # type: ignore[type-var]
    if framework.levels_on_total:
        return _on_total(framework, groups, tuple(missing), tuple(findings))
    return Scorecard(
        framework.id, groups, overall, framework.overall_level, tuple(missing), tuple(findings)
    )


def _on_total(
    framework: Framework,
    groups: tuple[GroupResult, ...],
    missing: tuple[str, ...],
    findings: tuple[Finding, ...],
) -> Scorecard:
    """The level of the whole index from the total of its groups (overall_level: total); an
    unmet mandatory condition holds it at Mức độ 1 under cap_group_level_at_1."""
    total: Number = sum((g.points for g in groups), 0)
    complete = all(g.complete for g in groups)
    band = level_for(framework.total_levels, total) if complete else None
    rule_level = level = band.level if band is not None else None
    unmet = [c.id for g in groups for c in g.criteria if c.kind == "mandatory" and c.met is False]
    if unmet and framework.mandatory_policy == "cap_group_level_at_1" and level and level > 1:
        level = 1
    text = f"Tổng {wording.number(total)}/{wording.number(framework.max)} điểm"
    if not complete:
        text += " (chưa đủ dữ kiện)"
    elif band is not None:
        text += (
            f": {wording.interval(band.interval, 'điểm')} → Mức độ {band.level} "
            f"({framework.level_name(band.level)})"
        )
        if level != rule_level:
            text += (
                f"; điều kiện bắt buộc {', '.join(unmet)} chưa đáp ứng → chỉ được Mức độ {level}"
            )
    return Scorecard(
        framework.id,
        groups,
        level,
        framework.overall_level,
        missing,
        findings,
        total=total,
        total_max=framework.max,
        overall_rule_level=rule_level,
        overall_explanation=text,
    )


# -- facts ---------------------------------------------------------------------------------------


def normalise_facts(
    framework: Framework,
    facts: Mapping[str, Any],
    problems: list[tuple[str, str]],
    findings: list[Finding],
) -> dict[str, FactValue]:
    """Typed fact values; bad values go to `problems`, unknown facts to `findings`."""
    plan = _plan(framework)
    types, choices = plan.fact_types, plan.choice_keys
    values: dict[str, FactValue] = {}
    for fact_id, raw in facts.items():
        kind = types.get(fact_id)
        # Fast paths: values already of the right type.
        if (
            ((raw is True or raw is False) and kind == "bool")
            or (type(raw) is int and kind == "count" and raw >= 0)
            or (kind == "choice" and type(raw) is str and raw in choices[fact_id])
        ):
            values[fact_id] = raw
        elif raw is None:
            continue
        elif kind is None:
            findings.append(
                Finding(
                    "warning",
                    f"dữ kiện {fact_id}",
                    "dữ kiện không có trong bộ chỉ số, bị bỏ qua",
                    "unknown_fact",
                )
            )
        else:
            spec = framework.fact(fact_id)
            try:
                values[fact_id] = parse_fact(spec, raw)
            except ValueError as exc:
                problems.append((f"dữ kiện {fact_id} ({spec.label})", str(exc)))
    return values


def parse_fact(spec: FactSpec, raw: object) -> FactValue:
    """One typed value from what a person or a file gives; ValueError says why not."""
    kind = spec.type
    if kind == "bool":
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, int) and raw in (0, 1):
            return bool(raw)
        word = str(raw).strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ValueError(f"giá trị {raw!r} không phải có/không")
    if kind == "count":
        return _parse_count(raw)
    if kind == "choice":
        text = str(raw).strip()
        for key, label in spec.options:
            if text == key or text.lower() == label.lower():
                return key
        allowed = ", ".join(f"{k} ({label})" for k, label in spec.options)
        raise ValueError(f"giá trị {raw!r} không thuộc các lựa chọn: {allowed}")
    if kind == "number":
        try:
            return _plain_number(raw)
        except (ValueError, ZeroDivisionError):
            raise ValueError(f"giá trị {raw!r} không phải là số") from None
    if kind == "figure":
        return parse_figure(raw)
    return str(raw)


def parse_figure(raw: object) -> Figure:
    """A roll-up figure from a Figure, {"numerator", "denominator"} or "12/17"; ValueError if not."""
    if isinstance(raw, Figure):
        return raw
    if isinstance(raw, Mapping):
        numerator, denominator = raw.get("numerator"), raw.get("denominator")
    elif isinstance(raw, str) and raw.count("/") == 1:
        numerator, denominator = raw.split("/")
    else:
        raise ValueError(f"giá trị {str(raw)[:30]!r} không phải số liệu tổng hợp (tử số/mẫu số)")
    try:
        value = parse_points(numerator)
        count = _parse_count(denominator)
    except (ValueError, ZeroDivisionError):
        raise ValueError(f"giá trị {str(raw)[:30]!r} không phải số liệu tổng hợp") from None
    if value < 0:
        raise ValueError("tử số không được âm")
    return Figure(value, count)


MAX_NUMBER_CHARACTERS = 24


def _plain_number(raw: object) -> Fraction:
    """ "6,5" or "75.5" → an exact number. No exponent ("1e999999999" would build a number of a
    billion digits) and nothing absurdly long; ValueError otherwise."""
    text = str(raw).strip().replace(",", ".")
    if "e" in text.lower() or len(text) > MAX_NUMBER_CHARACTERS:
        raise ValueError(f"giá trị {str(raw)[:30]!r} không phải là số")
    return Fraction(text)


def _parse_count(raw: object) -> int:
    if isinstance(raw, bool):
        raise ValueError(f"giá trị {raw!r} không phải số nguyên không âm")
    if isinstance(raw, int):
        value = raw
    elif isinstance(raw, str) and raw.strip().lstrip("-").isdigit():
        value = int(raw.strip())
    elif isinstance(raw, float) and raw.is_integer():
        value = int(raw)
    else:
        raise ValueError(f"giá trị {raw!r} không phải số nguyên không âm")
    if value < 0:
        raise ValueError(f"giá trị {raw!r} không được âm")
    return value


def parse_points(raw: object) -> Number:
    """Points as an exact number ("6", 6, "6,5" → 13/2); ValueError otherwise."""
    if isinstance(raw, bool):
        raise ValueError(raw)
    if isinstance(raw, int):
        return raw
    try:
        value = _plain_number(raw)
    except ZeroDivisionError:
        raise ValueError(raw) from None
    return int(value) if value.denominator == 1 else value


def _normalise_awards(
    framework: Framework, awarded: Mapping[str, Any], problems: list[tuple[str, str]]
) -> dict[str, tuple[Number, str]]:
    awards: dict[str, tuple[Number, str]] = {}
    for target, raw in awarded.items():
        target = str(target)
        where = f"điểm chấm {target}"
        scored_criterion = (
            framework.has_criterion(target) and not framework.criterion(target).is_mandatory
        )
        if not (framework.has_item(target) or scored_criterion):
            problems.append((where, "không có mục hoặc tiêu chí có điểm với mã này"))
            continue
        points_raw, reason = (
            (raw.get("points"), str(raw.get("reason") or ""))
            if isinstance(raw, Mapping)
            else (raw, "")
        )
        if points_raw is None:
            continue
        try:
            points = parse_points(points_raw)
        except ValueError:
            problems.append((where, f"giá trị {points_raw!r} không phải là số điểm"))
            continue
        if points < 0:
            problems.append((where, "số điểm không được âm"))
            continue
        awards[target] = (points, reason)
    return awards


# -- the compiled plan ---------------------------------------------------------------------------


class _ItemPlan:
    __slots__ = ("evaluate", "explain", "id", "inputs", "maximum")

    def __init__(self, item: Item, evaluate: Evaluator, explain: Callable[[Any], str]) -> None:
        self.id = item.id
        self.inputs = item.rule.inputs
        self.maximum = item.rule.maximum
        self.evaluate = evaluate
        self.explain = explain


class _CriterionPlan:
    __slots__ = ("explain", "fact", "id", "items", "levels", "mandatory", "max")

    def __init__(self, criterion: Criterion, items: tuple[_ItemPlan, ...]) -> None:
        self.id = criterion.id
        self.mandatory = criterion.is_mandatory
        self.fact = criterion.fact
        self.max = criterion.max
        self.items = items
        self.levels = _compile_levels(criterion.levels)
        self.explain = _explain_mandatory if self.mandatory else _criterion_explainer(criterion)


class _GroupPlan:
    __slots__ = ("criteria", "explain", "id", "levels", "max")

    def __init__(
        self, group: Group, criteria: tuple[_CriterionPlan, ...], levels: tuple[LevelBand, ...]
    ) -> None:
        self.id = group.id
        self.max = group.max
        self.criteria = criteria
        self.levels = _compile_levels(levels)
        self.explain: Callable[[GroupResult], str] = _explain_mandatory  # type: ignore[assignment]  # set by _Plan


class _Plan:
    __slots__ = ("all_inputs", "choice_keys", "fact_types", "groups")

    def __init__(self, framework: Framework) -> None:
        self.fact_types = {f.id: f.type for f in framework.facts}
        self.choice_keys = {f.id: frozenset(k for k, _ in f.options) for f in framework.facts}
        self.groups = tuple(
            _GroupPlan(
                g,
                tuple(
                    _CriterionPlan(c, tuple(_compile_item(framework, i) for i in c.items))
                    for c in g.criteria
                ),
                framework.group_levels,
            )
            for g in framework.groups
        )
        explain_group = _explain_group(framework)
        for group_plan in self.groups:
            group_plan.explain = explain_group
        inputs = [f for i in framework.all_items for f in i.rule.inputs]
        inputs += [c.fact for c in framework.all_criteria if c.is_mandatory]
        self.all_inputs = tuple(dict.fromkeys(inputs))


def _plan(framework: Framework) -> _Plan:
    plan = framework._index.get("plan")
    if plan is None:
        plan = framework._index["plan"] = _Plan(framework)
    return plan  # type: ignore[return-value]


Compiled = tuple[
    Number | float, bool, Number | float, bool, object
]  # low, low inclusive, high, high inclusive, payload
# An open end is unbounded: any count, however large, falls in the last band.
NEG, POS = -math.inf, math.inf


def _compile_interval(iv: Interval, payload: object) -> Compiled:
    def plain(v: Fraction) -> Number:
        return int(v) if v.denominator == 1 else v

    low = (plain(iv.low.value), iv.low.inclusive) if iv.low else (NEG, True)
    high = (plain(iv.high.value), iv.high.inclusive) if iv.high else (POS, True)
    return (low[0], low[1], high[0], high[1], payload)


def _find(compiled: tuple[Compiled, ...], x: Number) -> Any:
    for lo, lo_in, hi, hi_in, payload in compiled:
        if (lo < x or (lo_in and lo == x)) and (x < hi or (hi_in and x == hi)):
            return payload
    return None


def _compile_levels(levels: tuple[LevelBand, ...]) -> tuple[Compiled, ...]:
    return tuple(_compile_interval(b.interval, b) for b in levels)


def level_for(levels: tuple[LevelBand, ...], points: Number) -> LevelBand | None:
    """The level band that points fall in."""
    for band in levels:
        if band.interval.contains(points):
            return band
    return None


def _compile_item(framework: Framework, item: Item) -> _ItemPlan:
    rule = item.rule
    if isinstance(rule, YesNoRule):
        return _ItemPlan(item, *_compile_yes_no(framework, rule))
    if isinstance(rule, ChoiceRule):
        return _ItemPlan(item, *_compile_choice(framework, rule))
    if isinstance(rule, CountBandsRule):
        return _ItemPlan(item, *_compile_count(framework, rule))
    if isinstance(rule, RollupBandsRule):
        return _ItemPlan(item, *_compile_rollup(framework, rule))
    return _ItemPlan(item, *_compile_percent(framework, rule))


def _cap_words(cap: Number) -> str:
    return "0 điểm" if cap == 0 else f"tối đa {wording.points(cap)}"


def _compile_yes_no(
    framework: Framework, rule: YesNoRule
) -> tuple[Evaluator, Callable[[Any], str]]:
    facts, cap = rule.facts, rule.cap
    if len(facts) == 1:
        (fact,) = facts

        def evaluate_one(values: Mapping[str, FactValue]) -> Evaluation:
            value = values.get(fact)
            if value is None:
                return None
            return (cap, True) if value is True else (0, False)

        return evaluate_one, lambda ok: f"{wording.yes_no(ok)} → {_cap_words(cap if ok else 0)}"

    labels = {f: framework.fact(f).label for f in facts}

    def evaluate_all(values: Mapping[str, FactValue]) -> Evaluation:
        lacking = []
        for f in facts:
            value = values.get(f)
            if value is None:
                return None
            if value is not True:
                lacking.append(f)
        return (0, tuple(lacking)) if lacking else (cap, ())

    def explain(lacking: tuple[str, ...]) -> str:
        if not lacking:
            return f"Đáp ứng đủ {len(facts)} điều kiện → {_cap_words(cap)}"
        return f"Chưa đáp ứng: {'; '.join(labels[f] for f in lacking)} → 0 điểm"

    return evaluate_all, explain


def _compile_choice(
    framework: Framework, rule: ChoiceRule
) -> tuple[Evaluator, Callable[[Any], str]]:
    caps, fact, spec = dict(rule.caps), rule.fact, framework.fact(rule.fact)

    def evaluate(values: Mapping[str, FactValue]) -> Evaluation:
        value = values.get(fact)
        return None if value is None else (caps.get(str(value), 0), value)

    return (
        evaluate,
        lambda value: f"{spec.option_label(value)} → {_cap_words(caps.get(str(value), 0))}",
    )


def _compile_count(
    framework: Framework, rule: CountBandsRule
) -> tuple[Evaluator, Callable[[Any], str]]:
    bands = tuple(_compile_interval(b.interval, b) for b in rule.bands)
    fact, zero_awards_zero, unit = rule.fact, rule.zero_awards_zero, framework.fact(rule.fact).unit

    def evaluate(values: Mapping[str, FactValue]) -> Evaluation:
        count = values.get(fact)
        if count is None:
            return None
        if count == 0 and zero_awards_zero:
            return (0, (count, None))
        band: Band = _find(bands, count)  # type: ignore[arg-type]
        return (band.cap, (count, band))

    def explain(detail: tuple[Number, Band | None]) -> str:
        count, band = detail
        if band is None:
            return f"0 {unit} → 0 điểm (số lượng bằng 0 không được chấm điểm)"
        return f"{wording.number(count)} {unit}, {wording.interval(band.interval)} → {_cap_words(band.cap)}"

    return evaluate, explain


def _compile_percent(
    framework: Framework, rule: PercentBandsRule
) -> tuple[Evaluator, Callable[[Any], str]]:
    # Band bounds p/q on the percentage, checked as num·100·q against p·den: integers only.
    bounds = []
    for band in rule.bands:
        iv = band.interval
        low = (
            (iv.low.value.numerator, iv.low.value.denominator, iv.low.inclusive) if iv.low else None
        )
        high = (
            (iv.high.value.numerator, iv.high.value.denominator, iv.high.inclusive)
            if iv.high
            else None
        )
        bounds.append((low, high, band))
    num_fact, den_fact, zero_awards_zero = rule.numerator, rule.denominator, rule.zero_awards_zero
    unit = framework.fact(num_fact).unit
    den_label = framework.fact(den_fact).label

    def evaluate(values: Mapping[str, FactValue]) -> Evaluation:
        num: Any = values.get(num_fact)
        den: Any = values.get(den_fact)
        if num is None or den is None:
            return None
        if den == 0 or num > den:
            return (INVALID, (num, den))
        if num == 0 and zero_awards_zero:
            return (0, (num, den, None))
        scaled = num * 100
        for low, high, band in bounds:
            if low is not None:
                left, right = scaled * low[1], low[0] * den
                if left < right or (left == right and not low[2]):
                    continue
            if high is not None:
                left, right = scaled * high[1], high[0] * den
                if left > right or (left == right and not high[2]):
                    continue
            return (band.cap, (num, den, band))
        raise AssertionError("bands cover [0, 100]: checked by the loader")

    def explain(detail: tuple[Any, ...]) -> str:
        num, den = detail[0], detail[1]
        if len(detail) == 2:
            if den == 0:
                return f"{den_label} bằng 0: không tính được tỷ lệ"
            return f"{wording.number(num)} lớn hơn {wording.number(den)}: tỷ lệ vượt quá 100%"
        band = detail[2]
        shown = f"{wording.number(num)}/{wording.number(den)} {unit} = {wording.ratio_percent(num, den)}"
        if band is None:
            return f"{shown} → 0 điểm (tỷ lệ 0% không được chấm điểm)"
        return f"{shown}, {wording.interval(band.interval)}% → {_cap_words(band.cap)}"

    return evaluate, explain


def _compile_rollup(
    framework: Framework, rule: RollupBandsRule
) -> tuple[Evaluator, Callable[[Any], str]]:
    rollup = framework.rollup(rule.rollup)
    bands = tuple(_compile_interval(b.interval, b) for b in rule.bands)
    scale = 100 if rollup.is_share else 1

    def evaluate(values: Mapping[str, FactValue]) -> Evaluation:
        figure = values.get(rule.rollup)
        if not isinstance(figure, Figure):
            return None
        if figure.denominator == 0:
            return (0, (figure, None))
        if rollup.is_share and figure.numerator > figure.denominator:
            return (INVALID, (figure, None))
        band: Band = _find(bands, Fraction(figure.numerator * scale, figure.denominator))
        return (band.cap, (figure, band))

    def explain(detail: tuple[Figure, Band | None]) -> str:
        figure, band = detail
        shown = rollup_text(framework, rule.rollup, figure)
        if band is None:
            if figure.denominator == 0:
                return f"Không có {rollup.unit} nào thuộc phạm vi → 0 điểm"
            return f"{shown}: tử số lớn hơn mẫu số"
        unit = "%" if rollup.is_share else ""
        return f"{shown}, {wording.interval(band.interval)}{unit} → {_cap_words(band.cap)}"

    return evaluate, explain


def rollup_text(framework: Framework, rollup_id: str, figure: Figure) -> str:
    """ "12/17 cơ sở = 70,6%" for a share; "trung bình 45,5 điểm (17 cơ sở)" for an average."""
    rollup = framework.rollup(rollup_id)
    num, den = figure.numerator, figure.denominator
    if den == 0:
        return f"0 {rollup.unit}"
    if rollup.is_share:
        return f"{wording.number(num)}/{wording.number(den)} {rollup.unit} = {wording.percent(Fraction(num * 100, den))}"
    return f"trung bình {wording.points(Fraction(num) / den)} ({wording.number(den)} {rollup.unit})"


# -- scoring -------------------------------------------------------------------------------------


def _missing_text(framework: Framework, missing: tuple[str, ...]) -> str:
    return "Thiếu dữ kiện: " + "; ".join(framework.fact(f).label for f in missing)


def _score_item(
    framework: Framework,
    plan: _ItemPlan,
    evaluation: Evaluation,
    values: Mapping[str, FactValue],
    awards: Mapping[str, tuple[Number, str]],
    criterion_awarded: bool,
    problems: list[tuple[str, str]],
    findings: list[Finding],
) -> ItemResult:
    if evaluation is None:
        missing = tuple(f for f in plan.inputs if f not in values)
        cap: Number | None = None
        detail: Any = missing
        explain: Callable[[Any], str] = lambda m: _missing_text(framework, m)  # noqa: E731
    else:
        cap, detail = evaluation[0], evaluation[1]
        missing, explain = (), plan.explain
        if cap is INVALID:
            result = ItemResult(plan.id, None, None, "invalid", detail, explain)
            findings.append(Finding("error", f"mục {plan.id}", result.explanation, "invalid_fact"))
            return result
    if criterion_awarded:
        return ItemResult(plan.id, cap, None, "criterion_awarded", detail, explain, "", missing)
    award = awards.get(plan.id) if awards else None
    if award is None:
        if cap is None:
            return ItemResult(plan.id, None, None, "missing", detail, explain, "", missing)
        return ItemResult(plan.id, cap, cap, "scored", detail, explain)
    points, reason = award
    limit = plan.maximum if cap is None else cap
    if points > limit:
        problems.append(
            (
                f"mục {plan.id}",
                f"chấm {wording.points(points)}, vượt điểm tối đa {wording.points(limit)} ({explain(detail)})",
            )
        )
    if cap is None:
        if points != 0:
            findings.append(
                Finding(
                    "warning",
                    f"mục {plan.id}",
                    f"chấm {wording.points(points)} nhưng chưa đủ dữ kiện để kiểm tra điểm tối đa",
                    "award_unverified",
                )
            )
        return ItemResult(
            plan.id, None, points, "awarded_without_facts", detail, explain, reason, missing
        )
    return ItemResult(plan.id, cap, points, "scored", detail, explain, reason)


def _explain_mandatory(result: CriterionResult) -> str:
    if result.met is None:
        return "Chưa có dữ kiện"
    return "Đạt (có)" if result.met else "Không đạt (không có): điều kiện bắt buộc chưa đáp ứng"


def _criterion_explainer(criterion: Criterion) -> Callable[[CriterionResult], str]:
    def explain(result: CriterionResult) -> str:
        if result.items and all(i.status == "criterion_awarded" for i in result.items):
            text = f"Chấm {wording.points(result.points)} cho cả tiêu chí"
            text += f" (lý do: {result.award_reason})" if result.award_reason else ""
        else:
            text = wording.points(result.points)
        if not result.complete:
            return text + " (chưa đủ dữ kiện)"
        band = level_for(criterion.levels, result.points or 0)
        return (
            text + f": {wording.interval(band.interval, 'điểm')} → Mức độ {band.level}"
            if band
            else text
        )

    return explain


def _score_criterion(
    framework: Framework,
    plan: _CriterionPlan,
    values: Mapping[str, FactValue],
    awards: Mapping[str, tuple[Number, str]],
    problems: list[tuple[str, str]],
    findings: list[Finding],
) -> CriterionResult:
    if plan.mandatory:
        met = values.get(plan.fact)
        return CriterionResult(
            plan.id,
            "mandatory",
            0,
            None,
            None,
            None,
            met is not None,
            plan.explain,
            (),
            None if met is None else met is True,
        )
    criterion_award = awards.get(plan.id) if awards else None
    awarded_whole = criterion_award is not None
    items = []
    cap: Number | None = 0
    points: Number = 0
    complete = True
    for item_plan in plan.items:
        evaluation = item_plan.evaluate(values)
        if evaluation is not None and not awards and evaluation[0] is not INVALID:
            # The common case, kept short: facts known, no award given, points = cap.
            item_cap = evaluation[0]
            items.append(
                ItemResult(
                    item_plan.id, item_cap, item_cap, "scored", evaluation[1], item_plan.explain
                )
            )
            if cap is not None:
                cap += item_cap
            points += item_cap
            continue
        item = _score_item(
            framework, item_plan, evaluation, values, awards, awarded_whole, problems, findings
        )
        items.append(item)
        if item.cap is None:
            cap = None
        elif cap is not None:
            cap += item.cap
        if item.awarded is None:
            complete = False
        else:
            points += item.awarded
    reason = ""
    if criterion_award is not None:
        points, reason = criterion_award
        complete = True
        limit = plan.max if cap is None else cap
        if points > limit:
            problems.append(
                (
                    f"tiêu chí {plan.id}",
                    f"chấm {wording.points(points)}, vượt điểm tối đa {wording.points(limit)}",
                )
            )
        if cap is None and points != 0:
            findings.append(
                Finding(
                    "warning",
                    f"tiêu chí {plan.id}",
                    f"chấm {wording.points(points)} cho cả tiêu chí nhưng chưa đủ dữ kiện để kiểm tra điểm tối đa",
                    "award_unverified",
                )
            )
    band = _find(plan.levels, points) if complete else None
    level = band.level if band is not None else None
    return CriterionResult(
        plan.id,
        "scored",
        plan.max,
        points,
        cap,
        level,
        complete,
        plan.explain,
        tuple(items),
        None,
        reason,
    )


def _explain_group(framework: Framework) -> Callable[[GroupResult], str]:
    def explain(result: GroupResult) -> str:
        text = wording.points(result.points)
        if not result.complete:
            return text + " (chưa đủ dữ kiện)"
        if framework.levels_on_total:
            shown = f"{wording.number(result.points)}/{wording.number(result.max)} điểm"
            return f"{shown} (mức độ xét trên tổng điểm toàn bộ chỉ số)"
        band = level_for(framework.group_levels, result.points)
        if band is not None:
            text += f": {wording.interval(band.interval, 'điểm')} → Mức độ {band.level} ({framework.level_name(band.level)})"
        if result.level != result.rule_level:
            unmet = ", ".join(c.id for c in result.criteria if c.met is False)
            text += (
                f"; điều kiện bắt buộc {unmet} chưa đáp ứng → nhóm chỉ được Mức độ {result.level}"
            )
        return text

    return explain


def _score_group(
    framework: Framework,
    plan: _GroupPlan,
    values: Mapping[str, FactValue],
    awards: Mapping[str, tuple[Number, str]],
    problems: list[tuple[str, str]],
    findings: list[Finding],
) -> GroupResult:
    criteria = tuple(
        [_score_criterion(framework, c, values, awards, problems, findings) for c in plan.criteria]
    )
    points: Number = 0
    complete = True
    mandatory_met: bool | None = True
    for c in criteria:
        if c.kind == "mandatory":
            if c.met is False:
                mandatory_met = False
            elif c.met is None and mandatory_met is True:
                mandatory_met = None
            continue
        points += c.points or 0
        complete = complete and c.complete
    band = _find(plan.levels, points) if complete else None
    rule_level = level = band.level if band is not None else None
    if mandatory_met is False:
        unmet = ", ".join(c.id for c in criteria if c.met is False)
        if framework.mandatory_policy == "cap_group_level_at_1" and level is not None and level > 1:
            level = 1
        findings.append(
            Finding(
                "warning",
                f"nhóm {plan.id}",
                f"Điều kiện bắt buộc {unmet} chưa đáp ứng",
                "mandatory_unmet",
            )
        )
    return GroupResult(
        plan.id,
        plan.max,
        points,
        level,
        rule_level,
        mandatory_met,
        complete,
        plan.explain,
        criteria,
    )
