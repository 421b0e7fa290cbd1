"""Starting from last year's answers when the index was corrected since: an answer the new
version no longer accepts is left out (and named in the history), never a server error."""

from __future__ import annotations

import pytest

from chiso.assessments import actions
from chiso.assessments.models import Assessment, Campaign
from chiso.audit.models import AuditEntry
from tests.conftest import COMPLETE_FACTS, PASSWORD, fill
from tests.frameworks.conftest import draft_of, national, publish


def without_choice_zero(data):
    data["facts"]["informatics_level"]["options"].pop(0)
    rule = next(
        i["rule"]
        for g in data["groups"]
        for c in g["criteria"]
        for i in c.get("items", [])
        if i["rule"].get("fact") == "informatics_level"
    )
    rule["caps"].pop(0)


@pytest.fixture
def corrected_campaign(world):
    """Last year: the school answered 0 to informatics_level; this year's campaign is on a
    published version of 4725 without choice 0."""
    fill(
        world.assessments["school"],
        world.users["member"],
        {**COMPLETE_FACTS, "informatics_level": "0"},
    )
    v2 = publish(draft_of(national(), world.users["national_admin"], without_choice_zero),
                 world.users["national_admin"])  # fmt: skip
    return Campaign.objects.create(
        name="Đánh giá CĐS", school_year="2025-2026", owner=world.units["bo"],
        framework_id=v2.framework_id, framework_version=v2.version,
    )  # fmt: skip


def test_an_answer_the_new_version_refuses_is_left_out_and_named(client, world, corrected_campaign):
    client.login(username="member", password=PASSWORD)
    response = client.post(
        f"/danh-gia/bat-dau/{world.units['school'].pk}/", {"copy_previous": "1"}, follow=True
    )
    assert response.status_code == 200
    started = Assessment.objects.get(unit=world.units["school"], campaign=corrected_campaign)
    assert "informatics_level" not in started.facts
    assert started.facts["teachers_total"] == COMPLETE_FACTS["teachers_total"]
    entry = AuditEntry.objects.get(verb="assessment.start", target_id=started.pk)
    assert "không còn hợp lệ: informatics_level" in entry.note


def test_the_action_itself_keeps_every_answer_still_valid(world, corrected_campaign):
    started = actions.start(
        world.units["school"], corrected_campaign, by=world.users["member"], copy_previous=True
    )
    assert set(started.facts) == set(COMPLETE_FACTS) - {"informatics_level"}
