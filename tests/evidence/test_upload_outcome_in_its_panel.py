"""The outcome of adding evidence is shown inside the criterion's evidence panel, left open."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from chiso.evidence.models import Evidence
from tests.conftest import PASSWORD


@pytest.fixture(autouse=True)
def no_link_capture(settings):
    settings.EVIDENCE_CAPTURE_ENABLED = False


def section(html: str, criterion_id: str) -> str:
    found = re.search(
        rf'<section class="card criterion" id="tc-{re.escape(criterion_id)}">(.*?)</section>',
        html,
        re.S,
    )
    assert found is not None
    return found.group(1)


def test_a_refused_upload_says_why_inside_its_open_panel_and_keeps_the_description(client, world):
    assert client.login(username="member", password=PASSWORD)
    a = world.assessments["school"]
    fake = SimpleUploadedFile("bien-ban.pdf", b"MZ this is no PDF", content_type="application/pdf")
    response = client.post(
        f"/danh-gia/{a.pk}/minh-chung/",
        {"target_id": "1.4", "title": "Biên bản họp tổ", "file": fake},
        follow=True,
    )
    assert response.redirect_chain[-1][0].endswith("#tc-1.4")
    html = response.content.decode()
    panel = section(html, "1.4")
    assert "<details open>" in panel
    assert re.search(r'<p class="error-box" role="alert">Chưa thêm minh chứng: [^<]+</p>', panel)
    assert 'value="Biên bản họp tổ"' in panel
    assert '<ul class="messages">' not in html  # nothing at the top of the page
    assert not Evidence.objects.exists()
    # The notice is shown once: the next view of the form is as before.
    again = section(client.get(f"/danh-gia/{a.pk}/").content.decode(), "1.4")
    assert "Chưa thêm minh chứng" not in again and 'value="Biên bản họp tổ"' not in again


def test_an_added_link_is_confirmed_inside_its_panel(client, world):
    assert client.login(username="member", password=PASSWORD)
    a = world.assessments["school"]
    response = client.post(
        f"/danh-gia/{a.pk}/minh-chung/",
        {"target_id": "1.4", "title": "Kho học liệu", "url": "https://truong.edu.vn/hoc-lieu"},
        follow=True,
    )
    panel = section(response.content.decode(), "1.4")
    assert "Đã thêm minh chứng «Kho học liệu» cho 1.4." in panel
    assert Evidence.objects.get().url == "https://truong.edu.vn/hoc-lieu"
