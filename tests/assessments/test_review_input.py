"""What a reviewer posts names real items; anything else is refused and nothing is half-saved."""

from __future__ import annotations

import pytest

from chiso.assessments import actions
from chiso.assessments.models import Assessment, ItemComment
from tests.conftest import PASSWORD, fill


@pytest.fixture(autouse=True)
def no_link_capture(settings):
    settings.EVIDENCE_CAPTURE_ENABLED = False


@pytest.fixture
def submitted(world):
    a = fill(world.assessments["school"], world.users["member"])
    return actions.submit(a, by=world.users["head"])


def test_a_comment_on_an_unknown_item_is_refused(client, world, submitted):
    assert client.login(username="reviewer", password=PASSWORD)
    response = client.post(
        f"/danh-gia/{submitted.pk}/tham-dinh/",
        {"action": "comment", "text": "Thiếu minh chứng", "item_id": "khong-co-muc-nay-1.4.z"},
        follow=True,
    )
    assert response.status_code == 200
    assert "không có trong bộ chỉ số" in response.content.decode()
    assert not ItemComment.objects.exists()


def test_a_return_with_a_note_on_an_unknown_item_changes_nothing(client, world, submitted):
    assert client.login(username="reviewer", password=PASSWORD)
    response = client.post(
        f"/danh-gia/{submitted.pk}/tham-dinh/",
        {"action": "return", "reason": "Bổ sung", "note_9.9.zzzzzzzzzzzzzzzz": "x"},
        follow=True,
    )
    assert response.status_code == 200
    assert "không có trong bộ chỉ số" in response.content.decode()
    assert Assessment.objects.get(pk=submitted.pk).status == Assessment.Status.SUBMITTED
    assert not ItemComment.objects.exists()


def test_notes_on_real_items_are_kept(world, submitted):
    actions.return_for_supplement(
        submitted, by=world.users["reviewer"], reason="Bổ sung", item_comments={"1.4.a": "Thiếu"}
    )
    assert ItemComment.objects.filter(item_id="1.4.a", text="Thiếu").exists()
