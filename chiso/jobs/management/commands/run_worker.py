"""A job worker on the Redis queue (production: JOBS_BACKEND=rq, one or more of these under systemd)."""

from typing import Any

from django.core.management.base import BaseCommand
from rq import Worker

from chiso.jobs.runner import queue


class Command(BaseCommand):
    help = "Chạy việc nền từ hàng đợi Redis (JOBS_BACKEND=rq)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--burst", action="store_true", help="dừng khi hàng đợi trống")

    def handle(self, *args: Any, burst: bool = False, **options: Any) -> None:

        q = queue()
        Worker([q], connection=q.connection).work(burst=burst, with_scheduler=False)
