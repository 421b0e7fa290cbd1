"""Jobs run to their end and keep their outcome, in-process or through the Redis queue."""

from __future__ import annotations

import time
import uuid

import pytest
from django.db import OperationalError

from chiso.jobs import runner
from chiso.jobs.models import Job
from chiso.jobs.registry import JobFailed, Outcome, job
from tests.conftest import PASSWORD


@job("test_count")
def count_to(j: Job, progress: runner.Progress) -> Outcome:
    total = int(j.params["n"])
    for i in range(1, total + 1):
        progress(i, total)
    return Outcome(f"đếm đến {total}", file_name="ket-qua.txt", file_content=b"xong")


@job("test_refuses")
def refuses(j: Job, progress: runner.Progress) -> Outcome:
    raise JobFailed("Không có đơn vị nào để xử lý.")


@job("test_crashes")
def crashes(j: Job, progress: runner.Progress) -> Outcome:
    raise RuntimeError("boom")


def _submit(world, kind: str, **params) -> Job:
    return runner.submit(
        kind,
        owner=world.users["office_head"],
        unit=world.units["phong_a"],
        title="Thử",
        params=params,
    )


def test_a_job_runs_once_its_transaction_commits_and_keeps_its_file(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        j = _submit(world, "test_count", n=7)
        assert Job.objects.get(pk=j.pk).status == Job.Status.QUEUED
    j.refresh_from_db()
    assert (j.status, j.done, j.total, j.percent) == ("done", 7, 7, 100)
    assert j.message == "đếm đến 7"
    with j.result.open("rb") as file:
        assert file.read() == b"xong" and j.result_name == "ket-qua.txt"
    assert j.finished_at is not None


def test_a_refused_job_shows_its_reason_and_a_crash_shows_no_internals(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        refused = _submit(world, "test_refuses")
        crashed = _submit(world, "test_crashes")
    refused.refresh_from_db()
    crashed.refresh_from_db()
    assert (refused.status, refused.message) == ("failed", "Không có đơn vị nào để xử lý.")
    assert crashed.status == "failed" and "boom" not in crashed.message
    assert "lỗi" in crashed.message


def test_a_job_is_run_only_once(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        j = _submit(world, "test_count", n=2)
    runner.run(j.pk)  # a second delivery of the same job does nothing
    j.refresh_from_db()
    assert j.status == "done" and j.done == 2


def test_the_job_page_polls_while_running_and_stops_when_done(client, world):
    j = Job.objects.create(
        kind="test_count",
        title="Đang đếm",
        owner=world.users["office_head"],
        unit=world.units["phong_a"],
        status=Job.Status.RUNNING,
        done=3,
        total=12,
    )
    client.login(username="office_head", password=PASSWORD)
    page = client.get(f"/viec/{j.pk}/").content.decode()
    assert 'hx-trigger="every 1s"' in page and 'value="3"' in page and "25%" in page
    Job.objects.filter(pk=j.pk).update(status=Job.Status.DONE, done=12, message="Xong rồi")
    fragment = client.get(f"/viec/{j.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in fragment and "Xong rồi" in fragment
    assert "<html" not in fragment


@pytest.mark.django_db(transaction=True)
def test_the_embedded_default_runs_jobs_in_a_thread_of_the_web_process(settings, django_user_model):
    from chiso.units.models import Unit
    from chiso.units.services import create_unit

    settings.JOBS_BACKEND = "thread"
    owner = django_user_model.objects.create_user("nguoi-chay", password=PASSWORD)
    unit = create_unit(name="Phòng GDĐT Thử", kind=Unit.Kind.DISTRICT, code="P-THU")
    j = runner.submit("test_count", owner=owner, unit=unit, title="Thử", params={"n": 3})
    for _ in range(100):
        time.sleep(0.05)
        try:
            j.refresh_from_db()
        except OperationalError:  # SQLite's shared in-memory test database: the job is writing
            continue
        if j.is_finished:
            break
    assert j.status == "done" and j.done == 3


def test_the_production_setting_runs_jobs_on_a_redis_queue_with_a_worker(
    world, settings, django_capture_on_commit_callbacks
):
    from redis import Redis
    from rq import SimpleWorker

    redis = Redis.from_url(settings.JOBS_REDIS_URL)
    try:
        redis.ping()
    except Exception:
        pytest.fail("Redis must run at 127.0.0.1:6379 (JOBS_REDIS_URL) for this test")
    settings.JOBS_BACKEND = "rq"
    settings.JOBS_QUEUE = f"chiso-test-{uuid.uuid4().hex[:8]}"
    queue = runner.queue()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            j = _submit(world, "test_count", n=5)
        assert queue.count == 1  # waiting in Redis, not run by the web process
        assert Job.objects.get(pk=j.pk).status == "queued"
        # A worker (the same one `manage.py run_worker` starts) takes it from Redis.
        SimpleWorker([queue], connection=redis).work(burst=True)
        j.refresh_from_db()
        assert (j.status, j.done, j.message) == ("done", 5, "đếm đến 5")
        assert queue.count == 0
    finally:
        queue.delete(delete_jobs=True)
