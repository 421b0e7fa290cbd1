"""The head and a teacher edit the same draft at once, each in their own browser.

The head sets 1.4 to 70. The teacher, whose page still shows 67, saves 1.6 (kept), then types
55 into the 1.4 box: refused, and 1.4 is redrawn with 70 and the head's name; the head's 70
stays. The teacher's other criteria keep saving from the page as it is. Screenshots:
var/e2e/two_people_edit_one_assessment/NN-step.png.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from chiso.assessments import actions
from tests.conftest import PASSWORD
from tests.e2e.conftest import Problems, fresh_folder

pytestmark = pytest.mark.e2e

SHOTS = Path(settings.VAR_DIR) / "e2e" / "two_people_edit_one_assessment"


def login(page: Page, username: str) -> None:
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    expect(page.get_by_role("heading", name="Việc cần làm")).to_be_visible()


def type_in(page: Page, criterion_id: str, fact: str, value: str) -> int:
    """Type a value and leave the field; htmx saves the criterion. The answer's status."""
    field = page.locator(f'[id="f-{criterion_id}-{fact}"]')
    with page.expect_response(re.compile(rf"/tieu-chi/{re.escape(criterion_id)}/$")) as saved:
        field.fill(value)
        field.press("Tab")
    return saved.value.status


def test_two_people_on_one_draft_lose_no_edit(world, page: Page, browser_problems: Problems):
    fresh_folder(SHOTS)
    a = world.assessments["school"]
    head_user = world.users["head"]
    head_user.first_name, head_user.last_name = "Lan", "Nguyễn Thị"
    head_user.save()
    actions.save_answers(
        a, facts={"approved_digital_materials": 67}, criteria={"1.4": 0}, by=head_user
    )
    # Two browsers with their own sessions: the head's (the fixture's) and the teacher's.
    teacher = page.context.browser.new_context(
        locale="vi-VN", viewport={"width": 360, "height": 800}
    )
    teacher.set_default_timeout(10_000)
    tpage = teacher.new_page()
    tpage.on("response", browser_problems.record_response)
    tpage.on("pageerror", lambda error: browser_problems.errors.append(f"script: {error}"))
    try:
        head = page
        login(head, "head")
        head.goto(f"/danh-gia/{a.pk}/")
        base = head.url.split("/danh-gia/")[0]
        tpage.goto(f"{base}/dang-nhap/")
        tpage.get_by_label("Tên đăng nhập").fill("member")
        tpage.get_by_label("Mật khẩu").fill(PASSWORD)
        tpage.get_by_role("button", name="Đăng nhập", exact=True).click()
        expect(tpage.get_by_role("heading", name="Việc cần làm")).to_be_visible()
        tpage.goto(f"{base}/danh-gia/{a.pk}/")
        box = '[id="f-1.4-approved_digital_materials"]'
        expect(tpage.locator(box)).to_have_value("67")

        assert type_in(head, "1.4", "approved_digital_materials", "70") == 200
        expect(head.locator('section[id="tc-1.4"] .error-box')).to_have_count(0)

        # The teacher's save of another criterion is kept, although the head saved meanwhile.
        assert type_in(tpage, "1.6", "teachers_total", "40") == 200
        expect(tpage.locator('section[id="tc-1.6"] .error-box')).to_have_count(0)
        tpage.screenshot(path=SHOTS / "01-teacher-saves-1.6.png", full_page=True)

        # The teacher's 1.4 box still shows 67: the save of 55 is refused and 1.4 redrawn.
        expect(tpage.locator(box)).to_have_value("67")
        assert type_in(tpage, "1.4", "approved_digital_materials", "55") == 200
        section = tpage.locator('section[id="tc-1.4"]')
        expect(section.locator(".error-box")).to_contain_text(
            "tiêu chí 1.4 vừa được Lan Nguyễn Thị lưu lúc"
        )
        expect(section.get_by_text("Lưu lần cuối: Lan Nguyễn Thị")).to_be_visible()
        expect(tpage.locator(box)).to_have_value("70")
        section.scroll_into_view_if_needed()
        tpage.screenshot(path=SHOTS / "02-teacher-1.4-refused-and-redrawn.png")

        # The refusal moved no other criterion's version: 1.6 still saves from this page.
        assert type_in(tpage, "1.6", "teachers_with_training_account", "30") == 200
        expect(tpage.locator('section[id="tc-1.6"] .error-box')).to_have_count(0)

        a.refresh_from_db()
        assert a.facts["approved_digital_materials"] == 70
        assert a.facts["teachers_total"] == 40
        assert a.facts["teachers_with_training_account"] == 30
        # The head reloads and sees both people's values.
        head.reload()
        expect(head.locator(box)).to_have_value("70")
        expect(head.locator('[id="f-1.6-teachers_total"]')).to_have_value("40")
    finally:
        teacher.close()
    assert not browser_problems, str(browser_problems)
