"""The yearly report follows the outline of the school's own Sở (S4's outline, filled as S0 is):
its sections in the outline's order, every field answered with a number or a date from the data,
the council's papers cited, no prompt printed, the head signing with name."""

import datetime as dt

from django.utils import timezone

from chiso.assessments import actions as assessment_actions
from chiso.demo import province
from chiso.evidence.models import Evidence
from chiso.inventory.models import CatalogueEntry, Inventory, Line
from chiso.periodic import builtin, services
from chiso.periodic.docx import render_periodic_docx
from chiso.plans import actions
from tests.conftest import COMPLETE_FACTS, fill
from tests.documents import in_order, lines, render_pages
from tests.plans.test_figures import S0

YEAR = "2024-2025"
COUNCIL = {
    "council_decision_number": "20/QĐ-THCVA",
    "council_decision_date": dt.date(2025, 3, 16),
    "council_members": [{"name": "Nguyễn Thị Hương", "title": "Hiệu trưởng", "role": "Chủ tịch"}],
    "minutes_date": dt.date(2025, 3, 25),
    "approval_decision_number": "25/QĐ-THCVA",
    "approval_decision_date": dt.date(2025, 3, 28),
}


def sos_outline(world):
    return services.save_outline(
        world.units["so_a"],
        {
            "title": province.HAI_PHONG_YEARLY_TITLE,
            "subject": province.HAI_PHONG_YEARLY_SUBJECT,
            "for_subunits": True,
            "text": province.HAI_PHONG_YEARLY,
        },
        by=world.users["so_head"],
    )


def prepared(world):
    unit, head = world.units["school"], world.users["head"]
    a = fill(world.assessments["school"], head, COMPLETE_FACTS)
    a = assessment_actions.save_council(a, data=COUNCIL, expected_version=a.version, by=head)
    Evidence.objects.create(
        assessment=a,
        target_id="1.1",
        kind="link",
        title="Kế hoạch số 45/KH-THCVA ngày 05/9/2024 tổ chức dạy học trực tuyến",
        url="https://thcva.edu.vn/kh45",
    )
    inventory = Inventory.objects.create(unit=unit, school_year=YEAR)
    entry = CatalogueEntry.objects.filter(fact="lms_deployed").first()
    Line.objects.create(
        inventory=inventory, entry=entry, available=True, product="K12Online", acquisition="rented"
    )
    actions.save_figures(unit, YEAR, S0, by=head)
    actions.save_header(
        unit, YEAR, number="15", issued_on="20/09/2024", purpose="", situation="", by=head
    )
    return unit, head


def test_a_school_gets_its_own_sos_outline_and_another_province_the_national_sample(world):
    mine = sos_outline(world)
    unit, head = prepared(world)
    report = services.start_yearly_report(unit, YEAR, by=head)
    assert report.outline == mine and report.outline_text == province.HAI_PHONG_YEARLY.strip()
    assert services.yearly_outline(world.units["other"]).text == builtin.YEARLY


def test_the_yearly_report_follows_its_outline_answers_with_numbers_and_cites_the_council(world):
    sos_outline(world)
    unit, head = prepared(world)
    report = services.start_yearly_report(unit, YEAR, by=head)
    services.save_report(
        report,
        {"slot_0": "Trường có 39 giáo viên, 20 phòng học.", "slot_1": "Được Phòng hướng dẫn."},
        expected_version=report.version,
        by=head,
    )
    report.refresh_from_db()
    filled = services.filled(report)
    content = render_periodic_docx(filled, timezone.localdate())
    found = lines(content)
    parsed = services.parse(report.outline_text)
    headings = [b.text for b in parsed.blocks if b.kind == "heading"]
    opening = [
        "Số:",
        "BÁO CÁO",
        "Tổng kết thực hiện nhiệm vụ ứng dụng công nghệ thông tin",
        "Thực hiện hướng dẫn của Sở GDĐT A về việc báo cáo năm học 2024-2025",
    ]
    in_order(found, [*opening, *headings, "Trên đây là Báo cáo tổng kết thực hiện", "Nơi nhận:"])
    text = "\n".join(found)
    assert "Trường có 39 giáo viên, 20 phòng học." in text
    assert (
        "Quyết định thành lập Hội đồng số 20/QĐ-THCVA ngày 16 tháng 3 năm 2025; biên bản họp "
        "Hội đồng ngày 25 tháng 3 năm 2025; Quyết định phê duyệt kết quả số 25/QĐ-THCVA ngày 28 "
        "tháng 3 năm 2025" in text
    )
    assert "Kế hoạch tổ chức dạy học trực tuyến: Kế hoạch số 45/KH-THCVA ngày 05/9/2024" in text
    assert "Kế hoạch ứng dụng CNTT, chuyển đổi số: Kế hoạch số 15/KH-THCVA ngày 20 tháng 9" in text
    a = world.assessments["school"]
    a.refresh_from_db()
    assert (
        f"Nhóm tiêu chí 1: {int(a.group1_points)}/100 điểm - đạt Mức độ: {a.group1_level}" in text
    )
    assert "Hệ thống quản lý học tập trực tuyến (LMS): có (K12Online)." in text
    assert "Nội dung | Trả lời" in text and "39/39 giáo viên (100%)" in text
    for line in found:  # never "có" where a number or a date is asked
        assert not (line.startswith("- ") and line.rstrip(".").lower().endswith(": có")), line
    hints = {b.text for b in parsed.blocks if b.kind == "write" and b.text}
    body = [line for line in found if line not in headings]
    for hint in hints:  # a prompt to the writer is never printed
        assert not any(hint in line for line in body), hint
    assert found[-1].endswith("HIỆU TRƯỞNG\n\n\n\nNguyễn Thị Hương") or (
        "HIỆU TRƯỞNG" in found[-1] and "Nguyễn Thị Hương" in found[-1]
    )
    render_pages(content, "bao-cao-nam")


def test_the_national_samples_online_plan_is_a_blank_to_complete_without_a_numbered_evidence(
    world,
):
    unit, head = world.units["school"], world.users["head"]
    fill(world.assessments["school"], head, COMPLETE_FACTS)
    report = services.start_yearly_report(unit, YEAR, by=head)
    text = "\n".join(lines(render_periodic_docx(services.filled(report), timezone.localdate())))
    assert (
        "Số hiệu, ngày ban hành kế hoạch tổ chức dạy học trực tuyến: Kế hoạch số ……/……… ngày"
        in text
    )
    assert "Hệ thống LMS: có" in text
