"""A school fills in, submits, is sent back, resubmits; its Phòng recognises and publishes.

Five people, one browser each in turn, on the real pages (styles, htmx, Vietnamese text).
Screenshots: var/e2e/school_submits_and_office_recognises/NN-step.png.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Locator, Page, expect

from chiso.assessments.models import Assessment
from chiso.web.templatetags.chiso import vn
from tests.conftest import COMPLETE_FACTS, PASSWORD, fill
from tests.e2e.conftest import Problems, fresh_folder

pytestmark = pytest.mark.e2e

SHOTS = Path(settings.VAR_DIR) / "e2e" / "school_submits_and_office_recognises"
TYPED_IN_THE_BROWSER = ("approved_digital_materials", "cashless_fees")
SCHOOL = "Trường Tiểu học Chu Văn An"
RETURN_REASON = "Thiếu minh chứng học liệu số."
NOTE_ON_1_4 = "Ghi rõ số học liệu đã được hiệu trưởng phê duyệt."


def shot(page: Page, name: str) -> None:
    """The whole page, from its top (so the sticky score bar sits where a person first sees it)."""
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


def login(page: Page, username: str, *, shot_as: str | None = None) -> None:
    """Log in as `username` on a browser with no session, landing on «Việc cần làm»."""
    page.context.clear_cookies()
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    if shot_as:
        shot(page, shot_as)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    expect(page.get_by_role("heading", name="Việc cần làm")).to_be_visible()


def criterion(page: Page, criterion_id: str) -> Locator:
    return page.locator(f'section[id="tc-{criterion_id}"]')


def answer(page: Page, criterion_id: str, fact: str, value: str) -> None:
    """Type or choose one fact; htmx saves the criterion on change and swaps in its new score."""
    field = page.locator(f'[id="f-{criterion_id}-{fact}"]')
    with page.expect_response(re.compile(rf"/tieu-chi/{re.escape(criterion_id)}/$")) as saved:
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(label=value)
        else:
            field.fill(value)
            field.press("Tab")  # leaving the field fires "change", as a person's Tab would
    assert saved.value.ok, saved.value.status


def open_review_from_home(page: Page) -> None:
    waiting = page.locator("section.card", has=page.get_by_role("heading", name="Chờ thẩm định"))
    waiting.get_by_role("link", name=SCHOOL).click()
    expect(page.get_by_role("heading", name=f"Thẩm định: {SCHOOL}", exact=False)).to_be_visible()


def submit_as_head(page: Page) -> None:
    page.get_by_role("link", name="Kiểm tra và nộp").first.click()
    expect(page.get_by_text("Đã nhập đủ dữ kiện của mọi tiêu chí.")).to_be_visible()


def test_school_submits_and_office_recognises(
    world, page: Page, browser_problems: Problems
) -> None:
    fresh_folder(SHOTS)
    assessment = world.assessments["school"]
    prefilled = {k: v for k, v in COMPLETE_FACTS.items() if k not in TYPED_IN_THE_BROWSER}
    fill(assessment, world.users["member"], prefilled)

    # 1. The school's member fills in the last two facts; the score follows as they type.
    login(page, "member", shot_as="01-login")
    shot(page, "02-home-member")
    page.get_by_role("link", name="Tiếp tục nhập đánh giá").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(SCHOOL)
    assert page.evaluate("typeof window.htmx") == "object", (
        f"htmx did not load, so nothing saves on change:\n{browser_problems}"
    )
    expect(criterion(page, "1.4").locator("header .score")).to_contain_text("0/10")
    expect(criterion(page, "2.4").locator("header .score")).to_contain_text("8/30")

    answer(page, "1.4", "approved_digital_materials", "41")
    expect(criterion(page, "1.4").locator("header .score")).to_contain_text("10/10")
    expect(criterion(page, "1.4")).to_contain_text("41 học liệu, trên 40 → tối đa 10 điểm")
    answer(page, "2.4", "cashless_fees", "Có")
    expect(criterion(page, "2.4").locator("header .score")).to_contain_text("18/30")
    expect(page.locator("#summary")).to_contain_text("100%")
    expect(page.locator('[role="alert"]')).to_have_count(0)
    shot(page, "03-assessment-filled")
    assessment.refresh_from_db()
    assert assessment.facts["approved_digital_materials"] == 41
    assert assessment.facts["cashless_fees"] is True
    assert assessment.completeness == 100

    # 2. The head checks and submits.
    login(page, "head")
    submit_as_head(page)
    shot(page, "04-submit-check")
    page.get_by_role("button", name="Phê duyệt và nộp").click()
    expect(page.locator(".messages")).to_contain_text("Đã nộp bản đánh giá lên cơ quan quản lý.")
    expect(page.locator("#summary .badge.submitted")).to_have_text("Đã nộp")
    shot(page, "05-submitted")

    # 3. The Phòng's reviewer sends it back, with a reason and a note on criterion 1.4.
    login(page, "reviewer")
    open_review_from_home(page)
    page.get_by_label("Lý do chung (bắt buộc)").fill(RETURN_REASON)
    page.locator('[name="note_1.4"]').fill(
        NOTE_ON_1_4
    )  # beside criterion 1.4, sent with the return
    shot(page, "06-review-return")
    page.get_by_role("button", name="Trả lại", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Đã trả lại để cơ sở bổ sung.")
    shot(page, "07-returned")

    # 4. The member reads why, corrects 1.4; the head resubmits.
    login(page, "member")
    expect(page.locator(".error-box")).to_contain_text(RETURN_REASON)
    page.get_by_role("link", name="Xem các mục cần bổ sung").click()
    returned = page.locator("main > .error-box", has_text="Cơ quan quản lý trả lại để bổ sung")
    expect(returned).to_contain_text(RETURN_REASON)
    expect(returned).to_contain_text(f"1.4: {NOTE_ON_1_4}")
    expect(criterion(page, "1.4").locator(".comment")).to_contain_text(NOTE_ON_1_4)
    answer(page, "1.4", "approved_digital_materials", "45")
    expect(criterion(page, "1.4")).to_contain_text("45 học liệu, trên 40 → tối đa 10 điểm")
    shot(page, "08-member-corrects")

    login(page, "head")
    page.get_by_role("link", name="Xem các mục cần bổ sung").click()
    submit_as_head(page)
    page.get_by_role("button", name="Phê duyệt và nộp").click()
    expect(page.locator("#summary .badge.submitted")).to_have_text("Đã nộp")
    shot(page, "09-resubmitted")

    # 5. The Phòng's head recognises the result, then publishes it.
    login(page, "office_head")
    open_review_from_home(page)
    page.get_by_role("button", name="Công nhận kết quả").click()
    expect(page.locator(".messages")).to_contain_text("Đã công nhận kết quả.")
    shot(page, "10-recognised")
    page.get_by_role("button", name="Công bố").click()
    expect(page.locator(".messages")).to_contain_text("Đã công bố kết quả.")
    expect(page.locator("main .badge.published")).to_have_text("Đã công bố")
    shot(page, "11-published")

    # 6. Anyone sees the published levels on the Phòng's public page.
    page.context.clear_cookies()
    page.goto(f"/cong-khai/{world.units['phong_a'].pk}/")
    assessment.refresh_from_db()
    row = page.get_by_role("row", name=re.compile(SCHOOL))
    expect(row).to_contain_text("2024-2025")
    expect(row).to_contain_text(
        f"{vn(assessment.group1_points)} — Mức độ {assessment.group1_level}"
    )
    expect(row).to_contain_text(
        f"{vn(assessment.group2_points)} — Mức độ {assessment.group2_level}"
    )
    shot(page, "12-public")

    assert assessment.status == Assessment.Status.PUBLISHED
    assert assessment.published_at is not None
    assert assessment.facts["approved_digital_materials"] == 45
    assert [s.status for s in assessment.snapshots.all()] == [
        "submitted",
        "submitted",
        "recognised",
    ]
    assert not browser_problems, f"the browser met problems:\n{browser_problems}"
