"""A scoring table with one row per criterion (and its item rows): points read only where the
row's criterion or item and the column's meaning are both certain.

Rows are known by their id ("1.3.", typed or numbered by Word, merged down over item rows) or
by their title; the points column by its header ("Điểm", "Điểm đạt", "Điểm tự đánh giá",
"Tự chấm", "Điểm thẩm định") and by its values. Anything else is listed as uncertain, with its
place. Pure standard library and the rubric's definitions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from chiso import rubric
from chiso.legacy.columns import (
    POINTS_ORDER,
    Meaning,
    column_labels,
    header_score,
    meaning_of,
    refine,
)
from chiso.legacy.document import Cell, Table
from chiso.legacy.matching import (
    RowId,
    criterion_by_title,
    criterion_title_conflicts,
    group_by_title,
    is_total,
    item_by_title,
    parse_id,
    title_score,
)
from chiso.legacy.numbers import parse_level, parse_maximum, parse_points_cell
from chiso.legacy.reading import Reading, Value, plain
from chiso.legacy.text import fold, quote

MAX_HEADER_ROWS = 5


@dataclass
class Layout:
    """Where a scoring table's parts are."""

    first: int  # the first row of scores
    id_column: int | None
    labels: list[str]
    meanings: list[Meaning]
    points: int | None = None
    titles: list[int] = field(default_factory=list)
    item_column: int | None = None  # a column of item texts beside the criterion's title

    def columns(self, meaning: Meaning) -> list[int]:
        return [c for c, m in enumerate(self.meanings) if m == meaning]


def read_scoring_table(table: Table, framework: rubric.Framework) -> Reading | None:
    """The points, levels and conditions of a table with a row per criterion; None if the
    table is no such table."""
    layout = find_layout(table, framework)
    if layout is None or not _is_scoring(table, layout, framework):
        return None
    return _Walk(table, framework, layout).run()


def _is_scoring(table: Table, layout: Layout, framework: rubric.Framework) -> bool:
    """A table with a points or level column, or whose numbered rows are the criteria (not a
    report's sections numbered 2.1, 2.2 … with questions under them)."""
    wanted = (*POINTS_ORDER, Meaning.LEVEL, Meaning.MAX)
    if any(m in wanted for m in layout.meanings):
        return True
    c = layout.id_column
    if c is None:
        return True
    matched = total = 0
    for r in range(layout.first, len(table.rows)):
        found = parse_id(table.rows[r][c].text, framework) if c < len(table.rows[r]) else None
        if found is not None and found.kind == "criterion":
            total += 1
            title = _row_text(table.rows[r], r)
            matched += title_score(title, framework.criterion(found.id).title) >= 0.5
    return total > 0 and matched * 2 >= total


# -- layout --------------------------------------------------------------------------------------


def find_layout(table: Table, framework: rubric.Framework) -> Layout | None:
    found = _id_column(table, framework)
    if found is None:
        return None
    id_column, first = found
    header_rows = _header_rows(table, first, framework)
    labels = column_labels(table, header_rows)
    meanings = [meaning_of(label) for label in labels]
    for c, meaning in enumerate(meanings):
        meanings[c] = refine(meaning, _values(table, first, c))
    if id_column is not None:
        meanings[id_column] = Meaning.ID
    layout = Layout(first, id_column, labels, meanings)
    layout.titles = _title_columns(table, layout)
    layout.item_column = _item_column(table, layout, framework)
    return layout


def _values(table: Table, first: int, c: int) -> list[str]:
    return [
        row[c].text
        for r, row in enumerate(table.rows[first:], start=first)
        if c < len(row) and row[c].starts_at(r, c)
    ]


def _id_column(table: Table, framework: rubric.Framework) -> tuple[int | None, int] | None:
    """The column that holds criterion ids, and the first row of scores (a group row above
    the first criterion counts); by titles if no column holds ids."""
    best: tuple[int, list[int]] | None = None
    for c in range(table.width):
        hits = [r for r, row in enumerate(table.rows) if _row_id(row, r, c, framework)]
        if len(hits) >= 2 and (best is None or len(hits) > len(best[1])):
            best = (c, hits)
    if best is not None:
        c, hits = best
        first = hits[0]
        # A group's row between the header and its first criterion belongs to the scores.
        for above in (first - 1, first - 2):
            header_above = above >= 1 and header_score(table, above - 1, framework) > 0
            if header_above and _is_group_row(table, above, c, framework):
                first = above
        return c, first
    titled = [
        r for r, row in enumerate(table.rows) if criterion_by_title(_row_text(row, r), framework)
    ]
    return (
        (None, titled[0])
        if len({criterion_by_title(_row_text(table.rows[r], r), framework) for r in titled}) >= 2
        else None
    )


def _row_id(row: list[Cell], r: int, c: int, framework: rubric.Framework) -> bool:
    if c >= len(row) or not row[c].starts_at(r, c):
        return False
    found = parse_id(row[c].text, framework)
    return found is not None and found.kind in ("criterion", "item")


def _is_group_row(table: Table, r: int, c: int, framework: rubric.Framework) -> bool:
    row = table.rows[r]
    found = parse_id(row[c].text, framework) if c < len(row) else None
    if found is None or found.kind != "group":
        return False
    return not found.bare or group_by_title(_row_text(row, r), framework) == found.id


def _row_text(row: list[Cell], r: int) -> str:
    return " ".join(
        cell.text for c, cell in enumerate(row) if cell.starts_at(r, c) and len(cell.text) > 3
    )


def _header_rows(table: Table, first: int, framework: rubric.Framework) -> list[int]:
    rows: list[int] = []
    for r in range(first - 1, max(-1, first - 1 - MAX_HEADER_ROWS), -1):
        cells = {cell.origin: cell.text.strip() for cell in table.rows[r] if cell.text.strip()}
        if not cells or _numbers_columns(list(cells.values())):
            continue
        if len(cells) == 1 and table.width >= 3:
            break  # a caption over the whole table
        if header_score(table, r, framework) == 0:
            break
        rows.insert(0, r)
    return rows


def _numbers_columns(texts: list[str]) -> bool:
    """A row that numbers the columns: "(1) (2) (3)" or "1 2 3"."""
    stripped = [t.strip("()") for t in texts]
    return len(stripped) >= 3 and all(t.isdigit() and len(t) <= 2 for t in stripped)


def _title_columns(table: Table, layout: Layout) -> list[int]:
    titles = layout.columns(Meaning.TITLE)
    for c in layout.columns(Meaning.UNKNOWN):
        values = [v for v in _values(table, layout.first, c) if v.strip()]
        if values and sum(len(v) for v in values) / len(values) > 25:
            titles.append(c)
    if layout.id_column is not None and layout.id_column not in titles:
        titles.insert(0, layout.id_column)
    return sorted(titles)


def _item_column(table: Table, layout: Layout, framework: rubric.Framework) -> int | None:
    """A column of item texts beside the column of criterion titles («Tiêu chí» | «Nội dung»)."""
    own = [c for c in layout.titles if c != layout.id_column]
    return own[-1] if len(own) >= 2 else None


def choose_points_column(table: Table, layout: Layout) -> tuple[int | None, str]:
    """The points column, and why none was taken if several could be it."""
    for meaning in POINTS_ORDER:
        columns = layout.columns(meaning)
        if len(columns) == 1:
            return columns[0], ""
        if len(columns) > 1:
            if _agree(table, layout.first, columns):
                return columns[0], ""
            names = ", ".join(f"«{quote(layout.labels[c], 30)}»" for c in columns)
            return (
                None,
                f"có {len(columns)} cột cùng có thể là điểm ({names}) với giá trị khác nhau: không rõ cột nào",
            )
    return None, ""


def _agree(table: Table, first: int, columns: list[int]) -> bool:
    for row in table.rows[first:]:
        filled = {row[c].text.strip() for c in columns if c < len(row) and row[c].text.strip()}
        if len(filled) > 1:
            return False
    return True


# -- reading row by row --------------------------------------------------------------------------


class _Walk:
    """One pass over the rows of scores, remembering the criterion whose items follow."""

    def __init__(self, table: Table, framework: rubric.Framework, layout: Layout) -> None:
        self.table, self.framework, self.layout = table, framework, layout
        self.reading = Reading(scoring_tables=1)
        self.criterion: str | None = None
        self.criterion_row = -1
        self.seen: dict[str, int] = {}

    def run(self) -> Reading:
        points, problem = choose_points_column(self.table, self.layout)
        self.layout.points = points
        if problem:
            self.reading.doubt(self.table.label, problem)
        elif points is None:
            self.reading.doubt(
                self.table.label,
                "có các dòng tiêu chí nhưng không thấy cột điểm (cột có tiêu đề «Điểm», «Điểm đạt», "
                "«Điểm tự đánh giá», «Tự chấm» hoặc «Điểm thẩm định»): không đọc điểm từ bảng này",
            )
        for r in range(self.layout.first, len(self.table.rows)):
            self._row(r)
        self._derive_criteria()
        return self.reading

    # what a row is

    def _row(self, r: int) -> None:
        row = self.table.rows[r]
        found, continued = self._id_of(row, r)
        text, item_text = self._texts(row, r)
        if found is not None and found.kind == "criterion":
            self._criterion_or_first_item(r, found.id, text, item_text)
        elif found is not None and found.kind == "item":
            self._criterion_at(found.id.rsplit(".", 1)[0])
            self._item(r, found.id)
        elif (
            found is not None
            and found.kind == "group"
            and (not found.bare or group_by_title(text, self.framework) == found.id)
        ):
            self._group(r, found.id)
        elif is_total(text) or (self._id_text(row) and is_total(self._id_text(row))):
            self._total(r)
        elif (
            found is None
            and not self._id_text(row)
            and group_by_title(text, self.framework)
            and not continued
        ):
            self._group(r, group_by_title(text, self.framework) or "")
        elif continued and self.criterion:
            self._item_by_text(r, item_text or text)
        elif found is None and not self._id_text(row) and self.criterion and (item_text or text):
            self._unnumbered(r, item_text or text)
        elif (
            found is None
            and self.layout.id_column is None
            and criterion_by_title(text, self.framework)
        ):
            self._criterion_or_first_item(
                r, criterion_by_title(text, self.framework) or "", text, item_text
            )
        else:
            self._stray(r, "dòng không rõ thuộc tiêu chí nào")

    def _id_of(self, row: list[Cell], r: int) -> tuple[RowId | None, bool]:
        c = self.layout.id_column
        if c is None or c >= len(row):
            return None, False
        if not row[c].starts_at(r, c):
            return None, bool(row[c].text.strip())
        return parse_id(row[c].text, self.framework), False

    def _id_text(self, row: list[Cell]) -> str:
        c = self.layout.id_column
        return row[c].text.strip() if c is not None and c < len(row) else ""

    def _texts(self, row: list[Cell], r: int) -> tuple[str, str]:
        """The row's own title text, and the text of its item column (if the table has one)."""
        parts, item = [], ""
        for c in self.layout.titles:
            if c >= len(row) or not row[c].starts_at(r, c):
                continue
            if c == self.layout.item_column:
                item = row[c].text
            else:
                parts.append(row[c].text)
        return " ".join(parts).strip(), item.strip()

    # criteria

    def _criterion_or_first_item(self, r: int, cid: str, text: str, item_text: str) -> None:
        conflict = criterion_title_conflicts(text, cid, self.framework) if text else None
        if conflict:
            self.criterion = None
            self._stray(
                r, f"mã {cid} nhưng nội dung là của tiêu chí {conflict}: không đọc dòng này"
            )
            return
        self._criterion_at(cid, r)
        item = None if self._points_merged_down(r) else self._item_named(cid, text, item_text)
        if item is not None:
            self._item(r, item)
        elif self._first_of_item_block(r):
            self._stray(r, f"dòng đầu của tiêu chí {cid}: không rõ mục nào")
        else:
            self._criterion_values(r, cid)

    def _item_named(self, cid: str, text: str, item_text: str) -> str | None:
        """The item a row with the criterion's id is about: named in the item column, or
        named by the row's title far better than the criterion is (the id written down each
        item row)."""
        if item_text:
            return item_by_title(item_text, cid, self.framework)
        criterion = self.framework.criterion(cid)
        item = item_by_title(text, cid, self.framework) if len(criterion.items) > 1 else None
        if item is None:
            return None
        own = title_score(text, criterion.title)
        return item if title_score(text, self.framework.item(item).title) > own + 0.1 else None

    def _criterion_at(self, cid: str, r: int = -1) -> None:
        self.criterion = cid
        if r >= 0:
            self.criterion_row = r

    def _points_merged_down(self, r: int) -> bool:
        """One points cell over the criterion's rows: the criterion's points, whatever the rows."""
        p, rows = self.layout.points, self.table.rows
        return p is not None and r + 1 < len(rows) and rows[r + 1][p].origin == (r, p)

    def _first_of_item_block(self, r: int) -> bool:
        """The criterion's id merged down over its item rows while each row has its own points:
        this row's points are its first item's, not the criterion's."""
        c, p = self.layout.id_column, self.layout.points
        rows = self.table.rows
        if c is None or p is None or r + 1 >= len(rows):
            return False
        merged_down = rows[r + 1][c].origin == (r, c)
        own_points = rows[r + 1][p].starts_at(r + 1, p)
        return merged_down and own_points

    def _criterion_values(self, r: int, cid: str) -> None:
        criterion = self.framework.criterion(cid)
        if criterion.is_mandatory:
            self._condition(r, cid)
            return
        if not self._maximum_agrees(r, criterion.max, cid):
            return
        value = self._points(r, f"tiêu chí {cid}", criterion.max)
        level = self._level(r)
        if value is None:
            return
        if self._twice(cid, r):
            return
        where = self._where(r)
        self.reading.values[cid] = Value(value, where)
        statement = {"criterion": cid, "points": plain(value), "where": where}
        if level:
            statement["level"] = level
        self.reading.state(**statement)

    def _condition(self, r: int, cid: str) -> None:
        row = self.table.rows[r]
        columns = [self.layout.points, *self.layout.columns(Meaning.LEVEL)]
        for c in columns:
            if c is None or c >= len(row) or not row[c].text.strip():
                continue
            level = parse_level(row[c].text)
            if level is not None and level.met is not None:
                self.reading.mandatory[cid] = level.met
                return

    # items

    def _item_by_text(self, r: int, text: str) -> None:
        assert self.criterion is not None
        item = item_by_title(text, self.criterion, self.framework) if text else None
        if item is None:
            self._stray(r, f"dòng thuộc tiêu chí {self.criterion} nhưng không rõ mục nào")
            return
        self._item(r, item)

    def _unnumbered(self, r: int, text: str) -> None:
        assert self.criterion is not None
        item = item_by_title(text, self.criterion, self.framework)
        if item is not None:
            self._item(r, item)
            return
        other = criterion_by_title(text, self.framework)
        if other is not None and self.layout.id_column is None:
            self._criterion_or_first_item(r, other, text, "")
            return
        self._stray(r, f"dòng thuộc tiêu chí {self.criterion} nhưng không rõ mục nào")

    def _item(self, r: int, item_id: str) -> None:
        p = self.layout.points
        if p is None or p >= len(self.table.rows[r]) or not self.table.rows[r][p].starts_at(r, p):
            return  # the points cell is the criterion's, merged over its items
        maximum = self.framework.item(item_id).rule.maximum
        if not self._maximum_agrees(r, maximum, item_id, item=True):
            return
        value = self._points(r, f"mục {item_id}", maximum)
        if value is None or self._twice(item_id, r):
            return
        where = self._where(r)
        self.reading.values[item_id] = Value(value, where)
        self.reading.state(item=item_id, points=plain(value), where=where)

    # groups and totals

    def _group(self, r: int, gid: str) -> None:
        self.criterion = None
        value = self._points(r, f"nhóm {gid}", self.framework.group(gid).max, quiet=True)
        level = self._level(r)
        statement: dict[str, object] = {"group": gid, "where": self._where(r)}
        if value is not None:
            statement["points"] = plain(value)
        if level:
            statement["level"] = level
        if len(statement) > 2:
            self.reading.state(**statement)

    def _total(self, r: int) -> None:
        self.criterion = None
        value = self._points(r, "tổng", sum(g.max for g in self.framework.groups), quiet=True)
        if value is not None:
            self.reading.state(total=plain(value), where=self._where(r))
        level = self._level(r)
        if level and parse_level(level) and parse_level(level).value:  # type: ignore[union-attr]
            self.reading.overall_level = (parse_level(level).value, self._where(r))  # type: ignore[union-attr,assignment]

    # cells

    def _points(
        self, r: int, target: str, maximum: Fraction | int, quiet: bool = False
    ) -> Fraction | None:
        p = self.layout.points
        row = self.table.rows[r]
        if p is None or p >= len(row):
            return None
        cell = row[p]
        where = self._where(r, p)
        if not cell.starts_at(r, p):
            return (
                None  # a merged area that starts elsewhere (a group's caption, a criterion's total)
            )
        if cell.formula:
            self.reading.doubt(where, f"{target}: ô là công thức chưa có giá trị lưu trong tệp")
            return None
        if cell.number is not None:
            value: Fraction | None = cell.number
        else:
            try:
                parsed = parse_points_cell(cell.text)
            except ValueError:
                if not quiet:
                    self.reading.doubt(
                        where, f"{target}: «{quote(cell.text, 40)}» không phải số điểm"
                    )
                return None
            value = parsed.value if parsed else None
            if parsed and parsed.of is not None and parsed.of != maximum:
                self.reading.doubt(
                    where,
                    f"{target}: ghi «{quote(cell.text, 20)}» nhưng điểm tối đa là {_show(maximum)}: không đọc",
                )
                return None
        if value is None:
            return None
        if value < 0 or value > maximum:
            self.reading.doubt(
                where,
                f"{target}: {_show(value)} vượt điểm tối đa {_show(maximum)}: không đọc ô này",
            )
            return None
        return value

    def _level(self, r: int) -> str:
        row = self.table.rows[r]
        for c in self.layout.columns(Meaning.LEVEL):
            if c < len(row) and row[c].starts_at(r, c) and row[c].text.strip():
                level = parse_level(row[c].text)
                if level is not None and level.value is not None:
                    return f"Mức độ {level.value}"
                return quote(row[c].text, 40)
        return ""

    def _maximum_agrees(
        self, r: int, maximum: Fraction | int, target: str, item: bool = False
    ) -> bool:
        """A maximum written on the row must be the target's: otherwise the row is not what its
        id or title says (a shifted row, another index)."""
        row = self.table.rows[r]
        written = []
        for c in self.layout.columns(Meaning.MAX):
            if c < len(row) and row[c].starts_at(r, c):
                value = parse_maximum(row[c].text) if row[c].number is None else row[c].number
                if value is not None:
                    written.append(value)
        if not written or maximum in written:
            return True
        if item and self.criterion and self.framework.criterion(self.criterion).max in written:
            return True
        self._stray(
            r,
            f"{target} có điểm tối đa {_show(maximum)} nhưng dòng ghi {', '.join(_show(w) for w in written)}: không đọc dòng này",
            force=True,
        )
        return False

    def _twice(self, target: str, r: int) -> bool:
        if target not in self.seen:
            self.seen[target] = r
            return False
        first = self.seen[target]
        if target in self.reading.values:
            del self.reading.values[target]
        self.reading.doubt(
            self._where(r),
            f"{target} có ở hai dòng ({self.table.row_names[first]} và {self.table.row_names[r]}): không lấy dòng nào",
        )
        return True

    def _stray(self, r: int, why: str, force: bool = False) -> None:
        """A row not taken: said only if its points cell holds a figure that could matter."""
        p = self.layout.points
        row = self.table.rows[r]
        if p is None or p >= len(row) or not row[p].starts_at(r, p):
            return
        text = row[p].text.strip()
        if not text or (not force and fold(text) in ("0", "0 diem")):
            return
        self.reading.doubt(self._where(r, p), f"{why} (giá trị «{quote(text, 20)}»)")

    def _where(self, r: int, c: int | None = None) -> str:
        c = self.layout.points if c is None else c
        label = self.layout.labels[c] if c is not None and c < len(self.layout.labels) else ""
        return self.table.where(r, c, quote(label, 30))

    def _derive_criteria(self) -> None:
        """A criterion whose every item was read, and which has no value of its own, is worth
        the sum of its items."""
        for criterion in self.framework.all_criteria:
            if criterion.is_mandatory or criterion.id in self.reading.values or not criterion.items:
                continue
            values = [self.reading.values.get(i.id) for i in criterion.items]
            if all(v is not None for v in values):
                total = sum((v.points for v in values if v is not None), Fraction(0))
                where = f"{self.table.label}: tổng các mục {criterion.items[0].id} … {criterion.items[-1].id}"
                self.reading.values[criterion.id] = Value(total, where, derived=True)


def _show(value: Fraction | int) -> str:
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):g}".replace(".", ",")
