"""Odd evidence input is refused with a message; what is kept can be exported."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from chiso.evidence.models import Evidence
from tests.conftest import PASSWORD


@pytest.fixture(autouse=True)
def no_link_capture(settings):
    settings.EVIDENCE_CAPTURE_ENABLED = False


def test_a_link_longer_than_the_column_is_refused_with_a_message(client, world):
    assert client.login(username="member", password=PASSWORD)
    a = world.assessments["school"]
    url = "https://truong.edu.vn/" + "a" * 1500
    response = client.post(
        f"/danh-gia/{a.pk}/minh-chung/", {"target_id": "1.4", "url": url}, follow=True
    )
    assert response.status_code == 200
    assert "quá dài" in response.content.decode()
    assert not Evidence.objects.exists()


def test_control_characters_in_evidence_do_not_break_the_appendix(client, world):
    assert client.login(username="member", password=PASSWORD)
    a = world.assessments["school"]
    client.post(
        f"/danh-gia/{a.pk}/minh-chung/",
        {"target_id": "1.4", "url": "https://truong.edu.vn/ke-hoach", "title": "Kế\x02 hoạch\x1f"},
    )
    assert Evidence.objects.count() == 1
    response = client.get(f"/danh-gia/{a.pk}/tai-ve/phu-luc.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    texts = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
    assert any("Kế hoạch" in t for t in texts)
