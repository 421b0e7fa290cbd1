"""One assessment's documents and evidence through the API: the screens' files, full metadata."""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from docx import Document
from openpyxl import load_workbook

from chiso.evidence.models import Evidence
from tests.api.test_api import bearer
from tests.conftest import PASSWORD, fill

PDF = b"%PDF-1.4\n% minh chung\n"


def test_documents_are_the_screens_documents(client, world):
    a = fill(world.assessments["school"], world.users["member"])
    client.login(username="reviewer", password=PASSWORD)
    auth = bearer(world, "reviewer")
    for name in ("bao-cao.docx", "phu-luc.xlsx", "bien-ban.docx"):
        api = client.get(f"/api/v1/assessments/{a.pk}/documents/{name}", **auth)
        screen = client.get(f"/danh-gia/{a.pk}/tai-ve/{name}")
        assert api.status_code == 200, name
        assert api["Content-Type"] == screen["Content-Type"]
        assert api["Content-Disposition"] == screen["Content-Disposition"]
        if name.endswith(".xlsx"):
            sheet = load_workbook(io.BytesIO(api.content)).worksheets[0]
            assert any(row[0] == "1.3.a" for row in sheet.iter_rows(values_only=True))
        else:
            assert "Trường Tiểu học Chu Văn An".upper() in "\n".join(
                p.text.upper() for p in Document(io.BytesIO(api.content)).paragraphs
            )
    missing = client.get(f"/api/v1/assessments/{a.pk}/documents/mat-khau.txt", **auth)
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


def test_evidence_metadata_and_files(client, world):
    a = world.assessments["school"]
    item = Evidence(
        assessment=a,
        target_id="1.4",
        kind=Evidence.Kind.FILE,
        title="Danh sách học liệu",
        original_name="hoc-lieu.pdf",
        size=len(PDF),
        content_type="application/pdf",
        uploaded_by=world.users["member"],
    )
    item.file.save("hoc-lieu.pdf", ContentFile(PDF), save=True)
    link = Evidence.objects.create(
        assessment=a, target_id="1.3", kind=Evidence.Kind.LINK, url="https://lms.example.edu.vn/"
    )
    link.captured_file.save("lms.html", ContentFile(b"<html>LMS</html>"), save=True)
    auth = bearer(world, "head")
    listed = client.get(f"/api/v1/assessments/{a.pk}/evidence/", **auth).json()["results"]
    by_id = {e["id"]: e for e in listed}
    assert by_id[item.pk]["original_name"] == "hoc-lieu.pdf" and by_id[item.pk]["size"] == len(PDF)
    assert by_id[item.pk]["file"] == f"/api/v1/assessments/{a.pk}/evidence/{item.pk}/file"
    assert by_id[item.pk]["capture"] is None and by_id[link.pk]["file"] is None
    detail = client.get(f"/api/v1/assessments/{a.pk}/", **auth).json()
    assert detail["evidence"] == listed
    response = client.get(by_id[item.pk]["file"], **auth)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    capture = client.get(by_id[link.pk]["capture"], **auth)
    assert capture["Content-Type"] == "application/octet-stream"
    assert b"".join(capture.streaming_content) == b"<html>LMS</html>"
    assert "sandbox" in capture["Content-Security-Policy"]
    for url in (f"/api/v1/assessments/{a.pk}/evidence/{link.pk}/file",
                f"/api/v1/assessments/{a.pk}/evidence/{item.pk}/capture",
                f"/api/v1/assessments/{world.assessments['other'].pk}/evidence/{item.pk}/file"):  # fmt: skip
        missing = client.get(url, **auth)
        assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found", url
