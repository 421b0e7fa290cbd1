"""Integrity: two real sessions editing at once lose nothing; recognised results stay frozen
except through a reasoned reopen; every edit is in the history page, from which value to which."""

from __future__ import annotations

import re
import threading

import pytest
from django.db import connection
from django.test import Client

from chiso.assessments import actions
from chiso.assessments.models import Assessment
from chiso.audit.models import AuditEntry
from chiso.evidence.models import Evidence
from tests.conftest import PASSWORD, fill

S = Assessment.Status


@pytest.fixture(autouse=True)
def no_link_capture(settings):
    settings.EVIDENCE_CAPTURE_ENABLED = False


def session(world, name: str) -> Client:
    client = Client()
    assert client.login(username=world.users[name].username, password=PASSWORD)
    return client


def loaded_version(client: Client, a: Assessment) -> int:
    html = client.get(f"/danh-gia/{a.pk}/").content.decode()
    return int(re.search(r'id="version" name="version" value="(\d+)"', html).group(1))


def save(client: Client, a: Assessment, criterion: str, version: int, **fields) -> str:
    data = {f"fact_{k}": v for k, v in fields.items()} | {"version": version}
    return client.post(
        f"/danh-gia/{a.pk}/tieu-chi/{criterion}/", data, HTTP_HX_REQUEST="true"
    ).content.decode()


def test_two_sessions_editing_the_same_assessment_lose_no_update(world):
    """The member and the head both open the form; each saves; nobody's value is silently lost."""
    a = world.assessments["school"]
    member, head = session(world, "member"), session(world, "head")
    v_member, v_head = loaded_version(member, a), loaded_version(head, a)
    assert v_member == v_head

    save(member, a, "1.4", v_member, approved_digital_materials="41")
    refused = save(head, a, "1.4", v_head, approved_digital_materials="12")
    assert "vừa được người khác lưu" in refused
    assert 'value="41"' in refused  # the head now sees the member's value
    a.refresh_from_db()
    assert a.facts["approved_digital_materials"] == 41

    # The head reloads (as the message asks) and saves a different criterion on the new version.
    save(head, a, "2.1", loaded_version(head, a), it_steering_body="co")
    a.refresh_from_db()
    assert a.facts["approved_digital_materials"] == 41 and a.facts["it_steering_body"] is True
    assert a.version == v_member + 2

    # Both edits are in the history page, with who, and from which value to which.
    history = head.get(f"/danh-gia/{a.pk}/lich-su/").content.decode()
    assert (
        world.users["member"].username in history
        or world.users["member"].get_full_name() in history
    )
    assert "approved_digital_materials" in history or "học liệu" in history
    saves = AuditEntry.objects.filter(target_id=a.pk, verb="assessment.edit").order_by("pk")
    assert [e.after for e in saves] == [
        {"fact:approved_digital_materials": 41},
        {"fact:it_steering_body": True},
    ]
    assert [e.actor for e in saves] == [world.users["member"], world.users["head"]]


@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_on_the_same_version_let_exactly_one_through(world):
    """Real concurrency (threads, own connections, row lock): one save wins, the other is refused."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (SQLite serialises whole-database writes)")
    a = world.assessments["school"]
    version = a.version
    barrier = threading.Barrier(2)
    outcome: dict[str, str] = {}

    def edit(name: str, value: int) -> None:
        try:
            mine = Assessment.objects.get(pk=a.pk)
            barrier.wait()
            actions.save_answers(
                mine,
                facts={"approved_digital_materials": value},
                expected_version=version,
                by=world.users[name],
            )
            outcome[name] = "saved"
        except actions.ActionRefused:
            outcome[name] = "refused"
        finally:
            connection.close()

    threads = [
        threading.Thread(target=edit, args=("member", 41)),
        threading.Thread(target=edit, args=("head", 12)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcome.values()) == ["refused", "saved"]
    a.refresh_from_db()
    winner = next(name for name, result in outcome.items() if result == "saved")
    assert a.facts["approved_digital_materials"] == {"member": 41, "head": 12}[winner]
    assert a.version == version + 1
    assert AuditEntry.objects.filter(target_id=a.pk, verb="assessment.edit").count() == 1


def test_a_recognised_result_is_frozen_in_every_screen_until_a_reasoned_reopen(world):
    a = fill(world.assessments["school"], world.users["member"])
    link = Evidence.objects.create(
        assessment=a, target_id="1.4", kind="link", url="https://x.edu.vn/hoc-lieu"
    )
    a = actions.submit(a, by=world.users["head"])
    a = actions.recognise(a, by=world.users["office_head"])
    frozen = (a.facts, a.version, a.group1_points, a.group2_points)
    member = session(world, "member")

    save(member, a, "1.4", a.version, approved_digital_materials="3")
    member.post(
        f"/danh-gia/{a.pk}/minh-chung/", {"target_id": "1.4", "url": "https://x.edu.vn/moi"}
    )
    assert member.post(f"/danh-gia/{a.pk}/minh-chung/{link.pk}/xoa/").status_code == 404
    a.refresh_from_db()
    assert (a.facts, a.version, a.group1_points, a.group2_points) == frozen
    assert list(a.evidence.values_list("pk", flat=True)) == [link.pk]

    office = session(world, "office_head")
    office.post(f"/danh-gia/{a.pk}/tham-dinh/", {"action": "reopen", "reason": ""})
    a.refresh_from_db()
    assert a.status == S.RECOGNISED  # no reason, no reopen
    office.post(
        f"/danh-gia/{a.pk}/tham-dinh/", {"action": "reopen", "reason": "Sai số liệu mục 1.4"}
    )
    a.refresh_from_db()
    assert a.status == S.RETURNED and a.reopen_reason == "Sai số liệu mục 1.4"

    save(member, a, "1.4", a.version, approved_digital_materials="3")
    a.refresh_from_db()
    assert a.facts["approved_digital_materials"] == 3
    history = office.get(f"/danh-gia/{a.pk}/lich-su/").content.decode()
    assert "Sai số liệu mục 1.4" in history


def test_evidence_changes_are_audited_and_shown_in_the_history(world):
    a = world.assessments["school"]
    member = session(world, "member")
    member.post(
        f"/danh-gia/{a.pk}/minh-chung/",
        {"target_id": "1.4", "url": "https://x.edu.vn/hoc-lieu", "title": "Kho học liệu"},
    )
    evidence = a.evidence.get()
    member.post(f"/danh-gia/{a.pk}/minh-chung/{evidence.pk}/xoa/")
    verbs = list(
        AuditEntry.objects.filter(target_id=a.pk).order_by("pk").values_list("verb", flat=True)
    )
    assert verbs[-2:] == ["evidence.add", "evidence.remove"]
    history = member.get(f"/danh-gia/{a.pk}/lich-su/").content.decode()
    assert history.count("Kho học liệu") >= 2
