"""A table with one row per unit and one column per criterion: each row its own unit."""

from __future__ import annotations

from chiso import rubric
from chiso.legacy.importing import analyse_document
from chiso.legacy.wide import find_wide_layout, read_wide
from tests.legacy.grids import document, table

FRAMEWORK = rubric.load_framework("qd4725-2022")
HEADER = [
    "STT",
    "Mã trường",
    "Tên trường",
    "1.1",
    "1.2",
    "1.3 (30đ)",
    "1.4 (10đ)",
    "1.5",
    "1.6",
    "1.7",
    "2.1",
    "2.2",
    "2.3",
    "2.4",
    "Điểm nhóm 1",
    "Điểm nhóm 2",
    "Tổng",
]
ROW_A = [
    "1",
    "TH-A",
    "Trường Tiểu học A",
    "có",
    "có",
    "19",
    "6",
    "11",
    "13",
    "11",
    "có",
    "không",
    "47",
    "11",
    "60",
    "58",
    "118",
]
ROW_B = [
    "2",
    "TH-B",
    "Trường Tiểu học B",
    "có",
    "có",
    "10",
    "12",
    "8",
    "9",
    "",
    "có",
    "có",
    "40",
    "12",
    "37",
    "52",
    "89",
]


def test_each_row_is_a_unit_with_its_name_code_points_and_statements():
    units = analyse_document(document(table([HEADER, ROW_A, ROW_B])), FRAMEWORK)
    a, b = units
    assert b.unit_name == "Trường Tiểu học B" and b.reading.unit_code == "TH-B"
    assert (a.unit_name, a.reading.unit_code) == ("Trường Tiểu học A", "TH-A")
    assert {k: int(v) for k, v in a.read.items()} == {
        "1.3": 19,
        "1.4": 6,
        "1.5": 11,
        "1.6": 13,
        "1.7": 11,
        "2.3": 47,
        "2.4": 11,
    }
    assert a.reading.mandatory == {"1.1": True, "1.2": True, "2.1": True, "2.2": False}
    assert {"group": "1", "points": 60} in [
        {k: s[k] for k in ("group", "points")} for s in a.reading.stated if "group" in s
    ]
    assert [int(g.points) for g in a.card.groups] == [60, 58]


def test_one_bad_cell_rejects_that_cell_only_and_an_empty_one_is_said_missing():
    units = analyse_document(document(table([HEADER, ROW_A, ROW_B])), FRAMEWORK)
    b = units[1]
    assert "1.4" not in b.read and "1.7" not in b.read and b.read["2.3"] == 40
    whats = [u.what for u in b.reading.uncertain]
    assert "tiêu chí 1.4: 12 vượt điểm tối đa 10: không đọc ô này" in whats
    assert "đọc được 5/7 tiêu chí; không thấy 1.4, 1.7" in whats


def test_a_header_with_another_maximum_is_not_trusted():
    header = [*HEADER[:5], "1.3 (20đ)", *HEADER[6:]]
    (a, _) = analyse_document(document(table([header, ROW_A, ROW_B])), FRAMEWORK)
    assert "1.3" not in a.read
    assert any("tiêu đề cột ghi tối đa 20" in u.what for u in a.reading.uncertain)


def test_groups_merged_over_their_criteria_name_the_columns():
    top = ["STT", "Tên đơn vị", "Nhóm 1", "", "", "", "", "Nhóm 2", ""]
    second = ["", "", "TC3", "TC4", "TC5", "TC6", "TC7", "TC3", "TC4"]
    row = ["1", "Trường Tiểu học A", "19", "6", "11", "13", "11", "47", "11"]
    merged = table([top, second, row, row], ((0, 2, 0, 6), (0, 7, 0, 8)))
    layout = find_wide_layout(merged, FRAMEWORK)
    assert layout is not None and layout.criteria == {
        2: "1.3",
        3: "1.4",
        4: "1.5",
        5: "1.6",
        6: "1.7",
        7: "2.3",
        8: "2.4",
    }
    (first, _) = read_wide(merged, layout, FRAMEWORK)
    assert first.values["2.4"].points == 11


def test_an_offices_total_row_is_no_unit():
    total = [
        "",
        "",
        "Tổng cộng",
        "",
        "",
        "29",
        "18",
        "19",
        "22",
        "11",
        "",
        "",
        "87",
        "23",
        "",
        "",
        "",
    ]
    units = analyse_document(document(table([HEADER, ROW_A, ROW_B, total])), FRAMEWORK)
    assert [u.unit_name for u in units] == ["Trường Tiểu học A", "Trường Tiểu học B"]


def test_a_text_row_that_does_not_line_up_with_the_header_is_not_read():
    ragged = table([HEADER, ROW_A, ROW_B[:10]])
    ragged.ragged = True
    ragged.rows[2] = ragged.rows[2][:10]
    units = analyse_document(document(ragged), FRAMEWORK)
    assert units[1].read == {}
    assert "dòng có 10 ô nhưng tiêu đề có 17 ô" in units[1].reading.uncertain[0].what
