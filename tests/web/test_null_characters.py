"""A NUL character in a submitted value is refused with a message, not a server error.

PostgreSQL cannot store NUL in text (DataError → 500); SQLite silently keeps it. Either way it is
never a legitimate value typed in a form.
"""

from __future__ import annotations

from chiso.assessments.models import Assessment
from chiso.evidence.models import Evidence
from chiso.periodic.models import ReportOutline
from tests.conftest import PASSWORD


def test_a_nul_character_in_a_form_is_refused_and_nothing_is_saved(client, world, settings):
    settings.EVIDENCE_CAPTURE_ENABLED = False
    assert client.login(username="member", password=PASSWORD)
    a = world.assessments["school"]
    response = client.post(
        f"/danh-gia/{a.pk}/minh-chung/",
        {"target_id": "1.4", "url": "https://truong.edu.vn/\x00", "title": "Kế hoạch"},
    )
    assert response.status_code == 400
    assert "ký tự không hợp lệ" in response.content.decode()
    assert not Evidence.objects.exists()
    response = client.post(
        f"/danh-gia/{a.pk}/hoi-dong/", {"version": a.version, "minutes_summary": "họp\x00"}
    )
    assert response.status_code == 400
    assert Assessment.objects.get(pk=a.pk).minutes_summary == ""


def test_a_nul_character_in_an_outline_or_a_query_is_refused(client, world):
    assert client.login(username="office_head", password=PASSWORD)
    office = world.units["phong_a"]
    response = client.post(
        f"/bao-cao/don-vi/{office.pk}/de-cuong/moi/",
        {"title": "Đề cương", "subject": "Báo cáo", "text": "[viết]\x00"},
    )
    assert response.status_code == 400
    assert not ReportOutline.objects.filter(owner__isnull=False).exists()
    assert client.get(f"/don-vi/{office.pk}/?loai=%00").status_code == 400
