"""The council's decision, the minutes and the approval with its appendix: each in the order of
its NĐ 30 form, resting on the charter of the institution's type, citing the others by number
and date, figures as the assessment's."""

import io
import shutil

import pytest
from openpyxl import load_workbook

from chiso.assessments import forms
from chiso.assessments.models import Assessment
from chiso.reports import data
from chiso.reports.council import (
    render_approval_decision_docx,
    render_council_decision_docx,
    render_minutes_docx,
)
from chiso.units.models import Unit
from tests.conftest import PASSWORD, fill
from tests.documents import in_order, lines, render_pages


@pytest.fixture(autouse=True)
def no_link_capture(settings):
    settings.EVIDENCE_CAPTURE_ENABLED = False


FORM = {
    "council_decision_number": "20/QĐ-THCVA",
    "council_decision_date": "2025-03-16",
    "council_members": "Nguyễn Thị Hương - Hiệu trưởng - Chủ tịch\n"
    "Trần Văn Nam - Giáo viên - Thư ký\n"
    "Lê Thị Cúc - Tổ trưởng - Ủy viên - vắng (ốm)",
    "minutes_date": "2025-03-20",
    "minutes_start": "14:00",
    "minutes_end": "16:30",
    "minutes_place": "Phòng họp Hội đồng sư phạm",
    "minutes_agree": "2",
    "minutes_against": "0",
    "minutes_opinions": "Đề nghị bổ sung minh chứng tiêu chí 1.5.",
    "minutes_summary": "Hội đồng thống nhất điểm từng tiêu chí.",
    "approval_decision_number": "25",
    "approval_decision_date": "2025-03-25",
}


@pytest.fixture
def council(client, world):
    a = fill(world.assessments["school"], world.users["member"])
    client.login(username="member", password=PASSWORD)
    response = client.post(f"/danh-gia/{a.pk}/hoi-dong/", {"version": a.version, **FORM})
    assert response.status_code == 302
    a = Assessment.objects.get(pk=a.pk)
    assert a.minutes_details["start"] == "14:00" and a.council_members[2]["absent"]
    return a


def test_the_council_decision_rests_on_the_charter_and_the_index(council):
    found = lines(render_council_decision_docx(data.assessment_document(council)))
    in_order(
        found,
        [
            "Số: 20/QĐ-THCVA",
            "QUYẾT ĐỊNH",
            "Về việc thành lập Hội đồng tự đánh giá mức độ chuyển đổi số năm học 2024-2025",
            "HIỆU TRƯỞNG TRƯỜNG TIỂU HỌC CHU VĂN AN",
            "Căn cứ Thông tư số 28/2020/TT-BGDĐT ngày 04 tháng 9 năm 2020 của Bộ trưởng Bộ Giáo "
            "dục và Đào tạo ban hành Điều lệ trường tiểu học;",
            "Căn cứ Quyết định số 4725/QĐ-BGDĐT",
            "Xét đề nghị",
            "QUYẾT ĐỊNH:",
            "Điều 1. Thành lập Hội đồng",
            "1. Nguyễn Thị Hương – Hiệu trưởng – Chủ tịch;",
            "3. Lê Thị Cúc – Tổ trưởng – Ủy viên;",
            "Điều 2.",
            "Điều 3.",
            "Nơi nhận:",
        ],
    )


@pytest.mark.parametrize(
    ("kind", "charter"),
    [
        ("MN", "Điều lệ trường mầm non"),
        ("THCS", "Điều lệ trường trung học cơ sở, trường trung học phổ thông"),
        ("TH_THCS", "trường phổ thông có nhiều cấp học"),
        ("GDTX", "Quy chế tổ chức và hoạt động của trung tâm giáo dục thường xuyên"),
    ],
)
def test_each_type_of_institution_cites_its_own_charter(council, kind, charter):
    Unit.objects.filter(pk=council.unit_id).update(institution_type=kind)
    council.unit.refresh_from_db()
    text = "\n".join(lines(render_council_decision_docx(data.assessment_document(council))))
    assert charter in text
    assert "Điều lệ trường tiểu học" not in text


def test_the_minutes_record_the_meeting_as_it_happened(council):
    document = data.assessment_document(council)
    found = lines(render_minutes_docx(document))
    g1, g2 = document.card.groups
    positions = in_order(
        found,
        [
            "Số:",
            "BIÊN BẢN",
            "1. Thời gian: bắt đầu lúc 14 giờ 00 phút, ngày 20 tháng 3 năm 2025.",
            "2. Địa điểm: Phòng họp Hội đồng sư phạm.",
            "3. Thành phần tham dự: Hội đồng tự đánh giá thành lập theo Quyết định số "
            "20/QĐ-THCVA ngày 16/03/2025 của Hiệu trưởng Trường Tiểu học Chu Văn An; "
            "có mặt 2/3 thành viên:",
            "- Nguyễn Thị Hương, Hiệu trưởng, Chủ tịch;",
            "Vắng: Lê Thị Cúc, Tổ trưởng, Ủy viên (vắng (ốm)).",
            "4. Chủ trì: Nguyễn Thị Hương, Chủ tịch Hội đồng. Thư ký: Trần Văn Nam.",
            "5. Nội dung cuộc họp",
            "1.1.",
            "1.3.",
            "1.7.",
            "2.3.",
            "2.4.",
            "6. Ý kiến thảo luận",
            "Đề nghị bổ sung minh chứng tiêu chí 1.5.",
            "7. Kết luận",
            f"Nhóm tiêu chí 1: {g1.points}/100 điểm",
            f"Nhóm tiêu chí 2: {g2.points}/100 điểm",
            "Hội đồng thống nhất điểm từng tiêu chí.",
            "8. Biểu quyết: 2/2 thành viên có mặt tán thành (100%), 0 không tán thành.",
            "Cuộc họp kết thúc lúc 16 giờ 30 phút cùng ngày.",
            "THƯ KÝ",
        ],
    )
    signatures = found[positions[-1]]
    assert "Trần Văn Nam" in signatures and "CHỦ TỊCH HỘI ĐỒNG" in signatures
    assert signatures.index("Trần Văn Nam") < signatures.index("Nguyễn Thị Hương")


def test_the_approval_and_its_appendix_cite_each_other(council):
    document = data.assessment_document(council)
    found = lines(render_approval_decision_docx(document))
    in_order(
        found,
        [
            "Số: 25/QĐ-THCVA",
            "Về việc phê duyệt kết quả tự đánh giá",
            "HIỆU TRƯỞNG TRƯỜNG TIỂU HỌC CHU VĂN AN",
            "Căn cứ Thông tư số 28/2020/TT-BGDĐT",
            "Căn cứ Quyết định số 4725/QĐ-BGDĐT",
            "Căn cứ Quyết định số 20/QĐ-THCVA ngày 16/03/2025 của Hiệu trưởng Trường Tiểu học "
            "Chu Văn An về việc thành lập Hội đồng tự đánh giá",
            "Căn cứ Biên bản họp Hội đồng tự đánh giá ngày 20/03/2025;",
            "QUYẾT ĐỊNH:",
            "Điều 1. Phê duyệt kết quả",
            "- Nhóm tiêu chí 1 «Chuyển đổi số trong dạy, học»: "
            f"{document.card.groups[0].points}/100 điểm",
            "(Chi tiết tại Phụ lục kèm theo Quyết định này.)",
            "Điều 2.",
            "Điều 3.",
            "Nơi nhận:",
            "Phụ lục",
            "KẾT QUẢ TỰ ĐÁNH GIÁ MỨC ĐỘ CHUYỂN ĐỔI SỐ NĂM HỌC 2024-2025",
            "(Kèm theo Quyết định số 25/QĐ-THCVA ngày 25/03/2025 của Hiệu trưởng Trường Tiểu học "
            "Chu Văn An)",
            "TT | Tiêu chí | Điểm tối đa | Điểm tự đánh giá | Mức độ",
        ],
    )
    assert not any("Kèm theo Quyết định số 4725" in line for line in found)


def test_the_appendix_workbook_names_the_approval_it_belongs_to(client, council):
    response = client.get(f"/danh-gia/{council.pk}/tai-ve/phu-luc.xlsx")

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert "Kèm theo Quyết định số 25/QĐ-THCVA ngày 25/03/2025" in sheet.cell(row=2, column=1).value


def test_bad_meeting_times_and_votes_are_refused_with_their_field(world):
    _, problems = forms.council_data(
        {
            "council_members": "A - B - Chủ tịch\nC - D - Thư ký",
            "minutes_start": "25:00",
            "minutes_end": "14:00",
            "minutes_agree": "5",
        }
    )
    assert any("Giờ bắt đầu họp" in p and "25:00" in p for p in problems)
    assert any("Số thành viên tán thành" in p and "từ 0 đến 2" in p for p in problems)


def test_the_council_documents_render_to_pages(council):
    document = data.assessment_document(council)
    for name, render in (
        ("quyet-dinh-hoi-dong", render_council_decision_docx),
        ("bien-ban", render_minutes_docx),
        ("quyet-dinh-phe-duyet", render_approval_decision_docx),
    ):
        pages = render_pages(render(document), name)
        assert pages or not shutil.which("soffice"), name
