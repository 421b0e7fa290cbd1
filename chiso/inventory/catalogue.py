"""The national default catalogue (the rows of seed S1 §1.2, plus the lines the 4725 index asks).

Each entry: (kind, name, quantity label, second label, index fact). Offices add their own entries
in the app; these are loaded by a data migration.
"""

from __future__ import annotations

M, T, E = "management", "teaching", "equipment"

DEFAULT_ENTRIES: list[tuple[str, str, str, str, str]] = [
    (M, "Trang thông tin điện tử (Website)", "", "", ""),
    (M, "Ứng dụng quản trị và lưu trữ nhà trường", "", "", ""),
    (M, "Thư điện tử với tên miền riêng của nhà trường", "hộp thư", "", ""),
    (M, "Ứng dụng quản lý văn bản điều hành (e-office)", "", "", ""),
    (M, "Ứng dụng quản lý thông tin đội ngũ (CB, GV, NV)", "", "", "staff_module"),
    (M, "Ứng dụng quản lý quá trình học tập, rèn luyện học sinh", "", "", "student_module"),
    (M, "Ứng dụng hỗ trợ xếp thời khóa biểu", "", "", ""),
    (M, "Ứng dụng quản lý tài sản", "", "", "facilities_module"),
    (M, "Ứng dụng quản lý tài chính", "", "", "accounting_module"),
    (M, "Ứng dụng quản lý thư viện", "", "", ""),
    (M, "Phần mềm ứng dụng quản lý dùng chung của Ngành", "", "", ""),
    (M, "Phần mềm phổ cập", "", "", ""),
    (M, "Phần mềm kiểm định chất lượng", "", "", ""),
    (M, "Ứng dụng quản lý hồ sơ chuyên môn", "", "", ""),
    (M, "Ứng dụng quản lý số liệu học sinh, giáo viên hằng ngày", "", "", ""),
    (M, "Phần mềm trộn đề kiểm tra", "", "", ""),
    (M, "Ứng dụng thông tin hai chiều giữa gia đình và nhà trường", "", "", "family_school_app"),
    (M, "Ứng dụng dịch vụ công", "", "", ""),
    (M, "Sổ điểm điện tử", "", "", "e_gradebook"),
    (M, "Học bạ điện tử", "", "", "e_transcript"),
    (M, "Phân hệ quản lý y tế trường học", "", "", "school_health_module"),
    (M, "Tuyển sinh đầu cấp trực tuyến", "", "", "online_admission"),
    (M, "Thu phí dịch vụ giáo dục không dùng tiền mặt", "", "", "cashless_fees"),
    (T, "Ứng dụng soạn bài giảng điện tử", "", "", ""),
    (
        T,
        "Ứng dụng dạy học trực tuyến trực tiếp (Google Meet, Zoom…)",
        "",
        "",
        "live_teaching_software",
    ),
    (T, "Kho tài liệu, học liệu điện tử", "", "", ""),
    (T, "Phần mềm trộn đề kiểm tra", "", "", ""),
    (
        T,
        "Phần mềm quản lý hoạt động dạy-học, kiểm tra, đánh giá (LMS/LCMS)",
        "",
        "",
        "lms_deployed",
    ),
    (E, "Kết nối mạng Internet", "đường truyền", "", ""),
    (E, "Phòng máy tính", "phòng", "máy đang hoạt động", ""),
    (E, "Phòng đa năng với thiết bị ứng dụng CNTT", "phòng", "", ""),
    (E, "Ti vi", "chiếc", "", ""),
    (E, "Bảng tương tác thông minh", "chiếc", "", ""),
    (E, "Máy chiếu", "chiếc", "", ""),
    (E, "Máy tính văn phòng", "máy", "", ""),
    (E, "Hệ thống giám sát", "hệ thống", "", ""),
    (E, "Phòng studio xây dựng học liệu số", "phòng", "", "studio_room"),
]
