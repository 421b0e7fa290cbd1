"""XLSX renderers: the appendix of one institution, the consolidated table of an office."""

from __future__ import annotations

import copy
import io
from fractions import Fraction
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from chiso.reports import layout
from chiso.reports.cells import put
from chiso.reports.data import AssessmentDocument, ConsolidatedRow
from chiso.reports.statistics import LEVELS, MEASURES, TITLE, table_rows

THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD = PatternFill("solid", fgColor="E8EDF3")
BOLD = Font(name="Times New Roman", bold=True, size=12)
NORMAL = Font(name="Times New Roman", size=12)
WRAP = Alignment(wrap_text=True, vertical="top")


def _number(value: Any) -> Any:
    if isinstance(value, Fraction):
        return int(value) if value.denominator == 1 else float(value)
    return value


def _to_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _row(
    sheet: Any, row: int, values: list[Any], *, bold: bool = False, fill: PatternFill | None = None
) -> None:
    # The style is set once per sheet and kind of row, then copied: setting font, border and
    # alignment cell by cell is what makes a thousand-row table slow.
    styles = sheet.__dict__.setdefault("_row_styles", {})
    key = (bold, id(fill) if fill else None)
    for column, value in enumerate(values, start=1):
        cell = put(sheet.cell(row=row, column=column), _number(value))
        if key in styles:
            cell._style = copy.copy(styles[key])
            continue
        cell.font = BOLD if bold else NORMAL
        cell.border = BORDER
        cell.alignment = WRAP
        if fill:
            cell.fill = fill
        styles[key] = copy.copy(cell._style)


def appendix_of(doc: AssessmentDocument) -> str:
    """The decision the appendix is attached to: the head's approval (number and date as
    recorded, room to write them otherwise), scored on the index of the framework's decision."""
    a = doc.assessment
    day = a.approval_decision_date.strftime("%d/%m/%Y") if a.approval_decision_date else "……"
    number = a.approval_decision_number or ""
    if "/" not in number:
        number = f"{number or '……'}/QĐ-{layout.symbol_for(doc.unit)}"
    return (
        f"Kèm theo Quyết định số {number} ngày {day} phê duyệt kết quả tự đánh giá; chấm theo Bộ "
        f"chỉ số ban hành kèm theo Quyết định số {doc.framework.decision.number}"
    )


APPENDIX_HEADER = [
    "STT",
    "Tiêu chí",
    "Điểm tối đa",
    "Tối đa theo dữ kiện",
    "Điểm đánh giá",
    "Mức độ",
    "Ghi chú, minh chứng",
]


def render_appendix_xlsx(doc: AssessmentDocument) -> bytes:
    """The full index table: every item, its cap, the points awarded, levels, evidence links."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Phu luc QD" + doc.framework.decision.number.split("/")[0][:20]
    put(sheet.cell(row=1, column=1), f"PHỤ LỤC: {doc.framework.decision.title.upper()}").font = BOLD
    note = f" — {doc.framework_note}" if doc.framework_note else ""
    put(sheet.cell(row=2, column=1), f"({appendix_of(doc)}){note}").font = NORMAL
    put(
        sheet.cell(row=3, column=1),
        f"Đơn vị: {doc.unit.name} — Năm học {doc.school_year} — Mã: {doc.unit.code or ''}",
    ).font = BOLD
    if doc.framework.note:
        put(sheet.cell(row=4, column=1), f"Lưu ý: {doc.framework.note}").font = NORMAL
    _row(sheet, 5, APPENDIX_HEADER, bold=True, fill=HEAD)
    row = 6
    for line in doc.rows:
        if line.kind == "group":
            values = [
                line.id,
                line.title.upper(),
                line.maximum,
                None,
                line.awarded,
                f"Mức độ {line.level}" if line.level else "",
                "",
            ]
            _row(sheet, row, values, bold=True, fill=HEAD)
        elif line.kind == "mandatory":
            met = "có" if line.met else "không" if line.met is False else ""
            _row(
                sheet,
                row,
                [
                    line.id,
                    line.title,
                    None,
                    None,
                    met,
                    "Đạt" if line.met else "",
                    "Điều kiện bắt buộc. " + "\n".join(line.evidence),
                ],
            )
        elif line.kind == "criterion":
            _row(
                sheet,
                row,
                [
                    line.id,
                    line.title,
                    line.maximum,
                    line.cap,
                    line.awarded,
                    f"Mức độ {line.level}" if line.level else "",
                    "\n".join(line.evidence),
                ],
                bold=True,
            )
        else:
            _row(
                sheet,
                row,
                [
                    line.id,
                    line.title,
                    line.maximum,
                    line.cap,
                    line.awarded,
                    "",
                    "\n".join([line.note, *line.evidence]),
                ],
            )
        row += 1
    for column, width in enumerate([8, 70, 10, 12, 12, 12, 60], start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A6"
    layout.print_setup(sheet, landscape=True, title_rows="5:5", header=doc.unit.name)
    layout.workbook_properties(workbook, f"Phụ lục — {doc.unit.name} — {doc.school_year}")
    return _to_bytes(workbook)


def render_consolidated_xlsx(
    title: str, columns: list[str], rows: list[ConsolidatedRow], note: str = ""
) -> bytes:
    """S0's appendix layout: one row per unit, 1.1 … 2.4, each group's points and level (no
    total of the two groups: Quyết định 4725 defines none); the counting rule under the title."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Tong hop"
    put(sheet.cell(row=1, column=1), title).font = BOLD
    if note:
        put(sheet.cell(row=2, column=1), note).font = NORMAL
    header = [
        "STT",
        "Tên đơn vị",
        "Mã",
        "Trạng thái",
        *columns,
        "Điểm nhóm 1",
        "Mức độ nhóm 1",
        "Điểm nhóm 2",
        "Mức độ nhóm 2",
    ]
    _row(sheet, 3, header, bold=True, fill=HEAD)
    for index, line in enumerate(rows, start=1):
        values = [
            index,
            line.unit.name,
            line.unit.code or "",
            line.status,
            *[line.values.get(c) for c in columns],
        ]
        values += [
            line.group_points.get("1"),
            line.group_levels.get("1"),
            line.group_points.get("2"),
            line.group_levels.get("2"),
        ]
        _row(sheet, 3 + index, values)
    sheet.column_dimensions["B"].width = 40
    sheet.freeze_panes = "C4"
    layout.print_setup(sheet, landscape=True, title_rows="3:3", header=title)
    layout.workbook_properties(workbook, title)
    return _to_bytes(workbook)


def render_level_statistics_xlsx(stats: Any) -> bytes:
    """One sheet per measure (group 1, group 2, overall): units and share per level (S0's table)."""

    workbook = Workbook()
    workbook.remove(workbook.active)
    for measure, label in MEASURES:
        sheet = workbook.create_sheet(label.replace("*", ""))
        put(sheet.cell(row=1, column=1), TITLE.format(year=stats.school_year)).font = BOLD
        put(sheet.cell(row=2, column=1), f"{stats.office.name} — {label}").font = BOLD
        header = ["STT", "Đơn vị / loại hình", "Số đơn vị", "Được tính"]
        for level in LEVELS:
            header += [f"Mức độ {level}: số lượng", f"Mức độ {level}: tỷ lệ"]
        _row(sheet, 4, header, bold=True, fill=HEAD)
        row = 5
        section = None
        for title, number, line in table_rows(stats):
            if title and title != section:
                section = title
                _row(sheet, row, ["", title.upper()], bold=True)
                row += 1
            values: list[Any] = [number, line.label, line.total, line.units]
            for level in LEVELS:
                count = line.counts[measure][level]
                values += [count, count / line.units if line.units else None]
            _row(sheet, row, values, bold=not title)
            for column in range(6, 6 + 2 * len(LEVELS), 2):
                sheet.cell(row=row, column=column).number_format = "0.0%"
            row += 1
        put(sheet.cell(row=row + 1, column=1), stats.note).font = NORMAL
        sheet.column_dimensions["B"].width = 40
        for column in range(3, 5 + 2 * len(LEVELS)):
            sheet.column_dimensions[get_column_letter(column)].width = 12
        layout.print_setup(sheet, landscape=True, title_rows="4:4", header=stats.office.name)
    layout.workbook_properties(workbook, TITLE.format(year=stats.school_year))
    return _to_bytes(workbook)
