"""The units list import (CSV/XLSX) on arbitrary input (hypothesis): rows or UnitImportRefused,
never another exception; nothing saved by the dry run; a list written then read and applied reads
back unchanged; whatever the dry run accepts can be applied."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from chiso.units.imports import UnitImportRefused, apply_units, read_units
from chiso.units.models import Unit
from tests.garbling import garbled

HEADER = ["Mã đơn vị", "Tên đơn vị", "Loại hình", "Mã đơn vị cấp trên"]
PROPERTIES = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
text = st.text(max_size=40)
cells = st.one_of(
    text,
    st.sampled_from(["TH", "THCS", "Phòng", "mầm non", "=1+1", "@x", "", " ", "PA1", "TH-CVA"]),
)


def as_csv(rows: list[list[str]], delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _xml_safe(text: str) -> str:
    """What a spreadsheet cell can hold: XML 1.0 refuses control characters and U+FFFE/FFFF."""
    return ILLEGAL_CHARACTERS_RE.sub("", text).replace("\ufffe", "").replace("\uffff", "")


def as_xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append([_xml_safe(v) if isinstance(v, str) else v for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def read_or_refused(name: str, content: bytes, office: Unit):
    count = Unit.objects.count()
    try:
        rows = read_units(name, content, office)
    except UnitImportRefused as exc:
        assert f"«{name}»" in str(exc)
        rows = None
    else:
        for row in rows:
            assert row.action in ("create", "update", "unchanged", "rejected")
            if row.action == "rejected":
                assert f"dòng {row.row}" in row.reason, row.reason
    assert Unit.objects.count() == count  # a dry run saves nothing
    return rows


@PROPERTIES
@given(st.binary(max_size=2000), st.sampled_from(["don-vi.csv", "don-vi.xlsx", "don-vi"]))
def test_any_bytes_are_rows_or_a_refusal(world, content, name):
    read_or_refused(name, content, world.units["phong_a"])


SHEET = as_xlsx([HEADER, ["TH-MOI", "Trường mới", "TH", ""]])  # once: its bytes hold a time


@PROPERTIES
@given(garbled(SHEET))
def test_a_garbled_xlsx_is_rows_or_a_refusal(world, content):
    read_or_refused("don-vi.xlsx", content, world.units["phong_a"])


@PROPERTIES
@given(
    st.lists(st.lists(cells, max_size=6), max_size=12),
    st.sampled_from([",", ";", "\t"]),
    st.booleans(),
)
def test_any_table_under_the_header_is_read_row_by_row(world, table, delimiter, as_sheet):
    rows = [HEADER, *table]
    content = as_xlsx(rows) if as_sheet else as_csv(rows, delimiter)
    name = "don-vi.xlsx" if as_sheet else "don-vi.csv"
    read_or_refused(name, content, world.units["so_a"])


codes = st.text("ABCDEFGHKLMNPQRSTUVXY0123456789-", min_size=2, max_size=12)
names = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1, max_size=80
)
kinds = st.sampled_from(["TH", "THCS", "THPT", "MN", "TH&THCS", "GDTX", "Liên cấp"])


@PROPERTIES
@given(st.dictionaries(codes, st.tuples(names, kinds), min_size=1, max_size=8), st.booleans())
# Names with quotation marks, semicolons and tabs in a CSV (a guessed dialect misread them).
@example({"012": (' \t"0,', "MN"), "112": (",'ưa\"", "MN"), "212": ("'", "TH")}, False)
def test_a_list_applied_reads_back_unchanged(world, units, as_sheet):
    office = world.units["phong_a"]
    rows = [HEADER, *([f"X{code}", name, kind, ""] for code, (name, kind) in units.items())]
    content = as_xlsx(rows) if as_sheet else as_csv(rows)
    name = "don-vi.xlsx" if as_sheet else "don-vi.csv"
    with transaction.atomic():
        first = read_or_refused(name, content, office)
        accepted = [r for r in first if r.action == "create"]
        for row in first:
            if row.action == "rejected":  # only what the person must fix: a formula, a blank name
                assert "công thức" in row.reason or "thiếu mã hoặc tên" in row.reason, row.reason
        apply_units(first, office, by=world.users["office_head"])
        again = read_units(name, content, office)
        assert [r.action for r in again if r.code in {a.code for a in accepted}] == [
            "unchanged"
        ] * len(accepted)
        for row in accepted:
            unit = Unit.objects.get(code=row.code)
            assert (unit.name, unit.parent_id) == (row.name, office.pk)
        transaction.set_rollback(True)


@pytest.mark.parametrize("field, value", [("code", "M" * 33), ("name", "Trường " + "a" * 250)])
def test_a_value_longer_than_its_column_is_rejected_in_the_dry_run(world, field, value):
    row = {"code": "TH-DAI", "name": "Trường dài", field: value}
    content = as_csv([HEADER, [row["code"], row["name"], "TH", ""]])
    (read,) = read_units("don-vi.csv", content, world.units["phong_a"])
    assert read.action == "rejected" and "dòng 2" in read.reason and "tối đa" in read.reason
