"""Whoever submitted a result never recognises or publishes it, whatever roles they hold: an
office head who was also made a school's head submits, and another head must recognise."""

from __future__ import annotations

import pytest

from chiso.assessments import actions
from chiso.units import accounts, policy
from tests.conftest import PASSWORD, fill


@pytest.fixture(autouse=True)
def no_link_capture(settings):
    settings.EVIDENCE_CAPTURE_ENABLED = False


@pytest.fixture
def office_head_also_school_head(world):
    """The Phòng's head, given the school's head role by the Sở's head (a real grant)."""
    accounts.add_account(
        world.users["so_head"], world.units["so_a"], username="office_head", full_name="",
        email="", unit_code="TH-CVA", role="head",
    )  # fmt: skip
    return world.users["office_head"]


def test_the_submitter_cannot_recognise_what_they_submitted(world, office_head_also_school_head):
    user = office_head_also_school_head
    a = actions.submit(fill(world.assessments["school"], world.users["member"]), by=user)
    assert not policy.can(user, "recognise", a)
    with pytest.raises(actions.ActionRefused, match="Người đã nộp kết quả này không được"):
        actions.recognise(a, by=user)
    a.refresh_from_db()
    assert a.status == "submitted"


def test_another_head_recognises_and_the_submitter_cannot_publish(
    world, office_head_also_school_head
):
    user = office_head_also_school_head
    a = actions.submit(fill(world.assessments["school"], world.users["member"]), by=user)
    a = actions.recognise(a, by=world.users["so_head"])
    with pytest.raises(actions.ActionRefused, match="không được công nhận hay công bố"):
        actions.publish(a, by=user)
    assert actions.publish(a, by=world.users["so_head"]).status == "published"


def test_the_rule_holds_through_the_web_form(client, world, office_head_also_school_head):
    a = actions.submit(
        fill(world.assessments["school"], world.users["member"]), by=office_head_also_school_head
    )
    client.login(username="office_head", password=PASSWORD)
    client.post(f"/danh-gia/{a.pk}/tham-dinh/", {"action": "recognise"})
    a.refresh_from_db()
    assert a.status == "submitted"


def test_a_head_who_did_not_submit_recognises_as_before(world):
    a = actions.submit(
        fill(world.assessments["school"], world.users["member"]), by=world.users["head"]
    )
    assert actions.recognise(a, by=world.users["office_head"]).status == "recognised"
