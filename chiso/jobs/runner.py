"""Starting and running jobs: in a thread of the web process by default, on RQ workers in production.

JOBS_BACKEND: "thread" (embedded default: no extra process to run), "rq" (a Redis queue and
`manage.py run_worker` processes), "inline" (run at once in the caller; tests and commands).
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import OperationalError, close_old_connections, connection, transaction
from django.utils import timezone
from redis import Redis
from rq import Queue

from chiso.jobs.models import Job
from chiso.jobs.registry import KINDS, JobFailed

log = logging.getLogger(__name__)


class Progress:
    """Reports how far a job got; writes to the database at most every `interval` seconds."""

    def __init__(self, job: Job, interval: float = 0.5) -> None:
        self.job = job
        self.interval = interval
        self._last = 0.0

    def __call__(self, done: int, total: int | None = None, message: str = "") -> None:
        self.job.done = done
        if total is not None:
            self.job.total = total
        if message:
            self.job.message = message
        now = time.monotonic()
        if now - self._last >= self.interval or (total and done >= total):
            self._last = now
            Job.objects.filter(pk=self.job.pk).update(
                done=self.job.done,
                total=self.job.total,
                message=self.job.message,
                updated_at=timezone.now(),
            )


def submit(
    kind: str,
    *,
    owner: Any,
    unit: Any,
    title: str,
    params: dict[str, Any] | None = None,
    source: tuple[str, bytes] | None = None,
) -> Job:
    """Record a job and start it once the surrounding transaction commits."""
    if kind not in KINDS:
        raise ValueError(f"unknown job kind {kind!r}")
    longest = Job._meta.get_field("title").max_length
    title = title if len(title) <= longest else title[: longest - 1] + "…"
    job = Job(kind=kind, owner=owner, unit=unit, title=title, params=params or {})
    if source is not None:
        job.source.save(source[0], ContentFile(source[1]), save=False)
    job.save()
    transaction.on_commit(lambda: dispatch(job.pk))
    return job


def dispatch(pk: int) -> None:
    backend = settings.JOBS_BACKEND
    if backend == "inline":
        run(pk)
    elif backend == "rq":
        queue().enqueue("chiso.jobs.runner.run_from_queue", pk, job_timeout=settings.JOBS_TIMEOUT)
    else:
        threading.Thread(target=_run_in_thread, args=(pk,), name=f"job-{pk}", daemon=True).start()


def queue() -> Any:

    return Queue(settings.JOBS_QUEUE, connection=Redis.from_url(settings.JOBS_REDIS_URL))


def _run_in_thread(pk: int) -> None:
    try:
        run(pk)
    finally:
        connection.close()  # the thread's own connection


def run_from_queue(pk: int) -> None:
    """A queue worker's entry: a long-lived process drops stale connections around each job."""
    _drop_stale_connections()
    try:
        run(pk)
    finally:
        _drop_stale_connections()


def _drop_stale_connections() -> None:
    if not connection.in_atomic_block:  # a worker never is; a test running the worker inline is
        close_old_connections()


def _claim(pk: int, attempts: int = 40) -> bool:
    """Mark the job running if it is still queued. SQLite refuses a write at once while another
    connection reads the table (an embedded thread beside the request that queued the job): try
    again for up to two seconds rather than leave the job queued for ever."""
    for attempt in range(attempts):
        try:
            return bool(
                Job.objects.filter(pk=pk, status=Job.Status.QUEUED).update(
                    status=Job.Status.RUNNING, updated_at=timezone.now()
                )
            )
        except OperationalError as exc:
            if "locked" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.05)
    return False


def run(pk: int) -> None:
    """Run one job to its end; any failure is kept on the job, never raised to the worker."""
    if not _claim(pk):
        return  # already run by someone else, or gone
    job = Job.objects.get(pk=pk)
    progress = Progress(job)
    try:
        outcome = KINDS[job.kind](job, progress)
    except JobFailed as exc:
        _finish(job, Job.Status.FAILED, str(exc))
        return
    except Exception:
        log.exception("job %s (%s) failed", pk, job.kind)
        _finish(
            job, Job.Status.FAILED, "Việc bị lỗi ngoài dự kiến; quản trị viên đã được ghi nhận lỗi."
        )
        return
    if outcome.file_name:
        job.result.save(outcome.file_name, ContentFile(outcome.file_content), save=False)
        job.result_name = outcome.file_name
    job.summary = outcome.summary
    _finish(job, Job.Status.DONE, outcome.message)


def _finish(job: Job, status: str, message: str) -> None:
    job.status = status
    job.message = message
    job.finished_at = timezone.now()
    job.save()
