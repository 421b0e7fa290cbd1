"""Properties of the table reader (hypothesis): whatever the order of the columns, the words of
their headers and the way cells are merged, every criterion is read as the table gives it or
said to be uncertain; never another value."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chiso import rubric
from chiso.legacy.importing import analyse_document
from tests.legacy.corpus import draw_unit, vn
from tests.legacy.grids import document, table

FRAMEWORK = rubric.load_framework("qd4725-2022")
WORDINGS = {
    "id": ["STT", "TT", "Mã", "Số TT", "Mã tiêu chí"],
    "title": ["Tiêu chí", "Nội dung", "Nội dung tiêu chí", "Tên tiêu chí"],
    "max": ["Điểm tối đa", "Tối đa", "Thang điểm", "Điểm chuẩn", "Điểm tối đa (điểm)"],
    "points": [
        "Điểm",
        "Điểm đạt",
        "Điểm tự đánh giá",
        "Tự chấm",
        "Điểm thẩm định",
        "Đơn vị tự đánh giá, chấm điểm",
        "Số điểm",
    ],
    "level": ["Mức độ", "Mức độ đạt", "Xếp mức"],
    "evidence": ["Số minh chứng", "Minh chứng", "Ghi chú, minh chứng", "Số lượng minh chứng"],
}
SCORED = [c.id for c in FRAMEWORK.all_criteria if not c.is_mandatory]


@st.composite
def layouts(draw):
    """A unit's points laid out: columns in any order, headers in any wording, merges."""
    unit = draw_unit(draw(st.randoms(use_true_random=False)), "T", "Trường Tiểu học A")
    keys = draw(st.permutations(["id", "title", "max", "points", "level", "evidence"]))
    keys = [k for k in keys if k in ("id", "title", "points") or draw(st.booleans())]
    headers = {k: draw(st.sampled_from(WORDINGS[k])) for k in keys}
    merge = draw(
        st.sampled_from(["none", "header-two-rows", "group-captions", "items-merged-down"])
    )
    rows, merges = _rows(unit, keys, headers, merge)
    damaged = draw(st.sets(st.sampled_from(SCORED), max_size=3))
    _damage(
        rows, keys.index("points"), damaged, draw(st.sampled_from(["", "99", "nhiều", "1.250"]))
    )
    return unit, table(rows, tuple(merges)), damaged


def _damage(rows, points, damaged, written):
    """Some criteria's points left out or written as no careful reader would take them."""
    for row in rows:
        if any(cell == cid for cell in row for cid in damaged):
            row[points] = written


def _rows(unit, keys, headers, merge):
    merges = []
    if merge == "header-two-rows":
        rows = [
            [headers[k] if k != "points" else "Kết quả" for k in keys],
            [headers[k] if k == "points" else "" for k in keys],
        ]
        merges += [(0, c, 1, c) for c, k in enumerate(keys) if k != "points"]
    else:
        rows = [[headers[k] for k in keys]]
    for group in FRAMEWORK.groups:
        if merge == "group-captions":
            merges.append((len(rows), 0, len(rows), len(keys) - 1))
            rows.append([f"Nhóm {group.id}: {group.title}"] + [""] * (len(keys) - 1))
        for criterion in group.criteria:
            rows += _criterion(
                unit, criterion, keys, merge == "items-merged-down", merges, len(rows)
            )
    return rows, merges


def _criterion(unit, criterion, keys, items_below, merges, top):
    cid = criterion.id
    values = {"id": cid, "title": criterion.title, "evidence": str(len(cid) * 7)}
    if criterion.is_mandatory:
        values["points"] = "Đạt" if unit.mandatory[cid] else "Không đạt"
        return [[values.get(k, "") for k in keys]]
    values |= {
        "max": str(criterion.max),
        "points": vn(unit.criterion(cid)),
        "level": f"Mức độ {unit.level(cid)}",
    }
    rows = [[values.get(k, "") for k in keys]]
    if items_below and len(criterion.items) > 1:
        for item in criterion.items:
            rows.append([{"title": f"- {item.title}"}.get(k, "") for k in keys])
        for c, k in enumerate(keys):
            if k in ("id", "points", "max", "level", "evidence"):
                merges.append((top, c, top + len(criterion.items), c))
    return rows


def _uncertain_about(unit, cid):
    return any(cid in u.what or cid in u.where for u in unit.reading.uncertain)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layouts())
def test_every_criterion_is_read_as_the_table_gives_it_or_said_uncertain(drawn):
    truth, laid_out, damaged = drawn
    (unit,) = analyse_document(document(laid_out), FRAMEWORK)
    for cid in SCORED:
        if cid in unit.read:
            assert cid not in damaged and unit.read[cid] == truth.criterion(cid), cid
        else:
            assert _uncertain_about(unit, cid), cid


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layouts())
def test_nothing_is_read_that_the_table_does_not_give(drawn):
    truth, laid_out, damaged = drawn
    (unit,) = analyse_document(document(laid_out), FRAMEWORK)
    for target, value in unit.read.items():
        expected = (
            truth.criterion(target) if FRAMEWORK.has_criterion(target) else truth.items[target]
        )
        assert value == Fraction(expected) and target not in damaged, target
    assert set(unit.reading.mandatory) <= {"1.1", "1.2", "2.1", "2.2"}
    for cid, met in unit.reading.mandatory.items():
        assert met == truth.mandatory[cid]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layouts(), st.data())
def test_moving_the_columns_never_changes_what_is_read(drawn, data):
    _, laid_out, _ = drawn
    order = data.draw(st.permutations(range(laid_out.width)))
    moved = table([[row[c].text for c in order] for row in laid_out.rows])
    first = analyse_document(document(laid_out), FRAMEWORK)[0].read
    # Merges are dropped by the move: what is read may shrink, never differ.
    second = analyse_document(document(moved), FRAMEWORK)[0].read
    assert all(first[k] == v for k, v in second.items() if k in first)
