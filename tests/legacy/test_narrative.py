"""What a report's sentences state, in any wording: group points and levels, a level for the
whole unit, facts, figures, the index's decision, and the document's own particulars."""

from __future__ import annotations

import datetime as dt

from chiso import rubric
from chiso.legacy.document import Paragraph
from chiso.legacy.narrative import read_narrative

FRAMEWORK = rubric.load_framework("qd4725-2022")


def read(*lines):
    return read_narrative([Paragraph(t, f"dòng {n}") for n, t in enumerate(lines, 1)], FRAMEWORK)


def groups(reading):
    return [(s["group"], s.get("points"), s.get("level")) for s in reading.stated if "group" in s]


def test_group_points_and_levels_in_the_ways_reports_write_them():
    reading, _ = read(
        "Nhóm tiêu chí 1: 62/100 điểm - đạt Mức độ: 2",
        "2.2. Các tiêu chí về chuyển đổi số trong quản trị cơ sở giáo dục: Đạt 58/100 điểm.",
        'Nhóm tiêu chí "Chuyển đổi số trong dạy, học" đạt 32/100 điểm đạt mức 1- mức chưa đáp ứng',
        "Nhóm 2 đạt 76 điểm, mức 3/3.",
    )
    assert groups(reading) == [("1", 62, 2), ("2", 58, None), ("1", 32, 1), ("2", 76, 3)]


def test_a_level_for_the_whole_school_is_kept_as_such_never_spread_onto_groups():
    reading, _ = read("Kết quả chung: nhà trường đạt Mức độ 2 (đáp ứng cơ bản).")
    assert reading.overall_level == (
        2,
        "dòng 1: «Kết quả chung: nhà trường đạt Mức độ 2 (đáp ứng cơ bản).»",
    )
    assert groups(reading) == []


def test_criterion_points_stated_in_a_sentence():
    reading, _ = read(
        "Tiêu chí 1.3: đạt 19 điểm; tiêu chí 2.3 đạt 47/70 điểm", "Tiêu chí 1.4: 19 điểm"
    )
    stated = [(s["criterion"], s["points"]) for s in reading.stated if "criterion" in s]
    assert stated == [("1.3", 19), ("2.3", 47)]  # 19 is above 1.4's maximum: not a statement


def test_materials_written_with_a_thousands_dot_are_a_count():
    reading, _ = read("d) Số lượng học liệu được số hóa: 1.250 học liệu.")
    assert reading.facts == {"approved_digital_materials": 1250}


def test_materials_built_this_year_are_told_from_the_approved_ones():
    reading, _ = read("Học liệu năm học 2022-2023 xây dựng được: 50 học liệu")
    assert reading.facts == {"materials_built_this_year": 50}


def test_a_count_that_reads_two_ways_is_not_taken():
    reading, _ = read("Số lượng học liệu được số hóa: 1,250 học liệu.")
    assert reading.facts == {} and "có thể đọc hai cách" in reading.uncertain[0].what


def test_the_index_decision_cited_with_its_digits_swapped_is_written_out_for_the_checker():
    reading, _ = read(
        "Căn cứ Quyết định 4275/QĐ-BGDĐT, ngày 30 tháng 12 năm 2022 ban hành Bộ chỉ số",
        "theo QĐ 4725",
        "Quyết định số 20/QĐCĐS-NTT ngày 16/3/2023 thành lập Hội đồng tự đánh giá chuyển đổi số",
    )
    cited = [s["value"] for s in reading.stated if s.get("figure")]
    assert cited == ["4275/QĐ-BGDĐT", "4725/QĐ-BGDĐT"]


def test_the_computers_that_still_work_however_they_are_counted():
    reading, _ = read("01 phòng 21 máy, 04 máy đã hỏng", "Có 21/25 máy tính còn sử dụng được")
    assert [s["value"] for s in reading.stated if "figure" in s] == [17, 21]


def test_the_documents_number_date_year_and_unit():
    _, meta = read(
        "TRƯỜNG TIỂU HỌC KIM ĐỒNG",
        "Số: 15/BC-THKĐ",
        "Kim Sơn, ngày 20 tháng 5 năm 2024",
        "Báo cáo kết quả tự đánh giá năm học 2023 – 2024 của Trường Tiểu học Kim Đồng",
        "Căn cứ Thông tư số 28/2020/TT-BGDĐT ngày 4 tháng 9 năm 2020",
    )
    assert meta.document_number == "15/BC-THKĐ"
    assert meta.document_date == dt.date(2024, 5, 20)
    assert meta.school_year == "2023-2024"
    assert meta.unit_name == "Trường Tiểu học Kim Đồng"
