"""The appendix XLSX import on arbitrary input (hypothesis): a preview or ImportRefused with a
Vietnamese message, never another exception; an exported file reads back unchanged; nothing is
saved from a refused file."""

from __future__ import annotations

import datetime as dt
import io
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from chiso import rubric
from chiso.assessments import scoring
from chiso.assessments.models import Assessment
from chiso.audit.models import AuditEntry
from chiso.reports import data
from chiso.reports.xlsx_export import render_appendix_xlsx
from chiso.reports.xlsx_import import ImportRefused, read_appendix
from tests.conftest import COMPLETE_FACTS, PASSWORD, fill
from tests.garbling import garbled

FRAMEWORK = rubric.load_framework("qd4725-2022")
CARD = rubric.score(FRAMEWORK, COMPLETE_FACTS)
PROPERTIES = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
cell_values = st.one_of(
    st.none(),
    st.text(max_size=30).map(lambda t: ILLEGAL_CHARACTERS_RE.sub("", t)),  # as Excel can store
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 3, 1)),
    st.sampled_from(["=1+1", "6,5", "6.5", " 4 ", "1e5", "1/2", "-0", "², ", "NaN", "inf"]),
)


def read_or_refused(content: bytes, card=CARD, name: str = "phu-luc.xlsx"):
    try:
        preview = read_appendix(name, content, card, FRAMEWORK)
    except ImportRefused as exc:
        assert f"«{name}»" in str(exc)
        return None
    for row in preview.rows:
        assert row.status in ("unchanged", "updated", "rejected")
        if row.status == "rejected":
            assert f"dòng {row.row}, cột E" in row.reason, row.reason
    return preview


@pytest.fixture
def exported(world):
    a = fill(world.assessments["school"], world.users["member"])
    return a, render_appendix_xlsx(data.assessment_document(a))


@PROPERTIES
@given(st.binary(max_size=3000))
def test_any_bytes_are_a_preview_or_a_refusal(content):
    read_or_refused(content)


@PROPERTIES
@given(st.data())
def test_a_garbled_export_is_a_preview_or_a_refusal(exported, draw):
    _, content = exported
    read_or_refused(draw.draw(garbled(content)))


def _with_cells(content: bytes, values: dict[int, object]) -> bytes:
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.worksheets[0]
    for row, value in values.items():
        sheet.cell(row=row, column=5).value = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@PROPERTIES
@given(st.dictionaries(st.integers(1, 90), cell_values, max_size=8))
def test_any_values_typed_into_the_points_column_are_read_or_rejected_with_where(exported, values):
    a, content = exported
    preview = read_or_refused(_with_cells(content, values), scoring.scorecard(a))
    assert preview is not None and len(preview.rows) == 26
    for row in preview.rows:
        if row.status == "updated":
            assert 0 <= row.new <= CARD.item(row.item_id).cap


@st.composite
def awards_within_caps(draw):
    """Points a council may give: at most the cap, with at most two decimals, as typed."""
    awards = {}
    for item in (i for g in CARD.groups for c in g.criteria for i in c.items):
        if item.cap and draw(st.booleans()):
            hundredths = draw(st.integers(0, int(item.cap * 100)))
            points = Fraction(hundredths, 100)
            typed = f"{float(points):.2f}".rstrip("0").rstrip(".").replace(".", ",")  # "6,5"
            awards[item.id] = {"points": typed, "reason": "Hội đồng chấm"}
    return awards


@PROPERTIES
@given(awards_within_caps())
def test_an_exported_appendix_reads_back_with_no_change(exported, awards):
    a, _ = exported
    a.awards = awards  # in memory only: the export and the import read the same scorecard
    content = render_appendix_xlsx(data.assessment_document(a))
    preview = read_or_refused(content, scoring.scorecard(a))
    assert preview is not None
    assert preview.changes == {} and preview.rejected == []


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_a_refused_upload_saves_nothing(client, exported, draw):
    a, content = exported
    client.login(username="member", password=PASSWORD)
    before = (Assessment.objects.get(pk=a.pk).version, AuditEntry.objects.count())
    upload = io.BytesIO(draw.draw(st.one_of(garbled(content), st.binary(max_size=500))))
    upload.name = "phu-luc.xlsx"
    response = client.post(f"/danh-gia/{a.pk}/nhap-phu-luc/", {"file": upload})
    assert response.status_code in (200, 302)
    assert (Assessment.objects.get(pk=a.pk).version, AuditEntry.objects.count()) == before


def _without_sheets(content: bytes) -> bytes:
    import re
    import zipfile

    source, target = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(target, "w") as archive:
        for info in source.infolist():
            data_ = source.read(info)
            if info.filename == "xl/workbook.xml":
                data_ = re.sub(rb"<sheet [^>]*/>", b"", data_)
                # the print titles name a sheet too: a workbook without sheets has none
                data_ = re.sub(rb"<definedNames>.*?</definedNames>", b"", data_, flags=re.S)
            archive.writestr(info, data_)
    return target.getvalue()


def test_a_workbook_that_lists_no_sheet_is_refused(exported):
    from chiso.units.imports import UnitImportRefused, read_units

    a, content = exported
    broken = _without_sheets(content)
    with pytest.raises(ImportRefused, match="không có trang tính nào"):
        read_appendix("phu-luc.xlsx", broken, scoring.scorecard(a), FRAMEWORK)
    with pytest.raises(UnitImportRefused, match="không có trang tính nào"):
        read_units("don-vi.xlsx", broken, a.unit.parent)
