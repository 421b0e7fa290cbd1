"""The scoring table: a point read only where its row and its column are certain."""

from __future__ import annotations

from chiso import rubric
from chiso.legacy.importing import analyse_document
from chiso.legacy.tables import read_scoring_table
from tests.legacy.grids import document, table

FRAMEWORK = rubric.load_framework("qd4725-2022")
T13 = "Triển khai phần mềm dạy học trực tuyến"
T14 = "Số lượng học liệu được số hóa"
T23 = "Có triển khai phần mềm quản trị nhà trường"


def points(rows, merges=()):
    reading = read_scoring_table(table(rows, merges), FRAMEWORK)
    assert reading is not None
    return {k: int(v.points) for k, v in reading.values.items()}, reading


def test_a_row_per_criterion_with_diem_dat_is_read():
    read, _ = points(
        [
            ["STT", "Tiêu chí", "Tối đa", "Điểm đạt"],
            ["1.3", T13, "30", "19"],
            ["1.4", T14, "10", "6"],
        ]
    )
    assert read == {"1.3": 19, "1.4": 6}


def test_an_evidence_count_column_is_never_read_as_points():
    read, _ = points(
        [
            ["TT", "Tiêu chí", "Số minh chứng", "Điểm"],
            ["1.3", T13, "25", "19"],
            ["1.4", T14, "8", "6"],
        ]
    )
    assert read == {"1.3": 19, "1.4": 6}
    read, reading = points(
        [["TT", "Tiêu chí", "Số minh chứng"], ["1.3", T13, "25"], ["1.4", T14, "8"]]
    )
    assert read == {}
    assert "không thấy cột điểm" in reading.uncertain[0].what


def test_a_value_above_its_maximum_rejects_that_cell_only():
    read, reading = points(
        [["TT", "Tiêu chí", "Điểm"], ["1.3", T13, "19"], ["1.4", T14, "12"], ["2.3", T23, "50"]]
    )
    assert read == {"1.3": 19, "2.3": 50}
    (doubt,) = reading.uncertain
    assert (
        doubt.where == "bảng 1, dòng 3, cột 3 («Điểm»)" and "12 vượt điểm tối đa 10" in doubt.what
    )


def test_item_rows_under_a_criterion_merged_down_are_items_not_the_criterion():
    rows = [["TT", "Tiêu chí", "Nội dung", "Điểm"], ["1.4", T14, T14, "6"]]
    items = FRAMEWORK.criterion("2.3").items
    for n, item in enumerate(items):
        rows.append(
            [
                "2.3" if n == 0 else "",
                T23 if n == 0 else "",
                item.title,
                str(int(item.rule.maximum)),
            ]
        )
    merges = ((2, 0, len(items) + 1, 0), (2, 1, len(items) + 1, 1))
    read, reading = points(rows, merges)
    assert read["2.3"] == 70 and reading.values["2.3"].derived  # the sum of its items, not the last
    assert read["2.3.a"] == 6 and read["2.3.h"] == 6


def test_a_criterions_points_merged_down_over_its_items_are_read_once():
    rows = [["TT", "Tiêu chí", "Nội dung", "Điểm"], ["1.4", T14, T14, "6"]]
    rows += [["2.4", "Dịch vụ trực tuyến", "ứng dụng kết nối gia đình", "18"]]
    rows += [
        ["", "", "tuyển sinh đầu cấp trực tuyến", ""],
        ["", "", "thu phí không dùng tiền mặt", ""],
    ]
    read, _ = points(rows, ((2, 0, 4, 0), (2, 1, 4, 1), (2, 3, 4, 3)))
    assert read["2.4"] == 18 and not any(k.startswith("2.4.") for k in read)


def test_two_points_columns_that_disagree_are_read_from_neither():
    read, reading = points(
        [["TT", "Tiêu chí", "Điểm", "Điểm"], ["1.3", T13, "19", "20"], ["1.4", T14, "6", "6"]]
    )
    assert read == {}
    assert "có 2 cột cùng có thể là điểm" in reading.uncertain[0].what


def test_the_units_own_points_are_taken_before_the_offices():
    read, _ = points(
        [
            ["TT", "Tiêu chí", "Điểm thẩm định", "Điểm tự đánh giá"],
            ["1.3", T13, "15", "19"],
            ["1.4", T14, "4", "6"],
        ]
    )
    assert read == {"1.3": 19, "1.4": 6}


def test_a_header_on_two_rows_names_its_columns():
    rows = [
        ["STT", "Tiêu chí", "Điểm", ""],
        ["", "", "Tối đa", "Đạt"],
        ["1.3", T13, "30", "19"],
        ["1.4", T14, "10", "6"],
    ]
    read, _ = points(rows, ((0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 0, 3)))
    assert read == {"1.3": 19, "1.4": 6}


def test_a_maximum_written_tối_đa_n_điểm_checks_the_row():
    read, reading = points(
        [
            ["TT", "Tiêu chí", "Tối đa", "Điểm"],
            ["1.3", T13, "Tối đa 30 điểm", "19"],
            ["1.4", T13, "Tối đa 30 điểm", "6"],
        ]
    )
    assert read == {"1.3": 19}
    assert any(
        "1.4" in u.what and "nội dung là của tiêu chí 1.3" in u.what for u in reading.uncertain
    )


def test_an_id_repeated_on_each_item_row_is_not_read_as_the_criterion():
    rows = [["TT", "Nội dung", "Điểm"]]
    for item in FRAMEWORK.criterion("2.4").items:
        rows.append(["2.4", item.title, str(int(item.rule.maximum))])
    read, _ = points(rows)
    assert read == {"2.4.a": 8, "2.4.b": 12, "2.4.c": 10, "2.4": 30}


def test_the_same_criterion_on_two_rows_with_two_values_is_read_from_neither():
    read, reading = points([["TT", "Tiêu chí", "Điểm"], ["1.3", T13, "19"], ["1.3", T13, "20"]])
    assert "1.3" not in read
    assert "1.3 có ở hai dòng (dòng 2 và dòng 3)" in reading.uncertain[0].what


def test_mandatory_conditions_are_read_as_met_or_not():
    _, reading = points(
        [
            ["TT", "Tiêu chí", "Điểm"],
            ["1.1", "Kế hoạch dạy học trực tuyến", "Đạt"],
            ["1.2", "Quy chế", "Không đạt"],
            ["1.3", T13, "6"],
        ]
    )
    assert reading.mandatory == {"1.1": True, "1.2": False}


def test_levels_are_kept_as_levels_whatever_the_wording():
    _, reading = points(
        [
            ["TT", "Tiêu chí", "Điểm", "Mức độ"],
            ["1.3", T13, "19", "mức 2/3"],
            ["1.4", T14, "6", "Mức độ 2 (đáp ứng cơ bản)"],
        ]
    )
    assert [s["level"] for s in reading.stated if "criterion" in s] == ["Mức độ 2", "Mức độ 2"]


def test_a_table_of_report_sections_numbered_2_1_is_no_scoring_table():
    rows = [
        ["Nội dung", "Trả lời"],
        ["2.1. Kết quả ứng dụng trong dạy học", ""],
        ["Duy trì LMS", "Có"],
        ["2.2. Kết quả trong quản trị", ""],
    ]
    assert read_scoring_table(table(rows), FRAMEWORK) is None


def test_a_partial_read_says_which_criteria_it_missed():
    rows = [
        ["TT", "Tiêu chí", "Điểm"],
        ["1.3", T13, "19"],
        ["1.4", T14, "6"],
        ["1.5", "Thi trên máy tính", "11"],
        ["1.6", "Nhân lực", "13"],
        ["2.3", T23, "47"],
    ]
    (unit,) = analyse_document(document(table(rows)), FRAMEWORK)
    assert any(
        u.what == "đọc được 5/7 tiêu chí; không thấy 1.7, 2.4" for u in unit.reading.uncertain
    )
