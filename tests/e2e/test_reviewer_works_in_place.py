"""A reviewer scores every item of one assessment in place (no reload, no jump), disputes a
mandatory condition, opens a PDF inside the page; the head recognises; the school reads why.

Screenshots: var/e2e/reviewer_works_in_place/NN-step.png (1280 px and 360 px wide).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from playwright.sync_api import Page, expect

from chiso.assessments import actions
from chiso.assessments.models import Assessment
from chiso.evidence.models import Evidence
from tests.conftest import fill
from tests.e2e.conftest import Problems, fresh_folder
from tests.e2e.test_school_submits_and_office_recognises import login

pytestmark = pytest.mark.e2e

SHOTS = Path(settings.VAR_DIR) / "e2e" / "reviewer_works_in_place"
CUT_REASON = "Chưa có hợp đồng thanh toán không dùng tiền mặt."
DISPUTE_REASON = "Quyết định thành lập bộ phận CNTT đã hết hiệu lực."
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/MediaBox[0 0 200 200]/Parent 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def shot(page: Page, name: str) -> None:
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


def _submitted(world) -> Assessment:
    a = fill(world.assessments["school"], world.users["member"])
    evidence = Evidence(
        assessment=a,
        target_id="1.4",
        kind=Evidence.Kind.FILE,
        title="Danh sách học liệu",
        original_name="hoc-lieu.pdf",
        size=len(PDF),
        content_type="application/pdf",
    )
    evidence.file.save("hoc-lieu.pdf", ContentFile(PDF), save=True)
    return actions.submit(a, by=world.users["head"])


def _score(page: Page, item_id: str, points: str, reason: str = "") -> None:
    row = page.locator(f'[id="muc-{item_id}"]')
    row.locator('input[name="points"]').fill(points)
    row.locator('input[name="reason"]').fill(reason)
    with page.expect_response(re.compile(r"/tham-dinh/$")) as answered:
        row.locator('input[name="reason"]').press("Enter")
    assert answered.value.ok
    settled(page)


def settled(page: Page) -> None:
    """Wait until htmx has swapped the answer in (the response comes first)."""
    busy = ".htmx-request, .htmx-swapping, .htmx-settling, .htmx-added"
    expect(page.locator(busy)).to_have_count(0)


def test_reviewer_scores_in_place_and_the_school_reads_why(
    world, page: Page, browser_problems: Problems
) -> None:
    fresh_folder(SHOTS)
    a = _submitted(world)
    login(page, "reviewer")
    page.goto(f"/danh-gia/{a.pk}/tham-dinh/")
    expect(page.locator("h1")).to_contain_text("Thẩm định")

    requests: list[str] = []
    navigations: list[str] = []
    page.on("request", lambda r: requests.append(f"{r.method} {r.url}"))
    page.on(
        "framenavigated",
        lambda f: navigations.append(f.url) if f == page.main_frame else None,
    )
    items = page.locator("tr[id^='muc-']")
    ids = [items.nth(i).get_attribute("id").removeprefix("muc-") for i in range(items.count())]
    assert len(ids) == 26
    # 1. Every item: the school's own points, except 2.4.c, cut with a reason (refused without).
    for item_id in ids:
        row = page.locator(f'[id="muc-{item_id}"]')
        own = row.locator("td.num").nth(1).inner_text().strip().replace(",", ".")
        if item_id == "2.4.c":
            _score(page, item_id, "5")
            expect(page.locator('[id="muc-2.4.c"] [role="alert"]')).to_contain_text("hãy ghi lý do")
            page.locator('[id="muc-2.4.c"]').scroll_into_view_if_needed()
            shot(page, "01-cut-without-reason-refused")
            _score(page, item_id, "5", CUT_REASON)
        else:
            _score(page, item_id, own)
    scrolled = page.evaluate("window.scrollY")
    assert scrolled > 500, "the page jumped back to its top after a save"
    # 2. A mandatory condition disputed in place, with its reason.
    section = page.locator('section[id="tc-2.1"]')
    section.get_by_label("Không công nhận điều kiện này: lý do").fill(DISPUTE_REASON)
    with page.expect_response(re.compile(r"/tham-dinh/$")):
        section.get_by_role("button", name="Không công nhận").click()
    settled(page)
    expect(page.locator('section[id="tc-2.1"]')).to_contain_text(DISPUTE_REASON)
    expect(page.locator("#review-totals")).to_contain_text("điều kiện bắt buộc chưa đạt")
    # 3. A comment on 1.4.
    section = page.locator('section[id="tc-1.4"]')
    section.get_by_label("Nhận xét về tiêu chí 1.4").fill("Danh sách rõ ràng.")
    with page.expect_response(re.compile(r"/tham-dinh/$")):
        section.get_by_role("button", name="Gửi nhận xét").click()
    settled(page)
    expect(page.locator('section[id="tc-1.4"]')).to_contain_text("Danh sách rõ ràng.")
    assert len(requests) <= 30, requests
    assert navigations == [], navigations
    a.refresh_from_db()
    assert len(a.review_awards) == 27
    assert a.review_awards["2.4.c"] == {"points": "5", "reason": CUT_REASON}

    # 4. The evidence PDF opens inside the page.
    evidence = page.locator('section[id="tc-1.4"] details.evidence-view')
    evidence.locator("summary").click()
    frame = evidence.locator("iframe")
    expect(frame).to_be_visible()
    with page.expect_response(re.compile(r"/minh-chung/\d+/xem/$")) as shown:
        frame.scroll_into_view_if_needed()
    assert shown.value.ok
    # The browser's PDF viewer hides the response's headers from the page: ask again.
    again = page.request.get(shown.value.url)
    assert again.headers["content-type"] == "application/pdf"
    assert again.headers["content-disposition"].startswith("inline")
    shot(page, "02-reviewed")
    page.set_viewport_size({"width": 360, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    shot(page, "03-reviewed-360")
    page.set_viewport_size({"width": 1280, "height": 900})

    # 5. The head recognises; the school reads the office's points and reasons.
    login(page, "office_head")
    page.goto(f"/danh-gia/{a.pk}/tham-dinh/")
    page.get_by_role("button", name="Công nhận kết quả").click()
    expect(page.locator(".messages")).to_contain_text("Đã công nhận kết quả.")
    login(page, "member")
    expect(page.locator("main")).to_contain_text("chỉ Mức độ 1 vì điều kiện bắt buộc 2.1 chưa đạt")
    page.get_by_role("link", name="Kết quả thẩm định").click()
    expect(page.locator("h1")).to_contain_text("Kết quả thẩm định")
    expect(page.locator('[id="muc-2.4.c"]')).to_contain_text(CUT_REASON)
    expect(page.locator('input[name="points"]')).to_have_count(0)
    page.goto(f"/danh-gia/{a.pk}/")
    expect(page.locator('[id="muc-2.4.c"]')).to_contain_text(
        f"Cơ quan quản lý chấm 5 — {CUT_REASON}"
    )
    expect(page.locator("#summary")).to_contain_text("→ Công nhận")
    expect(page.locator('section[id="tc-2.1"]')).to_contain_text(DISPUTE_REASON)
    shot(page, "04-school-reads-its-review")
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(f"/danh-gia/{a.pk}/tham-dinh/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    shot(page, "05-school-review-360")
    # 6. The history reads as people speak, on a phone too.
    page.goto(f"/danh-gia/{a.pk}/lich-su/")
    log = page.locator("table.history")
    expect(log).to_contain_text("Chấm điểm thẩm định")
    expect(log).to_contain_text("2.4.c. ")
    expect(log).to_contain_text(f"5 (lý do: {CUT_REASON})")
    expect(log).to_contain_text("Ý kiến thẩm định về điều kiện bắt buộc")
    expect(page.locator("main")).not_to_contain_text("assessment.")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    shot(page, "06-history-360")
    assert not browser_problems, f"the browser met problems:\n{browser_problems}"


def test_a_return_needs_a_reason_for_each_item_it_sends_back(
    world, page: Page, browser_problems: Problems
) -> None:
    a = _submitted(world)
    login(page, "reviewer")
    page.goto(f"/danh-gia/{a.pk}/tham-dinh/")
    _score(page, "2.4.c", "5", CUT_REASON)
    page.reload()
    form = page.locator("#return-form")
    # The lowered item is listed in the return form with the reason given when scoring.
    note = form.get_by_label("Lý do cần bổ sung 2.4.c")
    expect(note).to_have_value(CUT_REASON)
    note.fill("")
    page.get_by_label("Cần bổ sung khi trả lại 1.6").check()
    form.get_by_label("Lý do chung (bắt buộc)").fill("Bổ sung minh chứng")
    form.get_by_role("button", name="Trả lại", exact=True).click()
    # Refused in place: beside the form, the item's row and the ticked criterion; nothing lost.
    expect(form.locator(".error-box").first).to_contain_text("còn thiếu lý do ở 2.4.c, 1.6")
    expect(page.locator('[id="tra-lai-2.4.c"] [role="alert"]')).to_have_text("Chưa có lý do")
    expect(page.locator('section[id="tc-1.6"] [role="alert"]')).to_contain_text(
        "Tiêu chí 1.6 được đánh dấu cần bổ sung nhưng chưa có lý do."
    )
    expect(page.get_by_label("Cần bổ sung khi trả lại 1.6")).to_be_checked()
    expect(form.get_by_label("Lý do chung (bắt buộc)")).to_have_value("Bổ sung minh chứng")
    page.set_viewport_size({"width": 360, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    form.screenshot(path=SHOTS / "07-return-refused-360.png")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert Assessment.objects.get(pk=a.pk).status == "submitted"
    form.get_by_label("Lý do cần bổ sung 2.4.c").fill("Gửi hợp đồng thu phí không dùng tiền mặt")
    page.locator('section[id="tc-1.6"]').get_by_label("Lý do — 1.6").fill("Thiếu số giáo viên")
    form.get_by_role("button", name="Trả lại", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Đã trả lại để cơ sở bổ sung.")
    login(page, "member")
    page.goto(f"/danh-gia/{a.pk}/")
    expect(page.locator('[id="muc-2.4.c"]')).to_contain_text(
        "Gửi hợp đồng thu phí không dùng tiền mặt"
    )
    # The office's points beside the school's wrap on a phone rather than widen the form.
    page.set_viewport_size({"width": 360, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.locator('[id="muc-2.4.c"]').scroll_into_view_if_needed()
    page.screenshot(path=SHOTS / "08-school-reads-the-return-360.png")
    assert not browser_problems, f"the browser met problems:\n{browser_problems}"
