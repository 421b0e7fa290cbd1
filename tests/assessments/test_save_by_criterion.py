"""Concurrency by criterion: saves of different criteria both land; a stale save of the same
criterion is refused, redrawn with what is stored and who saved it; nothing is lost."""

import json
import re

import pytest
from django.test import Client

from chiso.api.models import ApiToken
from chiso.assessments import actions
from chiso.assessments.models import Assessment
from chiso.audit.models import AuditEntry
from tests.conftest import PASSWORD


@pytest.fixture
def named(world):
    """The head and a teacher (the member) with their names, as the screens show them."""
    for key, first, last in (("head", "Lan", "Nguyễn Thị"), ("member", "Minh", "Trần Văn")):
        user = world.users[key]
        user.first_name, user.last_name = first, last
        user.save()
    return world


def session(world, username):
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


def held_versions(html):
    """criterion id → the version its form holds, as the page was drawn."""
    return {
        cid: int(v)
        for cid, v in re.findall(
            r'tieu-chi/([0-9.]+)/" hx-post=[^>]*>\s*<input[^>]*><input type="hidden" '
            r'name="criterion_version" value="(\d+)"',
            html,
        )
    }


def save(client, a, criterion, version, **facts):
    data = {f"fact_{k}": v for k, v in facts.items()} | {"criterion_version": version}
    return client.post(
        f"/danh-gia/{a.pk}/tieu-chi/{criterion}/", data, HTTP_HX_REQUEST="true"
    ).content.decode()


def six(**overrides):
    """The facts of criterion 1.6 as its form posts them."""
    return {
        "teachers_total": 40,
        "teachers_with_training_account": 30,
        "teachers_using_teaching_tools": 20,
        "teachers_building_materials": 10,
    } | overrides


def test_two_people_saving_different_criteria_both_succeed(named):
    a, head, teacher = named.assessments["school"], named.users["head"], named.users["member"]
    page_head, page_teacher = Assessment.objects.get(pk=a.pk), Assessment.objects.get(pk=a.pk)
    actions.save_answers(
        page_head, facts={"approved_digital_materials": 70}, criteria={"1.4": 0}, by=head
    )
    actions.save_answers(page_teacher, facts=six(), criteria={"1.6": 0}, by=teacher)
    a.refresh_from_db()
    assert a.facts["approved_digital_materials"] == 70 and a.facts["teachers_total"] == 40
    assert actions.criterion_version(a, "1.4") == 1 and actions.criterion_version(a, "1.6") == 1
    assert a.criterion_saves["1.4"]["by"] == "Lan Nguyễn Thị"
    assert a.criterion_saves["1.6"]["by"] == "Minh Trần Văn"


def test_a_stale_save_of_the_same_criterion_is_refused_and_keeps_the_stored_value(named):
    a, head, teacher = named.assessments["school"], named.users["head"], named.users["member"]
    page_teacher = Assessment.objects.get(pk=a.pk)
    actions.save_answers(
        Assessment.objects.get(pk=a.pk),
        facts={"approved_digital_materials": 70},
        criteria={"1.4": 0},
        by=head,
    )
    edits = AuditEntry.objects.filter(verb="assessment.edit").count()
    with pytest.raises(actions.StaleCriterion) as refused:
        actions.save_answers(
            page_teacher, facts={"approved_digital_materials": 55}, criteria={"1.4": 0}, by=teacher
        )
    assert refused.value.criteria == ["1.4"]
    assert refused.value.current.facts["approved_digital_materials"] == 70
    assert "Lan Nguyễn Thị" in str(refused.value) and "tiêu chí 1.4" in str(refused.value)
    a.refresh_from_db()
    assert a.facts["approved_digital_materials"] == 70
    assert AuditEntry.objects.filter(verb="assessment.edit").count() == edits


def test_an_import_of_many_answers_moves_the_criteria_it_changed_and_only_those(named):
    a, head = named.assessments["school"], named.users["head"]
    page = Assessment.objects.get(pk=a.pk)
    actions.save_answers(a, facts=six(), expected_version=a.version, by=head)  # an import
    a.refresh_from_db()
    assert {cid for cid, save in a.criterion_saves.items() if save["version"]} == {"1.6"}
    with pytest.raises(actions.StaleCriterion):
        actions.save_answers(page, facts=six(teachers_total=50), criteria={"1.6": 0}, by=head)
    actions.save_answers(page, facts={"studio_room": True}, criteria={"1.7": 0}, by=head)
    a.refresh_from_db()
    assert a.facts["teachers_total"] == 40 and a.facts["studio_room"] is True


def test_the_issue_scenario_on_the_form_loses_no_edit(named):
    """The head sets 1.4 to 70; the teacher, whose page shows 67, saves 1.6 (kept), then 1.4
    to 55 from the box still showing 67: refused, redrawn with 70 and the head's name; the
    teacher's page still holds its own versions for the other criteria, and the head's 70 is
    kept."""
    a = named.assessments["school"]
    actions.save_answers(
        a, facts={"approved_digital_materials": 67}, criteria={"1.4": 0}, by=named.users["head"]
    )
    head, teacher = session(named, "head"), session(named, "member")
    head_page = held_versions(head.get(f"/danh-gia/{a.pk}/").content.decode())
    teacher_page = held_versions(teacher.get(f"/danh-gia/{a.pk}/").content.decode())
    assert teacher_page["1.4"] == head_page["1.4"] == 1 and len(teacher_page) == 11

    save(head, a, "1.4", head_page["1.4"], approved_digital_materials=70)
    answer = save(teacher, a, "1.6", teacher_page["1.6"], **six())
    assert "error-box" not in answer
    teacher_page.update(held_versions(answer))

    refused = save(teacher, a, "1.4", teacher_page["1.4"], approved_digital_materials=55)
    assert "Không lưu: tiêu chí 1.4 vừa được Lan Nguyễn Thị lưu lúc" in refused
    assert 'value="70"' in refused and 'value="55"' not in refused
    assert "Lưu lần cuối: Lan Nguyễn Thị" in refused
    # Only 1.4 is redrawn: the answer carries no version for any other criterion.
    assert held_versions(refused) == {"1.4": 2}
    assert 'id="version"' not in refused.split('id="summary"')[0]

    a.refresh_from_db()
    assert a.facts["approved_digital_materials"] == 70 and a.facts["teachers_total"] == 40
    history = AuditEntry.objects.filter(verb="assessment.edit", target_id=a.pk)
    assert all(e.after.get("fact:approved_digital_materials") != 55 for e in history)
    # The teacher's other criteria still save with the versions their forms hold …
    again = save(teacher, a, "1.6", teacher_page["1.6"], **six(teachers_total=41))
    assert "error-box" not in again
    # … and 1.4, from the redrawn box, now saves over the head's value knowingly.
    assert "error-box" not in save(teacher, a, "1.4", 2, approved_digital_materials=55)
    a.refresh_from_db()
    assert a.facts["approved_digital_materials"] == 55 and a.facts["teachers_total"] == 41


def test_the_api_refuses_a_stale_criterion_with_409_and_the_current_values(named, client):
    a = named.assessments["school"]
    _, token = ApiToken.issue(named.users["member"], "thử")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}

    def post(data):
        return client.post(
            f"/api/v1/assessments/{a.pk}/facts/",
            json.dumps(data),
            content_type="application/json",
            **auth,
        )

    detail = client.get(f"/api/v1/assessments/{a.pk}/", **auth).json()
    assert detail["criteria"]["1.4"] == 0 and detail["criteria"]["1.6"] == 0
    actions.save_answers(
        a, facts={"approved_digital_materials": 70}, criteria={"1.4": 0}, by=named.users["head"]
    )
    kept = post({"criteria": {"1.6": 0}, "facts": six()})
    assert kept.status_code == 200
    stale = post({"criteria": {"1.4": 0}, "facts": {"approved_digital_materials": 55}})
    assert stale.status_code == 409
    error = stale.json()["error"]
    assert error["code"] == "stale_version"
    current = error["current"]["criteria"]["1.4"]
    assert current["facts"] == {"approved_digital_materials": 70}
    assert current["version"] == 1 and current["saved_by"] == "Lan Nguyễn Thị"
    assert current["saved_at"] and current["points"] == 10.0
    a.refresh_from_db()
    assert a.facts["approved_digital_materials"] == 70 and a.facts["teachers_total"] == 40
    retried = post({"criteria": {"1.4": 1}, "facts": {"approved_digital_materials": 55}})
    assert retried.status_code == 200
    unknown = post({"criteria": {"9.9": 0}, "facts": {}})
    assert unknown.status_code == 422 and "9.9" in unknown.json()["error"]["message"]
