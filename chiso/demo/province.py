"""A realistic Vietnamese province for the demo, as it is in December 2026: Hải Phòng after its
merger with Hải Dương on 1/7/2025. Until 30/6/2025 each province had its Sở and district offices
(Phòng GDĐT); since, the wards and communes (UBND phường, xã) manage the kindergartens, primary and
lower-secondary schools, and the merged Sở the upper-secondary schools and GDTX centres."""

from __future__ import annotations

import random
from typing import Any

from chiso import rubric

PHONG = [
    ("Phòng Giáo dục và Đào tạo quận Dương Kinh", "PGD Dương Kinh", "Dương Kinh"),
    ("Phòng Giáo dục và Đào tạo huyện An Dương", "PGD An Dương", "An Dương"),
    ("Phòng Giáo dục và Đào tạo huyện Vĩnh Bảo", "PGD Vĩnh Bảo", "Vĩnh Bảo"),
]
# (type, name prefix) of institutions under each Phòng, and directly under the Sở.
PHONG_SCHOOLS = [
    ("MN", "Trường Mầm non"),
    ("MN", "Trường Mầm non"),
    ("TH", "Trường Tiểu học"),
    ("TH", "Trường Tiểu học"),
    ("TH", "Trường Tiểu học"),
    ("THCS", "Trường THCS"),
    ("THCS", "Trường THCS"),
    ("TH_THCS", "Trường TH&THCS"),
    ("LIEN_CAP", "Trường liên cấp"),
    ("TH", "Trường Tiểu học"),
    ("MN", "Trường Mầm non"),
    ("THCS", "Trường THCS"),
    ("THCS", "Trường THCS"),
    ("TH", "Trường Tiểu học"),
    ("MN", "Trường Mầm non"),
    ("TH", "Trường Tiểu học"),
]
# Hải Dương before the merger: its Sở, the Phòng of its city, their schools.
HD_PHONG = ("Phòng Giáo dục và Đào tạo thành phố Hải Dương", "PGD TP Hải Dương", "Hải Dương")
HD_PHONG_SCHOOLS = [
    ("MN", "Trường Mầm non", "Ngọc Châu"),
    ("TH", "Trường Tiểu học", "Tân Bình"),
    ("TH", "Trường Tiểu học", "Thanh Bình"),
    ("THCS", "Trường THCS", "Cẩm Thượng"),
    ("MN", "Trường Mầm non", "Bình Hàn"),
    ("TH", "Trường Tiểu học", "Quang Trung"),
    ("THCS", "Trường THCS", "Lê Thanh Nghị"),
    ("THCS", "Trường THCS", "Hải Tân"),
]
HD_SO_SCHOOLS = [
    ("THPT", "Trường THPT Hồng Quang"),
    ("THPT", "Trường THPT Nguyễn Du"),
    ("GDTX", "Trung tâm GDNN-GDTX thành phố Hải Dương"),
]
# Since 1/7/2025: the wards and communes that took over each former district's schools (a
# school goes to the commune of its index modulo the list's length), with code and kind.
COMMUNES = {
    "Dương Kinh": [("XA-HUNGDAO", "phường", "Hưng Đạo"), ("XA-DUONGKINH", "phường", "Dương Kinh")],
    "An Dương": [
        ("XA-ANDUONG", "phường", "An Dương"),
        ("XA-ANHAI", "phường", "An Hải"),
        ("XA-ANPHONG", "phường", "An Phong"),
    ],
    "Vĩnh Bảo": [
        ("XA-VINHBAO", "xã", "Vĩnh Bảo"),
        ("XA-VINHAM", "xã", "Vĩnh Am"),
        ("XA-VINHTHUAN", "xã", "Vĩnh Thuận"),
    ],
    "Hải Dương": [("XA-HAIDUONG", "phường", "Hải Dương"), ("XA-THANHDONG", "phường", "Thành Đông")],
}
ACTING_OFFICE = "Phòng Văn hóa – Xã hội"
SO_SCHOOLS = [
    ("THPT", "Trường THPT Trần Phú"),
    ("THPT", "Trường THPT Ngô Quyền"),
    ("THPT", "Trường THPT Lê Quý Đôn"),
    ("THPT", "Trường THPT Thái Phiên"),
    ("THPT", "Trường THPT Kiến An"),
    ("THPT", "Trường THPT An Dương"),
    ("THPT", "Trường THPT Vĩnh Bảo"),
    ("THCS_THPT", "Trường THCS&THPT Nguyễn Tất Thành"),
    ("THCS_THPT", "Trường THCS&THPT Lương Thế Vinh"),
    ("GDTX", "Trung tâm GDTX Hải Phòng"),
    ("GDTX", "Trung tâm GDNN-GDTX Vĩnh Bảo"),
    ("LIEN_CAP", "Trường liên cấp Hữu Nghị Quốc tế"),
]
PLACE_NAMES = {
    "Dương Kinh": [
        "Đa Phúc",
        "Anh Dũng",
        "Hải Thành",
        "Hòa Nghĩa",
        "Hưng Đạo",
        "Tân Thành",
        "Đa Phúc 2",
        "Anh Dũng 2",
        "Tân Thành B",
        "Hải Thành B",
        "Hòa Nghĩa B",
        "Hưng Đạo B",
        "Mạc Đĩnh Chi",
        "Nguyễn Trãi",
        "Hoa Sen",
        "Sao Mai",
    ],
    "An Dương": [
        "An Đồng",
        "An Hòa",
        "Hồng Phong",
        "Lê Lợi",
        "Nam Sơn",
        "Quốc Tuấn",
        "Đặng Cương",
        "Đồng Thái",
        "Tân Tiến",
        "Bắc Sơn",
        "Hồng Thái",
        "Lê Thiện",
        "An Hưng",
        "Đại Bản",
        "Họa Mi",
        "Sơn Ca",
    ],
    "Vĩnh Bảo": [
        "Vĩnh An",
        "Tam Cường",
        "Cao Minh",
        "Liên Am",
        "Trấn Dương",
        "Hòa Bình",
        "Nhân Hòa",
        "Thắng Thủy",
        "Vĩnh Long",
        "Cộng Hiền",
        "Dũng Tiến",
        "Giang Biên",
        "Hiệp Hòa",
        "Tân Liên",
        "Hướng Dương",
        "Ban Mai",
    ],
}


def school_facts(rng: random.Random, strength: float) -> dict[str, Any]:
    """Facts of a school whose digital maturity is `strength` (0 weak … 1 strong)."""

    def yes(p: float = 0.5) -> bool:
        return rng.random() < min(0.97, max(0.03, strength * 1.15 + p - 0.5))

    teachers = rng.randint(18, 95)
    rooms = rng.randint(8, 45)

    def share(base: float) -> int:
        return max(
            0, min(teachers, round(teachers * min(1.0, max(0.0, rng.gauss(strength * base, 0.15)))))
        )

    lms = yes(0.45)
    return {
        "online_teaching_plan": yes(0.9),
        "online_teaching_regulation": yes(0.85),
        "live_teaching_software": yes(0.8),
        "lms_deployed": lms,
        "lms_assign_self_study": lms and yes(0.8),
        "lms_teacher_answers": lms and yes(0.6),
        "lms_regular_assessment": lms and yes(0.55),
        "lms_parent_participation": lms and yes(0.4),
        "approved_digital_materials": max(0, int(rng.gauss(strength * 60, 15))),
        "computer_room_exams": yes(0.5),
        "exam_software_linked": yes(0.3),
        "teachers_total": teachers,
        "teachers_with_training_account": share(1.2),
        "teachers_using_teaching_tools": share(1.0),
        "teachers_building_materials": share(0.7),
        "classrooms_total": rooms,
        "classrooms_equipped": max(
            0, min(rooms, round(rooms * min(1.0, max(0.0, rng.gauss(strength, 0.2)))))
        ),
        "informatics_level": str(min(3, max(0, round(strength * 3 + rng.gauss(0, 0.6))))),
        "studio_room": yes(0.3),
        "it_steering_body": yes(0.95),
        "it_plan": yes(0.95),
        "mgmt_usage_regulation": yes(0.7),
        "student_module": yes(0.9),
        "e_gradebook": yes(0.85),
        "e_transcript": yes(0.6),
        "staff_module": yes(0.7),
        "facilities_module": yes(0.5),
        "school_health_module": yes(0.4),
        "accounting_module": yes(0.8),
        "sector_db_exchange": yes(0.6),
        "family_school_app": yes(0.8),
        "online_admission": yes(0.5),
        "cashless_fees": yes(0.7),
    }


def partial(facts: dict[str, Any], rng: random.Random, keep: float) -> dict[str, Any]:
    """A draft's facts: some answered, the rest still empty."""
    framework = rubric.load_framework("qd4725-2022")
    order = [f.id for f in framework.facts if f.id in facts]
    cut = int(len(order) * keep)
    return {k: facts[k] for k in order[:cut]}


# The demo Sở's own outline of its schools' yearly report, in the words of seed S0 (a Hải Phòng
# school's year-end report on IT and statistics): its schools follow it, not the national sample
# (another province's, seed S4).
HAI_PHONG_YEARLY_TITLE = "Báo cáo tổng kết ứng dụng CNTT và thống kê giáo dục (Sở GDĐT Hải Phòng)"
HAI_PHONG_YEARLY_SUBJECT = "Tổng kết thực hiện nhiệm vụ ứng dụng công nghệ thông tin và thống kê giáo dục năm học {nam_hoc}"
HAI_PHONG_YEARLY = """# I. Tình hình chung
## 1. Đặc điểm tình hình
[viết: Đặc điểm tình hình]
## 2. Thuận lợi
[viết: Thuận lợi]
## 3. Khó khăn
[viết: Khó khăn]
# II. Kết quả triển khai thực hiện các nhiệm vụ
## 1. Công tác chỉ đạo điều hành
[viết: Công tác chỉ đạo của lãnh đạo nhà trường]
- Quy trình tự đánh giá mức độ chuyển đổi số: {van_ban_tu_danh_gia}.
- Kế hoạch ứng dụng CNTT, chuyển đổi số: {so_ke_hoach}.
## 2. Một số kết quả nổi bật về ứng dụng CNTT và chuyển đổi số
- Kết quả tự đánh giá: {ket_qua_tu_danh_gia}
- Kế hoạch tổ chức dạy học trực tuyến: {so_ke_hoach_truc_tuyen}.
- Hệ thống quản lý học tập trực tuyến (LMS): {lms}.
- Số học liệu số đã được phê duyệt: {hoc_lieu_so} học liệu.
- Phần mềm quản trị và dịch vụ trực tuyến đang dùng: {phan_mem}.
# III. ĐÁNH GIÁ CHUNG
## 1. Những kết quả đã đạt được
[viết: Những kết quả đã đạt được; tồn tại, hạn chế]
## 2. Một số kết quả ứng dụng CNTT và chuyển đổi số cụ thể
[bảng: noi_dung_tra_loi]
## 3. Dự kiến nhiệm vụ trọng tâm và giải pháp chính năm học tới
[viết: Nhiệm vụ trọng tâm và giải pháp năm học tới]
## 4. Đề xuất, kiến nghị
[viết: Đề xuất, kiến nghị]
"""


FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô")
MIDDLE = ("Thị", "Văn", "Thị Thu", "Minh", "Thị Hồng", "Đức", "Thanh", "Quốc")
GIVEN = ("Hương", "Nam", "Lan", "Tuấn", "Hà", "Dũng", "Mai", "Hải", "Thảo", "Bình", "Yến", "Sơn")


def person_name(seed: int) -> str:
    """A plausible Vietnamese full name for a demo account (family, middle, given)."""
    return f"{FAMILY[seed % 10]} {MIDDLE[(seed // 10) % 8]} {GIVEN[(seed * 7) % 12]}"
