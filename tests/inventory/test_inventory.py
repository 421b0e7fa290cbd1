"""The IT inventory: S1's totals, saving with audit, index facts fed into the assessment."""

from typing import Any

import pytest

from chiso.audit.models import AuditEntry
from chiso.inventory import actions
from chiso.inventory.models import CatalogueEntry, Inventory

YEAR = "2024-2025"

# Seed S1 §1.2, line by line: (kind, name, có?, quantity, second quantity, link).
S1: list[tuple[str, str, bool, int, int | None, str]] = [
    ("management", "Trang thông tin điện tử (Website)", False, 1, None, ""),
    (
        "management",
        "Ứng dụng quản trị và lưu trữ nhà trường",
        True,
        1,
        None,
        "https://fbot.esoft.edu.vn",
    ),
    ("management", "Thư điện tử với tên miền riêng của nhà trường", True, 2, None, ""),
    (
        "management",
        "Ứng dụng quản lý văn bản điều hành (e-office)",
        True,
        1,
        None,
        "https://qlvb.daknong.gov.vn",
    ),
    ("management", "Ứng dụng quản lý thông tin đội ngũ (CB, GV, NV)", True, 1, None, ""),
    ("management", "Ứng dụng quản lý quá trình học tập, rèn luyện học sinh", True, 1, None, ""),
    ("management", "Ứng dụng hỗ trợ xếp thời khóa biểu", False, 1, None, ""),
    ("management", "Ứng dụng quản lý tài sản", True, 1, None, "https://qlts.misa.vn"),
    ("management", "Ứng dụng quản lý tài chính", True, 1, None, "https://sme.misa.vn"),
    ("management", "Ứng dụng quản lý thư viện", True, 1, None, ""),
    ("management", "Phần mềm ứng dụng quản lý dùng chung của Ngành", True, 1, None, ""),
    ("management", "Phần mềm phổ cập", True, 1, None, "http://pcgd.moet.gov.vn"),
    ("management", "Phần mềm kiểm định chất lượng", True, 1, None, ""),
    ("management", "Ứng dụng quản lý hồ sơ chuyên môn", True, 1, None, ""),
    ("management", "Ứng dụng quản lý số liệu học sinh, giáo viên hằng ngày", True, 1, None, ""),
    ("management", "Phần mềm trộn đề kiểm tra", False, 1, None, ""),
    ("management", "Ứng dụng thông tin hai chiều giữa gia đình và nhà trường", True, 1, None, ""),
    ("management", "Ứng dụng dịch vụ công", True, 1, None, ""),
    ("teaching", "Ứng dụng soạn bài giảng điện tử", True, 1, None, ""),
    ("teaching", "Ứng dụng dạy học trực tuyến trực tiếp (Google Meet, Zoom…)", True, 1, None, ""),
    ("teaching", "Kho tài liệu, học liệu điện tử", True, 1, None, "hoclieu.vn"),
    ("teaching", "Phần mềm trộn đề kiểm tra", False, 1, None, ""),
    (
        "teaching",
        "Phần mềm quản lý hoạt động dạy-học, kiểm tra, đánh giá (LMS/LCMS)",
        False,
        1,
        None,
        "",
    ),
    ("equipment", "Kết nối mạng Internet", True, 3, None, ""),
    ("equipment", "Phòng máy tính", True, 1, 21, ""),
    ("equipment", "Phòng đa năng với thiết bị ứng dụng CNTT", False, 1, None, ""),
    ("equipment", "Ti vi", True, 12, None, ""),
    ("equipment", "Bảng tương tác thông minh", False, 1, None, ""),
    ("equipment", "Máy chiếu", True, 2, None, ""),
    ("equipment", "Máy tính văn phòng", True, 5, None, ""),
    ("equipment", "Hệ thống giám sát", False, 1, None, ""),
]


def s1_answers() -> dict[int, dict[str, Any]]:
    answers = {}
    for kind, name, has, quantity, second, link in S1:
        entry = CatalogueEntry.objects.get(kind=kind, name=name, owner=None)
        answers[entry.pk] = {
            "available": "1" if has else "0",
            "quantity": str(quantity),
            "second_quantity": "" if second is None else str(second),
            "link": link,
        }
    return answers


def test_s1_totals_are_reproduced(world) -> None:
    school, head = world.units["school"], world.users["head"]
    inventory, _ = actions.save(school, YEAR, s1_answers(), by=head)
    totals = actions.totals(actions.lines_of(inventory))
    assert (totals.apps_in_use, totals.apps_missing) == (19, 5)
    assert (totals.equipment_present, totals.equipment_missing) == (23, 3)


def test_saving_is_audited_and_feeds_the_assessment(world) -> None:
    school, head = world.units["school"], world.users["head"]
    inventory, messages = actions.save(school, YEAR, s1_answers(), by=head)
    assert AuditEntry.objects.filter(verb="inventory.edit", target_id=inventory.pk).count() == 1
    assessment = world.assessments["school"]
    assessment.refresh_from_db()
    assert assessment.facts["staff_module"] is True
    assert assessment.facts["lms_deployed"] is False
    assert assessment.facts["family_school_app"] is True
    assert "cashless_fees" not in assessment.facts  # not answered in the inventory
    assert messages and "Đã cập nhật" in messages[0]
    assert AuditEntry.objects.filter(verb="assessment.edit", target_id=assessment.pk).exists()


def test_saving_again_unchanged_writes_nothing(world) -> None:
    school, head = world.units["school"], world.users["head"]
    actions.save(school, YEAR, s1_answers(), by=head)
    _, messages = actions.save(school, YEAR, s1_answers(), by=head)
    assert messages == []
    assert AuditEntry.objects.filter(verb="inventory.edit").count() == 1


def test_bad_input_saves_nothing_and_says_where(world) -> None:
    school, head = world.units["school"], world.users["head"]
    answers = s1_answers()
    first, second = list(answers)[:2]
    answers[first]["quantity"] = "ba"
    answers[second] = {"available": "1", "quantity": "0"}
    with pytest.raises(actions.InventoryError) as caught:
        actions.save(school, YEAR, answers, by=head)
    text = str(caught.value)
    assert "«ba» không phải số nguyên" in text and "số lượng phải từ 1" in text
    assert not Inventory.objects.exists()


def test_offices_cannot_edit_an_institution_inventory(world) -> None:
    with pytest.raises(actions.InventoryError):
        actions.save(world.units["school"], YEAR, {}, by=world.users["office_head"])


def test_an_office_extends_the_catalogue_of_its_subtree_only(world) -> None:
    entry = actions.add_entry(
        world.units["phong_a"],
        kind="teaching",
        name="Phần mềm thí nghiệm ảo",
        by=world.users["office_head"],
    )
    assert entry in actions.catalogue_for(world.units["school"])
    assert entry not in actions.catalogue_for(world.units["other"])
    with pytest.raises(actions.InventoryError):
        actions.add_entry(world.units["phong_a"], kind="teaching", name="X", by=world.users["head"])
    with pytest.raises(actions.InventoryError, match="đã có"):
        actions.add_entry(
            world.units["phong_a"],
            kind="teaching",
            name="phần mềm thí nghiệm ảo",
            by=world.users["office_head"],
        )


def test_blank_lines_are_not_stored(world) -> None:
    school, head = world.units["school"], world.users["head"]
    tv = CatalogueEntry.objects.get(name="Ti vi")
    web = CatalogueEntry.objects.get(name="Trang thông tin điện tử (Website)")
    answers = {
        tv.pk: {"available": "1", "quantity": "12"},
        web.pk: {"available": "", "quantity": ""},
    }
    inventory, _ = actions.save(school, YEAR, answers, by=head)
    assert list(inventory.lines.values_list("entry__name", flat=True)) == ["Ti vi"]
