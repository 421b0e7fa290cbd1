"""Demo records for the featured school: S1's IT inventory, S0's figures, a plan from the gaps."""

from __future__ import annotations

from typing import Any

from chiso.inventory import actions as inventory_actions
from chiso.inventory.models import CatalogueEntry
from chiso.plans import actions
from chiso.units import policy

# (name, có?, quantity, second quantity, link) — seed S1 §1.2, abridged.
INVENTORY = [
    ("Trang thông tin điện tử (Website)", False, 1, None, ""),
    ("Ứng dụng quản trị và lưu trữ nhà trường", True, 1, None, "https://fbot.esoft.edu.vn"),
    ("Thư điện tử với tên miền riêng của nhà trường", True, 2, None, ""),
    ("Ứng dụng quản lý văn bản điều hành (e-office)", True, 1, None, ""),
    ("Ứng dụng hỗ trợ xếp thời khóa biểu", False, 1, None, ""),
    ("Ứng dụng quản lý tài chính", True, 1, None, "https://sme.misa.vn"),
    ("Ứng dụng quản lý thư viện", True, 1, None, ""),
    ("Phần mềm trộn đề kiểm tra", False, 1, None, ""),
    ("Ứng dụng soạn bài giảng điện tử", True, 1, None, ""),
    ("Kho tài liệu, học liệu điện tử", True, 1, None, "https://hoclieu.vn"),
    ("Kết nối mạng Internet", True, 3, None, ""),
    ("Phòng máy tính", True, 1, 21, ""),
    ("Ti vi", True, 12, None, ""),
    ("Máy chiếu", True, 2, None, ""),
    ("Máy tính văn phòng", True, 5, None, ""),
    ("Bảng tương tác thông minh", False, 1, None, ""),
    ("Hệ thống giám sát", False, 1, None, ""),
]
# The teachers are counted once, in the school's assessment: the figures read them from there.
FIGURES = {
    "trained_blended": "39",
    "trained_elearning": "10",
    "trained_management_software": "5",
    "trained_security": "10",
    "digital_signatures": "10",
    "stats_start": "on_time",
    "stats_end": "on_time",
    "students_total": "520",
    "students_cashless": "390",
    "software": "VnEdu - VNPT\nMISA - Công ty cổ phần MISA",
}


def seed(head: Any, school_year: str) -> None:
    """The head's school gets an inventory, figures and a proposed plan for the year."""
    unit = next(u for u in policy.institution_units(head))
    answers = {}
    for name, has, quantity, second, link in INVENTORY:
        entry = CatalogueEntry.objects.filter(name=name, owner=None).first()
        if entry is None:
            continue
        answers[entry.pk] = {
            "available": "1" if has else "0",
            "quantity": str(quantity),
            "second_quantity": "" if second is None else str(second),
            "link": link,
        }
    inventory_actions.save(unit, school_year, answers, by=head)
    actions.save_figures(unit, school_year, FIGURES, by=head)
    actions.save_header(
        unit,
        school_year,
        number="15",
        issued_on="",
        purpose="Kế hoạch cụ thể hóa nhiệm vụ trọng tâm về ứng dụng CNTT, chuyển đổi số của năm học.",
        situation="Nhà trường có 01 phòng Tin học với 21 máy vi tính đang sử dụng; 05 máy tính "
        "phục vụ quản lý, hành chính; có Internet phục vụ quản lý, dạy học.",
        by=head,
    )
    actions.propose(unit, school_year, by=head)
