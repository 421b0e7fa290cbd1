"""PDF documents through LibreOffice: Vietnamese text and the decree's header survive."""

import os
import shutil
import subprocess

import pytest

from chiso.reports.pdf_export import soffice
from tests.conftest import PASSWORD, fill

needs_tools = pytest.mark.skipif(
    not (soffice() and shutil.which("pdftotext")) and not os.environ.get("CI"),
    reason="LibreOffice and poppler-utils are not installed (make system-deps)",
)


@needs_tools
def test_the_report_pdf_keeps_vietnamese_text_and_layout(client, world, tmp_path):
    assert soffice(), "LibreOffice is required in CI (.ci/run installs it)"
    a = fill(world.assessments["school"], world.users["member"])
    client.login(username="member", password=PASSWORD)
    response = client.get(f"/danh-gia/{a.pk}/tai-ve/bao-cao.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    path = tmp_path / "bao-cao.pdf"
    path.write_bytes(response.content)
    raw = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    text = " ".join(raw.stdout.split())  # the header wraps inside its table cells
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "TRƯỜNG TIỂU HỌC CHU VĂN AN",
        "Kết quả tự đánh giá mức độ chuyển đổi số năm học 2024-2025",
        "Trường Tiểu học Chu Văn An đã tiến hành tự đánh giá",
        "Nơi nhận:",
    ):
        assert expected in text, expected
    fonts = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert "LiberationSerif" in fonts or "TimesNewRoman" in fonts


@needs_tools
def test_the_offices_statistics_pdf_has_the_figures(client, world, tmp_path):
    from chiso.assessments.models import Assessment

    Assessment.objects.filter(pk=world.assessments["school"].pk).update(
        status=Assessment.Status.RECOGNISED, group1_level=2, group2_level=3, overall_level=2
    )
    client.login(username="office_head", password=PASSWORD)
    response = client.get(f"/don-vi/{world.units['phong_a'].pk}/thong-ke.pdf")
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "thong-ke.pdf"
    path.write_bytes(response.content)
    raw = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    text = " ".join(raw.stdout.split())
    assert "Thống kê mức độ chuyển đổi số" in text and "PHÒNG GDĐT A1" in text
    group1 = text[text.index("Nhóm 1") : text.index("Nhóm 2")]
    # the recognised school counts at level 2 of group 1: 1/2 units counted, 100% at level 2
    for expected in ("Toàn đơn vị", "1/2", "Mức độ 2 Số Tỷ lệ lượng % 1 100%", "Tiểu học"):
        assert expected in group1, expected


def test_without_libreoffice_the_pdf_link_explains_itself(client, world, monkeypatch):
    monkeypatch.setattr("chiso.reports.pdf_export.soffice", lambda: None)
    client.login(username="member", password=PASSWORD)
    response = client.get(
        f"/danh-gia/{world.assessments['school'].pk}/tai-ve/bao-cao.pdf", follow=True
    )
    assert "chưa cài LibreOffice" in response.content.decode()
