"""The legacy report reader on arbitrary input (hypothesis): text or UnreadableReport, never
another exception; any text is analysed; chiso's own report (DOCX) reads back as what it says."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chiso import rubric
from chiso.legacy.importing import UnreadableReport, analyse, text_of_upload
from chiso.reports import data
from chiso.reports.docx_export import render_report_docx
from tests.garbling import garbled
from tests.rubric.test_properties import fact_sets

FRAMEWORK = rubric.load_framework("qd4725-2022")
PROPERTIES = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Lines as legacy reports have them: table rows, the narrative's phrases, numbers of any length.
report_lines = st.one_of(
    st.text(max_size=60),
    st.builds(
        "\t".join,
        st.lists(
            st.one_of(
                st.sampled_from(["1.", "2.", "1.3", "2.4", "1", "TT", "có", "không", "Mức độ 2"]),
                st.from_regex(r"[0-9]{1,12}([.,][0-9]{1,12})?", fullmatch=True),
                st.text(max_size=10),
            ),
            max_size=9,
        ),
    ),
    st.builds(
        "{}{}{}".format,
        st.sampled_from(
            [
                "Nhóm tiêu chí 1: ",
                "Số lượng học liệu được số hóa: ",
                "Tên đơn vị",
                "\t",
                "của trường ",
            ]
        ),
        st.from_regex(r"[0-9]{1,30}", fullmatch=True),
        st.sampled_from(["/100 điểm", " - đạt Mức độ: 2", "", " năm học", "\n"]),
    ),
)


def text_or_refused(name: str, content: bytes) -> str | None:
    try:
        return text_of_upload(name, content)
    except UnreadableReport as exc:
        assert f"«{name}»" in str(exc)
        return None


@PROPERTIES
@given(st.lists(report_lines, max_size=40).map("\n".join))
def test_any_text_is_analysed(text):
    result = analyse(text, FRAMEWORK)
    assert all(FRAMEWORK.has_fact(f) for f in result.facts)
    assert all(FRAMEWORK.has_criterion(c) for c in result.awarded)
    assert len(result.card.groups) == 2


@PROPERTIES
@given(
    st.binary(max_size=2000), st.sampled_from(["bao-cao.docx", "bao-cao.txt", "bao-cao", "bc.doc"])
)
def test_any_bytes_are_text_or_a_refusal(content, name):
    text = text_or_refused(name, content)
    if text is not None:
        analyse(text, FRAMEWORK)


@pytest.fixture
def report(world):
    a = world.assessments["school"]
    return a, render_report_docx(data.assessment_document(a))


@PROPERTIES
@given(st.data())
def test_a_garbled_docx_is_text_or_a_refusal(report, draw):
    _, content = report
    text = text_or_refused("bao-cao.docx", draw.draw(garbled(content)))
    if text is not None:
        analyse(text, FRAMEWORK)


@PROPERTIES
@given(fact_sets())
def test_chisos_own_report_reads_back_as_what_it_states(report, facts):
    a, _ = report
    a.facts = facts  # in memory only
    document = data.assessment_document(a)
    text = text_of_upload("bao-cao.docx", render_report_docx(document))
    read = analyse(text, FRAMEWORK)
    criteria = [c for g in document.card.groups for c in g.criteria]
    assert read.awarded == {c.id: c.points for c in criteria if c.kind == "scored"}
    assert read.report.mandatory == {
        c.id: c.met for c in criteria if c.kind == "mandatory" and c.met is not None
    }
    assert [g.points for g in read.card.groups] == [g.points for g in document.card.groups]
