"""Uploaded workbooks (XLSX), bounded before anything parses them: their size, their unpacked
size, their cells and shared strings counted in the packed parts, macros and encryption refused.

One reader for every spreadsheet chiso takes in (an edited appendix, each file of the bulk ZIP
job, the list of units), each with its own limits; openpyxl only ever sees what passed.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from chiso.lib.files import ZIP_ERRORS

MAX_UNPACKED = 50 * 1024 * 1024
# A cell <c …> or a shared string <si>, with or without a namespace prefix. Inside text every
# "<" is escaped, so this counts at least every cell (never fewer).
_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,30}:)?(?:c|si)[\s/>]")
_CHUNK = 1 << 16


class WorkbookRefused(ValueError):
    """A workbook that cannot be read at all; the message says why and where."""


def where(name: str, sheet: str, row: int, column: str = "") -> str:
    """Where a row's message points in an uploaded table: the file, the sheet, the row, and the
    column (its header as the user reads it) if any."""
    values = {"name": name, "sheet": sheet, "row": row}
    if column:
        return _("Tệp «%(name)s», trang «%(sheet)s», dòng %(row)s, cột %(column)s") % {
            **values,
            "column": column,
        }
    return _("Tệp «%(name)s», trang «%(sheet)s», dòng %(row)s") % values


def open_workbook(
    name: str,
    content: bytes,
    *,
    max_cells: int,
    max_bytes: int,
    read_only: bool = False,
) -> Any:
    """An uploaded workbook, bounded in bytes, unpacked bytes and cells before openpyxl parses it."""
    if len(content) > max_bytes:
        raise WorkbookRefused(
            f"Tệp «{name}» quá lớn ({len(content) / 1048576:.1f} MB, tối đa {max_bytes // 1048576} MB)."
        )
    if content.startswith(b"\xd0\xcf\x11\xe0"):  # OLE: an encrypted workbook or an old .xls
        raise WorkbookRefused(
            _(
                "Tệp «%(name)s» có mật khẩu hoặc là tệp Excel cũ (.xls): hãy mở, bỏ mật khẩu và lưu thành .xlsx."
            )
            % {"name": name}
        )
    if not content.startswith(b"PK\x03\x04"):
        raise WorkbookRefused(
            _("Tệp «%(name)s» không phải tệp Excel .xlsx (nội dung không khớp).") % {"name": name}
        )
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            _check_parts(name, archive, max_cells)
    except WorkbookRefused:
        raise
    except ZIP_ERRORS:
        raise WorkbookRefused(
            _("Tệp «%(name)s» bị hỏng, không đọc được.") % {"name": name}
        ) from None
    try:
        workbook = load_workbook(io.BytesIO(content), data_only=False, read_only=read_only)
    except Exception as exc:
        raise WorkbookRefused(
            _("Tệp «%(name)s» không đọc được như bảng tính Excel (%(name2)s).")
            % {"name": name, "name2": type(exc).__name__}
        ) from None
    if not workbook.worksheets:  # a damaged workbook.xml can list no sheet at all
        raise WorkbookRefused(_("Tệp «%(name)s» không có trang tính nào.") % {"name": name})
    return workbook


def _check_parts(name: str, archive: zipfile.ZipFile, max_cells: int) -> None:
    names = archive.namelist()
    if sum(i.file_size for i in archive.infolist()) > MAX_UNPACKED:
        raise WorkbookRefused(
            _("Tệp «%(name)s» giải nén quá lớn (nghi ngờ tệp độc hại).") % {"name": name}
        )
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise WorkbookRefused(_("Tệp «%(name)s» có chứa macro: không nhận.") % {"name": name})
    if "EncryptedPackage" in names or not any(n.startswith("xl/") for n in names):
        raise WorkbookRefused(
            _("Tệp «%(name)s» có mật khẩu hoặc không phải bảng tính Excel.") % {"name": name}
        )
    if count_cells(archive, max_cells) > max_cells:
        raise WorkbookRefused(
            _(
                "Tệp «%(name)s» có quá nhiều ô (hơn %(limit)s ô có dữ liệu hoặc định dạng): "
                "hãy xóa các dòng, cột thừa rồi lưu lại."
            )
            % {"name": name, "limit": f"{max_cells:,}".replace(",", ".")}
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
        raise WorkbookRefused(
            _(
                "Tệp «%(name)s», trang «%(title)s»: quá nhiều dòng (%(max_row)s, tối đa %(max_rows)s); hãy xóa các dòng thừa ở cuối trang."
            )
            % {"name": name, "title": sheet.title, "max_row": sheet.max_row, "max_rows": max_rows}
        )
    if (sheet.max_column or 0) > max_columns:
        raise WorkbookRefused(
            _(
                "Tệp «%(name)s», trang «%(title)s»: quá nhiều cột (%(max_column)s, tối đa %(max_columns)s); hãy xóa các cột thừa bên phải."
            )
            % {
                "name": name,
                "title": sheet.title,
                "max_column": sheet.max_column,
                "max_columns": max_columns,
            }
        )
