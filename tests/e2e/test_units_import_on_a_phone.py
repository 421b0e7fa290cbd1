"""An office head checks a units list typed by hand on a 360 px phone, then confirms it.

The preview's rows stack on a phone (no sideways scrolling): each row says its parent unit by
name of column, and the result of the row (changed field by its column, or why it is refused)
reads across the screen. Screenshot: var/e2e/units_import_on_a_phone/preview.png.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from chiso.units.models import Unit
from tests.e2e.conftest import Problems, fresh_folder
from tests.e2e.test_school_submits_and_office_recognises import login

pytestmark = pytest.mark.e2e

SHOTS = Path(settings.VAR_DIR) / "e2e" / "units_import_on_a_phone"
# As people type it: a school renamed, a kind written out in words, a new school, a formula.
CSV = (
    "Mã đơn vị,Tên đơn vị,Loại hình\n"
    "TH-CVA,Trường Tiểu học Chu Văn An (đổi tên),TH\n"
    "TH-NEW,Trường Tiểu học Hòa Bình,Tiểu học\n"
    "TH-X,=1+1,TH\n"
)


def test_the_units_preview_stacks_its_rows_on_a_phone_and_confirming_saves_them(
    page: Page, world, browser_problems: Problems, tmp_path: Path
):
    fresh_folder(SHOTS)
    upload = tmp_path / "don-vi.csv"
    upload.write_text(CSV, encoding="utf-8")
    page.set_viewport_size({"width": 360, "height": 780})
    login(page, "office_head")
    page.goto(f"/don-vi/{world.units['phong_a'].pk}/")
    page.locator("summary", has_text="Nhập danh sách đơn vị").click()
    form = page.locator("form[action$='/nhap-don-vi/']")
    form.locator("input[type=file]").set_input_files(str(upload))
    form.get_by_role("button", name="Xem trước").click()

    expect(
        page.get_by_role("heading", name="Xem trước: nhập danh sách đơn vị", exact=False)
    ).to_be_visible()
    renamed = page.locator("tr", has_text="TH-CVA")
    expect(renamed).to_contain_text("cập nhật: tên đơn vị «Trường Tiểu học Chu Văn An»")
    expect(renamed.get_by_text("Cấp trên:", exact=False)).to_be_visible()
    expect(page.locator("tr", has_text="TH-X")).to_contain_text(
        "dòng 4, cột tên đơn vị: «=1+1» là công thức"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=SHOTS / "preview.png", full_page=True)

    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_text("Trường Tiểu học Hòa Bình").first).to_be_visible()
    assert Unit.objects.get(code="TH-CVA").name == "Trường Tiểu học Chu Văn An (đổi tên)"
    assert Unit.objects.get(code="TH-NEW").institution_type == "TH"
    assert not Unit.objects.filter(code="TH-X").exists()
    assert not browser_problems, str(browser_problems)
