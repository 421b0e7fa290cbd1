"""The reader on arbitrary input (hypothesis): a result or UnreadableReport naming the file,
never another exception; chiso's own report (DOCX) reads back as what it says."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chiso import rubric
from chiso.legacy.importing import analyse, import_file
from chiso.legacy.sources import UnreadableReport
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
                st.sampled_from(
                    [
                        "1.",
                        "2.",
                        "1.3",
                        "2.4",
                        "1",
                        "TT",
                        "có",
                        "không",
                        "Mức độ 2",
                        "Điểm",
                        "Tối đa",
                    ]
                ),
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
                "Tiêu chí 1.3: ",
            ]
        ),
        st.from_regex(r"[0-9]{1,30}", fullmatch=True),
        st.sampled_from(
            ["/100 điểm", " - đạt Mức độ: 2", "", " năm học", "\n", " học liệu", " điểm"]
        ),
    ),
)
NAMES = ["bao-cao.docx", "bao-cao.txt", "bao-cao", "bc.csv", "bc.xlsx", "bc.tsv"]


def read_or_refused(name: str, content: bytes):
    try:
        return import_file(name, content, FRAMEWORK)
    except UnreadableReport as exc:
        assert f"«{name}»" in str(exc)
        return None


@PROPERTIES
@given(st.lists(report_lines, max_size=40).map("\n".join))
def test_any_text_is_analysed_into_known_targets_within_their_maxima(text):
    unit = analyse(text, FRAMEWORK)
    for target, value in unit.read.items():
        maximum = (
            FRAMEWORK.criterion(target).max
            if FRAMEWORK.has_criterion(target)
            else FRAMEWORK.item(target).rule.maximum
        )
        assert 0 <= value <= maximum
    assert all(FRAMEWORK.has_fact(f) for f in unit.facts)
    assert len(unit.card.groups) == 2


@PROPERTIES
@given(st.binary(max_size=2000), st.sampled_from(NAMES))
def test_any_bytes_are_a_result_or_a_refusal(content, name):
    read_or_refused(name, content)


@pytest.fixture
def report(world):
    a = world.assessments["school"]
    return a, render_report_docx(data.assessment_document(a))


@PROPERTIES
@given(st.data())
def test_a_garbled_docx_is_a_result_or_a_refusal(report, draw):
    _, content = report
    read_or_refused("bao-cao.docx", draw.draw(garbled(content)))


@PROPERTIES
@given(fact_sets())
def test_chisos_own_report_reads_back_as_what_it_states(report, facts):
    a, _ = report
    a.facts = facts  # in memory only
    document = data.assessment_document(a)
    (unit,) = import_file("bao-cao.docx", render_report_docx(document), FRAMEWORK)
    criteria = [c for g in document.card.groups for c in g.criteria]
    assert unit.awarded == {c.id: c.points for c in criteria if c.kind == "scored"}
    assert unit.reading.mandatory == {
        c.id: c.met for c in criteria if c.kind == "mandatory" and c.met is not None
    }
    assert [g.points for g in unit.card.groups] == [g.points for g in document.card.groups]
