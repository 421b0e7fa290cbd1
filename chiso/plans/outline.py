"""An office's outline of the yearly report, written as plain text (no code):

    # I. KHÁI QUÁT CHUNG            a heading (## and ### for lower levels)
    Tổ chức hình thức dạy học…      guidance, printed as it is
    - Các phương án đã thực hiện     a field the institution writes in the app
    - Tỉ lệ % học sinh …: [cashless_percent]   a field with a figure filled from data
    [training]                      a figure block (a table) on its own line

Figures are named by the keys of FIGURES; an unknown key is refused with its line number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

FIGURES: dict[str, str] = {
    "online_teaching_plan": "Kế hoạch dạy học trực tuyến (có/không, theo bản đánh giá)",
    "plan_number": "Số hiệu, ngày ban hành kế hoạch ứng dụng CNTT, chuyển đổi số",
    "lms": "Hệ thống quản lý học tập (LMS): có/không và tên sản phẩm",
    "digital_materials": "Số học liệu số đã được phê duyệt",
    "computer_exams": "Thi, kiểm tra trên máy tính (có/không)",
    "e_records": "Sổ điểm điện tử, học bạ điện tử",
    "stats_reports": "Báo cáo thống kê kỳ đầu năm, kỳ cuối năm (đúng hạn/trễ hạn)",
    "cashless_percent": "Tỉ lệ học sinh nộp các khoản thu không dùng tiền mặt",
    "software": "Phần mềm đang dùng và nhà cung cấp",
    "dcs_levels": "Kết quả tự đánh giá mức độ chuyển đổi số (điểm, mức từng nhóm)",
    "digital_signatures": "Số giáo viên được cấp chữ ký số",
    "training": "Bảng tập huấn, bồi dưỡng theo nội dung (số lượng, tỉ lệ)",
    "inventory_totals": "Tổng số phần mềm, thiết bị đang có và còn thiếu",
}
PLACEHOLDER = re.compile(r"\[([a-z_]+)\]")


@dataclass(frozen=True)
class Block:
    kind: Literal["heading", "text", "field", "figure"]
    text: str
    level: int = 0
    figures: tuple[str, ...] = ()


class OutlineError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def parse(text: str) -> list[Block]:
    """The outline's blocks, or OutlineError naming every bad line."""
    blocks: list[Block] = []
    problems: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        keys = tuple(PLACEHOLDER.findall(line))
        unknown = [k for k in keys if k not in FIGURES]
        if unknown:
            problems.append(
                f"Dòng {number}: không có số liệu {', '.join(f'[{k}]' for k in unknown)}"
            )
            continue
        if line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            title = line[level:].strip()
            if level > 3 or not title:
                problems.append(f"Dòng {number}: tiêu đề dùng #, ## hoặc ### rồi đến tên mục")
                continue
            blocks.append(Block("heading", title, level))
        elif line.startswith("- "):
            blocks.append(Block("field", line[2:].strip(), figures=keys))
        elif PLACEHOLDER.fullmatch(line):
            blocks.append(Block("figure", line, figures=keys))
        else:
            blocks.append(Block("text", line, figures=keys))
    if problems:
        raise OutlineError(problems)
    if not any(b.kind == "heading" for b in blocks):
        raise OutlineError(["Đề cương cần ít nhất một tiêu đề (dòng bắt đầu bằng #)"])
    return blocks


# Seed S4 (Sở GDĐT Bà Rịa – Vũng Tàu, 2023), as an outline: the sample every office starts from.
S4_OUTLINE = """\
# I. KHÁI QUÁT CHUNG TÌNH HÌNH ỨNG DỤNG CNTT VÀ CHUYỂN ĐỔI SỐ
## 1. Nội dung triển khai và kết quả đạt được
- Nội dung triển khai và kết quả đạt được
## 2. Thuận lợi, khó khăn
- Thuận lợi, khó khăn
# II. MỘT SỐ NHIỆM VỤ TRỌNG TÂM
## 1. Dạy học trực tuyến kết hợp dạy học trực tiếp
a) Tổ chức hình thức dạy học trực tuyến theo Thông tư số 09/2021/TT-BGDĐT.
- Số hiệu, ngày ban hành của kế hoạch dạy trực tuyến: [online_teaching_plan]
- Các phương án đã thực hiện
b) Sử dụng tối đa lợi ích của phần mềm quản lý học tập (LMS).
- Hệ thống LMS: [lms]
c) Tiếp tục phát triển học liệu số bảo đảm chất lượng.
- Học liệu số: [digital_materials]
d) Tổ chức thi, kiểm tra, đánh giá trên máy tính.
- Phương thức và số liệu về đánh giá: [computer_exams]
## 2. Phần mềm quản trị, kết nối CSDL ngành
a) Triển khai các ứng dụng hồ sơ điện tử: sổ điểm điện tử, học bạ điện tử, kết nối phụ huynh.
- Hồ sơ điện tử: [e_records]; chữ ký số: [digital_signatures]
## 3. Báo cáo thống kê giáo dục
- Những việc đã thực hiện, số liệu, minh chứng: [stats_reports]
## 4. Thanh toán không dùng tiền mặt
- Tỉ lệ % học sinh nộp các khoản thu không dùng tiền mặt: [cashless_percent]
- Tên phần mềm thu các khoản thu không dùng tiền mặt, đơn vị cung cấp: [software]
## 5. Đánh giá mức độ chuyển đổi số của đơn vị
- Kết quả tự đánh giá theo Quyết định số 4725/QĐ-BGDĐT: [dcs_levels]
# III. MỘT SỐ GIẢI PHÁP CƠ BẢN
## 1. Kiện toàn bộ phận phụ trách CNTT, chuyển đổi số; nguồn nhân lực
- Ngày biên bản phân công, phân nhiệm
- Số lớp đã tham gia, tên lớp, thời gian; số cán bộ quản lý, giáo viên tham gia
[training]
## 2. Kế hoạch ứng dụng CNTT và chuyển đổi số
- Số hiệu, ngày ban hành kế hoạch: [plan_number]
[inventory_totals]
# IV. ĐÁNH GIÁ CÁC KẾT QUẢ ĐẠT ĐƯỢC VÀ KHÓ KHĂN
## 1. Kết quả đạt được
- Kết quả đạt được
## 2. Vướng mắc, khó khăn
- Vướng mắc, khó khăn
# V. KIẾN NGHỊ, ĐỀ XUẤT
- Kiến nghị, đề xuất
"""
