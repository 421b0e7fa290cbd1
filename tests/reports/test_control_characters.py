"""Control characters pasted into a form (from Word, a PDF) never break a generated document."""

from __future__ import annotations

import pytest

from chiso.assessments.models import Assessment
from tests.conftest import PASSWORD, close_streaming


@pytest.fixture(autouse=True)
def no_link_capture(settings):
    settings.EVIDENCE_CAPTURE_ENABLED = False


def test_council_text_with_control_characters_still_gives_every_document(client, world):
    assert client.login(username="member", password=PASSWORD)
    a = world.assessments["school"]
    client.post(
        f"/danh-gia/{a.pk}/hoi-dong/",
        {
            "version": a.version,
            "minutes_summary": "Hội đồng\x0bhọp\x03 đủ",
            "council_members": "Nguyễn Văn\x04 A - Hiệu trưởng - Chủ tịch",
            "narrative_situation": "Thuận lợi\x05",
            "council_decision_number": "12\x06/QĐ",
        },
    )
    saved = Assessment.objects.get(pk=a.pk)
    assert saved.minutes_summary == "Hội đồnghọp đủ"
    assert saved.council_decision_number == "12/QĐ"
    for name in (
        "bao-cao.docx",
        "quyet-dinh-hoi-dong.docx",
        "bien-ban.docx",
        "quyet-dinh-phe-duyet.docx",
    ):
        response = client.get(f"/danh-gia/{a.pk}/tai-ve/{name}")
        assert response.status_code == 200, name
        close_streaming(response)
