"""Rendered dashboards and office counts are reused until what the office sees changes: its
namespaces move once the change commits (chiso/assessments/changes.py)."""

import datetime as dt

import pytest
from django.utils import timezone

from chiso.assessments import actions, changes
from chiso.assessments.models import Deadline
from chiso.lib import namespaces
from tests.conftest import PASSWORD, fill


@pytest.fixture(autouse=True)
def no_link_capture(settings):
    settings.EVIDENCE_CAPTURE_ENABLED = False  # submissions here run their on-commit work


def token(office):
    return namespaces.token(*changes.office(office.pk))


def dashboard(client, office):
    response = client.get(f"/tong-quan/{office.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_submission_shows_at_once_on_the_dashboards_above_it(
    client, world, django_capture_on_commit_callbacks
):
    assert client.login(username="so_head", password=PASSWORD)
    before = {o: dashboard(client, world.units[o]) for o in ("phong_a", "so_a")}
    a = fill(world.assessments["school"], world.users["head"])
    with django_capture_on_commit_callbacks(execute=True):
        actions.submit(a, by=world.users["head"])
    for office, html in before.items():
        assert "Đã nộp: <b>0</b>" in html, office
        assert "Đã nộp: <b>1</b>" in dashboard(client, world.units[office]), office


def test_a_drafts_answers_leave_the_dashboards_as_they_are(
    world, django_capture_on_commit_callbacks
):
    office = world.units["phong_a"]
    before = token(office)
    with django_capture_on_commit_callbacks(execute=True):
        fill(world.assessments["school"], world.users["member"])
    assert token(office) == before
    with django_capture_on_commit_callbacks(execute=True):
        actions.submit(world.assessments["school"], by=world.users["head"])
    assert token(office) != before


def test_the_namespace_moves_at_the_change_and_again_once_it_commits(
    world, django_capture_on_commit_callbacks
):
    # What another process reads inside the transaction (the rows of before the commit) is
    # kept under the token of the meantime, which the commit moves on.
    office = world.units["phong_a"]
    before = token(office)
    a = fill(world.assessments["school"], world.users["head"])
    with django_capture_on_commit_callbacks() as callbacks:
        actions.submit(a, by=world.users["head"])
        meantime = token(office)
        assert meantime != before
    assert callbacks
    for callback in callbacks:
        callback()
    assert token(office) not in (before, meantime)


def test_only_the_offices_above_the_change_get_a_new_namespace(
    world, django_capture_on_commit_callbacks
):
    other = token(world.units["phong_b"])
    mine = token(world.units["phong_a"])
    a = fill(world.assessments["school"], world.users["head"])
    with django_capture_on_commit_callbacks(execute=True):
        actions.submit(a, by=world.users["head"])
    assert token(world.units["phong_b"]) == other
    assert token(world.units["phong_a"]) != mine


def test_a_new_deadline_shows_at_once_as_lateness(
    client, world, django_capture_on_commit_callbacks
):
    assert client.login(username="office_head", password=PASSWORD)
    office = world.units["phong_a"]
    assert 'Quá hạn nộp: <b class="overdue">2</b>' in dashboard(client, office)  # 31/05/2025
    later = timezone.localdate() + dt.timedelta(days=30)
    with django_capture_on_commit_callbacks(execute=True):
        Deadline.objects.create(campaign=world.campaign, unit=office, submit_by=later)
    assert "Quá hạn nộp: <b>0</b>" in dashboard(client, office)


def test_the_office_list_counts_follow_a_submission(
    client, world, django_capture_on_commit_callbacks
):
    assert client.login(username="reviewer", password=PASSWORD)
    url = f"/don-vi/{world.units['phong_a'].pk}/"
    assert "Đã nộp: 0" in client.get(url).content.decode()
    a = fill(world.assessments["school"], world.users["head"])
    with django_capture_on_commit_callbacks(execute=True):
        actions.submit(a, by=world.users["head"])
    assert "Đã nộp: 1" in client.get(url).content.decode()


def test_a_kept_dashboard_is_not_shown_to_someone_who_may_not_see_the_office(client, world):
    assert client.login(username="reviewer", password=PASSWORD)
    dashboard(client, world.units["phong_a"])
    client.logout()
    assert client.login(username="other_reviewer", password=PASSWORD)
    assert client.get(f"/tong-quan/{world.units['phong_a'].pk}/").status_code == 404
