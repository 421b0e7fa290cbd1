"""Publishing: administrators for national indices, the office head for the office's own."""

from __future__ import annotations

import datetime as dt

import pytest

from chiso.audit.models import AuditEntry
from chiso.frameworks import actions
from chiso.frameworks.models import FrameworkVersion
from tests.conftest import PASSWORD
from tests.frameworks.conftest import national

BASIS = {
    "decision_number": "12/QĐ-BGDĐT",
    "decision_date": "2026-09-01",
    "issuer": "Bộ Giáo dục và Đào tạo",
}


@pytest.fixture
def national_draft(world):
    return actions.copy_as_new_version(national(), by=world.users["national_admin"])


@pytest.fixture
def local_draft(world):
    return actions.copy_as_local(
        national(),
        framework_id="pa1-mamnon",
        owner=world.units["phong_a"],
        by=world.users["reviewer"],
    )


def test_an_administrator_publishes_a_national_draft_with_its_legal_basis(
    client, world, national_draft
):
    client.login(username="national_admin", password=PASSWORD)
    response = client.post(f"/bo-chi-so/{national_draft.pk}/ban-hanh/", BASIS)
    assert response.status_code == 302
    row = FrameworkVersion.objects.get(pk=national_draft.pk)
    assert (row.status, row.decision_number, str(row.decision_date)) == (
        "published",
        "12/QĐ-BGDĐT",
        "2026-09-01",
    )
    assert 'number: "12/QĐ-BGDĐT"' in row.text and "date: 2026-09-01" in row.text
    assert row.published_by == world.users["national_admin"]
    entry = AuditEntry.objects.get(verb="framework.publish", target_id=row.pk)
    assert entry.after["version"] == "qd4725-2022@2" and entry.after["decision"] == "12/QĐ-BGDĐT"
    listed = client.get("/bo-chi-so/").content.decode()
    assert f'href="/bo-chi-so/{row.pk}/"' in listed and "12/QĐ-BGDĐT" in listed


@pytest.mark.parametrize(
    "username", ["office_head", "so_head", "reviewer", "head", "other_office_head"]
)
def test_nobody_but_an_administrator_sees_or_publishes_a_national_draft(
    client, world, national_draft, username
):
    client.login(username=username, password=PASSWORD)
    assert client.get(f"/bo-chi-so/{national_draft.pk}/").status_code == 404
    assert client.post(f"/bo-chi-so/{national_draft.pk}/ban-hanh/", BASIS).status_code == 404
    assert FrameworkVersion.objects.get(pk=national_draft.pk).status == "draft"


def test_the_office_head_publishes_the_offices_own_index_and_its_reviewer_only_edits_it(
    client, world, local_draft
):
    client.login(username="reviewer", password=PASSWORD)
    assert client.get(f"/bo-chi-so/{local_draft.pk}/sua/").status_code == 200
    assert client.post(f"/bo-chi-so/{local_draft.pk}/ban-hanh/", BASIS).status_code == 404
    client.login(username="office_head", password=PASSWORD)
    assert client.post(f"/bo-chi-so/{local_draft.pk}/ban-hanh/", BASIS).status_code == 302
    row = FrameworkVersion.objects.get(pk=local_draft.pk)
    assert row.status == "published" and row.is_local and row.derived_from == "qd4725-2022@1"


def test_outsiders_get_404_for_an_offices_index_and_offices_above_see_it_once_published(
    client, world, local_draft
):
    for username in ("other_office_head", "other_reviewer", "other_head", "so_head"):
        client.login(username=username, password=PASSWORD)
        assert client.get(f"/bo-chi-so/{local_draft.pk}/").status_code == 404, username
        assert client.post(f"/bo-chi-so/{local_draft.pk}/ban-hanh/", BASIS).status_code == 404
    actions.publish(
        local_draft,
        by=world.users["office_head"],
        decision_number="1/QĐ",
        decision_date=dt.date(2026, 9, 1),
        issuer="Phòng GDĐT A1",
    )
    for username, status in (
        ("so_head", 200),
        ("head", 200),
        ("other_office_head", 404),
        ("other_head", 404),
    ):
        client.login(username=username, password=PASSWORD)
        assert client.get(f"/bo-chi-so/{local_draft.pk}/").status_code == status, username


def test_publishing_without_a_legal_basis_changes_nothing(client, world, national_draft):
    client.login(username="national_admin", password=PASSWORD)
    response = client.post(
        f"/bo-chi-so/{national_draft.pk}/ban-hanh/", {**BASIS, "decision_number": " "}
    )
    page = response.content.decode()
    assert (
        response.status_code == 200 and "Thiếu căn cứ pháp lý" in page and "số quyết định" in page
    )
    assert FrameworkVersion.objects.get(pk=national_draft.pk).status == "draft"
    assert not AuditEntry.objects.filter(verb="framework.publish").exists()


def test_a_published_version_is_retired_not_edited_and_a_draft_can_be_thrown_away(
    client, world, national_draft
):
    client.login(username="national_admin", password=PASSWORD)
    client.post(f"/bo-chi-so/{national_draft.pk}/ban-hanh/", BASIS)
    assert client.get(f"/bo-chi-so/{national_draft.pk}/sua/").status_code == 404
    assert client.post(f"/bo-chi-so/{national_draft.pk}/ngung-ap-dung/").status_code == 302
    assert FrameworkVersion.objects.get(pk=national_draft.pk).status == "retired"
    third = actions.copy_as_new_version(national(), by=world.users["national_admin"])
    assert third.version == 3
    client.post(f"/bo-chi-so/{third.pk}/xoa/")
    assert not FrameworkVersion.objects.filter(pk=third.pk).exists()
    assert AuditEntry.objects.get(verb="framework.delete").before["version"] == "qd4725-2022@3"
