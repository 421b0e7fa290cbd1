"""A tiny spreadsheet can claim a million rows or thousands of columns; reading it cell by cell
held a worker for seconds and hundreds of MB (a 5 KB file: 12 s, 500 MB). Refused up front."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

from chiso.reports.xlsx_import import ImportRefused
from chiso.units.imports import UnitImportRefused, read_units
from tests.reports.test_appendix_import import exported, preview_of


def _with_far_cell(content: bytes, row: int, column: int) -> bytes:
    workbook = load_workbook(io.BytesIO(content))
    workbook.active.cell(row=row, column=column, value="x")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_an_appendix_claiming_too_many_rows_is_refused(world):
    a = world.assessments["school"]
    content = _with_far_cell(exported(a), 200_000, 1)
    assert len(content) < 100_000
    with pytest.raises(ImportRefused, match="quá nhiều dòng"):
        preview_of(a, content)


def test_a_unit_list_claiming_too_many_columns_is_refused(world):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Mã đơn vị", "Tên đơn vị", "Loại hình"])
    sheet.append(["TH-1", "Trường Tiểu học Một", "TH"])
    sheet.cell(row=2, column=16_000, value="x")
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(UnitImportRefused, match="quá nhiều cột"):
        read_units("don-vi.xlsx", buffer.getvalue(), world.units["phong_a"])
