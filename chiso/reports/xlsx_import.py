"""Reading back the appendix XLSX that chiso exports, edited offline: a dry run, row by row.

Nothing is saved here. A hostile or broken file gets a Vietnamese message saying what and where.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from chiso import rubric
from chiso.files import ZIP_ERRORS
from chiso.rubric import wording
from chiso.rubric.scoring import parse_points

MAX_BYTES = 5 * 1024 * 1024
MAX_UNPACKED = 50 * 1024 * 1024
# The exported appendix has about 70 rows and 7 columns. A tiny file can claim a cell at row
# 1,048,576 or column XFD; reading cell by cell up to there costs seconds and hundreds of MB.
MAX_ROWS, MAX_COLUMNS = 5_000, 50
# Cells and shared strings are counted in the compressed parts before openpyxl reads anything:
# a 5 MB file can hold two million cells, which openpyxl builds in 20 s and half a gigabyte.
MAX_CELLS = 20_000
# A cell <c …> or a shared string <si>, with or without a namespace prefix. Inside text every
# "<" is escaped, so this counts at least every cell (never fewer).
_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,30}:)?(?:c|si)[\s/>]")
_CHUNK = 1 << 16
FIRST_ROW = 6  # the header of the exported table is on row 5
ID_COLUMN, POINTS_COLUMN = 1, 5  # A: STT (item id), E: Điểm đánh giá


class ImportRefused(ValueError):
    """A file that cannot be read at all; the message says why and where."""


@dataclass
class PreviewRow:
    item_id: str
    row: int
    current: Any
    new: Any
    status: str  # "unchanged" | "updated" | "rejected"
    reason: str = ""


@dataclass
class AppendixPreview:
    rows: list[PreviewRow] = field(default_factory=list)

    @property
    def changes(self) -> dict[str, str]:
        return {r.item_id: str(r.new) for r in self.rows if r.status == "updated"}

    @property
    def rejected(self) -> list[PreviewRow]:
        return [r for r in self.rows if r.status == "rejected"]


def open_appendix(name: str, content: bytes) -> Any:
    """The appendix workbook, after the checks every uploaded spreadsheet goes through."""
    return open_workbook(name, content, max_cells=MAX_CELLS)


def open_workbook(
    name: str,
    content: bytes,
    *,
    max_cells: int,
    max_bytes: int = MAX_BYTES,
    read_only: bool = False,
) -> Any:
    """An uploaded workbook, bounded in bytes, unpacked bytes and cells before openpyxl parses it."""
    if len(content) > max_bytes:
        raise ImportRefused(
            f"Tệp «{name}» quá lớn ({len(content) / 1048576:.1f} MB, tối đa {max_bytes // 1048576} MB)."
        )
    if content.startswith(b"\xd0\xcf\x11\xe0"):  # OLE: an encrypted workbook or an old .xls
        raise ImportRefused(
            f"Tệp «{name}» có mật khẩu hoặc là tệp Excel cũ (.xls): hãy mở, bỏ mật khẩu và lưu thành .xlsx."
        )
    if not content.startswith(b"PK\x03\x04"):
        raise ImportRefused(f"Tệp «{name}» không phải tệp Excel .xlsx (nội dung không khớp).")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            _check_parts(name, archive, max_cells)
    except ImportRefused:
        raise
    except ZIP_ERRORS:
        raise ImportRefused(f"Tệp «{name}» bị hỏng, không đọc được.") from None
    try:
        workbook = load_workbook(io.BytesIO(content), data_only=False, read_only=read_only)
    except Exception as exc:
        raise ImportRefused(
            f"Tệp «{name}» không đọc được như bảng tính Excel ({type(exc).__name__})."
        ) from None
    if not workbook.worksheets:  # a damaged workbook.xml can list no sheet at all
        raise ImportRefused(f"Tệp «{name}» không có trang tính nào.")
    return workbook


def _check_parts(name: str, archive: zipfile.ZipFile, max_cells: int) -> None:
    names = archive.namelist()
    if sum(i.file_size for i in archive.infolist()) > MAX_UNPACKED:
        raise ImportRefused(f"Tệp «{name}» giải nén quá lớn (nghi ngờ tệp độc hại).")
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise ImportRefused(f"Tệp «{name}» có chứa macro: không nhận.")
    if "EncryptedPackage" in names or not any(n.startswith("xl/") for n in names):
        raise ImportRefused(f"Tệp «{name}» có mật khẩu hoặc không phải bảng tính Excel.")
    if count_cells(archive, max_cells) > max_cells:
        raise ImportRefused(
            _(
                "Tệp «%(name)s» có quá nhiều ô (hơn %(limit)s ô có dữ liệu hoặc định dạng): "
                "hãy xóa các dòng, cột thừa rồi lưu lại."
            )
            % {"name": name, "limit": wording.number(max_cells)}
        )


def count_cells(archive: zipfile.ZipFile, limit: int) -> int:
    """Cells and shared strings in the XML parts, read in pieces; stops once past `limit`."""
    total = 0
    for info in archive.infolist():
        if not info.filename.lower().endswith(".xml"):
            continue
        tail = b""
        with archive.open(info) as part:
            for chunk in iter(lambda part=part: part.read(_CHUNK), b""):  # type: ignore[misc]
                text = tail + chunk
                cut = max(0, len(text) - 64)  # a match (under 40 bytes) starting before `cut`
                total += _starting_before(_CELL, text, cut)  # ends in this piece
                tail = text[cut:]
                if total > limit:
                    return total
        total += _starting_before(_CELL, tail, len(tail))
    return total


def _starting_before(pattern: re.Pattern[bytes], text: bytes, cut: int) -> int:
    count = 0
    for match in pattern.finditer(text):
        if match.start() >= cut:
            break
        count += 1
    return count


def check_extent(name: str, sheet: Any, max_rows: int, max_columns: int) -> None:
    """Refuse a sheet whose used range is far larger than any real one of its kind (a sheet
    read streaming knows it only from its <dimension>, maybe not at all: then from its rows)."""
    if (sheet.max_row or 0) > max_rows:
        raise ImportRefused(
            f"Tệp «{name}», trang «{sheet.title}»: quá nhiều dòng ({sheet.max_row}, tối đa {max_rows}); "
            "hãy xóa các dòng thừa ở cuối trang."
        )
    if (sheet.max_column or 0) > max_columns:
        raise ImportRefused(
            f"Tệp «{name}», trang «{sheet.title}»: quá nhiều cột ({sheet.max_column}, tối đa {max_columns}); "
            "hãy xóa các cột thừa bên phải."
        )


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
        if not framework.has_item(item_id):
            continue
        cell = sheet.cell(row=row, column=POINTS_COLUMN)
        preview.rows.append(_read_row(sheet.title, row, item_id, cell, current[item_id]))
    if not preview.rows:
        raise ImportRefused(
            f"Tệp «{name}», trang «{sheet.title}»: không tìm thấy bảng chấm điểm (cột A là mã mục như 1.3.a, cột E là điểm)."
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
