"""What changed between two versions of an index: groups, criteria, items, caps, bands, levels.

Works on the YAML data with the table's wording, so that the two sides read as the decision
does; parts the table does not know are compared as YAML.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from chiso.frameworks.table import KNOWN_TOP, as_yaml, level_lines, points, rule_lines


@dataclass(frozen=True)
class Change:
    kind: str  # "added" | "removed" | "changed"
    where: str  # "Tiêu chí 1.4", "Mục 1.5.a", "Ngưỡng mức độ của nhóm"
    what: str  # "điểm tối đa", "các khoảng và điểm", "tên" …
    old: str
    new: str

    @property
    def block(self) -> bool:
        """Whether the sides are YAML blocks (shown preformatted)."""
        return "\n" in self.old or "\n" in self.new

    @property
    def kind_label(self) -> str:
        return {"added": "thêm", "removed": "bỏ", "changed": "sửa"}[self.kind]


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _by_id(values: Any) -> dict[str, Mapping[str, Any]]:
    return {str(v.get("id")): v for v in values or [] if isinstance(v, Mapping)}


def compare(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[Change]:
    """Every difference, in the order of the decision (header, groups, criteria, items, facts)."""
    out: list[Change] = []
    _header(old, new, out)
    _lines(
        "Ngưỡng mức độ của nhóm",
        "các mức",
        level_lines(old.get("group_levels")),
        level_lines(new.get("group_levels")),
        out,
    )
    _lines(
        "Ngưỡng mức độ theo tổng điểm",
        "các mức",
        level_lines(old.get("total_levels")),
        level_lines(new.get("total_levels")),
        out,
    )
    old_facts, new_facts = _mapping(old.get("facts")), _mapping(new.get("facts"))
    old_groups, new_groups = _by_id(old.get("groups")), _by_id(new.get("groups"))
    for group_id in _ordered(old_groups, new_groups):
        a, b = old_groups.get(group_id), new_groups.get(group_id)
        where = f"Nhóm {group_id}"
        if a is None or b is None:
            out.append(_presence(where, a, b, str((a or b or {}).get("title", ""))))
            continue
        _value(where, "tên", a.get("title"), b.get("title"), out)
        _value(where, "điểm tối đa", points(a.get("max")), points(b.get("max")), out)
        _criteria(a, b, old_facts, new_facts, out)
    _facts(old_facts, new_facts, out)
    for key in _ordered(_extra(old), _extra(new)):
        a, b = old.get(key), new.get(key)
        if a != b:
            out.append(Change(_kind(a, b), f"Phần «{key}»", "nội dung (YAML)", _yaml(a), _yaml(b)))
    return out


def _header(old: Mapping[str, Any], new: Mapping[str, Any], out: list[Change]) -> None:
    a, b = _mapping(old.get("decision")), _mapping(new.get("decision"))
    for key, what in (
        ("title", "tên"),
        ("number", "số quyết định"),
        ("date", "ngày quyết định"),
        ("issuer", "cơ quan ban hành"),
    ):
        _value("Căn cứ pháp lý", what, a.get(key), b.get(key), out)
    for key, what in (
        ("id", "mã"), ("status", "tình trạng"), ("local", "điều chỉnh tại địa phương"),
        ("derived_from", "dựa trên"), ("applies_to", "áp dụng cho"), ("mandatory_policy", "điều kiện bắt buộc"),
        ("overall_level", "mức chung"), ("level_names", "tên các mức"),
    ):  # fmt: skip
        _value("Thông tin chung", what, _text(old.get(key)), _text(new.get(key)), out)


def _criteria(
    a: Mapping[str, Any], b: Mapping[str, Any], old_facts: Any, new_facts: Any, out: list[Change]
) -> None:
    old_criteria, new_criteria = _by_id(a.get("criteria")), _by_id(b.get("criteria"))
    for crit_id in _ordered(old_criteria, new_criteria):
        x, y = old_criteria.get(crit_id), new_criteria.get(crit_id)
        where = f"Tiêu chí {crit_id}"
        if x is None or y is None:
            out.append(_presence(where, x, y, str((x or y or {}).get("title", ""))))
            continue
        _value(where, "tên", x.get("title"), y.get("title"), out)
        _value(where, "loại", _kind_word(x), _kind_word(y), out)
        if x.get("kind", "scored") not in ("scored", "mandatory") or y.get(
            "kind", "scored"
        ) not in ("scored", "mandatory"):
            _value(where, "nội dung (YAML)", _yaml(x), _yaml(y), out)
            continue
        _value(where, "điều kiện bắt buộc", x.get("fact"), y.get("fact"), out)
        _value(where, "điểm tối đa", _points(x.get("max")), _points(y.get("max")), out)
        _lines(
            where, "ngưỡng mức độ", level_lines(x.get("levels")), level_lines(y.get("levels")), out
        )
        _items(x, y, old_facts, new_facts, out)


def _items(
    x: Mapping[str, Any], y: Mapping[str, Any], old_facts: Any, new_facts: Any, out: list[Change]
) -> None:
    old_items, new_items = _by_id(x.get("items")), _by_id(y.get("items"))
    for item_id in _ordered(old_items, new_items):
        i, j = old_items.get(item_id), new_items.get(item_id)
        where = f"Mục {item_id}"
        if i is None or j is None:
            item = i or j or {}
            lines = rule_lines(item.get("rule"), old_facts if i else new_facts)
            out.append(_presence(where, i, j, f"{item.get('title', '')} — {_joined(lines or [])}"))
            continue
        _value(where, "nội dung", i.get("title"), j.get("title"), out)
        rule_a, rule_b = _mapping(i.get("rule")), _mapping(j.get("rule"))
        words_a, words_b = rule_lines(rule_a, old_facts), rule_lines(rule_b, new_facts)
        if words_a is None or words_b is None:
            _value(where, "quy tắc chấm (YAML)", _yaml(rule_a), _yaml(rule_b), out)
        else:
            _lines(where, _rule_what(rule_a, rule_b), words_a, words_b, out)


def _rule_what(a: Mapping[str, Any], b: Mapping[str, Any]) -> str:
    if a.get("kind") != b.get("kind"):
        return "cách tính điểm"
    if a.get("kind") == "yes_no":
        return "điểm tối đa" if a.get("cap") != b.get("cap") else "dữ kiện"
    if a.get("kind") == "choice":
        return "điểm theo lựa chọn"
    return "các khoảng và điểm tối đa"


def _facts(old: Mapping[str, Any], new: Mapping[str, Any], out: list[Change]) -> None:
    for fact_id in _ordered(old, new):
        a, b = old.get(fact_id), new.get(fact_id)
        where = f"Dữ kiện {fact_id}"
        if a is None or b is None:
            out.append(_presence(where, a, b, str(_mapping(a or b).get("label", ""))))
        elif a != b:
            out.append(Change("changed", where, "định nghĩa", _yaml(a), _yaml(b)))


def _extra(data: Mapping[str, Any]) -> dict[str, Any]:

    return {k: v for k, v in data.items() if k not in KNOWN_TOP}


def _ordered(a: Mapping[str, Any], b: Mapping[str, Any]) -> list[str]:
    """The new order, with what was removed placed after what came before it."""
    out = list(b)
    for position, key in enumerate(a):
        if key not in b:
            before = list(a)[:position]
            index = max((out.index(k) + 1 for k in before if k in out), default=0)
            out.insert(index, key)
    return out


def _presence(where: str, a: Any, b: Any, text: str) -> Change:
    return Change(
        "added" if a is None else "removed",
        where,
        "",
        "" if a is None else text,
        "" if b is None else text,
    )


def _value(where: str, what: str, a: Any, b: Any, out: list[Change]) -> None:
    if a != b:
        out.append(Change(_kind(a, b), where, what, _text(a), _text(b)))


def _lines(where: str, what: str, a: list[str], b: list[str], out: list[Change]) -> None:
    if a != b:
        out.append(Change(_kind(a, b), where, what, _joined(a), _joined(b)))


def _joined(lines: list[str]) -> str:
    """ "Head: line; line" (a rule's heading ends with a colon)."""
    if lines and lines[0].endswith(":"):
        return f"{lines[0]} {'; '.join(lines[1:])}"
    return "; ".join(lines)


def _kind(a: Any, b: Any) -> str:
    if a in (None, "", [], {}):
        return "added"
    if b in (None, "", [], {}):
        return "removed"
    return "changed"


def _kind_word(criterion: Mapping[str, Any]) -> str:
    kind = criterion.get("kind", "scored")
    return {"scored": "có điểm", "mandatory": "điều kiện bắt buộc"}.get(str(kind), str(kind))


def _points(value: Any) -> str:
    return "" if value is None else points(value)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, Mapping):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    return str(value)


def _yaml(value: Any) -> str:
    return "" if value is None else as_yaml(value).strip()
