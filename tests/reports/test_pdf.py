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
        "Trường Tiểu học Chu Văn An báo cáo",
        "Nơi nhận:",
    ):
        assert expected in text, expected
    fonts = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert "LiberationSerif" in fonts or "TimesNewRoman" in fonts


def test_without_libreoffice_the_pdf_link_explains_itself(client, world, monkeypatch):
    monkeypatch.setattr("chiso.reports.pdf_export.soffice", lambda: None)
    client.login(username="member", password=PASSWORD)
    response = client.get(
        f"/danh-gia/{world.assessments['school'].pk}/tai-ve/bao-cao.pdf", follow=True
    )
    assert "chưa cài LibreOffice" in response.content.decode()
