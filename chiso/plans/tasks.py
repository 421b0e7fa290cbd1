"""A plan's tasks in the words a school uses (S1: "Xây dựng và ban hành quy chế tổ chức dạy học
trực tuyến", owner "Phó Hiệu trưởng phụ trách chuyên môn", by a date), from what the path to the
next level asks: never a rubric code, always who and by when."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from chiso.units.models import Unit

# fact → (what to do, who does it, month and day of the deadline; months 8–12 fall in the school
# year's first calendar year, 1–7 in its second). {head} and {deputy} become the head's titles.
WORDS: dict[str, tuple[str, str, tuple[int, int]]] = {
    "online_teaching_plan": (
        "Xây dựng và ban hành kế hoạch dạy học trực tuyến kết hợp dạy học trực tiếp",
        "{deputy} phụ trách chuyên môn",
        (9, 30),
    ),
    "online_teaching_regulation": (
        "Xây dựng và ban hành quy chế tổ chức dạy học trực tuyến",
        "{deputy} phụ trách chuyên môn",
        (9, 30),
    ),
    "live_teaching_software": (
        "Đưa phần mềm dạy học trực tuyến (Google Meet, Zoom…) vào sử dụng ở các lớp",
        "Cán bộ phụ trách CNTT",
        (10, 31),
    ),
    "lms_deployed": (
        "Chọn và triển khai hệ thống quản lý học tập trực tuyến (LMS) cho giáo viên, học sinh",
        "Cán bộ phụ trách CNTT",
        (11, 30),
    ),
    "lms_assign_self_study": (
        "Giáo viên giao bài tự học cho học sinh trên hệ thống học tập trực tuyến",
        "Các tổ chuyên môn",
        (12, 31),
    ),
    "lms_teacher_answers": (
        "Giáo viên trả lời câu hỏi của học sinh trên hệ thống học tập trực tuyến",
        "Các tổ chuyên môn",
        (12, 31),
    ),
    "lms_regular_assessment": (
        "Tổ chức kiểm tra, đánh giá thường xuyên trên hệ thống học tập trực tuyến",
        "Các tổ chuyên môn",
        (1, 31),
    ),
    "lms_parent_participation": (
        "Hướng dẫn phụ huynh theo dõi, tham gia việc học của con trên hệ thống học tập trực tuyến",
        "Giáo viên chủ nhiệm",
        (1, 31),
    ),
    "approved_digital_materials": (
        "Xây dựng, số hóa học liệu; tổ chuyên môn thông qua và {head} phê duyệt",
        "Các tổ chuyên môn",
        (4, 30),
    ),
    "computer_room_exams": (
        "Tổ chức thi, kiểm tra trên phòng máy tính có mạng LAN",
        "Tổ Tin học, cán bộ phụ trách CNTT",
        (3, 31),
    ),
    "exam_software_linked": (
        "Kết nối phần mềm thi trên máy tính với phần mềm quản trị nhà trường",
        "Cán bộ phụ trách CNTT",
        (3, 31),
    ),
    "teachers_with_training_account": (
        "Hướng dẫn giáo viên lập tài khoản và tự bồi dưỡng trên hệ thống bồi dưỡng trực tuyến",
        "Các tổ trưởng chuyên môn",
        (11, 30),
    ),
    "teachers_using_teaching_tools": (
        "Bồi dưỡng giáo viên sử dụng phần mềm, công cụ đổi mới phương pháp dạy học",
        "Các tổ chuyên môn",
        (1, 31),
    ),
    "teachers_building_materials": (
        "Bồi dưỡng giáo viên xây dựng học liệu số, bài giảng điện tử",
        "Các tổ chuyên môn",
        (1, 31),
    ),
    "classrooms_equipped": (
        "Trang bị ti vi hoặc máy chiếu, thiết bị phụ trợ và kết nối Internet cho các phòng học",
        "{head}, kế toán",
        (3, 31),
    ),
    "informatics_level": (
        "Bổ sung, nâng cấp máy tính phòng Tin học đáp ứng yêu cầu dạy môn Tin học",
        "{head}, kế toán",
        (3, 31),
    ),
    "studio_room": (
        "Xây dựng phòng studio để làm học liệu số, bài giảng điện tử",
        "{head}, kế toán",
        (4, 30),
    ),
    "it_steering_body": (
        "Ra quyết định thành lập bộ phận chỉ đạo, phụ trách CNTT, chuyển đổi số",
        "{head}",
        (9, 15),
    ),
    "it_plan": (
        "Ban hành kế hoạch ứng dụng CNTT, chuyển đổi số năm học",
        "{head}",
        (9, 30),
    ),
    "mgmt_usage_regulation": (
        "Ban hành quy chế sử dụng phần mềm quản trị nhà trường",
        "{head}",
        (10, 15),
    ),
    "student_module": (
        "Cập nhật hồ sơ, kết quả học tập của học sinh trên phần mềm quản trị",
        "Giáo viên chủ nhiệm",
        (10, 31),
    ),
    "e_gradebook": (
        "Triển khai sổ điểm điện tử ở tất cả các lớp",
        "{deputy} phụ trách chuyên môn",
        (10, 31),
    ),
    "e_transcript": (
        "Triển khai học bạ điện tử",
        "{deputy} phụ trách chuyên môn",
        (5, 31),
    ),
    "staff_module": (
        "Cập nhật hồ sơ cán bộ, giáo viên, nhân viên trên phần mềm quản trị",
        "Tổ Văn phòng",
        (10, 31),
    ),
    "facilities_module": (
        "Quản lý tài sản, cơ sở vật chất trên phần mềm quản trị",
        "Tổ Văn phòng, kế toán",
        (12, 31),
    ),
    "school_health_module": (
        "Quản lý hồ sơ sức khỏe học sinh trên phần mềm",
        "Nhân viên y tế trường học",
        (12, 31),
    ),
    "accounting_module": ("Quản lý kế toán trên phần mềm", "Kế toán", (12, 31)),
    "sector_db_exchange": (
        "Cập nhật đầy đủ, đúng hạn dữ liệu lên cơ sở dữ liệu ngành",
        "Cán bộ phụ trách CNTT",
        (10, 31),
    ),
    "family_school_app": (
        "Dùng ứng dụng liên lạc giữa nhà trường và phụ huynh ở tất cả các lớp",
        "Giáo viên chủ nhiệm",
        (10, 31),
    ),
    "online_admission": (
        "Tổ chức tuyển sinh đầu cấp trực tuyến",
        "{deputy}, Tổ Văn phòng",
        (6, 30),
    ),
    "cashless_fees": (
        "Thu các khoản thu không dùng tiền mặt (chuyển khoản, ví điện tử)",
        "Kế toán",
        (12, 31),
    ),
}
GENERAL = ("Cán bộ phụ trách CNTT, chuyển đổi số", (3, 31))
CODE = re.compile(r"^\s*(?:Mục\s+)?\d+(?:\.\w+)+[.:]?\s*", re.IGNORECASE)
PROMPT = re.compile(r"\s*\((?:cung cấp thông tin|thông tin|ghi tên)[^()]*(?:\([^()]*\)[^()]*)*\)")


@dataclass(frozen=True)
class TaskWords:
    title: str
    owner: str
    deadline: dt.date


def titles(unit: Unit) -> tuple[str, str]:
    """The head's and the deputy's titles as a sentence writes them (Hiệu trưởng, Giám đốc…)."""
    if unit.kind != Unit.Kind.INSTITUTION:
        head = "Trưởng phòng" if unit.kind == Unit.Kind.DISTRICT else "Giám đốc"
    elif unit.institution_type == Unit.InstitutionType.GDTX:
        head = "Giám đốc"
    else:
        head = "Hiệu trưởng"
    return head, f"Phó {head[0].lower()}{head[1:]}"


def deadline(school_year: str, month: int, day: int) -> dt.date:
    first = int(school_year[:4])
    return dt.date(first if month >= 8 else first + 1, month, day)


def task_for(fact: str, title: str, how: str, unit: Unit, school_year: str) -> TaskWords:
    """The task for raising an item (or meeting a condition) about `fact`; `how` is what the
    index asks ("Có", "trên 40 học liệu", "trên 60%")."""
    head, deputy = titles(unit)
    if fact in WORDS:
        text, owner, (month, day) = WORDS[fact]
    else:
        text = PROMPT.sub("", CODE.sub("", title)).strip().rstrip(".;:")
        owner, (month, day) = GENERAL
    text = text.format(head=head.lower() if not text.startswith("{head}") else head, deputy=deputy)
    owner = owner.format(head=head, deputy=deputy)
    wanted = how.strip()
    if wanted and wanted.lower() not in ("có", "đạt"):
        text += f": đạt {wanted}"
    return TaskWords(text[:1].upper() + text[1:], owner, deadline(school_year, month, day))
