"""An office head recognises or publishes several units at once, after a confirmation that lists
them; nobody recognises what they submitted, and each unit stands alone."""

from __future__ import annotations

import pytest

from chiso.assessments import actions
from chiso.assessments.models import Assessment
from chiso.units.models import Membership
from tests.conftest import PASSWORD, fill

S = Assessment.Status


@pytest.fixture(autouse=True)
def no_link_capture(settings):
    settings.EVIDENCE_CAPTURE_ENABLED = False


@pytest.fixture
def two_submitted(world):
    school = actions.submit(
        fill(world.assessments["school"], world.users["member"]), by=world.users["head"]
    )
    sibling = actions.submit(
        fill(world.assessments["sibling"], world.users["sibling_head"]),
        by=world.users["sibling_head"],
    )
    return school, sibling


def _url(world):
    return f"/don-vi/{world.units['phong_a'].pk}/quyet-dinh/"


def test_the_confirmation_lists_the_chosen_units_and_changes_nothing(client, world, two_submitted):
    assert client.login(username="office_head", password=PASSWORD)
    page = client.post(
        _url(world), {"action": "recognise", "chon": [a.pk for a in two_submitted]}
    ).content.decode()
    assert "Trường Tiểu học Chu Văn An" in page and "Trường THCS Lê Lợi" in page
    assert "Công nhận 2 đơn vị" in page
    assert {a.status for a in Assessment.objects.filter(pk__in=[a.pk for a in two_submitted])} == {
        S.SUBMITTED
    }


def test_confirmed_it_recognises_each_then_publishes(client, world, two_submitted):
    assert client.login(username="office_head", password=PASSWORD)
    ids = [a.pk for a in two_submitted]
    client.post(_url(world), {"action": "recognise", "chon": ids, "confirmed": "1"})
    assert set(Assessment.objects.filter(pk__in=ids).values_list("status", flat=True)) == {
        S.RECOGNISED
    }
    response = client.post(
        _url(world), {"action": "publish", "chon": ids, "confirmed": "1"}, follow=True
    )
    assert "Đã công bố 2 đơn vị" in response.content.decode()
    assert set(Assessment.objects.filter(pk__in=ids).values_list("status", flat=True)) == {
        S.PUBLISHED
    }


def test_nobody_recognises_what_they_submitted(client, world, two_submitted):
    school, sibling = two_submitted
    # The office head also heads Lê Lợi, and submitted its result themself.
    Membership.objects.create(
        user=world.users["office_head"], unit=world.units["sibling"], role=Membership.Role.HEAD
    )
    sibling.submitted_by = world.users["office_head"]
    sibling.save(update_fields=["submitted_by"])
    assert client.login(username="office_head", password=PASSWORD)
    page = client.post(
        _url(world), {"action": "recognise", "chon": [school.pk, sibling.pk]}
    ).content.decode()
    assert "bạn đã nộp kết quả này nên không được công nhận" in page
    assert "Công nhận 1 đơn vị" in page
    client.post(
        _url(world), {"action": "recognise", "chon": [school.pk, sibling.pk], "confirmed": "1"}
    )
    assert Assessment.objects.get(pk=school.pk).status == S.RECOGNISED
    assert Assessment.objects.get(pk=sibling.pk).status == S.SUBMITTED


def test_a_reviewer_cannot_recognise_many(client, world, two_submitted):
    assert client.login(username="reviewer", password=PASSWORD)
    ids = [a.pk for a in two_submitted]
    client.post(_url(world), {"action": "recognise", "chon": ids, "confirmed": "1"})
    assert set(Assessment.objects.filter(pk__in=ids).values_list("status", flat=True)) == {
        S.SUBMITTED
    }


def test_units_outside_the_office_are_left_out(client, world, two_submitted):
    other = actions.submit(
        fill(world.assessments["other"], world.users["other_head"]), by=world.users["other_head"]
    )
    assert client.login(username="office_head", password=PASSWORD)
    response = client.post(
        _url(world), {"action": "recognise", "chon": [other.pk], "confirmed": "1"}, follow=True
    )
    assert "Hãy chọn ít nhất một đơn vị" in response.content.decode()
    assert Assessment.objects.get(pk=other.pk).status == S.SUBMITTED


def test_an_outsider_office_gets_404(client, world):
    assert client.login(username="other_office_head", password=PASSWORD)
    assert client.post(_url(world), {"action": "recognise"}).status_code == 404


def test_the_list_offers_the_choice_to_the_office_head_only(client, world, two_submitted):
    url = f"/don-vi/{world.units['phong_a'].pk}/?dot={world.campaign.pk}"
    assert client.login(username="office_head", password=PASSWORD)
    assert 'form="bulk-form"' in client.get(url).content.decode()
    assert client.login(username="reviewer", password=PASSWORD)
    assert 'form="bulk-form"' not in client.get(url).content.decode()
