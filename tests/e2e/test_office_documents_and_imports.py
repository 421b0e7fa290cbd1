"""A school starts its draft from an old report; its Phòng packs every unit's documents as a job.

Screenshots: var/e2e/office_documents_and_imports/NN-step.png.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from docx import Document
from playwright.sync_api import Page, expect

from chiso.assessments.models import Assessment
from tests.conftest import fill
from tests.e2e.conftest import Problems, fresh_folder
from tests.e2e.test_school_submits_and_office_recognises import login

pytestmark = pytest.mark.e2e

SHOTS = Path(settings.VAR_DIR) / "e2e" / "office_documents_and_imports"
FIXTURES = Path(__file__).parent.parent / "fixtures"


def shot(page: Page, name: str) -> None:
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


def test_a_school_starts_from_its_old_report_and_the_office_packs_every_units_documents(
    page: Page, world, browser_problems: Problems, settings
):
    fresh_folder(SHOTS)
    settings.JOBS_BACKEND = "thread"  # as in the embedded demo: the job runs beside the request
    world.assessments["school"].delete()
    fill(world.assessments["sibling"], world.users["sibling_head"])

    login(page, "member")
    page.get_by_role("button", name="Bắt đầu tự đánh giá").click()
    expect(page.get_by_role("heading", name="Trường Tiểu học Chu Văn An")).to_be_visible()
    page.get_by_label("Nạp từ báo cáo cũ").set_input_files(str(FIXTURES / "s1_chu_van_an.txt"))
    page.get_by_role("button", name="Xem những gì đọc được").click()
    expect(page.get_by_role("heading", name="Mâu thuẫn và ghi chú", exact=False)).to_be_visible()
    expect(page.get_by_text("«Không đạt» không phải là một mức", exact=False).first).to_be_visible()
    expect(page.get_by_label("Nhận điểm", exact=False)).to_be_checked()
    shot(page, "01-legacy-preview")
    page.get_by_role("button", name="Xác nhận lưu vào bản nháp").click()
    expect(
        page.get_by_text("Đã lưu vào bản nháp từ «s1_chu_van_an.txt»", exact=False)
    ).to_be_visible()
    expect(page.get_by_text("Điểm cho cả tiêu chí", exact=False).first).to_be_visible()
    shot(page, "02-draft-from-legacy")
    school = Assessment.objects.get(unit=world.units["school"])
    assert any("s1_chu_van_an.txt" in str(v) for v in school.awards.values())

    login(page, "office_head")
    page.get_by_role("navigation").get_by_role("link", name="Danh sách đơn vị").click()
    page.get_by_role("button", name="Đóng gói báo cáo và phụ lục", exact=False).click()
    expect(
        page.get_by_role("heading", name="Đóng gói báo cáo và phụ lục", exact=False)
    ).to_be_visible()
    download_link = page.get_by_role("link", name="Tải kết quả", exact=False)
    expect(download_link).to_be_visible(timeout=30_000)  # the progress fragment polls until done
    expect(page.get_by_text("Đã đóng gói báo cáo và phụ lục của 2 đơn vị.")).to_be_visible()
    shot(page, "03-job-done")
    with page.expect_download() as info:
        download_link.click()
    archive = zipfile.ZipFile(info.value.path())
    names = archive.namelist()
    documents = [n for n in names if n != "DANH-SACH-DON-VI.txt"]
    assert len(names) == 5 and all(n.endswith((".docx", ".xlsx")) for n in documents)
    assert all(n.startswith("DU-THAO_") for n in documents)  # nothing checked yet: drafts
    report = Document(
        io.BytesIO(
            archive.read(next(n for n in names if "chu-van-an" in n and n.endswith(".docx")))
        )
    )
    assert "Chu Văn An" in "\n".join(p.text for p in report.paragraphs)

    page.get_by_role("link", name="Việc chạy nền").click()
    expect(page.get_by_role("cell", name="xong")).to_be_visible()
    shot(page, "04-my-jobs")
    assert not browser_problems, str(browser_problems)
