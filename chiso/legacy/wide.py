"""A table with one row per unit and one column per criterion (1.1 … 2.4), as an office
circulates it or as S0's appendix gives one school's row: each row read into its own unit.

A column is a criterion's when its header names the criterion ("1.3 (30đ)", "TC 1.3", or
"Nhóm 1" over "Tiêu chí 3"); group totals, the grand total and levels are statements. Pure
standard library and the rubric's definitions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction

from chiso import rubric
from chiso.legacy.columns import Meaning, column_labels, meaning_of
from chiso.legacy.document import Cell, Table
from chiso.legacy.matching import is_total, parse_id
from chiso.legacy.numbers import parse_level, parse_maximum, parse_points_cell
from chiso.legacy.reading import Reading, Value, plain
from chiso.legacy.text import fold, quote

MIN_CRITERIA = 3  # columns named after criteria for a table to be one row per unit
_GROUP_AND_NUMBER = re.compile(
    r"nhom\s*(?:tieu chi)?\s*([1-9])\b.*?\b(?:tieu chi|tc|chi so)?\s*([1-9])\s*(?:\(|$)"
)
_HEADER_MAX = re.compile(r"\((\d{1,3})\s*(?:d|diem)\s*\)")


@dataclass
class WideLayout:
    header_rows: list[int]
    first: int
    labels: list[str]
    criteria: dict[int, str] = field(default_factory=dict)  # column -> criterion id
    groups: dict[int, str] = field(default_factory=dict)  # column -> group id (its points)
    group_levels: dict[int, str] = field(default_factory=dict)
    total: int | None = None
    overall_level: int | None = None
    name: int | None = None
    code: int | None = None


def find_wide_layout(table: Table, framework: rubric.Framework) -> WideLayout | None:
    """The layout of a table with a column per criterion, or None."""
    for bottom in range(min(8, len(table.rows))):
        header_rows = _header_block(table, bottom)
        labels = column_labels(table, header_rows)
        criteria = _criterion_columns(labels, framework)
        if len(set(criteria.values())) >= MIN_CRITERIA:
            layout = WideLayout(header_rows, bottom + 1, labels, criteria)
            _other_columns(layout, framework)
            return layout
    return None


def _header_block(table: Table, bottom: int) -> list[int]:
    """The rows from the top (or the last caption) to `bottom`."""
    rows = []
    for r in range(bottom, max(-1, bottom - 4), -1):
        distinct = {cell.origin for cell in table.rows[r] if cell.text.strip()}
        if len(distinct) == 1 and table.width >= 3 and r != bottom:
            break
        rows.insert(0, r)
    return rows


def _criterion_columns(labels: list[str], framework: rubric.Framework) -> dict[int, str]:
    out = {}
    for c, label in enumerate(labels):
        cid = _criterion_of(label, framework)
        if cid is not None:
            out[c] = cid
    if len(set(out.values())) != len(out):  # a criterion named twice: neither is certain
        counts: dict[str, int] = {}
        for cid in out.values():
            counts[cid] = counts.get(cid, 0) + 1
        out = {c: cid for c, cid in out.items() if counts[cid] == 1}
    return out


def _criterion_of(label: str, framework: rubric.Framework) -> str | None:
    folded = fold(label)
    if not folded or any(w in folded for w in ("minh chung", "ghi chu", "muc do", "so luong")):
        return None
    found = parse_id(_last_line_with_id(label), framework)
    if found is not None and found.kind == "criterion":
        return found.id
    match = _GROUP_AND_NUMBER.search(folded)
    if match:
        cid = f"{match.group(1)}.{match.group(2)}"
        return cid if framework.has_criterion(cid) else None
    return None


def _last_line_with_id(label: str) -> str:
    """The part of a stacked header that carries the criterion's id ("… dạy, học 1.3 (30đ)")."""
    for part in reversed(re.split(r"\s{2,}|\n", label)):
        if re.match(r"^\s*(?:TC|Tiêu chí|Chỉ số)?\s*[1-9]\.[1-9]", part, re.IGNORECASE):
            return part
    match = re.search(
        r"(?:TC\s*|Tiêu chí\s*)?[1-9]\.[1-9](?:\s*\([^)]*\))?\s*$", label, re.IGNORECASE
    )
    return match.group(0) if match else label


def _other_columns(layout: WideLayout, framework: rubric.Framework) -> None:
    for c, label in enumerate(layout.labels):
        if c in layout.criteria:
            continue
        folded = fold(label)
        meaning = meaning_of(label)
        group = _group_named(folded)
        if meaning == Meaning.NAME and layout.name is None:
            layout.name = c
        elif (
            meaning in (Meaning.CODE, Meaning.ID)
            and folded.startswith("ma")
            and layout.code is None
        ):
            layout.code = c
        elif group and meaning == Meaning.LEVEL:
            layout.group_levels[c] = group
        elif group and ("diem" in folded or folded.startswith("tong")):
            layout.groups[c] = group
        elif meaning == Meaning.LEVEL and layout.overall_level is None:
            layout.overall_level = c
        elif is_total(label) or folded in ("tong", "tong diem", "tong cong"):
            layout.total = c


def _group_named(folded: str) -> str | None:
    found = set()
    if re.search(r"nhom\s*(?:tieu chi)?\s*1\b|day,? hoc", folded):
        found.add("1")
    if re.search(r"nhom\s*(?:tieu chi)?\s*2\b|quan tri", folded):
        found.add("2")
    return found.pop() if len(found) == 1 else None


# -- rows ----------------------------------------------------------------------------------------


def read_wide(table: Table, layout: WideLayout, framework: rubric.Framework) -> list[Reading]:
    """One reading per unit row (rows with no value in any criterion column are skipped)."""
    out = []
    width = len(table.rows[layout.header_rows[-1]]) if layout.header_rows else table.width
    for r in range(layout.first, len(table.rows)):
        row = table.rows[r]
        if not any(_text(row, c) for c in layout.criteria):
            continue
        if table.ragged and len(row) != width:
            out.append(_misaligned(table, r, len(row), width))
            continue
        if is_total(" ".join(_text(row, c) for c in range(min(3, len(row))))):
            continue  # the office's total row is no unit
        out.append(_unit_row(table, layout, r, framework))
    return out


def _misaligned(table: Table, r: int, cells: int, width: int) -> Reading:
    """A text row whose cells do not line up with the header: nothing in it is certain."""
    reading = Reading(scoring_tables=1)
    reading.doubt(
        table.where(r),
        f"dòng có {cells} ô nhưng tiêu đề có {width} ô (ô xuống dòng?): không đọc dòng này",
    )
    return reading


def _text(row: list[Cell], c: int | None) -> str:
    return row[c].text.strip() if c is not None and c < len(row) else ""


def _unit_row(table: Table, layout: WideLayout, r: int, framework: rubric.Framework) -> Reading:
    row = table.rows[r]
    reading = Reading(scoring_tables=1)
    reading.unit_name = _text(row, layout.name) or _guess_name(row, layout)
    reading.unit_code = _text(row, layout.code)
    if reading.unit_name:
        reading.state(unit_name=reading.unit_name, where=_where(table, layout, r, layout.name))
    for c, cid in layout.criteria.items():
        _criterion_cell(table, layout, r, c, cid, framework, reading)
    for c, gid in layout.groups.items():
        value = _number(table, layout, r, c, framework.group(gid).max, f"nhóm {gid}", reading)
        if value is not None:
            reading.state(group=gid, points=plain(value), where=_where(table, layout, r, c))
    for c, gid in layout.group_levels.items():
        level = parse_level(_text(row, c))
        if level is not None and level.value is not None:
            reading.state(
                group=gid, level=f"Mức độ {level.value}", where=_where(table, layout, r, c)
            )
    if layout.total is not None:
        total_max = sum(g.max for g in framework.groups)
        value = _number(table, layout, r, layout.total, total_max, "tổng", reading)
        if value is not None:
            reading.state(total=plain(value), where=_where(table, layout, r, layout.total))
    if layout.overall_level is not None:
        level = parse_level(_text(row, layout.overall_level))
        if level is not None and level.value is not None:
            reading.overall_level = (level.value, _where(table, layout, r, layout.overall_level))
    return reading


def _guess_name(row: list[Cell], layout: WideLayout) -> str:
    """With no «Tên đơn vị» header: the first cell left of the criteria that reads as a name."""
    first_criterion = min(layout.criteria)
    for c in range(first_criterion):
        text = _text(row, c)
        if re.search(r"[^\W\d_]{2,}", text) and c != layout.code:
            return text
    return ""


def _criterion_cell(
    table: Table,
    layout: WideLayout,
    r: int,
    c: int,
    cid: str,
    framework: rubric.Framework,
    reading: Reading,
) -> None:
    criterion = framework.criterion(cid)
    text = _text(table.rows[r], c)
    where = _where(table, layout, r, c)
    if criterion.is_mandatory:
        level = parse_level(text)
        if level is not None and level.met is not None:
            reading.mandatory[cid] = level.met
        elif text:
            reading.doubt(where, f"{cid}: «{quote(text, 20)}» không phải có/không")
        return
    stated_max = _HEADER_MAX.search(fold(_last_line_with_id(layout.labels[c])))
    if stated_max and int(stated_max.group(1)) != criterion.max:
        reading.doubt(
            where,
            f"{cid}: tiêu đề cột ghi tối đa {stated_max.group(1)} nhưng tiêu chí tối đa {criterion.max}: không đọc",
        )
        return
    value = _number(table, layout, r, c, criterion.max, f"tiêu chí {cid}", reading)
    if value is None:
        return
    reading.values[cid] = Value(value, where)
    reading.state(criterion=cid, points=plain(value), where=where)


def _number(
    table: Table,
    layout: WideLayout,
    r: int,
    c: int,
    maximum: Fraction | int,
    target: str,
    reading: Reading,
) -> Fraction | None:
    cell = table.rows[r][c] if c < len(table.rows[r]) else None
    where = _where(table, layout, r, c)
    if cell is None or (not cell.text.strip() and not cell.formula):
        return None
    if cell.formula:
        reading.doubt(where, f"{target}: ô là công thức chưa có giá trị lưu trong tệp")
        return None
    value = cell.number
    if value is None:
        try:
            parsed = parse_points_cell(cell.text)
        except ValueError:
            reading.doubt(where, f"{target}: «{quote(cell.text, 20)}» không phải số điểm")
            return None
        value = parsed.value if parsed else None
    if value is None:
        return None
    if value < 0 or value > maximum:
        reading.doubt(
            where, f"{target}: {_show(value)} vượt điểm tối đa {_show(maximum)}: không đọc ô này"
        )
        return None
    return value


def _where(table: Table, layout: WideLayout, r: int, c: int | None) -> str:
    label = quote(layout.labels[c], 30) if c is not None and c < len(layout.labels) else ""
    return table.where(r, c, label)


def _show(value: Fraction | int) -> str:
    value = Fraction(value)
    return str(value.numerator) if value.denominator == 1 else f"{float(value):g}".replace(".", ",")


__all__ = ["WideLayout", "find_wide_layout", "parse_maximum", "read_wide"]
