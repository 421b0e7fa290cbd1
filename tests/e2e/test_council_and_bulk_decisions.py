"""The head shares the criteria among the council and follows its progress; a member finds their
own criteria first; the Phòng's head recognises and publishes two schools in one go.

Screenshots: var/e2e/council_and_bulk_decisions/NN-step.png.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from chiso.assessments import actions
from chiso.assessments.models import Assessment
from tests.conftest import fill
from tests.e2e.conftest import Problems, fresh_folder
from tests.e2e.test_school_submits_and_office_recognises import login

pytestmark = pytest.mark.e2e

SHOTS = Path(settings.VAR_DIR) / "e2e" / "council_and_bulk_decisions"


def narrow(page: Page, name: str) -> None:
    """At 360 px the page is no wider than the screen."""
    page.set_viewport_size({"width": 360, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, name
    page.screenshot(path=SHOTS / f"{name}-360.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_council_shares_the_work_and_the_office_decides_in_bulk(
    world, page: Page, browser_problems: Problems
) -> None:
    fresh_folder(SHOTS)
    school = fill(
        world.assessments["school"], world.users["member"], {"online_teaching_plan": True}
    )

    # 1. The head gives 1.3 and 1.4 to the member, and sees the progress by member.
    login(page, "head")
    page.goto(school.get_absolute_url())
    page.get_by_role("link", name="Phân công hội đồng").click()
    page.get_by_label("Người trả lời tiêu chí 1.3").select_option(label="member")
    page.get_by_label("Người trả lời tiêu chí 1.4").select_option(label="member")
    page.get_by_role("button", name="Lưu phân công").click()
    expect(page.locator(".messages")).to_contain_text("Đã lưu phân công.")
    members = page.locator("table.council-members")
    expect(members).to_contain_text("1.3, 1.4")
    expect(members).to_contain_text("Chưa giao")
    page.screenshot(path=SHOTS / "01-assign.png", full_page=True)
    narrow(page, "02-assign")

    # 2. The member finds their criteria first, on the form and on the progress page.
    login(page, "member")
    page.goto(school.get_absolute_url())
    mine = page.locator("nav.mine")
    expect(mine).to_contain_text("1.3.")
    mine.get_by_role("link", name="1.4.", exact=False).click()
    assert page.url.endswith("#tc-1.4")
    page.goto(f"/danh-gia/{school.pk}/phan-cong/")
    expect(page.locator("table.council-criteria tbody tr").first).to_contain_text("1.3.")
    expect(page.locator("table.council-criteria select")).to_have_count(0)

    # 3. Two schools submitted; the Phòng's head recognises both after a confirmation.
    school = actions.submit(fill(school, world.users["member"]), by=world.users["head"])
    sibling = actions.submit(
        fill(world.assessments["sibling"], world.users["sibling_head"]),
        by=world.users["sibling_head"],
    )
    login(page, "office_head")
    page.goto(f"/don-vi/{world.units['phong_a'].pk}/?dot={world.campaign.pk}")
    page.get_by_label("Chọn Trường Tiểu học Chu Văn An").check()
    page.get_by_label("Chọn Trường THCS Lê Lợi").check()
    page.get_by_role("button", name="Công nhận các đơn vị đã chọn").click()
    expect(page.locator("h1")).to_contain_text("Xác nhận công nhận kết quả")
    expect(page.locator("main table")).to_contain_text("Trường Tiểu học Chu Văn An")
    expect(page.locator("main table")).to_contain_text("Trường THCS Lê Lợi")
    page.screenshot(path=SHOTS / "03-confirm.png", full_page=True)
    narrow(page, "04-confirm")
    page.get_by_role("button", name="Công nhận 2 đơn vị").click()
    expect(page.locator(".messages")).to_contain_text("Đã công nhận 2 đơn vị")
    page.get_by_label("Chọn Trường Tiểu học Chu Văn An").check()
    page.get_by_label("Chọn Trường THCS Lê Lợi").check()
    page.get_by_role("button", name="Công bố các đơn vị đã chọn").click()
    page.get_by_role("button", name="Công bố 2 đơn vị").click()
    expect(page.locator(".messages")).to_contain_text("Đã công bố 2 đơn vị")
    statuses = set(
        Assessment.objects.filter(pk__in=[school.pk, sibling.pk]).values_list("status", flat=True)
    )
    assert statuses == {Assessment.Status.PUBLISHED}
    assert not browser_problems, f"the browser met problems:\n{browser_problems}"
