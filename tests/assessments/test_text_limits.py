"""Reasons and comments written on the screens have the API's limit (2,000 characters): a
megabyte pasted into a comment is refused with a message, and nothing is written."""

from __future__ import annotations

import pytest

from chiso.assessments import actions
from chiso.assessments.models import Assessment, ItemComment
from chiso.audit.models import AuditEntry
from tests.conftest import PASSWORD, fill

LONG = "Thiếu minh chứng. " * 60_000  # about a megabyte


@pytest.fixture
def submitted(world, settings):
    settings.EVIDENCE_CAPTURE_ENABLED = False
    a = fill(world.assessments["school"], world.users["member"])
    return actions.submit(a, by=world.users["head"])


@pytest.mark.parametrize(
    ("data", "what"),
    [
        ({"action": "comment", "text": LONG, "item_id": "1.4"}, "Nhận xét dài"),
        ({"action": "return", "reason": LONG}, "Lý do trả lại dài"),
        ({"action": "return", "reason": "Bổ sung", "note_1.4": LONG}, "Nhận xét mục 1.4 dài"),
        (
            {"action": "score", "item_id": "1.4.a", "points": "1", "reason": LONG},
            "Lý do chấm điểm dài",
        ),
    ],
)
def test_a_text_longer_than_a_comment_is_refused_and_nothing_written(
    client, world, submitted, data, what
):
    client.login(username="office_head", password=PASSWORD)
    audit_before = AuditEntry.objects.count()
    page = client.post(f"/danh-gia/{submitted.pk}/tham-dinh/", data, follow=True).content.decode()
    assert what in page and "tối đa 2.000" in page
    a = Assessment.objects.get(pk=submitted.pk)
    assert (a.status, a.version) == ("submitted", submitted.version)
    assert not ItemComment.objects.filter(assessment=a, resolved=False).exists()
    assert AuditEntry.objects.count() == audit_before


def test_a_comment_of_2000_characters_is_kept(world, submitted):
    comment = actions.add_comment(submitted, by=world.users["reviewer"], text="x" * 2000)
    assert len(comment.text) == 2000
