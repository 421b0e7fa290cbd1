"""The national administrator (at the Bộ) copies 4725 as a new draft, edits a cap and a band,
sees a validation error, fixes it, compares with the old version and publishes; the new version
is in the list.

Screenshots: var/e2e/publishing_a_new_framework_version/NN-step.png. (Named to run after
test_inventory_path_plan: each live-server journey flushes the database, and that one reads the
IT catalogue a data migration wrote.)
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from chiso.frameworks.models import FrameworkVersion
from tests.conftest import fill
from tests.e2e.conftest import Problems, fresh_folder
from tests.e2e.test_school_submits_and_office_recognises import login

pytestmark = pytest.mark.e2e

SHOTS = Path(settings.VAR_DIR) / "e2e" / "publishing_a_new_framework_version"


def shot(page: Page, name: str) -> None:
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


def test_the_national_administrator_edits_compares_and_publishes_a_new_version_of_4725(
    page: Page, world, browser_problems: Problems
):
    fresh_folder(SHOTS)
    fill(world.assessments["school"], world.users["member"])
    login(page, "national_admin")
    page.get_by_role("link", name="Bộ chỉ số", exact=True).click()
    page.get_by_role("link", name="qd4725-2022").click()
    expect(
        page.get_by_role("cell", name="dưới 20 học liệu: tối đa 3 điểm", exact=False).first
    ).to_be_visible()
    shot(page, "01-4725-as-printed")
    page.get_by_role("button", name="Sao chép thành phiên bản mới").click()
    expect(
        page.get_by_role("heading", name="Sửa bản nháp qd4725-2022, phiên bản 2")
    ).to_be_visible()

    page.get_by_label("mục 1.5.a: điểm tối đa", exact=True).fill("12")
    page.get_by_label("mục 1.4.a, khoảng 2: cận trên", exact=True).fill("30")
    page.get_by_label("mục 1.4.a, khoảng 3: cận dưới", exact=True).fill("30")
    page.get_by_role("button", name="Kiểm tra và lưu").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Bộ chỉ số chưa hợp lệ: chưa lưu gì.")
    expect(alert).to_contain_text("tiêu chí 1.5")
    expect(alert).to_contain_text("khác điểm tối đa của tiêu chí (20)")
    expect(page.get_by_label("mục 1.5.a: điểm tối đa", exact=True)).to_have_value("12")
    shot(page, "02-validation-error")
    assert "cap: 15}" in FrameworkVersion.objects.get(framework_id="qd4725-2022", version=2).text

    page.get_by_label("mục 1.5.b: điểm tối đa", exact=True).fill("8")
    page.get_by_role("button", name="Kiểm tra và lưu").click()
    expect(page.get_by_text("Đã lưu; các chú thích trong tệp được giữ nguyên.")).to_be_visible()
    shot(page, "03-saved")

    page.get_by_role("link", name="So sánh", exact=True).click()
    expect(
        page.get_by_role(
            "heading", name="So sánh qd4725-2022, phiên bản 1 → qd4725-2022, phiên bản 2"
        )
    ).to_be_visible()
    expect(page.get_by_role("cell", name="Mục 1.5.a")).to_be_visible()
    expect(page.get_by_role("cell", name="Tối đa 12 điểm", exact=False)).to_be_visible()
    expect(page.get_by_role("cell", name="Mục 1.4.a")).to_be_visible()
    shot(page, "04-compare")
    page.get_by_role("link", name="Kết quả sẽ đổi mức").click()
    # The national role sees the results of every province (the world's four schools).
    expect(
        page.get_by_text("4 kết quả: 0 kết quả đổi mức, 1 kết quả đổi điểm hoặc mức", exact=False)
    ).to_be_visible()
    shot(page, "05-impact")

    page.get_by_role(
        "link", name="← So sánh qd4725-2022, phiên bản 1 → qd4725-2022, phiên bản 2"
    ).click()
    page.get_by_role("link", name="← qd4725-2022, phiên bản 2").click()
    page.get_by_role("link", name="Ban hành", exact=True).click()
    page.get_by_label("Số quyết định ban hành").fill("15/QĐ-BGDĐT")
    page.get_by_label("Ngày quyết định").fill("2026-09-01")
    page.get_by_role("button", name="Ban hành phiên bản này").click()
    expect(page.get_by_text("Đã ban hành qd4725-2022, phiên bản 2.")).to_be_visible()
    shot(page, "05-published")

    page.get_by_role("link", name="Bộ chỉ số", exact=True).click()
    row = page.get_by_role("row").filter(has_text="15/QĐ-BGDĐT")
    expect(row).to_contain_text("Đã ban hành")
    expect(row.get_by_role("cell", name="2", exact=True)).to_be_visible()
    shot(page, "06-list")
    published = FrameworkVersion.objects.get(framework_id="qd4725-2022", version=2)
    assert published.status == "published" and published.decision_number == "15/QĐ-BGDĐT"
    assert "cap: 12}" in published.text and "- {from: 20, to: 30, cap: 6}" in published.text
    assert not browser_problems, str(browser_problems)
