"""Spreadsheets (.xlsx): every sheet a table, merged areas kept, numbers exactly as stored,
formulas without a stored value said. openpyxl."""

from __future__ import annotations

import io
from fractions import Fraction
from typing import Any

from openpyxl import load_workbook

from chiso.legacy.document import Cell, Document, Paragraph, Table
from chiso.legacy.limits import MAX_COLUMNS, MAX_ROWS, UnreadableReport, check_zip, letters
from chiso.legacy.text import Cleaner


def read_xlsx(name: str, content: bytes, converted: str = "") -> Document:
    """Every sheet as a table; merged areas kept; numbers exactly as stored."""
    check_zip(name, content, "Excel .xlsx", "[Content_Types].xml")
    try:
        values = load_workbook(io.BytesIO(content), data_only=True)
        formulas = load_workbook(io.BytesIO(content), data_only=False, read_only=False)
    except Exception as exc:  # openpyxl raises many kinds on a damaged workbook
        raise UnreadableReport(
            f"Tệp «{name}» không đọc được như bảng tính Excel ({type(exc).__name__})."
        ) from None
    for sheet in values.worksheets:
        _check_extent(name, sheet)
    clean = Cleaner(
        cell.value
        for sheet in values.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    )
    blocks: list[Paragraph | Table] = []
    for sheet in values.worksheets:
        table = _sheet_table(sheet, formulas[sheet.title], clean)
        if table is not None:
            blocks.append(table)
    if not blocks:
        raise UnreadableReport(f"Tệp «{name}» không có trang tính nào có dữ liệu.")
    document = Document(name, "xlsx", blocks, clean.notes())
    if converted:
        document.notes.insert(0, f"đã chuyển tệp {converted} sang .xlsx bằng LibreOffice")
    return document


def _check_extent(name: str, sheet: Any) -> None:
    if sheet.max_row > MAX_ROWS or sheet.max_column > MAX_COLUMNS:
        raise UnreadableReport(
            f"Tệp «{name}», trang «{sheet.title}»: vùng dữ liệu quá lớn ({sheet.max_row} dòng, "
            f"{sheet.max_column} cột; tối đa {MAX_ROWS} dòng, {MAX_COLUMNS} cột): hãy xóa phần thừa."
        )


def _sheet_table(sheet: Any, formulas: Any, clean: Cleaner) -> Table | None:
    rows: list[list[Cell]] = []
    for r, cells in enumerate(sheet.iter_rows(min_row=1, max_row=sheet.max_row)):
        rows.append([_sheet_cell(cell, formulas, (r, c), clean) for c, cell in enumerate(cells)])
    for merged in sheet.merged_cells.ranges:
        _spread(
            rows, merged.min_row - 1, merged.min_col - 1, merged.max_row - 1, merged.max_col - 1
        )
    if not any(cell.text for row in rows for cell in row):
        return None
    width = max((len(r) for r in rows), default=0)
    return Table(
        rows,
        f"trang «{sheet.title}»",
        [f"dòng {r + 1}" for r in range(len(rows))],
        [f"cột {letters(c)}" for c in range(width)],
    )


def _spread(rows: list[list[Cell]], top: int, left: int, bottom: int, right: int) -> None:
    if top >= len(rows) or left >= len(rows[top]):
        return
    first = rows[top][left]
    for r in range(top, min(bottom, len(rows) - 1) + 1):
        for c in range(left, min(right, len(rows[r]) - 1) + 1):
            rows[r][c] = Cell(first.text, (top, left), first.number, first.formula)


def _sheet_cell(cell: Any, formulas: Any, place: tuple[int, int], clean: Cleaner) -> Cell:
    value = cell.value
    if value is None:
        written = formulas.cell(row=cell.row, column=cell.column).value if cell.row else None
        is_formula = isinstance(written, str) and written.startswith("=")
        return Cell("", place, formula=is_formula)
    if isinstance(value, bool):
        return Cell("có" if value else "không", place)
    if isinstance(value, int | float):
        number = Fraction(repr(value)) if isinstance(value, float) else Fraction(value)
        if "%" in str(cell.number_format):
            number *= 100
            return Cell(_vn_number(number) + "%", place, number)
        return Cell(_vn_number(number), place, number)
    if hasattr(value, "isoformat"):
        return Cell(value.isoformat()[:10], place)
    return Cell(clean(str(value).strip()), place)


def _vn_number(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):.6f}".rstrip("0").replace(".", ",")
