"""A framework version as the decision prints it: groups → criteria → items, with the wording
of chiso.rubric.wording. Built from the YAML data, so that parts this screen does not know (a
rule kind added to the engine later, a `rollups:` section) are shown as their YAML, read-only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import yaml

from chiso.frameworks import documents
from chiso.rubric import wording
from chiso.rubric.definitions import Bound, Interval

KNOWN_RULES = ("yes_no", "choice", "count_bands", "percent_bands", "rollup_bands")
KNOWN_TOP = {
    "id", "version", "status", "local", "derived_from", "decision", "applies_to", "level_names",
    "group_levels", "total_levels", "mandatory_policy", "overall_level", "facts", "relations",
    "groups", "rollups", "note",
}  # fmt: skip
# How each roll-up measure reads (chiso.rubric.rollups computes them).
MEASURES = {
    "share_at_level": "Tỷ lệ cơ sở đạt từ Mức độ {min_level} trở lên ({target})",
    "share_on_time": "Tỷ lệ cơ sở nộp kết quả tự đánh giá đúng hạn",
    "share_item_met": "Tỷ lệ cơ sở đạt mục {item}{points} (bộ chỉ số {source})",
    "share_fact_true": "Tỷ lệ cơ sở có: {fact} (bộ chỉ số {source})",
    "average_points": "Điểm trung bình {target} của các cơ sở có kết quả được công nhận",
}
MANDATORY_POLICIES = {
    "cap_group_level_at_1": "Nhóm có điều kiện bắt buộc chưa đáp ứng chỉ được xếp Mức độ 1",
    "warn_only": "Điều kiện bắt buộc chưa đáp ứng chỉ được cảnh báo, không hạ mức",
}
OVERALL_LEVELS = {
    "lowest_group_level": "Mức chung = mức thấp nhất của các nhóm (quy ước của chiso, quyết định không quy định)",
    "none": "Không xếp mức chung",
    "total": "Mức độ xét trên tổng điểm toàn bộ chỉ số, không xét riêng từng nhóm",
}
CONFIDENCE = {
    "derived": "suy ra (các điểm tối đa phải cộng đủ), không đọc được trong văn bản",
    "seed": "theo văn bản mẫu của cơ sở (S1)",
    "provisional": "tạm thời",
}
INSTITUTION_TYPES = {
    "MN": "Mầm non", "TH": "Tiểu học", "THCS": "THCS", "THPT": "THPT", "TH_THCS": "TH&THCS",
    "THCS_THPT": "THCS&THPT", "LIEN_CAP": "Liên cấp", "GDTX": "GDTX",
    "so": "Sở GDĐT", "phong": "Phòng GDĐT",
}  # fmt: skip


@dataclass
class Row:
    """One line of the table: a group, a criterion, a mandatory condition or an item."""

    kind: str  # "group" | "criterion" | "mandatory" | "item" | "unknown"
    id: str
    title: str
    maximum: str = ""
    scoring: list[str] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)
    raw: str = ""  # YAML of a part this screen does not know
    note: str = ""


@dataclass
class Table:
    framework_id: str
    version: Any
    status: str
    title: str
    decision: str
    applies_to: str
    is_local: bool
    derived_from: str
    rows: list[Row]
    group_levels: list[str]
    total_levels: list[str]
    level_names: list[str]
    mandatory_policy: str
    overall_level: str
    extra: list[tuple[str, str]]  # (key, YAML) of the sections this screen does not know
    rollups: list[tuple[str, str, str]] = field(default_factory=list)  # id, label, how computed
    note: str = ""


def as_yaml(value: Any) -> str:
    return yaml.safe_dump(documents.fresh(value), allow_unicode=True, sort_keys=False, width=100)


def interval_of(entry: Mapping[str, Any]) -> Interval | None:
    """The interval of a band or level entry (from/above/to/below); None when unreadable."""
    try:
        low = high = None
        if "from" in entry:
            low = Bound(Fraction(str(entry["from"])), True)
        elif "above" in entry:
            low = Bound(Fraction(str(entry["above"])), False)
        if "to" in entry:
            high = Bound(Fraction(str(entry["to"])), True)
        elif "below" in entry:
            high = Bound(Fraction(str(entry["below"])), False)
    except (ValueError, ZeroDivisionError):
        return None
    return Interval(low, high)


def words(entry: Mapping[str, Any], unit: str = "", percent: bool = False) -> str:
    interval = interval_of(entry)
    if interval is None:
        return as_yaml(dict(entry)).strip()
    text = wording.interval(interval)
    return text + "%" if percent else (text + f" {unit}" if unit else text)


def points(value: Any) -> str:
    try:
        number = Fraction(str(value))
    except (ValueError, ZeroDivisionError):
        return str(value)
    return wording.points(int(number) if number.denominator == 1 else number)


def level_lines(levels: Any, names: Mapping[Any, Any] | None = None) -> list[str]:
    """ "Mức độ 1: dưới 10 điểm" for each level band."""
    out = []
    for entry in levels if isinstance(levels, list) else []:
        if not isinstance(entry, Mapping):
            continue
        level = entry.get("level")
        name = f" ({names[level]})" if names and level in names else ""
        out.append(f"Mức độ {level}{name}: {words(entry, 'điểm')}")
    return out


def _labels(facts: Mapping[str, Any], ids: Any) -> str:
    ids = ids if isinstance(ids, list) else [ids]
    labels = []
    for fact_id in ids:
        spec = facts.get(fact_id)
        labels.append(
            str(spec.get("label", fact_id)) if isinstance(spec, Mapping) else str(fact_id)
        )
    return " và ".join(labels)


def rule_lines(rule: Any, facts: Mapping[str, Any]) -> list[str] | None:
    """How an item is scored, in the decision's words; None for a rule kind not known here."""
    if not isinstance(rule, Mapping) or rule.get("kind") not in KNOWN_RULES:
        return None
    kind = rule["kind"]
    if kind == "yes_no":
        return [f"Tối đa {points(rule.get('cap'))} khi có: {_labels(facts, rule.get('fact'))}"]
    if kind == "choice":
        spec = facts.get(rule.get("fact"))
        options = spec.get("options", {}) if isinstance(spec, Mapping) else {}
        caps = rule.get("caps") if isinstance(rule.get("caps"), Mapping) else {}
        head = f"{_labels(facts, rule.get('fact'))}:"
        return [head, *(f"{options.get(k, k)}: {points(v)}" for k, v in caps.items())]
    percent = kind == "percent_bands"
    unit = ""
    if kind == "rollup_bands":
        spec = facts.get(rule.get("rollup"))
        spec = spec if isinstance(spec, Mapping) else {}
        percent = spec.get("measure") != "average_points"
        head = f"Số liệu tổng hợp «{spec.get('label', rule.get('rollup'))}»:"
        unit = "" if percent else "điểm"
    elif percent:
        head = f"Tỷ lệ {_labels(facts, rule.get('numerator'))} / {_labels(facts, rule.get('denominator'))}:"
    else:
        spec = facts.get(rule.get("fact"))
        unit = str(spec.get("unit", "")) if isinstance(spec, Mapping) else ""
        head = f"{_labels(facts, rule.get('fact'))}:"
    lines = [head]
    for entry in rule.get("bands") or []:
        if isinstance(entry, Mapping):
            lines.append(f"{words(entry, unit, percent)}: tối đa {points(entry.get('cap'))}")
    if rule.get("zero_awards_zero"):
        lines.append("bằng 0: không có điểm")
    return lines


def build(data: Mapping[str, Any]) -> Table:
    """The readable table of one version's data."""
    facts = data.get("facts") if isinstance(data.get("facts"), Mapping) else {}
    rollups = data.get("rollups") if isinstance(data.get("rollups"), Mapping) else {}
    facts = {**facts, **rollups}  # a roll-up is read by its rules as a fact is
    names = data.get("level_names") if isinstance(data.get("level_names"), Mapping) else {}
    decision = data.get("decision") if isinstance(data.get("decision"), Mapping) else {}
    rows: list[Row] = []
    for group in data.get("groups") or []:
        if isinstance(group, Mapping):
            rows += _group_rows(group, facts)
    date = documents.parse_date(decision.get("date"))
    number = str(decision.get("number") or "")
    basis = f"Quyết định số {number}" if number else ""
    if date:
        basis += f" {wording.long_date(date)}"
    if decision.get("issuer"):
        basis += f" của {decision['issuer']}"
    applies = data.get("applies_to") if isinstance(data.get("applies_to"), list) else []
    return Table(
        framework_id=str(data.get("id", "")),
        version=data.get("version"),
        status=str(data.get("status", "official")),
        title=str(decision.get("title", "")),
        decision=basis.strip(),
        applies_to=", ".join(INSTITUTION_TYPES.get(str(t), str(t)) for t in applies),
        is_local=data.get("local") is True,
        derived_from=str(data.get("derived_from") or ""),
        rows=rows,
        group_levels=level_lines(data.get("group_levels"), names),
        total_levels=level_lines(data.get("total_levels"), names),
        level_names=[f"Mức độ {k}: {v}" for k, v in names.items()],
        mandatory_policy=MANDATORY_POLICIES.get(
            str(data.get("mandatory_policy", "cap_group_level_at_1")),
            str(data.get("mandatory_policy")),
        ),
        overall_level=OVERALL_LEVELS.get(
            str(data.get("overall_level", "lowest_group_level")), str(data.get("overall_level"))
        ),
        extra=[(str(k), as_yaml(v)) for k, v in data.items() if k not in KNOWN_TOP],
        rollups=[
            (str(k), str(v.get("label", k)), _measure(v))
            for k, v in rollups.items()
            if isinstance(v, Mapping)
        ],
        note=str(data.get("note") or ""),
    )


def _measure(spec: Mapping[str, Any]) -> str:
    template = MEASURES.get(str(spec.get("measure")))
    if template is None:
        return as_yaml(dict(spec)).strip()
    group = str(spec.get("group") or "")
    target = (
        f"tiêu chí {spec['criterion']}"
        if spec.get("criterion")
        else ("mức chung" if group == "overall" else f"nhóm {group}")
    )
    at_least = spec.get("at_least")
    text = template.format(
        min_level=spec.get("min_level", ""),
        target=target,
        item=spec.get("item", ""),
        points=f" (từ {points(at_least)})" if at_least is not None else " (có điểm)",
        fact=spec.get("fact", ""),
        source=spec.get("source") or "của cơ sở",
    )
    types = spec.get("types")
    if isinstance(types, list) and types:
        text += "; loại hình: " + ", ".join(INSTITUTION_TYPES.get(str(t), str(t)) for t in types)
    return text


def _group_rows(group: Mapping[str, Any], facts: Mapping[str, Any]) -> list[Row]:
    rows = [
        Row(
            "group",
            str(group.get("id", "")),
            str(group.get("title", "")),
            points(group.get("max")),
            raw=as_yaml(
                {k: v for k, v in group.items() if k not in ("id", "title", "max", "criteria")}
            )
            if set(group) - {"id", "title", "max", "criteria"}
            else "",
        )
    ]
    for criterion in group.get("criteria") or []:
        if isinstance(criterion, Mapping):
            rows += _criterion_rows(criterion, facts)
    return rows


def _criterion_rows(criterion: Mapping[str, Any], facts: Mapping[str, Any]) -> list[Row]:
    crit_id, title = str(criterion.get("id", "")), str(criterion.get("title", ""))
    kind = criterion.get("kind", "scored")
    if kind == "mandatory":
        return [
            Row(
                "mandatory",
                crit_id,
                title,
                scoring=[f"Điều kiện bắt buộc (có/không): {_labels(facts, criterion.get('fact'))}"],
                note=_evidence(criterion),
            )
        ]
    if kind != "scored":
        return [Row("unknown", crit_id, title, raw=as_yaml(dict(criterion)))]
    rows = [
        Row(
            "criterion",
            crit_id,
            title,
            points(criterion.get("max")),
            levels=level_lines(criterion.get("levels")),
            note=_evidence(criterion),
        )
    ]
    for item in criterion.get("items") or []:
        if not isinstance(item, Mapping):
            continue
        lines = rule_lines(item.get("rule"), facts)
        rule = item.get("rule") if isinstance(item.get("rule"), Mapping) else {}
        rows.append(
            Row(
                "item" if lines is not None else "unknown",
                str(item.get("id", "")),
                str(item.get("title", "")),
                _item_maximum(rule) if lines is not None else "",
                scoring=lines or [],
                raw="" if lines is not None else as_yaml(dict(rule)),
                note=_confidence(item.get("confidence", "official")),
            )
        )
    return rows


def _evidence(criterion: Mapping[str, Any]) -> str:
    evidence = str(criterion.get("evidence") or "")
    return f"Minh chứng: {evidence}" if evidence else ""


def _confidence(value: Any) -> str:
    return "" if value == "official" else CONFIDENCE.get(str(value), str(value))


def _item_maximum(rule: Mapping[str, Any]) -> str:
    if rule.get("kind") == "yes_no":
        return points(rule.get("cap"))
    values = (
        list((rule.get("caps") or {}).values())
        if rule.get("kind") == "choice"
        else [b.get("cap") for b in rule.get("bands") or [] if isinstance(b, Mapping)]
    )
    try:
        return points(max(Fraction(str(v)) for v in values))
    except (ValueError, ZeroDivisionError):
        return ""
