"""An anonymous upload is answered before its body is read: nothing is spooled to disk for
someone who is not signed in (the bulk import took 301 MB before the CSRF check)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadhandler import MemoryFileUploadHandler

from tests.conftest import PASSWORD

RECEIVED: list[str] = []


class RecordingHandler(MemoryFileUploadHandler):
    """Django's own in-memory handler, noting every file it is handed."""

    def new_file(self, field_name, file_name, *args, **kwargs):
        RECEIVED.append(file_name)
        super().new_file(field_name, file_name, *args, **kwargs)


@pytest.fixture(autouse=True)
def recording(settings):
    settings.FILE_UPLOAD_HANDLERS = ["tests.web.test_anonymous_uploads.RecordingHandler"]
    RECEIVED.clear()


def _zip(name="phu-luc.zip"):
    file = io.BytesIO(b"PK\x05\x06" + b"\x00" * 18 + b"\x00" * 100_000)  # larger than a form
    file.name = name
    return file


def test_an_anonymous_upload_is_sent_to_sign_in_unread(client, world):
    url = f"/don-vi/{world.units['phong_a'].pk}/nhap-phu-luc/"
    response = client.post(url, {"file": _zip()})
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")
    assert RECEIVED == []


def test_an_anonymous_upload_to_the_api_is_refused_unread(client, world):
    response = client.post("/api/v1/assessments/1/facts/", {"file": _zip()})
    assert response.status_code == 401 and response.json()["error"]["code"] == "unauthenticated"
    assert RECEIVED == []


def test_a_small_anonymous_form_still_signs_in(client, world):
    response = client.post("/dang-nhap/", {"username": "member", "password": PASSWORD})
    assert response.status_code == 302 and "_auth_user_id" in client.session


def test_a_signed_in_upload_is_read_as_before(client, world):
    client.login(username="office_head", password=PASSWORD)
    client.post(f"/don-vi/{world.units['phong_a'].pk}/nhap-phu-luc/", {"file": _zip()})
    assert RECEIVED == ["phu-luc.zip"]
