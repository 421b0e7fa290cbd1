"""A Phòng assesses itself on the provisional 3806 index; its Sở recognises the result.

The roll-up criteria come from the recognised results of the Phòng's institutions; when one more
school is recognised, the Phòng's staff see that the figures changed and take them in.
Screenshots: var/e2e/office_assesses_itself/NN-step.png.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from chiso.assessments import actions
from chiso.assessments.models import Assessment, Campaign
from tests.conftest import fill
from tests.e2e.conftest import Problems, fresh_folder
from tests.e2e.test_school_submits_and_office_recognises import answer, criterion, login

pytestmark = pytest.mark.e2e

SHOTS = Path(settings.VAR_DIR) / "e2e" / "office_assesses_itself"
PHONG = "Phòng GDĐT A1"
FACTS = {
    "dt_steering_body": True,
    "dt_yearly_plan": True,
    "external_assessment_done": True,
    "outgoing_documents": 100,
    "outgoing_documents_signed": 90,
    "e_office_in_use": True,
    "online_meetings": True,
    "online_public_services": False,
    "sector_db_for_management": True,
    "security_regulation": True,
    "portal_publishes_results": True,
    "staff_total": 10,
    "staff_trained_digital": 6,
}


def screenshot(page: Page, name: str) -> None:
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


def test_office_assesses_itself(world, page: Page, browser_problems: Problems) -> None:
    fresh_folder(SHOTS)
    campaign = Campaign.objects.create(
        name="Tự đánh giá của Sở, Phòng GDĐT",
        audience=Campaign.Audience.OFFICES,
        school_year=world.campaign.school_year,
        framework_id="qd3806-2024",
        owner=world.units["bo"],
        rollup_source=world.campaign,
    )
    school = actions.submit(
        fill(world.assessments["school"], world.users["head"]), by=world.users["head"]
    )

    # 1. The Phòng's head starts the office's own assessment from «Việc cần làm».
    login(page, "office_head")
    own = page.locator("section.card", has_text="tự đánh giá của cơ quan")
    own.get_by_role("button", name="Bắt đầu tự đánh giá").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(PHONG)
    expect(page.locator(".notice").first).to_contain_text("Bộ chỉ số tạm thời")
    expect(criterion(page, "2.1")).to_contain_text("0/2 cơ sở = 0%")
    expect(criterion(page, "2.1")).to_contain_text("chưa có kết quả được công nhận")
    screenshot(page, "01-started")

    # 2. The school's result is recognised meanwhile: the Phòng is told, and takes it in.
    actions.recognise(school, by=world.users["office_head"])
    page.reload()
    expect(page.locator("form.notice")).to_contain_text("Kết quả của các cơ sở đã thay đổi")
    page.get_by_role("button", name="Cập nhật số liệu tổng hợp").click()
    expect(page.locator(".messages")).to_contain_text("Đã cập nhật số liệu tổng hợp")
    expect(criterion(page, "2.1")).to_contain_text("1/2 cơ sở = 50%")
    expect(page.locator("form.notice")).to_have_count(0)

    # 3. Its staff answer group 1 (one fact typed in the browser), the head submits.
    office = Assessment.objects.get(campaign=campaign, unit=world.units["phong_a"])
    fill(office, world.users["reviewer"], FACTS)
    page.reload()
    answer(page, "1.3", "directive_documents", "4")
    expect(criterion(page, "1.3").locator("header .score")).to_contain_text("10/10")
    screenshot(page, "02-filled")
    page.get_by_role("link", name="Kiểm tra và nộp").first.click()
    expect(page.get_by_text("Đã nhập đủ dữ kiện của mọi tiêu chí.")).to_be_visible()
    page.get_by_role("button", name="Phê duyệt và nộp").click()
    expect(page.locator("#summary .badge.submitted")).to_have_text("Đã nộp")

    # 4. The Sở's head finds it waiting, sees the computation, recognises and publishes it.
    login(page, "so_head")
    waiting = page.locator("section.card", has_text="Tự đánh giá của Sở, Phòng GDĐT")
    waiting.get_by_role("link", name=PHONG).click()
    expect(page.get_by_role("heading", name=f"Thẩm định: {PHONG}", exact=False)).to_be_visible()
    expect(criterion(page, "2.1")).to_contain_text("Số liệu tổng hợp")
    screenshot(page, "03-review")
    page.get_by_role("button", name="Công nhận kết quả").click()
    expect(page.locator(".messages")).to_contain_text("Đã công nhận kết quả.")
    page.get_by_role("button", name="Công bố").click()
    expect(page.locator(".messages")).to_contain_text("Đã công bố kết quả.")

    # 5. The public page of the Sở lists the Phòng's level, marked provisional.
    page.context.clear_cookies()
    page.goto(f"/cong-khai/{world.units['so_a'].pk}/")
    row = page.get_by_role("row", name=PHONG)
    expect(row).to_contain_text("bộ chỉ số tạm thời")
    office.refresh_from_db()  # one level, on the whole total (3806 as now known)
    total = int(office.group1_points + office.group2_points)
    expect(row).to_contain_text(f"{total} — Mức độ {office.overall_level}")
    screenshot(page, "04-public")

    office.refresh_from_db()
    assert office.status == Assessment.Status.PUBLISHED
    assert office.facts["api_connected"] == {"numerator": "1", "denominator": 2}
    assert office.facts["directive_documents"] == 4
    assert not browser_problems, f"the browser met problems:\n{browser_problems}"
