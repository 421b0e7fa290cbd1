"""The IT inventory as a workbook (S1 §1.2): applications for management, for teaching, then
equipment and network, each line có/không with its count, product, how it was acquired and its
link; S1's four totals at the foot. Printed landscape on A4, fitted to the width."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from chiso.inventory import actions
from chiso.inventory.models import Acquisition, Kind
from chiso.reports import layout
from chiso.reports.cells import put

THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(name="Times New Roman", bold=True, size=12)
NORMAL = Font(name="Times New Roman", size=12)
WRAP = Alignment(wrap_text=True, vertical="top")
HEADER = ["STT", "Nội dung", "Có/Không", "Số lượng", "Tên sản phẩm", "Hình thức", "Đường link"]
WIDTHS = [6, 48, 10, 12, 28, 16, 40]


def _row(sheet: Any, row: int, values: list[Any], *, bold: bool = False) -> None:
    for column, value in enumerate(values, start=1):
        cell = put(sheet.cell(row=row, column=column), value)
        cell.font = BOLD if bold else NORMAL
        cell.border = BORDER
        cell.alignment = WRAP


def _answer(line: Any) -> str:
    return "Có" if line.available else "Không" if line.available is False else ""


def _quantity(line: Any) -> str:
    if not line.available:
        return ""
    text = f"{line.quantity} {line.entry.quantity_label}".strip()
    if line.second_quantity is not None and line.entry.second_label:
        text += f", {line.second_quantity} {line.entry.second_label}"
    return text


def render_inventory_xlsx(unit: Any, school_year: str, lines: list[Any]) -> bytes:
    """One sheet: the three groups of lines, then the totals."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Hien trang CNTT"
    title = f"HIỆN TRẠNG ỨNG DỤNG CNTT VÀ TRANG THIẾT BỊ NĂM HỌC {school_year}"
    put(sheet.cell(row=1, column=1), title).font = BOLD
    put(sheet.cell(row=2, column=1), unit.name).font = BOLD
    _row(sheet, 4, HEADER, bold=True)
    row, acquisitions = 5, dict(Acquisition.choices)
    for number, (kind, label) in enumerate(Kind.choices, start=1):
        _row(sheet, row, [str(number), str(label).upper(), "", "", "", "", ""], bold=True)
        row += 1
        group = [line for line in lines if line.entry.kind == kind]
        for index, line in enumerate(group, start=1):
            values = [
                f"{number}.{index}",
                line.entry.name,
                _answer(line),
                _quantity(line),
                line.product,
                str(acquisitions.get(line.acquisition, "")),
                line.link,
            ]
            _row(sheet, row, values)
            row += 1
    totals = actions.totals(lines)
    row += 1
    for text, value in (
        ("Tổng số phần mềm và ứng dụng đang sử dụng", totals.apps_in_use),
        ("Tổng số phần mềm và ứng dụng cần được trang bị nhưng còn thiếu", totals.apps_missing),
        ("Tổng số trang thiết bị CNTT và hạ tầng đã có", totals.equipment_present),
        ("Tổng số trang thiết bị CNTT và hạ tầng còn thiếu cần bổ sung", totals.equipment_missing),
    ):
        put(sheet.cell(row=row, column=2), text).font = NORMAL
        put(sheet.cell(row=row, column=4), value).font = BOLD
        row += 1
    for column, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A5"
    layout.print_setup(sheet, landscape=True, title_rows="4:4", header=unit.name)
    layout.workbook_properties(workbook, f"{title} — {unit.name}")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def inventory_filename(unit: Any, school_year: str) -> str:
    return f"hien-trang-cntt-{layout.file_slug(unit.name)[:60]}-{school_year}.xlsx"
