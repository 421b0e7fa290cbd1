"""National indices belong to the national role (the Bộ's administrator), not to any province's
administrator; their ids (qd + a decision's number) cannot be taken by an office."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from chiso.assessments.models import Campaign
from chiso.audit.models import AuditEntry
from chiso.frameworks import actions
from chiso.frameworks.models import FrameworkVersion
from chiso.units import policy
from tests.conftest import PASSWORD
from tests.frameworks.conftest import national


def test_a_provinces_administrator_cannot_retire_a_national_index(client, world):
    client.login(username="admin", password=PASSWORD)
    response = client.post(f"/bo-chi-so/{national().pk}/ngung-ap-dung/")
    assert response.status_code == 404
    assert national().status == FrameworkVersion.Status.PUBLISHED
    assert not AuditEntry.objects.filter(verb="framework.retire").exists()


def test_a_provinces_administrator_cannot_draft_or_edit_a_national_index(client, world):
    with pytest.raises(actions.FrameworkRefused):
        actions.copy_as_new_version(national(), by=world.users["admin"])
    draft = actions.copy_as_new_version(national(), by=world.users["national_admin"])
    client.login(username="admin", password=PASSWORD)
    assert client.get(f"/bo-chi-so/{draft.pk}/sua-yaml/").status_code == 404
    post = client.post(f"/bo-chi-so/{draft.pk}/sua-yaml/", {"text": "id: x\n", "revision": 1})
    assert post.status_code == 404
    assert client.post(f"/bo-chi-so/{draft.pk}/xoa/").status_code == 404
    assert FrameworkVersion.objects.get(pk=draft.pk).text == draft.text


def test_a_provinces_administrator_is_not_offered_a_national_owner(world):
    assert None not in policy.framework_owner_choices(world.users["admin"])
    assert None in policy.framework_owner_choices(world.users["national_admin"])


def test_the_national_role_retires_a_national_index_and_campaigns_stop_using_it(world):
    actions.retire(national(), by=world.users["national_admin"])
    assert national().status == FrameworkVersion.Status.RETIRED
    assert Campaign.objects.exists()  # results scored on it stay


def _upload(client, owner, framework_id: str):
    text = national().text.replace("id: qd4725-2022", f"id: {framework_id}", 1)
    return client.post(
        "/bo-chi-so/moi/",
        {"file": SimpleUploadedFile("x.yaml", text.encode()), "owner": owner},
    )


def test_an_office_cannot_register_a_national_indexs_id(client, world):
    client.login(username="reviewer", password=PASSWORD)
    page = _upload(client, str(world.units["phong_a"].pk), "qd4725-2027").content.decode()
    assert "dành cho bộ chỉ số quốc gia" in page
    assert not FrameworkVersion.objects.filter(framework_id="qd4725-2027").exists()
    with pytest.raises(actions.FrameworkRefused, match="dành cho bộ chỉ số quốc gia"):
        actions.copy_as_local(
            national(),
            framework_id="qd4725-2027",
            owner=world.units["phong_a"],
            by=world.users["office_head"],
        )


def test_the_national_role_registers_the_next_national_id(client, world):
    client.login(username="national_admin", password=PASSWORD)
    _upload(client, "", "qd4725-2027")
    row = FrameworkVersion.objects.get(framework_id="qd4725-2027")
    assert row.owner is None and row.is_draft
