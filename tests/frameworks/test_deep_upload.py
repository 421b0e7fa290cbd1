"""Uploading or editing an index nested 5,000 deep: a message with its place, nothing saved."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from chiso.frameworks.models import FrameworkVersion
from tests.conftest import PASSWORD

DEEP = ("id: moi-2026\ngroups: " + "[" * 5000 + "]" * 5000 + "\n").encode()


def test_a_deeply_nested_upload_gets_a_message_and_saves_nothing(client, world):
    client.login(username="office_head", password=PASSWORD)
    before = FrameworkVersion.objects.count()
    response = client.post(
        "/bo-chi-so/moi/",
        {"file": SimpleUploadedFile("sau.yaml", DEEP), "owner": str(world.units["phong_a"].pk)},
    )
    assert response.status_code == 200
    assert "lồng nhau quá sâu" in response.content.decode()
    assert FrameworkVersion.objects.count() == before
