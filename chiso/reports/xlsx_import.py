"""Reading back the appendix XLSX that chiso exports, edited offline: a dry run, row by row.

Nothing is saved here. A hostile or broken file gets a Vietnamese message saying what and where.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from chiso import rubric
from chiso.lib.spreadsheets import WorkbookRefused, check_extent, open_workbook
from chiso.rubric import wording
from chiso.rubric.scoring import parse_points

MAX_BYTES = 5 * 1024 * 1024
# The exported appendix has about 70 rows and 7 columns. A tiny file can claim a cell at row
# 1,048,576 or column XFD; reading cell by cell up to there costs seconds and hundreds of MB.
MAX_ROWS, MAX_COLUMNS = 5_000, 50
# Cells and shared strings are counted in the compressed parts before openpyxl reads anything:
# a 5 MB file can hold two million cells, which openpyxl builds in 20 s and half a gigabyte.
MAX_CELLS = 20_000
FIRST_ROW = 6  # the header of the exported table is on row 5
ID_COLUMN, POINTS_COLUMN = 1, 5  # A: STT (item id), E: Điểm đánh giá
NOTE_COLUMN = 7  # G: Ghi chú, minh chứng (an item's note first, then its evidence)


# A file that cannot be read at all; the message says why and where (one class for every
# spreadsheet reader: chiso.lib.spreadsheets).
ImportRefused = WorkbookRefused


@dataclass
class PreviewRow:
    item_id: str
    row: int
    current: Any
    new: Any
    status: str  # "unchanged" | "updated" | "rejected"
    reason: str = ""


@dataclass
class IgnoredCell:
    """A cell the file changes that the import does not take, and why."""

    row: int
    where: str
    value: Any
    reason: str


@dataclass
class AppendixPreview:
    rows: list[PreviewRow] = field(default_factory=list)
    ignored: list[IgnoredCell] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)  # item id → the note typed in column G

    @property
    def changes(self) -> dict[str, str]:
        return {r.item_id: str(r.new) for r in self.rows if r.status == "updated"}

    @property
    def rejected(self) -> list[PreviewRow]:
        return [r for r in self.rows if r.status == "rejected"]


def open_appendix(name: str, content: bytes) -> Any:
    """The appendix workbook, after the checks every uploaded spreadsheet goes through."""
    return open_workbook(name, content, max_cells=MAX_CELLS, max_bytes=MAX_BYTES)


def read_appendix(
    name: str, content: bytes, card: rubric.Scorecard, framework: rubric.Framework
) -> AppendixPreview:
    """What the edited appendix would change: each item row, updated, unchanged or rejected."""
    return preview_appendix(name, open_appendix(name, content), card, framework)


def preview_appendix(
    name: str, workbook: Any, card: rubric.Scorecard, framework: rubric.Framework
) -> AppendixPreview:
    sheet = workbook.worksheets[0]
    check_extent(name, sheet, MAX_ROWS, MAX_COLUMNS)
    preview = AppendixPreview()
    current = {i.id: i for g in card.groups for c in g.criteria for i in c.items}
    for row in range(FIRST_ROW, sheet.max_row + 1):
        item_id = str(sheet.cell(row=row, column=ID_COLUMN).value or "").strip()
        cell = sheet.cell(row=row, column=POINTS_COLUMN)
        if not framework.has_item(item_id):
            ignored = _ignored(sheet.title, row, item_id, cell.value, card, framework)
            if ignored is not None:
                preview.ignored.append(ignored)
            continue
        preview.rows.append(_read_row(sheet.title, row, item_id, cell, current[item_id]))
        note = str(sheet.cell(row=row, column=NOTE_COLUMN).value or "").split("\n", 1)[0].strip()
        if note:
            preview.notes[item_id] = note[:500]
    if not preview.rows:
        raise ImportRefused(
            _(
                "Tệp «%(name)s», trang «%(title)s»: không tìm thấy bảng chấm điểm (cột A là mã mục như 1.3.a, cột E là điểm)."
            )
            % {"name": name, "title": sheet.title}
        )
    return preview


def _read_row(sheet: str, row: int, item_id: str, cell: Any, result: Any) -> PreviewRow:
    where = f"Trang «{sheet}», dòng {row}, cột E"
    old = result.awarded
    if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith("=")):
        return PreviewRow(
            item_id, row, old, cell.value, "rejected", f"{where}: là công thức, hãy nhập số điểm"
        )
    if cell.value in (None, ""):
        return PreviewRow(item_id, row, old, None, "unchanged", "ô trống: giữ nguyên")
    try:
        new = parse_points(cell.value)
    except ValueError:
        return PreviewRow(
            item_id, row, old, cell.value, "rejected", f"{where}: «{cell.value}» không phải số điểm"
        )
    if new < 0:
        return PreviewRow(item_id, row, old, new, "rejected", f"{where}: điểm không được âm")
    if result.cap is not None and new > result.cap:
        return PreviewRow(
            item_id,
            row,
            old,
            new,
            "rejected",
            f"{where}: {wording.number(new)} vượt điểm tối đa {wording.number(result.cap)}",
        )
    if old is not None and new == old:
        return PreviewRow(item_id, row, old, new, "unchanged")
    return PreviewRow(item_id, row, old, new, "updated")


def _same_value(a: Any, b: Any) -> bool:
    if a in (None, "") or b in (None, ""):
        return a in (None, "") and b in (None, "")
    try:
        return bool(parse_points(a) == parse_points(b))
    except ValueError:
        return str(a).strip().casefold() == str(b).strip().casefold()


def _ignored(
    sheet: str,
    row: int,
    row_id: str,
    value: Any,
    card: rubric.Scorecard,
    framework: rubric.Framework,
) -> IgnoredCell | None:
    """A changed cell in column E of a row that is not an item (a group, a criterion, a
    mandatory condition, an unknown id): the import takes item points only, and says so."""
    where = f"Trang «{sheet}», dòng {row}, cột E"
    groups = {g.id: g for g in card.groups}
    if row_id in groups:
        if _same_value(value, groups[row_id].points):
            return None
        return IgnoredCell(
            row,
            where,
            value,
            f"điểm nhóm {row_id} là tổng các tiêu chí, không nhập từ phụ lục "
            f"(giữ {_shown(groups[row_id].points)})",
        )
    if framework.has_criterion(row_id):
        criterion, result = framework.criterion(row_id), card.criterion(row_id)
        if criterion.is_mandatory:
            met = "có" if result.met else "không" if result.met is False else ""
            if _same_value(value, met):
                return None
            return IgnoredCell(
                row,
                where,
                value,
                f"điều kiện bắt buộc {row_id} không nhập từ phụ lục: hãy trả lời trên biểu mẫu "
                f"(giữ «{met or 'chưa nhập'}»)",
            )
        if _same_value(value, result.points):
            return None
        return IgnoredCell(
            row,
            where,
            value,
            f"điểm cả tiêu chí {row_id} không nhập từ phụ lục: hãy sửa điểm từng mục "
            f"(giữ {_shown(result.points)})",
        )
    if value in (None, "") or not row_id:
        return None
    return IgnoredCell(
        row, where, value, f"mã «{row_id}» không có trong bộ chỉ số nên bỏ qua dòng này"
    )


def _shown(points: Any) -> str:
    return "—" if points is None else wording.number(points)
