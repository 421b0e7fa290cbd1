"""YAML → validated `Framework`. A bad file is rejected with the file, the place and the problem."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any, cast

import yaml

from chiso.rubric import wording
from chiso.rubric.definitions import (
    ROLLUP_MEASURES,
    Band,
    Bound,
    ChoiceRule,
    CountBandsRule,
    Criterion,
    Decision,
    FactSpec,
    FactType,
    Framework,
    Group,
    Interval,
    Item,
    LevelBand,
    Number,
    PercentBandsRule,
    Relation,
    Rollup,
    RollupBandsRule,
    Rule,
    YesNoRule,
    build_index,
)

FRAMEWORKS_DIR = Path(__file__).parent / "frameworks"
INTERVAL_KEYS = {"below", "above", "from", "to"}
FACT_TYPES = {"bool", "count", "choice", "number", "text"}  # "figure" facts come from rollups
PLAIN_NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]{1,3})?$")
# What each roll-up measure needs besides its id and label.
ROLLUP_PARAMETERS: dict[str, tuple[str, ...]] = {
    "share_at_level": ("group", "min_level"),
    "share_on_time": (),
    "share_item_met": ("item",),
    "share_fact_true": ("fact",),
    "average_points": (),  # group or criterion, checked below
}
ROLLUP_KEYS = {
    "label",
    "measure",
    "source",
    "types",
    "group",
    "criterion",
    "item",
    "fact",
    "min_level",
    "at_least",
    "unit",
    "choice",
    "confidence",
}


class RubricError(ValueError):
    """A framework file that cannot be used: every problem, each with its file and place."""

    def __init__(self, source: str, problems: list[tuple[str, str]]) -> None:
        self.source = source
        self.problems = problems
        lines = [f"{source}: {where}: {problem}" for where, problem in problems]
        super().__init__("\n".join(lines))


class _Problems:
    """Collects problems so that one run of the loader reports all of them."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []

    def add(self, where: str, problem: str) -> None:
        self.items.append((where, problem))


def available_frameworks() -> list[str]:
    """Ids of the framework files shipped with chiso."""
    return sorted(p.stem for p in FRAMEWORKS_DIR.glob("*.yaml"))


@functools.lru_cache(maxsize=32)
def load_framework(name_or_path: str) -> Framework:
    """Load a shipped framework by id ("qd4725-2022") or any YAML file by path."""
    path = Path(name_or_path)
    if not path.suffix:
        path = FRAMEWORKS_DIR / f"{name_or_path}.yaml"
    if not path.is_file():
        known = ", ".join(available_frameworks())
        raise RubricError(
            str(name_or_path), [("tệp", f"không tìm thấy bộ chỉ số (có sẵn: {known})")]
        )
    return load_framework_text(path.read_text(encoding="utf-8"), source=path.name)


# An index nests a handful of levels (groups, criteria, items, rules, bands); PyYAML builds
# nested collections recursively, so a file nested thousands deep would exhaust the stack.
MAX_DEPTH = 40


def check_depth(text: str, source: str, max_depth: int = MAX_DEPTH) -> None:
    """Refuse YAML nested deeper than `max_depth`, read as events (no recursion) before anything
    builds it. Syntax errors are left to the loader, which says where they are."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > max_depth:
                    mark = event.start_mark
                    where = f"dòng {mark.line + 1}, cột {mark.column + 1}" if mark else "tệp"
                    problem = f"lồng nhau quá sâu (hơn {max_depth} cấp): không phải một bộ chỉ số"
                    raise RubricError(source, [(where, problem)])
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return


def load_framework_text(text: str, source: str = "<văn bản>") -> Framework:
    """Parse and validate a framework given as YAML text."""
    check_depth(text, source)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"dòng {mark.line + 1}, cột {mark.column + 1}" if mark else "tệp"
        raise RubricError(source, [(where, f"YAML không hợp lệ: {exc}")]) from None
    except (ValueError, RecursionError) as exc:  # e.g. a date 2024-13-45, or nesting too deep
        raise RubricError(source, [("tệp", f"YAML không hợp lệ: {exc}")]) from None
    if not isinstance(data, Mapping):
        raise RubricError(source, [("tệp", "nội dung phải là một bảng khóa: giá trị (mapping)")])
    return parse_framework(data, source)


def parse_framework(data: Mapping[str, Any], source: str) -> Framework:
    """Build and validate a framework from already-parsed data."""
    problems = _Problems()
    facts = _parse_facts(data.get("facts"), problems)
    fact_types = {f.id: f for f in facts}
    rollups = _parse_rollups(data.get("rollups"), fact_types, problems)
    rollup_facts = tuple(FactSpec(r.id, "figure", r.label, r.unit) for r in rollups)
    facts += rollup_facts
    fact_types.update({f.id: f for f in rollup_facts})
    on_total = data.get("overall_level") == "total"
    group_levels: tuple[LevelBand, ...] = ()
    total_levels: tuple[LevelBand, ...] = ()
    if on_total:
        total_levels = _parse_levels(data.get("total_levels"), "total_levels", problems)
        if data.get("group_levels"):
            problems.add(
                "group_levels",
                "với overall_level: total, mức độ xét trên tổng điểm toàn bộ chỉ số "
                "(total_levels); các nhóm không có ngưỡng riêng, hãy xóa group_levels",
            )
    else:
        group_levels = _parse_levels(data.get("group_levels"), "group_levels", problems)
        if data.get("total_levels"):
            problems.add("total_levels", "chỉ dùng total_levels khi overall_level là total")
    groups = tuple(
        _parse_group(g, i, fact_types, problems) for i, g in enumerate(_as_list(data.get("groups")))
    )
    if not groups:
        problems.add("groups", "bộ chỉ số phải có ít nhất một nhóm tiêu chí")
    decision = _as_mapping(data.get("decision"), "decision", problems)
    framework = Framework(
        id=str(data.get("id") or ""),
        version=_as_int(data.get("version", 1), "version", problems),
        status=str(data.get("status", "official")),
        decision=Decision(
            number=str(decision.get("number", "")),
            date=str(decision.get("date", "")),
            issuer=str(decision.get("issuer", "")),
            title=str(decision.get("title", "")),
        ),
        applies_to=tuple(str(t) for t in _as_list(data.get("applies_to"))),
        level_names=_parse_level_names(data.get("level_names"), problems),
        group_levels=group_levels,
        mandatory_policy=data.get("mandatory_policy", "cap_group_level_at_1"),
        overall_level=data.get("overall_level", "lowest_group_level"),
        groups=groups,
        facts=facts,
        relations=_parse_relations(data.get("relations"), fact_types, problems),
        source=source,
        rollups=rollups,
        local=data.get("local", False) is True or data.get("status") == "local",
        derived_from=str(data.get("derived_from") or ""),
        note=str(data.get("note") or "").strip(),
        total_levels=total_levels,
    )
    _validate(framework, problems)
    if problems.items:
        raise RubricError(source, problems.items)
    build_index(framework)
    return framework


# -- parsing -------------------------------------------------------------------------------------


def _as_list(value: object) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else []


def _as_mapping(value: object, where: str, problems: _Problems) -> Mapping[Any, Any]:
    """A mapping, or {} (and a problem) for anything else; absent (None) is no problem."""
    if isinstance(value, Mapping):
        return value
    if value is not None:
        problems.add(where, f"phải là một bảng khóa: giá trị, không phải {_shown(value)}")
    return {}


def _shown(value: object) -> str:
    if isinstance(value, int) and value.bit_length() > 200:
        return "một số quá lớn"  # repr() of a 5,000-digit int raises
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _parse_level_names(raw: object, problems: _Problems) -> tuple[tuple[int, str], ...]:
    names = []
    for key, value in _as_mapping(raw, "level_names", problems).items():
        if isinstance(key, bool) or not isinstance(key, int | str) or not str(key).isdigit():
            problems.add("level_names", f"mức {_shown(key)} phải là một số nguyên")
            continue
        names.append((int(key), str(value)))
    return tuple(names)


def _as_int(value: object, where: str, problems: _Problems) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() <= 63:
        return value
    problems.add(where, f"phải là số nguyên, không phải {_shown(value)}")
    return 0


def _as_number(value: object, where: str, problems: _Problems) -> Number:
    # A plain decimal of reasonable size: "1e999999999", "1/0" or a 5,000-digit int is no score.
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() <= 63:
        return value
    text = str(value).strip() if isinstance(value, float | str) else ""
    if len(text) > 30 or not PLAIN_NUMBER.match(text):
        problems.add(where, f"phải là một số, không phải {_shown(value)}")
        return 0
    number = Fraction(text)
    return int(number) if number.denominator == 1 else number


def _parse_facts(raw: object, problems: _Problems) -> tuple[FactSpec, ...]:
    if not isinstance(raw, Mapping):
        problems.add("facts", "thiếu danh sách dữ kiện (facts)")
        return ()
    specs = []
    for fact_id, spec in raw.items():
        where = f"dữ kiện {fact_id}"
        if not isinstance(spec, Mapping):
            problems.add(where, "phải là một bảng (type, label …)")
            continue
        fact_type = spec.get("type")
        if not isinstance(fact_type, str) or fact_type not in FACT_TYPES:
            problems.add(
                where,
                f"kiểu {_shown(fact_type)} không hợp lệ (dùng: {', '.join(sorted(FACT_TYPES))})",
            )
            continue
        options = tuple(
            (str(k), str(v))
            for k, v in _as_mapping(spec.get("options"), f"{where}, options", problems).items()
        )
        if fact_type == "choice" and not options:
            problems.add(where, "dữ kiện lựa chọn phải có options")
        specs.append(
            FactSpec(
                id=str(fact_id),
                type=cast(FactType, fact_type),
                label=str(spec.get("label", fact_id)),
                unit=str(spec.get("unit", "")),
                options=options,
            )
        )
    return tuple(specs)


def _parse_interval(raw: Mapping[str, Any], where: str, problems: _Problems) -> Interval:
    if "below" in raw and "to" in raw:
        problems.add(where, "không thể có cả 'below' và 'to'")
    if "above" in raw and "from" in raw:
        problems.add(where, "không thể có cả 'above' và 'from'")
    low = high = None
    if "from" in raw:
        low = Bound(Fraction(_as_number(raw["from"], where, problems)), True)
    elif "above" in raw:
        low = Bound(Fraction(_as_number(raw["above"], where, problems)), False)
    if "to" in raw:
        high = Bound(Fraction(_as_number(raw["to"], where, problems)), True)
    elif "below" in raw:
        high = Bound(Fraction(_as_number(raw["below"], where, problems)), False)
    if (
        low
        and high
        and (
            low.value > high.value
            or (low.value == high.value and not (low.inclusive and high.inclusive))
        )
    ):
        problems.add(where, "khoảng rỗng: cận dưới lớn hơn cận trên")
    return Interval(low, high)


def _parse_levels(raw: object, where: str, problems: _Problems) -> tuple[LevelBand, ...]:
    bands = []
    for i, entry in enumerate(_as_list(raw)):
        here = f"{where}[{i + 1}]"
        if not isinstance(entry, Mapping) or "level" not in entry:
            problems.add(here, "mỗi mức phải có 'level' và khoảng điểm (below/from/to/above)")
            continue
        _reject_unknown_keys(entry, INTERVAL_KEYS | {"level"}, here, problems)
        bands.append(
            LevelBand(
                _parse_interval(entry, here, problems), _as_int(entry["level"], here, problems)
            )
        )
    if not bands:
        problems.add(where, "thiếu ngưỡng mức độ")
    return tuple(bands)


def _parse_bands(raw: object, where: str, problems: _Problems) -> tuple[Band, ...]:
    bands = []
    for i, entry in enumerate(_as_list(raw)):
        here = f"{where}, khoảng {i + 1}"
        if not isinstance(entry, Mapping) or "cap" not in entry:
            problems.add(here, "mỗi khoảng phải có 'cap' (điểm tối đa)")
            continue
        _reject_unknown_keys(entry, INTERVAL_KEYS | {"cap"}, here, problems)
        bands.append(
            Band(_parse_interval(entry, here, problems), _as_number(entry["cap"], here, problems))
        )
    if not bands:
        problems.add(where, "thiếu các khoảng (bands)")
    return tuple(bands)


def _reject_unknown_keys(
    entry: Mapping[str, Any], allowed: set[str], where: str, problems: _Problems
) -> None:
    unknown = {str(k) for k in entry} - allowed
    if unknown:
        problems.add(where, f"khóa không hợp lệ: {', '.join(sorted(unknown))}")


def _fact_ids(raw: object) -> tuple[str, ...]:
    return tuple(str(f) for f in raw) if isinstance(raw, list) else (str(raw),)


def _parse_rule(
    raw: object, where: str, facts: Mapping[str, FactSpec], problems: _Problems
) -> Rule | None:
    if not isinstance(raw, Mapping):
        problems.add(where, "thiếu quy tắc chấm (rule)")
        return None
    kind = raw.get("kind")
    rule: Rule
    expected: dict[str, tuple[str, ...]]
    if kind == "yes_no":
        rule = YesNoRule(_fact_ids(raw.get("fact")), _as_number(raw.get("cap"), where, problems))
        expected = {f: ("bool",) for f in rule.facts}
    elif kind == "choice":
        caps = _as_mapping(raw.get("caps"), f"{where}, caps", problems)
        rule = ChoiceRule(
            str(raw.get("fact")),
            tuple((str(k), _as_number(v, where, problems)) for k, v in caps.items()),
        )
        expected = {rule.fact: ("choice",)}
        spec = facts.get(rule.fact)
        if spec is not None and spec.type == "choice":
            options = {k for k, _ in spec.options}
            missing = options - {k for k, _ in rule.caps}
            if missing:
                problems.add(where, f"thiếu điểm cho lựa chọn: {', '.join(sorted(missing))}")
    elif kind == "count_bands":
        rule = CountBandsRule(
            str(raw.get("fact")),
            _parse_bands(raw.get("bands"), where, problems),
            bool(raw.get("zero_awards_zero", False)),
        )
        expected = {rule.fact: ("count", "number")}
    elif kind == "percent_bands":
        rule = PercentBandsRule(
            str(raw.get("numerator")),
            str(raw.get("denominator")),
            _parse_bands(raw.get("bands"), where, problems),
            bool(raw.get("zero_awards_zero", False)),
        )
        expected = {rule.numerator: ("count", "number"), rule.denominator: ("count", "number")}
    elif kind == "rollup_bands":
        rollup_id = str(raw.get("rollup"))
        spec = facts.get(rollup_id)
        if spec is None or spec.type != "figure":
            problems.add(where, f"số liệu tổng hợp '{rollup_id}' chưa được khai báo trong rollups")
            return None
        return RollupBandsRule(rollup_id, _parse_bands(raw.get("bands"), where, problems))
    else:
        problems.add(
            where,
            f"loại quy tắc {_shown(kind)} không hợp lệ (yes_no, choice, count_bands, percent_bands, rollup_bands)",
        )
        return None
    for fact_id, types in expected.items():
        spec = facts.get(fact_id)
        if spec is None:
            problems.add(where, f"dữ kiện '{fact_id}' chưa được khai báo trong facts")
        elif spec.type not in types:
            problems.add(
                where,
                f"dữ kiện '{fact_id}' có kiểu {spec.type}, quy tắc {kind} cần {' hoặc '.join(types)}",
            )
    return rule


def _parse_group(
    raw: object, index: int, facts: Mapping[str, FactSpec], problems: _Problems
) -> Group:
    if not isinstance(raw, Mapping):
        problems.add(f"groups[{index + 1}]", "nhóm tiêu chí phải là một bảng")
        return Group("", "", 0, ())
    group_id = str(raw.get("id", ""))
    where = f"nhóm {group_id or index + 1}"
    criteria = tuple(
        _parse_criterion(c, where, facts, problems) for c in _as_list(raw.get("criteria"))
    )
    if not criteria:
        problems.add(where, "nhóm phải có ít nhất một tiêu chí")
    return Group(
        group_id, str(raw.get("title", "")), _as_number(raw.get("max"), where, problems), criteria
    )


def _parse_criterion(
    raw: object, group_where: str, facts: Mapping[str, FactSpec], problems: _Problems
) -> Criterion:
    if not isinstance(raw, Mapping):
        problems.add(group_where, "tiêu chí phải là một bảng")
        return Criterion("", "", "scored")
    crit_id = str(raw.get("id", ""))
    where = f"tiêu chí {crit_id}"
    title = str(raw.get("title", ""))
    if raw.get("kind") == "mandatory":
        fact = str(raw.get("fact", ""))
        spec = facts.get(fact)
        if spec is None or spec.type != "bool":
            problems.add(
                where,
                f"điều kiện bắt buộc cần một dữ kiện có/không đã khai báo (fact), không phải {fact!r}",
            )
        return Criterion(
            crit_id, title, "mandatory", fact=fact, evidence=str(raw.get("evidence", ""))
        )
    items = []
    for item_raw in _as_list(raw.get("items")):
        if not isinstance(item_raw, Mapping):
            problems.add(where, "mỗi mục phải là một bảng")
            continue
        item_id = str(item_raw.get("id", ""))
        rule = _parse_rule(item_raw.get("rule"), f"mục {item_id}", facts, problems)
        if rule is not None:
            items.append(
                Item(
                    item_id,
                    str(item_raw.get("title", "")),
                    rule,
                    str(item_raw.get("confidence", "official")),
                )
            )
    if not items:
        problems.add(where, "tiêu chí có điểm phải có ít nhất một mục (items)")
    return Criterion(
        crit_id,
        title,
        "scored",
        max=_as_number(raw.get("max"), where, problems),
        items=tuple(items),
        levels=_parse_levels(raw.get("levels"), f"{where}, levels", problems),
        evidence=str(raw.get("evidence", "")),
    )


def _parse_rollups(
    raw: object, facts: Mapping[str, FactSpec], problems: _Problems
) -> tuple[Rollup, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, Mapping):
        problems.add("rollups", "phải là một bảng: mã → định nghĩa số liệu tổng hợp")
        return ()
    rollups = []
    for rollup_id, spec in raw.items():
        where = f"số liệu tổng hợp {rollup_id}"
        if not isinstance(spec, Mapping):
            problems.add(where, "phải là một bảng (label, measure …)")
            continue
        _reject_unknown_keys(spec, ROLLUP_KEYS, where, problems)
        measure = spec.get("measure")
        if measure not in ROLLUP_MEASURES:
            problems.add(
                where, f"cách tính {measure!r} không hợp lệ (dùng: {', '.join(ROLLUP_MEASURES)})"
            )
            continue
        if str(rollup_id) in facts:
            problems.add(where, "mã trùng với một dữ kiện (facts)")
        for needed in ROLLUP_PARAMETERS[measure]:
            if spec.get(needed) in (None, ""):
                problems.add(where, f"cách tính {measure} cần '{needed}'")
        if measure == "average_points" and bool(spec.get("group")) == bool(spec.get("criterion")):
            problems.add(
                where, "cách tính average_points cần đúng một trong 'group' hoặc 'criterion'"
            )
        at_least = spec.get("at_least")
        rollups.append(
            Rollup(
                id=str(rollup_id),
                label=str(spec.get("label") or rollup_id),
                measure=measure,
                source=str(spec.get("source") or ""),
                types=tuple(str(t) for t in _as_list(spec.get("types"))),
                group=str(spec.get("group") or ""),
                criterion=str(spec.get("criterion") or ""),
                item=str(spec.get("item") or ""),
                fact=str(spec.get("fact") or ""),
                min_level=_as_int(spec.get("min_level", 0), f"{where}, min_level", problems),
                at_least=None if at_least is None else _as_number(at_least, where, problems),
                unit=str(spec.get("unit") or "cơ sở"),
            )
        )
    return tuple(rollups)


def _parse_relations(
    raw: object, facts: Mapping[str, FactSpec], problems: _Problems
) -> tuple[Relation, ...]:
    relations = []
    for i, entry in enumerate(_as_list(raw)):
        where = f"relations[{i + 1}]"
        if not isinstance(entry, Mapping):
            problems.add(where, "phải là một bảng (fact, at_most, message)")
            continue
        relation = Relation(
            str(entry.get("fact")), str(entry.get("at_most")), str(entry.get("message", ""))
        )
        for fact_id in (relation.fact, relation.at_most):
            if fact_id not in facts:
                problems.add(where, f"dữ kiện '{fact_id}' chưa được khai báo trong facts")
        relations.append(relation)
    return tuple(relations)


# -- validation ----------------------------------------------------------------------------------


def _validate(fw: Framework, problems: _Problems) -> None:
    if not fw.id:
        problems.add("id", "thiếu mã bộ chỉ số (id)")
    if fw.mandatory_policy not in ("cap_group_level_at_1", "warn_only"):
        problems.add(
            "mandatory_policy",
            f"giá trị {_shown(fw.mandatory_policy)} không hợp lệ (cap_group_level_at_1, warn_only)",
        )
    if fw.overall_level not in ("lowest_group_level", "none", "total"):
        problems.add(
            "overall_level",
            f"giá trị {_shown(fw.overall_level)} không hợp lệ (lowest_group_level, none, total)",
        )
    if fw.levels_on_total:
        _validate_levels(fw.total_levels, fw.max, "total_levels", problems)
    _validate_unique_ids(fw, problems)
    for group in fw.groups:
        where = f"nhóm {group.id}"
        total = sum(c.max for c in group.scored_criteria)
        if total != group.max:
            problems.add(
                where,
                f"tổng điểm tối đa các tiêu chí là {wording.number(total)}, khác điểm tối đa của nhóm {wording.number(group.max)}",
            )
        _validate_levels(fw.group_levels, group.max, f"{where}, group_levels", problems)
        for criterion in group.scored_criteria:
            _validate_criterion(fw, criterion, problems)


def _validate_unique_ids(fw: Framework, problems: _Problems) -> None:
    seen: set[str] = set()
    ids = [g.id for g in fw.groups]
    ids += [c.id for g in fw.groups for c in g.criteria]
    ids += [i.id for g in fw.groups for c in g.criteria for i in c.items]
    for element_id in ids:
        if not element_id:
            problems.add("id", "có nhóm, tiêu chí hoặc mục thiếu mã (id)")
        elif element_id in seen:
            problems.add(element_id, "mã bị trùng")
        seen.add(element_id)


def _validate_criterion(fw: Framework, criterion: Criterion, problems: _Problems) -> None:
    where = f"tiêu chí {criterion.id}"
    total = sum(item.rule.maximum for item in criterion.items)
    if total != criterion.max:
        parts = " + ".join(wording.number(i.rule.maximum) for i in criterion.items)
        problems.add(
            where,
            f"tổng điểm tối đa các mục ({parts} = {wording.number(total)}) khác điểm tối đa của tiêu chí ({wording.number(criterion.max)})",
        )
    _validate_levels(criterion.levels, criterion.max, f"{where}, levels", problems)
    for item in criterion.items:
        _validate_rule(fw, item, problems)


def _validate_rule(fw: Framework, item: Item, problems: _Problems) -> None:
    where = f"mục {item.id}"
    rule = item.rule
    if any(cap < 0 for cap in _caps(rule)):
        problems.add(where, "điểm tối đa không được âm")
    if isinstance(rule, CountBandsRule | PercentBandsRule | RollupBandsRule):
        percent = isinstance(rule, PercentBandsRule) or (
            isinstance(rule, RollupBandsRule)
            and any(r.id == rule.rollup and r.is_share for r in fw.rollups)
        )
        high = Fraction(100) if percent else None
        _validate_coverage([b.interval for b in rule.bands], Fraction(0), high, where, problems)
        ordered = sorted(rule.bands, key=lambda b: _sort_key(b.interval))
        caps = [b.cap for b in ordered]
        if caps != sorted(caps):
            problems.add(
                where,
                "điểm tối đa phải không giảm khi giá trị tăng (khoảng cao hơn không được ít điểm hơn)",
            )


def _caps(rule: Rule) -> Iterable[Number]:
    if isinstance(rule, YesNoRule):
        return (rule.cap,)
    if isinstance(rule, ChoiceRule):
        return (cap for _, cap in rule.caps)
    return (band.cap for band in rule.bands)


def _validate_levels(
    levels: tuple[LevelBand, ...], maximum: Number, where: str, problems: _Problems
) -> None:
    if not levels:
        return
    _validate_coverage(
        [lv.interval for lv in levels], Fraction(0), Fraction(maximum), where, problems
    )
    ordered = [lv.level for lv in sorted(levels, key=lambda lv: _sort_key(lv.interval))]
    if ordered != sorted(ordered) or len(set(ordered)) != len(ordered):
        problems.add(where, f"các mức phải tăng dần theo điểm, đang là {ordered}")


def _sort_key(iv: Interval) -> tuple[int, Fraction, int]:
    if iv.low is None:
        return (0, Fraction(0), 0)
    return (1, iv.low.value, 0 if iv.low.inclusive else 1)


def _validate_coverage(
    intervals: list[Interval], low: Fraction, high: Fraction | None, where: str, problems: _Problems
) -> None:
    """Intervals must cover [low, high] (or [low, ∞)) with no gap and no overlap."""
    if not intervals:
        return
    ordered = sorted(intervals, key=_sort_key)
    first = ordered[0]
    if first.low is not None and (
        first.low.value > low or (first.low.value == low and not first.low.inclusive)
    ):
        problems.add(where, f"hở ở đầu: giá trị {wording.number(low)} không thuộc khoảng nào")
    for a, b in itertools.pairwise(ordered):
        if a.high is None or b.low is None:
            problems.add(
                where, f"chồng lấn: khoảng '{wording.interval(a)}' và '{wording.interval(b)}'"
            )
            continue
        if a.high.value < b.low.value or (
            a.high.value == b.low.value and not a.high.inclusive and not b.low.inclusive
        ):
            problems.add(
                where,
                f"hở giữa '{wording.interval(a)}' và '{wording.interval(b)}': có giá trị không thuộc khoảng nào",
            )
        elif a.high.value > b.low.value or (a.high.inclusive and b.low.inclusive):
            problems.add(
                where,
                f"chồng lấn giữa '{wording.interval(a)}' và '{wording.interval(b)}': có giá trị thuộc hai khoảng",
            )
    last = ordered[-1]
    if high is None:
        if last.high is not None:
            problems.add(
                where,
                f"hở ở cuối: giá trị lớn hơn {wording.number(last.high.value)} không thuộc khoảng nào",
            )
    elif last.high is not None and (
        last.high.value < high or (last.high.value == high and not last.high.inclusive)
    ):
        problems.add(where, f"hở ở cuối: giá trị {wording.number(high)} không thuộc khoảng nào")
