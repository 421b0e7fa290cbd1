"""The history reads as people speak: Vietnamese actions, criterion titles, values as the form
shows them, evidence added and removed, who and when; the comparison includes evidence."""

from __future__ import annotations

import pytest

from chiso.assessments import actions
from chiso.evidence.models import Evidence
from tests.conftest import PASSWORD, fill


@pytest.fixture(autouse=True)
def no_link_capture(settings):
    settings.EVIDENCE_CAPTURE_ENABLED = False


def _evidence(a, target, title):
    e = Evidence(assessment=a, target_id=target, kind=Evidence.Kind.LINK, title=title)
    e.url = "https://truong.example.vn/" + target
    e.save()
    return e


@pytest.fixture
def resubmitted(world):
    a = fill(world.assessments["school"], world.users["member"])
    a = actions.submit(a, by=world.users["head"])
    a = actions.return_for_supplement(a, by=world.users["reviewer"], reason="Bổ sung học liệu")
    a = actions.save_answers(
        a,
        facts={"approved_digital_materials": 45, "studio_room": True},
        awards={"2.4.c": {"points": "5", "reason": "Mới triển khai"}},
        expected_version=a.version,
        by=world.users["member"],
    )
    _evidence(a, "1.4", "Danh sách học liệu đã phê duyệt")
    a = actions.submit(a, by=world.users["head"])
    return actions.set_review_score(
        a, by=world.users["reviewer"], item_id="2.4.c", points="4", reason="Chưa đủ hợp đồng"
    )


def _page(client, a):
    assert client.login(username="member", password=PASSWORD)
    return client.get(f"/danh-gia/{a.pk}/lich-su/").content.decode()


def test_actions_are_named_in_vietnamese(client, world, resubmitted):
    page = _page(client, resubmitted)
    for words in ("Nộp lên cơ quan quản lý", "Nộp lại sau khi bổ sung", "Trả lại để bổ sung"):
        assert words in page
    assert "Chấm điểm thẩm định" in page
    assert "assessment." not in page


def test_values_read_as_the_form_shows_them(client, world, resubmitted):
    page = _page(client, resubmitted)
    assert "approved_digital_materials" not in page and "fact:" not in page
    assert "Số học liệu số hóa đã được phê duyệt</b>: 41 học liệu → 45 học liệu" in page
    assert "Không → Có" in page
    assert "Điểm chấm 2.4.c." in page and "5 (lý do: Mới triển khai)" in page
    assert "{&#x27;points&#x27;" not in page and "{'points'" not in page
    assert "4 (lý do: Chưa đủ hợp đồng)" in page


def test_who_and_when_are_shown(client, world, resubmitted):
    page = _page(client, resubmitted)
    assert "reviewer" in page and " ngày " in page and " tháng " in page
    assert "#1 submitted" not in page
    assert "Lần 1: Đã nộp" in page


def test_the_comparison_names_criteria_and_includes_evidence(client, world, resubmitted):
    page = _page(client, resubmitted)
    assert "1.4. Số lượng học liệu được số hóa" in page
    assert "Minh chứng 1.4." in page and "thêm: Danh sách học liệu đã phê duyệt" in page


def test_evidence_added_and_removed_are_in_the_log(client, world):
    a = fill(world.assessments["school"], world.users["member"])
    assert client.login(username="member", password=PASSWORD)
    client.post(
        f"/danh-gia/{a.pk}/minh-chung/",
        {"target_id": "1.3", "title": "Ảnh chụp phần mềm", "url": "https://lms.example.vn/"},
    )
    evidence = Evidence.objects.get(assessment=a)
    client.post(f"/danh-gia/{a.pk}/minh-chung/{evidence.pk}/xoa/")
    page = client.get(f"/danh-gia/{a.pk}/lich-su/").content.decode()
    assert "Thêm minh chứng" in page and "Xóa minh chứng" in page
    assert "<s>Ảnh chụp phần mềm</s>" in page
    assert "1.3. Triển khai phần mềm dạy học trực tuyến" in page


def test_an_outsider_gets_404_on_the_history(client, world):
    a = world.assessments["school"]
    assert client.login(username="other_head", password=PASSWORD)
    assert client.get(f"/danh-gia/{a.pk}/lich-su/").status_code == 404
