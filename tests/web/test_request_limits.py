"""A body larger than any upload allows is refused before it is read, with a Vietnamese message."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from chiso.evidence.models import Evidence


def test_an_oversized_upload_is_refused_before_it_is_read(client, world, settings):
    settings.REQUEST_MAX_BYTES = 4096
    client.force_login(world.users["member"])
    url = reverse("evidence:add", args=[world.assessments["school"].pk])
    big = SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.4\n" + b"0" * 8000, "application/pdf")
    response = client.post(url, {"target_id": "1.4", "title": "Kế hoạch", "file": big})
    assert response.status_code == 413
    assert "Tệp gửi lên quá lớn (tối đa 1 MB)" in response.content.decode()
    assert not Evidence.objects.exists()


def test_the_bulk_appendix_zip_has_its_own_larger_limit(client, world, settings):
    settings.REQUEST_MAX_BYTES = 4096
    settings.BULK_UPLOAD_MAX_BYTES = 1024 * 1024
    client.force_login(world.users["office_head"])
    url = reverse("reports:import_appendices", args=[world.units["phong_a"].pk])
    archive = SimpleUploadedFile("phu-luc.zip", b"PK" + b"0" * 8000, "application/zip")
    response = client.post(url, {"file": archive})
    assert response.status_code != 413  # read, then refused by the ZIP check as not a ZIP


def test_an_ordinary_form_passes(client, world):
    client.force_login(world.users["member"])
    url = reverse("evidence:add", args=[world.assessments["school"].pk])
    response = client.post(
        url, {"target_id": "1.4", "title": "Kho học liệu", "url": "https://x.edu.vn/a"}
    )
    assert response.status_code == 302
    assert Evidence.objects.count() == 1


def test_a_session_lasts_a_working_day_not_two_weeks(client, world, settings):
    from tests.conftest import PASSWORD

    response = client.post("/dang-nhap/", {"username": "member", "password": PASSWORD})
    assert response.status_code == 302
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert settings.SESSION_COOKIE_AGE == 12 * 3600
    assert int(cookie["max-age"]) <= 12 * 3600
