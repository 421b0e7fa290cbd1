"""Ids beyond a database key's range (2^63 and more) are missing pages, never server errors."""

from __future__ import annotations

from chiso.lib.ids import MAX_ID, parse_id
from tests.conftest import PASSWORD

HUGE = str(2**63)


def test_a_huge_id_in_a_url_is_a_404(client, world):
    client.login(username="office_head", password=PASSWORD)
    for url in (f"/danh-gia/{HUGE}/", f"/don-vi/{HUGE}/", f"/viec/{HUGE}/", f"/bo-chi-so/{HUGE}/"):
        assert client.get(url).status_code == 404, url


def test_a_huge_id_through_the_api_is_the_json_404(client, world):
    client.login(username="office_head", password=PASSWORD)
    response = client.get(f"/api/v1/assessments/{HUGE}/")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


def test_a_huge_number_in_a_form_or_a_filter_is_ignored(client, world):
    client.login(username="office_head", password=PASSWORD)
    office = world.units["phong_a"].pk
    assert client.get(f"/don-vi/{office}/?truc_thuoc={HUGE}&dot={HUGE}").status_code == 200
    page = client.post(f"/don-vi/{office}/tai-khoan/", {"action": "reset", "membership": HUGE})
    assert "Không tìm thấy vai trò này" in page.content.decode()
    assert client.post("/don-vi/nhap-phu-luc/xac-nhan/", {"job": HUGE}).status_code == 404


def test_ids_are_parsed_within_a_keys_range():
    assert parse_id(str(MAX_ID)) == MAX_ID
    assert [parse_id(x) for x in (HUGE, "0", "-1", "１２", "²", "", None, " 7 ")] == [
        None, None, None, None, None, None, None, 7,
    ]  # fmt: skip
