"""A commune officer follows a primary school whose results the Sở reviews and recognises (the
campaign's setting): the officer sees who reviews, reminds the school, cannot review it, and the
school's documents carry its UBND phường; the Sở recognises.

Screenshots: var/e2e/commune_follows_a_school/NN-step.png.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings
from docx import Document
from playwright.sync_api import Page, expect

from chiso.assessments import actions
from chiso.assessments.models import Assessment
from tests.conftest import fill
from tests.e2e.conftest import Problems, fresh_folder
from tests.e2e.test_school_submits_and_office_recognises import login, shot
from tests.units.test_commune_authorisation import moved  # noqa: F401 (fixture)

pytestmark = pytest.mark.e2e

SHOTS = Path(settings.VAR_DIR) / "e2e" / "commune_follows_a_school"
SO_REVIEWS = "Sở thẩm định và công nhận; UBND cấp xã theo dõi"


def test_commune_follows_a_school_the_so_reviews_and_recognises(
    moved,  # noqa: F811
    page: Page,
    browser_problems: Problems,
) -> None:
    fresh_folder(SHOTS)
    assessment = moved.assessments["hd_2025"]
    so = moved.units["so_a"]

    # The Sở's head sets who reviews the primary schools of this campaign.
    login(page, "so_head")
    page.goto(f"/don-vi/{so.pk}/dot-danh-gia/")
    form = page.locator("form", has=page.get_by_text(str(assessment.campaign))).filter(
        has=page.locator('select[name="mode_TH"]')
    )
    form.locator('select[name="mode_TH"]').select_option(label=SO_REVIEWS)
    form.get_by_role("button", name="Lưu cho đợt này").click()
    expect(page.get_by_text("Đã lưu cách thẩm định, công nhận.")).to_be_visible()
    shot(page, "01-so-sets-who-reviews")

    # The commune officer follows the school: who reviews, and a reminder.
    login(page, "xa_head")
    page.goto(f"/danh-gia/{assessment.pk}/")
    expect(page.get_by_text("Thẩm định: Sở GDĐT A · Công nhận: Sở GDĐT A")).to_be_visible()
    page.get_by_role("button", name="Nhắc đơn vị hoàn thành và nộp").click()
    expect(page.get_by_text("Đã gửi lời nhắc tới đơn vị.")).to_be_visible()
    shot(page, "02-commune-reminds")

    # The school sees the reminder, then submits.
    login(page, "hd_head")
    page.goto(f"/danh-gia/{assessment.pk}/")
    expect(
        page.get_by_text("Nhắc nhở: Đề nghị đơn vị hoàn thành và nộp bản đánh giá")
    ).to_be_visible()
    fill(assessment, moved.users["hd_head"])
    assessment.refresh_from_db()
    actions.submit(assessment, by=moved.users["hd_head"])

    # The commune cannot review; it reads the status and the documents, headed by its UBND.
    login(page, "xa_head")
    page.goto(f"/danh-gia/{assessment.pk}/tham-dinh/")
    expect(page.get_by_role("button", name="Công nhận kết quả")).to_have_count(0)
    expect(page.get_by_role("button", name="Trả lại")).to_have_count(0)
    page.goto(f"/danh-gia/{assessment.pk}/")
    expect(page.get_by_role("link", name="Báo cáo (DOCX)")).to_be_visible()
    report = page.request.get(f"/danh-gia/{assessment.pk}/tai-ve/bao-cao.docx")
    assert report.ok
    header = Document(io.BytesIO(report.body())).tables[0].rows[0].cells[0].paragraphs
    assert [" ".join(p.text.split()) for p in header if p.text][:2] == [
        "UBND PHƯỜNG HƯNG ĐẠO",
        "TRƯỜNG TIỂU HỌC HƯNG ĐẠO",
    ]
    shot(page, "03-commune-follows")

    # The Sở reviews and recognises.
    login(page, "so_head")
    page.goto(f"/danh-gia/{assessment.pk}/tham-dinh/")
    page.get_by_role("button", name="Công nhận kết quả").click()
    expect(page.get_by_text("Đã công nhận kết quả.")).to_be_visible()
    shot(page, "04-so-recognises")
    assert Assessment.objects.get(pk=assessment.pk).status == Assessment.Status.RECOGNISED
    assert not browser_problems, str(browser_problems)
