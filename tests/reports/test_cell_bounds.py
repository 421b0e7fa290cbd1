"""Every uploaded workbook is bounded in cells before it is parsed: a small file holding two
million cells is refused at once, by the appendix reader, the bulk ZIP job and the unit list."""

from __future__ import annotations

import io
import zipfile

import pytest

from chiso.demo.hostile import wide_workbook
from chiso.lib import spreadsheets
from chiso.reports import xlsx_import
from chiso.units.imports import UnitImportRefused, read_units
from tests.reports.test_bulk_import_properties import dry_run

TWO_MILLION = wide_workbook(1_000, 2_000)


def test_a_small_workbook_of_two_million_cells_is_refused_with_a_message():
    assert len(TWO_MILLION) < 200_000  # it passes the size and the unpacked-size bounds
    with pytest.raises(xlsx_import.ImportRefused, match="quá nhiều ô"):
        xlsx_import.open_appendix("phu-luc.xlsx", TWO_MILLION)


def test_the_cells_are_counted_only_until_the_limit_is_passed():
    with zipfile.ZipFile(io.BytesIO(TWO_MILLION)) as archive:
        assert 20_000 < spreadsheets.count_cells(archive, 20_000) < 25_000


def test_the_count_is_exact_across_the_pieces_it_is_read_in():
    content = wide_workbook(100, 2_000)  # 3 MB of sheet XML, read 64 KB at a time
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert spreadsheets.count_cells(archive, 10**9) == 200_000


def test_a_unit_list_of_two_million_cells_is_refused(world):
    with pytest.raises(UnitImportRefused, match="quá nhiều ô"):
        read_units("don-vi.xlsx", TWO_MILLION, world.units["phong_a"])


def test_the_bulk_job_refuses_such_a_file_by_name_and_reads_the_others(world):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("truong-a.xlsx", TWO_MILLION)
        archive.writestr("ghi-chu.txt", "x")
    summary = dry_run(world, buffer.getvalue())
    rejected = {name: reason for status, name, _unit, reason in summary["rows"]}
    assert "quá nhiều ô" in rejected["truong-a.xlsx"]
    assert summary["counts"]["refused"] == 1
