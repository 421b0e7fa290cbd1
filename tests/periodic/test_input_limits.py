"""Outline and report forms: odd values get a message, never a server error or a half save."""

from __future__ import annotations

from chiso.periodic.models import PeriodicReport, ReportOutline
from tests.conftest import PASSWORD


def test_an_outline_title_longer_than_its_column_is_refused_with_a_message(client, world):
    assert client.login(username="office_head", password=PASSWORD)
    office = world.units["phong_a"]
    response = client.post(
        f"/bao-cao/don-vi/{office.pk}/de-cuong/moi/",
        {"title": "Đ" * 300, "subject": "S" * 600, "recipient": "K" * 300, "text": "[viết]"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tên đề cương: dài quá 255 ký tự" in html
    assert "Trích yếu: dài quá 500 ký tự" in html
    assert not ReportOutline.objects.filter(owner__isnull=False).exists()


def test_an_outline_choice_that_is_not_a_number_is_a_message(client, world):
    assert client.login(username="head", password=PASSWORD)
    school = world.units["school"]
    response = client.post(
        f"/bao-cao/don-vi/{school.pk}/", {"outline": "abc", "period": "tháng 1"}, follow=True
    )
    assert response.status_code == 200
    assert "Hãy chọn một đề cương." in response.content.decode()
    assert not PeriodicReport.objects.exists()
