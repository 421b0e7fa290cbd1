"""Uploading an index file: a new draft when valid; an invalid upload changes nothing."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from chiso.audit.models import AuditEntry
from chiso.frameworks.models import FrameworkVersion
from tests.conftest import PASSWORD
from tests.frameworks.conftest import national

# Nine levels of nine aliases: 9**9 nodes once expanded, from a few hundred bytes.
BOMB = (
    "a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
    + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 9))
).encode()


def _upload(client, name: str, content: bytes, owner: str = ""):
    return client.post(
        "/bo-chi-so/moi/", {"file": SimpleUploadedFile(name, content), "owner": owner}
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bo.yaml", b"id: moi-2026\ngroups: [\n", "YAML không hợp lệ"),
        ("bo.yaml", b"- mot\n- hai\n", "nội dung phải là một bảng khóa"),
        (
            "bo.yaml",
            b"id: moi-2026\nversion: 1\nfacts: {}\n",
            "bộ chỉ số phải có ít nhất một nhóm tiêu chí",
        ),
        ("bo.yaml", b"id: A B\n", "mã «A B» phải gồm"),
        ("bo.txt", b"id: moi-2026\n", "đuôi .yaml"),
        ("bo.yaml", "id: moi-2026\n".encode("utf-16"), "UTF-8"),
        ("bo.yaml", b"id: x\n" + b"#" * 600_000, "Tệp quá lớn"),
        ("bo.yaml", BOMB, "quá lớn sau khi mở các tham chiếu (*alias): hơn 100.000 phần tử"),
        ("bo.yaml", b"id: moi-2026\ngroups: &g [*g]\n", "có tham chiếu vòng"),
    ],
)
def test_an_invalid_upload_changes_nothing_and_says_why(client, world, name, content, message):
    client.login(username="national_admin", password=PASSWORD)
    before = FrameworkVersion.objects.count()
    response = _upload(client, name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert FrameworkVersion.objects.count() == before
    assert not AuditEntry.objects.filter(verb="framework.create").exists()


def test_an_upload_of_an_existing_id_becomes_its_next_version_with_the_comments(client, world):
    client.login(username="national_admin", password=PASSWORD)
    response = _upload(client, "4725.yaml", national().text.encode())
    row = FrameworkVersion.objects.get(framework_id="qd4725-2022", version=2)
    assert response.status_code == 302 and response["Location"] == f"/bo-chi-so/{row.pk}/sua/"
    assert row.status == "draft" and row.owner is None and "\nversion: 2\n" in row.text
    assert "# choice: exactly 40 -> 6" in row.text


def test_an_office_uploads_its_own_index_marked_local(client, world):
    text = national().text.replace("id: qd4725-2022", "id: pa1-thu-2026", 1)
    client.login(username="office_head", password=PASSWORD)
    _upload(client, "pa1.yaml", text.encode(), owner=str(world.units["phong_a"].pk))
    row = FrameworkVersion.objects.get(framework_id="pa1-thu-2026")
    assert row.owner == world.units["phong_a"] and row.is_local and "local: true" in row.text
    # Another office may not take over the id, nor upload for an office not its own.
    client.login(username="other_office_head", password=PASSWORD)
    page = _upload(client, "pa1.yaml", text.encode(), owner=str(world.units["phong_b"].pk))
    assert "đã thuộc Phòng GDĐT A1" in page.content.decode()
    assert (
        _upload(client, "pa1.yaml", text.encode(), owner=str(world.units["phong_a"].pk)).status_code
        == 404
    )
    assert FrameworkVersion.objects.filter(framework_id="pa1-thu-2026").count() == 1


def test_schools_cannot_upload_and_offices_cannot_upload_national_indices(client, world):
    client.login(username="head", password=PASSWORD)
    assert client.get("/bo-chi-so/moi/").status_code == 404
    client.login(username="office_head", password=PASSWORD)
    assert _upload(client, "x.yaml", national().text.encode(), owner="").status_code == 404
