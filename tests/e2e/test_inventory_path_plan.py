"""A school records its IT inventory, reads its path to the next level, and writes its plan.

Screenshots: var/e2e/inventory_path_plan/NN-step.png.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings
from docx import Document
from playwright.sync_api import Page, expect

from chiso.assessments.models import Assessment
from chiso.inventory import actions as inventory_actions
from chiso.inventory.models import CatalogueEntry
from chiso.plans import actions as plan_actions
from tests.conftest import COMPLETE_FACTS, fill
from tests.e2e.conftest import Problems, fresh_folder
from tests.e2e.test_school_submits_and_office_recognises import login

pytestmark = pytest.mark.e2e

SHOTS = Path(settings.VAR_DIR) / "e2e" / "inventory_path_plan"


def shot(page: Page, name: str) -> None:
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


def test_a_school_goes_from_inventory_to_path_to_plan_export(
    page: Page, world, browser_problems: Problems
):
    fresh_folder(SHOTS)
    facts = dict(COMPLETE_FACTS, computer_room_exams=False, exam_software_linked=False)
    facts.update(approved_digital_materials=0, studio_room=False, lms_deployed=False)
    assessment = fill(world.assessments["school"], world.users["head"], facts)

    login(page, "head")
    page.goto(f"/danh-gia/{assessment.pk}/")
    page.get_by_role("link", name="Đường lên mức tiếp theo").click()
    expect(page.get_by_text("Nhóm 1 lên Mức độ 2", exact=False)).to_be_visible()
    expect(page.get_by_role("heading", name="Phương án 1", exact=False).first).to_be_visible()
    shot(page, "01-path")

    page.get_by_role("link", name="Hiện trạng CNTT").click()
    lms = CatalogueEntry.objects.get(fact="lms_deployed")
    page.locator(f"#available-{lms.pk}").select_option("1")
    page.get_by_label("Ti vi").select_option("1")
    tv = CatalogueEntry.objects.get(name="Ti vi")
    page.locator(f"input[name='quantity-{tv.pk}']").fill("12")
    page.get_by_label("Trang thông tin điện tử (Website)").select_option("0")
    page.get_by_label("Hệ thống giám sát").select_option("0")
    page.get_by_role("button", name="Lưu hiện trạng CNTT").click()
    expect(page.get_by_text("Đã lưu hiện trạng CNTT")).to_be_visible()
    expect(page.get_by_text("Đã cập nhật 1 dữ kiện vào bản đánh giá", exact=False)).to_be_visible()
    totals = page.locator("#inventory-totals")
    expect(totals).to_contain_text("12")
    shot(page, "02-inventory")
    assert Assessment.objects.get(pk=assessment.pk).facts["lms_deployed"] is True

    # One answer per fact: lines the assessment answers (e-gradebook …) show its answer here.
    gradebook = CatalogueEntry.objects.get(fact="e_gradebook")
    expect(page.locator(f"#available-{gradebook.pk}")).to_have_value("1")
    inventory = inventory_actions.inventory_for(assessment.unit, assessment.campaign.school_year)
    missing = inventory_actions.totals(inventory_actions.lines_of(inventory)).apps_missing
    wanted = f"Bổ sung ít nhất {plan_actions.at_least_half(missing):02d}/{missing:02d} phần mềm"

    page.get_by_role("link", name="Kế hoạch năm học").click()
    expect(page.get_by_text(wanted, exact=False)).to_be_visible()
    page.get_by_role("button", name="Thêm các mục tiêu đề xuất").click()
    expect(page.get_by_text("Đã thêm", exact=False).first).to_be_visible()
    page.get_by_label("Nhiệm vụ mới").fill("Lắp camera giám sát")
    page.get_by_label("Người/bộ phận thực hiện").last.fill("Tổ hành chính")
    page.get_by_label("Thời hạn").last.fill("2025-03-01")
    page.get_by_role("button", name="Thêm nhiệm vụ").click()
    expect(page.get_by_text("Lắp camera giám sát")).to_be_visible()
    page.get_by_label("Tình trạng").first.select_option("done")
    page.get_by_role("button", name="Lưu nhiệm vụ").click()
    expect(page.locator("#plan-progress")).to_contain_text("1/")
    shot(page, "03-plan")

    with page.expect_download() as info:
        page.get_by_role("link", name="Tải kế hoạch (DOCX)").click()
    document = Document(io.BytesIO(Path(info.value.path()).read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "KẾ HOẠCH" in text and wanted in text
    assert "Lắp camera giám sát" in cells and "Tổ hành chính" in cells
    assert not browser_problems, str(browser_problems)
