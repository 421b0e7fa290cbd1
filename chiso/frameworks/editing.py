"""The structured editor: titles, caps, bands and level thresholds as form fields over the YAML
data. Parts it does not know (a new rule kind, a `rollups:` section) are shown read-only; the
raw YAML editor changes everything.

Field names are the data paths ("groups/0/criteria/2/max"); only fields built here from the
draft's own data are read back, so a posted name cannot reach anything else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _

from chiso.frameworks import documents
from chiso.frameworks.table import INSTITUTION_TYPES, KNOWN_RULES, as_yaml

Path = tuple[str | int, ...]
LOW_KINDS = {"": "—", "from": "từ", "above": "trên"}
HIGH_KINDS = {"": "—", "to": "đến", "below": "dưới"}
INTERVAL_KEYS = ("from", "above", "to", "below")


@dataclass
class Field:
    """One input: its data path, what it is, where it is (for messages), its current text."""

    path: Path
    kind: str  # "text" | "longtext" | "number" | "date" | "types" | "bounds"
    label: str
    where: str
    value: str = ""
    low_kind: str = ""
    low: str = ""
    high_kind: str = ""
    high: str = ""

    @property
    def name(self) -> str:
        return "/".join(str(step) for step in self.path)


@dataclass
class Section:
    title: str
    depth: int
    fields: list[Field] = field(default_factory=list)
    raw: str = ""  # read-only YAML of what this editor does not know


def number_text(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value)
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    return str(value)


def _bounds(path: Path, entry: Mapping[str, Any], label: str, where: str) -> Field:
    low_kind = "from" if "from" in entry else "above" if "above" in entry else ""
    high_kind = "to" if "to" in entry else "below" if "below" in entry else ""
    return Field(
        path,
        "bounds",
        label,
        where,
        low_kind=low_kind,
        low=number_text(entry.get(low_kind)) if low_kind else "",
        high_kind=high_kind,
        high=number_text(entry.get(high_kind)) if high_kind else "",
    )


def sections(data: Mapping[str, Any]) -> list[Section]:
    """The form of one draft, in the order of the decision."""
    decision = data.get("decision") if isinstance(data.get("decision"), Mapping) else {}
    head = Section("Thông tin chung và căn cứ pháp lý", 0)
    head.fields = [
        Field(("decision", "title"), "longtext", "Tên bộ chỉ số", "tên bộ chỉ số", str(decision.get("title", ""))),
        Field(("decision", "number"), "text", "Số quyết định", "số quyết định", str(decision.get("number", ""))),
        Field(("decision", "date"), "date", "Ngày quyết định", "ngày quyết định", date_text(decision.get("date"))),
        Field(("decision", "issuer"), "text", "Cơ quan ban hành", "cơ quan ban hành", str(decision.get("issuer", ""))),
        Field(("applies_to",), "types", "Áp dụng cho (mã loại hình, cách nhau bởi dấu phẩy)", "áp dụng cho",
              ", ".join(str(t) for t in data.get("applies_to") or [])),
    ]  # fmt: skip
    out = [head]
    on_total = data.get("overall_level") == "total"
    key = "total_levels" if on_total else "group_levels"
    levels = Section(
        "Ngưỡng mức độ (theo tổng điểm toàn bộ chỉ số)"
        if on_total
        else "Ngưỡng mức độ của nhóm (theo tổng điểm nhóm)",
        0,
    )
    for i, entry in enumerate(data.get(key) or []):
        if isinstance(entry, Mapping):
            levels.fields.append(
                _bounds(
                    (key, i),
                    entry,
                    f"Mức độ {entry.get('level')}",
                    f"ngưỡng {'tổng điểm' if on_total else 'nhóm'}, mức độ {entry.get('level')}",
                )
            )
    out.append(levels)
    for g, group in enumerate(data.get("groups") or []):
        if isinstance(group, Mapping):
            out += _group_sections(("groups", g), group)
    extra = {k: v for k, v in data.items() if k not in _KNOWN_TOP}
    if extra:
        out.append(
            Section("Các phần khác của tệp (chỉ xem; sửa trong YAML)", 0, raw=as_yaml(extra))
        )
    return out


_KNOWN_TOP = {
    "id", "version", "status", "local", "derived_from", "decision", "applies_to", "level_names",
    "group_levels", "total_levels", "mandatory_policy", "overall_level", "facts", "relations",
    "groups",
}  # fmt: skip


def date_text(value: Any) -> str:
    date = documents.parse_date(value)
    return date.isoformat() if date else ""


def _group_sections(path: Path, group: Mapping[str, Any]) -> list[Section]:
    where = f"nhóm {group.get('id')}"
    section = Section(f"Nhóm {group.get('id')}", 1)
    section.fields = [
        Field(
            (*path, "title"), "longtext", "Tên nhóm", f"{where}: tên", str(group.get("title", ""))
        ),
        Field(
            (*path, "max"),
            "number",
            "Điểm tối đa",
            f"{where}: điểm tối đa",
            number_text(group.get("max")),
        ),
    ]
    out = [section]
    for c, criterion in enumerate(group.get("criteria") or []):
        if isinstance(criterion, Mapping):
            out += _criterion_sections((*path, "criteria", c), criterion)
    return out


def _criterion_sections(path: Path, criterion: Mapping[str, Any]) -> list[Section]:
    crit_id = criterion.get("id")
    where = f"tiêu chí {crit_id}"
    kind = criterion.get("kind", "scored")
    title = Field(
        (*path, "title"),
        "longtext",
        "Tên tiêu chí",
        f"{where}: tên",
        str(criterion.get("title", "")),
    )
    if kind == "mandatory":
        return [Section(f"Tiêu chí {crit_id} (điều kiện bắt buộc)", 2, [title])]
    if kind != "scored":
        return [Section(f"Tiêu chí {crit_id}", 2, [], raw=as_yaml(dict(criterion)))]
    section = Section(f"Tiêu chí {crit_id}", 2, [title])
    section.fields.append(
        Field(
            (*path, "max"),
            "number",
            "Điểm tối đa",
            f"{where}: điểm tối đa",
            number_text(criterion.get("max")),
        )
    )
    for i, entry in enumerate(criterion.get("levels") or []):
        if isinstance(entry, Mapping):
            section.fields.append(
                _bounds(
                    (*path, "levels", i),
                    entry,
                    f"Mức độ {entry.get('level')} (điểm)",
                    f"{where}, mức độ {entry.get('level')}",
                )
            )
    out = [section]
    for i, item in enumerate(criterion.get("items") or []):
        if isinstance(item, Mapping):
            out.append(_item_section((*path, "items", i), item))
    return out


def _item_section(path: Path, item: Mapping[str, Any]) -> Section:
    item_id = item.get("id")
    where = f"mục {item_id}"
    section = Section(f"Mục {item_id}", 3)
    section.fields.append(
        Field(
            (*path, "title"),
            "longtext",
            "Nội dung",
            f"{where}: nội dung",
            str(item.get("title", "")),
        )
    )
    rule = item.get("rule")
    if not isinstance(rule, Mapping) or rule.get("kind") not in KNOWN_RULES:
        section.raw = as_yaml(rule)
        return section
    rule_path = (*path, "rule")
    if rule["kind"] == "yes_no":
        section.fields.append(
            Field(
                (*rule_path, "cap"),
                "number",
                "Điểm tối đa",
                f"{where}: điểm tối đa",
                number_text(rule.get("cap")),
            )
        )
    elif rule["kind"] == "choice":
        for key, cap in (rule.get("caps") or {}).items():
            section.fields.append(
                Field(
                    (*rule_path, "caps", key),
                    "number",
                    f"Lựa chọn «{key}»: điểm",
                    f"{where}, lựa chọn {key}",
                    number_text(cap),
                )
            )
    else:
        for i, band in enumerate(rule.get("bands") or []):
            if not isinstance(band, Mapping):
                continue
            here = f"{where}, khoảng {i + 1}"
            section.fields.append(_bounds((*rule_path, "bands", i), band, f"Khoảng {i + 1}", here))
            section.fields.append(
                Field(
                    (*rule_path, "bands", i, "cap"),
                    "number",
                    "điểm tối đa",
                    f"{here}: điểm tối đa",
                    number_text(band.get("cap")),
                )
            )
    return section


def all_fields(form: list[Section]) -> list[Field]:
    return [f for s in form for f in s.fields]


def with_posted(form: list[Section], post: Mapping[str, str]) -> list[Section]:
    """The form showing what the user typed (after a refused save), not the stored values."""
    for f in all_fields(form):
        if f.kind == "bounds":
            f.low_kind = post.get(f"{f.name}@low_kind", f.low_kind)
            f.low = post.get(f"{f.name}@low", f.low)
            f.high_kind = post.get(f"{f.name}@high_kind", f.high_kind)
            f.high = post.get(f"{f.name}@high", f.high)
        else:
            f.value = post.get(f.name, f.value)
    return form


# -- reading the form back -----------------------------------------------------------------------


def apply_post(
    data: Mapping[str, Any], post: Mapping[str, str]
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The data with the posted values, and every value that cannot be read (place, problem)."""
    new = documents.fresh(data)
    problems: list[tuple[str, str]] = []
    for f in all_fields(sections(data)):
        if f.kind == "bounds":
            _apply_bounds(new, f, post, problems)
            continue
        posted = post.get(f.name)
        if posted is None or posted.strip() == f.value.strip():
            continue  # unchanged: the value keeps its type and its place in the file
        try:
            _set(new, f.path, _read(f, posted.strip()))
        except ValueError as exc:
            problems.append((f.where, str(exc)))
    return new, problems


def _read(f: Field, text: str) -> Any:
    if f.kind == "number":
        return read_number(text)
    if f.kind == "date":
        if not text:
            return ""
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(
                _("«%(text)s» không phải là ngày (năm-tháng-ngày)") % {"text": text}
            ) from None
    if f.kind == "types":
        codes = [t.strip() for t in text.replace(";", ",").split(",") if t.strip()]
        unknown = [c for c in codes if c not in INSTITUTION_TYPES]
        if unknown:
            raise ValueError(
                _("loại hình «%(value)s» không có (dùng: %(join)s)")
                % {"value": unknown[0], "join": ", ".join(INSTITUTION_TYPES)}
            )
        return codes
    return text


def read_number(text: str) -> int | float:
    """ "6", "2,5" or "2.5" → a number; a clear message otherwise."""
    cleaned = text.replace(",", ".").strip()
    try:
        number = Fraction(cleaned)
    except (ValueError, ZeroDivisionError):
        raise ValueError(_("«%(text)s» không phải là một số") % {"text": text}) from None
    if not cleaned.isascii():
        raise ValueError(_("«%(text)s» không phải là một số") % {"text": text})
    return int(number) if number.denominator == 1 else float(cleaned)


def _apply_bounds(
    new: dict[str, Any], f: Field, post: Mapping[str, str], problems: list[tuple[str, str]]
) -> None:
    low_kind = post.get(f"{f.name}@low_kind", f.low_kind)
    high_kind = post.get(f"{f.name}@high_kind", f.high_kind)
    if low_kind not in LOW_KINDS or high_kind not in HIGH_KINDS:
        problems.append((f.where, "loại cận không hợp lệ"))
        return
    bounds: dict[str, Any] = {}
    for kind, key, original_kind, original in (
        (low_kind, "low", f.low_kind, f.low),
        (high_kind, "high", f.high_kind, f.high),
    ):
        if not kind:
            continue
        text = post.get(f"{f.name}@{key}", original).strip()
        side = "cận dưới" if key == "low" else "cận trên"
        if not text:
            problems.append((f.where, f"thiếu giá trị {side}"))
            return
        try:
            entry = _get(new, f.path)
            unchanged = kind == original_kind and text == original
            bounds[kind] = entry[kind] if unchanged else read_number(text)
        except ValueError as exc:
            problems.append((f.where, f"{side}: {exc}"))
            return
    _set_bounds(_get(new, f.path), bounds)


def _set_bounds(entry: dict[str, Any], bounds: dict[str, Any]) -> None:
    """Replace the interval keys of a band, keeping the other keys and the original order."""
    if {k: v for k, v in entry.items() if k in INTERVAL_KEYS} == bounds:
        return
    out: dict[str, Any] = {}
    placed = False
    for key, value in entry.items():
        if key in INTERVAL_KEYS:
            if not placed:
                out.update(bounds)
                placed = True
        else:
            out[key] = value
    if not placed:
        out = {**bounds, **out}
    entry.clear()
    entry.update(out)


def _get(data: Any, path: Path) -> Any:
    for step in path:
        data = data[step]
    return data


def _set(data: dict[str, Any], path: Path, value: Any) -> None:
    target: Any = data
    for step in path[:-1]:
        if isinstance(target, dict) and not isinstance(target.get(step), dict | list):
            target[step] = {}
        target = target[step]
    target[path[-1]] = value
