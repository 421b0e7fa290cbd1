import threading

import pytest

from chiso.assessments import actions
from chiso.evidence.models import Evidence
from tests.conftest import close_streaming, fill
from tests.evidence.conftest import PAGE


@pytest.mark.django_db(transaction=True)
def test_submitting_keeps_what_each_link_showed_that_day(world, server, settings, tmp_path):
    settings.EVIDENCE_CAPTURE_ENABLED = True
    settings.EVIDENCE_CAPTURE_ALLOW_PRIVATE = True  # the test server is on loopback
    settings.EVIDENCE_CAPTURE_IN_BACKGROUND = False  # wait for it, to look at the result
    settings.MEDIA_ROOT = tmp_path
    a = fill(world.assessments["school"], world.users["member"])
    live = Evidence.objects.create(
        assessment=a, target_id="1.1", kind="link", url=f"{server}/ke-hoach"
    )
    dead = Evidence.objects.create(
        assessment=a, target_id="1.3", kind="link", url=f"{server}/mat-roi"
    )
    actions.submit(a, by=world.users["head"])
    live.refresh_from_db()
    dead.refresh_from_db()
    assert live.captured_status == 200 and live.captured_title == "Kế hoạch dạy học trực tuyến"
    with live.captured_file.open("rb") as copy:
        assert copy.read() == PAGE
    assert dead.captured_status == 404 and dead.captured_error == "Trang trả về mã 404"
    assert not dead.captured_file


@pytest.mark.django_db(transaction=True)
def test_the_reviewer_downloads_the_copy_even_when_the_link_dies(
    world, server, settings, tmp_path, client
):
    settings.EVIDENCE_CAPTURE_ENABLED = True
    settings.EVIDENCE_CAPTURE_ALLOW_PRIVATE = True
    settings.EVIDENCE_CAPTURE_IN_BACKGROUND = False
    settings.MEDIA_ROOT = tmp_path
    a = fill(world.assessments["school"], world.users["member"])
    evidence = Evidence.objects.create(
        assessment=a, target_id="1.1", kind="link", url=f"{server}/ke-hoach"
    )
    actions.submit(a, by=world.users["head"])
    evidence.refresh_from_db()
    evidence.url = f"{server}/da-xoa"
    evidence.save(update_fields=["url"])
    client.login(username="reviewer", password="mat-khau-thu-nghiem-1")
    response = client.get(f"/danh-gia/{a.pk}/minh-chung/{evidence.pk}/ban-luu/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PAGE
    close_streaming(response)


@pytest.mark.django_db(transaction=True)
def test_in_the_background_the_submission_does_not_wait_for_slow_links(
    world, server, settings, tmp_path
):
    import time

    settings.EVIDENCE_CAPTURE_ENABLED = True
    settings.EVIDENCE_CAPTURE_ALLOW_PRIVATE = True
    settings.EVIDENCE_CAPTURE_IN_BACKGROUND = True
    settings.MEDIA_ROOT = tmp_path
    a = fill(world.assessments["school"], world.users["member"])
    slow = Evidence.objects.create(assessment=a, target_id="1.1", kind="link", url=f"{server}/slow")
    started = time.monotonic()
    actions.submit(a, by=world.users["head"])
    assert time.monotonic() - started < 1.0  # the page answers before the 1.5 s link does
    # Wait for the capture itself, not by reading the row meanwhile: the test database is
    # SQLite's shared in-memory one, where a read can refuse the thread's write at once.
    for thread in threading.enumerate():
        if thread.name == f"capture-{a.pk}":
            thread.join(timeout=10)
    slow.refresh_from_db()
    assert slow.captured_status == 200
