"""A PDF or an image opens inside the review page; anything else is only downloaded."""

from __future__ import annotations

from django.core.files.base import ContentFile

from chiso.evidence.models import Evidence
from tests.conftest import PASSWORD, close_streaming

PDF = b"%PDF-1.4\n%%EOF\n"


def _file(world, name, content_type, content):
    e = Evidence(
        assessment=world.assessments["school"],
        target_id="1.4",
        kind=Evidence.Kind.FILE,
        original_name=name,
        size=len(content),
        content_type=content_type,
    )
    e.file.save(name, ContentFile(content), save=True)
    return e


def test_a_pdf_opens_inline_in_a_frame_of_the_site(client, world):
    e = _file(world, "ke-hoach.pdf", "application/pdf", PDF)
    assert client.login(username="reviewer", password=PASSWORD)
    response = client.get(f"/danh-gia/{e.assessment_id}/minh-chung/{e.pk}/xem/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    close_streaming(response)


def test_a_spreadsheet_is_never_shown_inline(client, world):
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    e = _file(world, "so-lieu.xlsx", xlsx, b"PK\x03\x04")
    assert client.login(username="reviewer", password=PASSWORD)
    assert client.get(f"/danh-gia/{e.assessment_id}/minh-chung/{e.pk}/xem/").status_code == 404
    response = client.get(f"/danh-gia/{e.assessment_id}/minh-chung/{e.pk}/")
    assert response["Content-Disposition"].startswith("attachment")
    close_streaming(response)


def test_an_outsider_gets_404(client, world):
    e = _file(world, "ke-hoach.pdf", "application/pdf", PDF)
    assert client.login(username="other_reviewer", password=PASSWORD)
    assert client.get(f"/danh-gia/{e.assessment_id}/minh-chung/{e.pk}/xem/").status_code == 404
