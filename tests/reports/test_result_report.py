"""The result report follows its model (seed S2, with S0's CĐS part) section by section, its
figures are the assessment's, and the mandatory conditions are explained in words."""

import datetime as dt

import pytest

from chiso.assessments import actions
from chiso.inventory.models import CatalogueEntry, Inventory, Line
from chiso.reports import data
from chiso.reports.docx_export import render_report_docx
from chiso.units.models import Unit
from chiso.units.services import create_unit
from tests.conftest import COMPLETE_FACTS, fill
from tests.documents import in_order, lines, render_pages


@pytest.fixture(autouse=True)
def no_link_capture(settings):
    settings.EVIDENCE_CAPTURE_ENABLED = False


COUNCIL = {
    "council_decision_number": "20/QĐ-THCVA",
    "council_decision_date": dt.date(2025, 3, 16),
    "council_members": [
        {"name": "Nguyễn Thị Hương", "title": "Hiệu trưởng", "role": "Chủ tịch"},
        {"name": "Trần Văn Nam", "title": "Giáo viên", "role": "Thư ký"},
    ],
    "minutes_date": dt.date(2025, 3, 25),
    "minutes_summary": "Hội đồng thống nhất điểm từng tiêu chí.",
    "approval_decision_number": "25/QĐ-THCVA",
    "approval_decision_date": dt.date(2025, 3, 28),
    "narrative": {"achievements": "Ưu điểm: 100% giáo viên có tài khoản bồi dưỡng."},
}


def prepared(world, facts=None, council=None):
    a = fill(world.assessments["school"], world.users["member"], facts)
    return actions.save_council(
        a, data=council or COUNCIL, expected_version=a.version, by=world.users["member"]
    )


def test_the_result_report_has_s2s_sections_in_order_with_the_assessments_figures(world):
    a = prepared(world)
    inventory = Inventory.objects.create(unit=a.unit, school_year="2024-2025")
    entry = CatalogueEntry.objects.filter(
        fact="lms_deployed"
    ).first() or CatalogueEntry.objects.create(
        kind="teaching", name="Hệ thống LMS", fact="lms_deployed"
    )
    Line.objects.create(inventory=inventory, entry=entry, available=True, product="K12Online")
    doc = data.assessment_document(a)
    content = render_report_docx(doc)
    found = lines(content)
    g1, g2 = doc.card.groups
    in_order(
        found,
        [
            "Số:",
            "BÁO CÁO",
            "Kết quả tự đánh giá mức độ chuyển đổi số năm học 2024-2025",
            "Thực hiện Quyết định số 4725/QĐ-BGDĐT",
            "I. CÔNG TÁC CHỈ ĐẠO VÀ TRIỂN KHAI THỰC HIỆN",
            "Quyết định số 20/QĐ-THCVA ngày 16 tháng 3 năm 2025",
            "Hội đồng tự đánh giá gồm 2 thành viên: Nguyễn Thị Hương",
            "ngày 25 tháng 3 năm 2025 (có biên bản)",
            "Quyết định số 25/QĐ-THCVA ngày 28 tháng 3 năm 2025",
            "II. KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI",
            f"Nhóm tiêu chí 1: {data.wording.number(g1.points)}/100 điểm - đạt Mức độ: {g1.level}",
            f"Nhóm tiêu chí 2: {data.wording.number(g2.points)}/100 điểm - đạt Mức độ: {g2.level}",
            "điều kiện bắt buộc (ĐKBB)",
            "1. Các tiêu chí về chuyển đổi số trong dạy, học",
            "1.1. ",
            "1.3. Triển khai phần mềm dạy học trực tuyến",
            "Có hệ thống LMS/LCMS (K12Online)",
            "1.4. ",
            "Số học liệu số hóa đã được phê duyệt: 41 học liệu",
            "1.6. ",
            "39/39 giáo viên (100%)",
            "2. Các tiêu chí về chuyển đổi số trong quản trị",
            "Nội dung | Trả lời",
            "Tiêu chí | Điểm tối đa",
            "III. ĐÁNH GIÁ CHUNG",
            "1. Những kết quả đã đạt được",
            "Ưu điểm: 100% giáo viên",
            "2. Bài học kinh nghiệm",
            "4. Kiến nghị, đề xuất",
            "Trên đây là báo cáo kết quả tự đánh giá",
            "Nơi nhận:",
        ],
    )
    signature = found[-1]
    assert "HIỆU TRƯỞNG" in signature and "Nguyễn Thị Hương" in signature
    points = {c.id: c.points for c in g1.criteria if c.kind != "mandatory"}
    assert any(
        line.startswith("1.4. ") and f"{data.wording.number(points['1.4'])}/10 điểm" in line
        for line in found
    )
    assert not any(line.strip() in ("Có", "có") for line in found)
    render_pages(content, "bao-cao-ket-qua")


def test_an_unmet_condition_is_explained_and_caps_the_group_at_level_1(world):
    facts = dict(COMPLETE_FACTS, online_teaching_plan=False)
    a = prepared(world, facts)
    doc = data.assessment_document(a)
    group = doc.card.group("1")
    assert group.rule_level > 1 and group.level == 1
    found = lines(render_report_docx(doc))
    line = next(x for x in found if x.startswith("Nhóm tiêu chí 1:"))
    assert f"đạt Mức độ: 1 (theo số điểm đạt Mức độ {group.rule_level}" in line
    assert "điều kiện bắt buộc (ĐKBB) 1.1" in line and "chỉ được xếp Mức độ 1" in line
    assert any(x.startswith("1.1. ") and "chưa đáp ứng" in x for x in found)
    assert any(x.startswith("1.1 |") and x.endswith("Chưa đạt") for x in found)


def test_a_deputy_signs_for_the_head_of_a_gdtx_centre_with_kt(world):
    centre = create_unit(
        name="Trung tâm GDTX Hải Phòng",
        kind=Unit.Kind.INSTITUTION,
        parent=world.units["so_a"],
        institution_type="GDTX",
        code="GDTXHP",
    )
    council = dict(
        COUNCIL,
        council_members=[{"name": "Lê Văn Bình", "title": "Phó Giám đốc", "role": "Chủ tịch"}],
    )
    a = prepared(world, council=council)
    a.unit = centre
    a.save(update_fields=["unit"])
    found = lines(render_report_docx(data.assessment_document(a)))
    assert "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC" in found[-1] and "Lê Văn Bình" in found[-1]
