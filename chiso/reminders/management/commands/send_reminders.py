"""`manage.py send_reminders`: the day's reminder emails (run daily, from cron or the job queue).

Safe to run more than once a day: nobody gets the same reminder twice on one day. With
`--hang-doi USER` the day's reminders are queued as a background job owned by USER (an office's
head or administrator), one per office they lead, and run by the job workers.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from chiso.reminders import jobs, services
from chiso.units import policy


class Command(BaseCommand):
    help = "Gửi email nhắc hạn nộp của hôm nay cho các đơn vị chưa nộp bản tự đánh giá."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--ngay", help="ngày chạy, dạng 2026-12-07 (mặc định: hôm nay)")
        parser.add_argument(
            "--hang-doi",
            metavar="TEN_DANG_NHAP",
            help="đưa vào hàng đợi việc nền thay vì gửi ngay, thay mặt người dùng này "
            "(lãnh đạo hoặc quản trị của cơ quan quản lý)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options.get("ngay"):
            try:
                today = dt.date.fromisoformat(options["ngay"])
            except ValueError:
                raise CommandError("Ngày không hợp lệ: hãy viết dạng 2026-12-07.") from None
        if options.get("hang_doi"):
            self._queue(options["hang_doi"], today)
            return
        try:
            sent = services.send_due(today)
        except services.MailUnavailable as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Đã gửi {sent} email nhắc hạn.")

    def _queue(self, username: str, today: dt.date | None) -> None:
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"Không có người dùng «{username}» đang hoạt động.")
        offices = [u for u in policy.office_units(user) if jobs.can_start(user, u)]
        # An office inside another one of the list is covered by the one above it.
        offices = [u for u in offices if not any(o != u and u.is_within(o) for o in offices)]
        if not offices:
            raise CommandError(
                f"«{username}» không phải lãnh đạo hay quản trị của cơ quan quản lý nào."
            )
        with transaction.atomic():
            queued = [jobs.start(office, by=user, day=today) for office in offices]
        for job in queued:
            self.stdout.write(f"Đã đưa vào hàng đợi: {job.title} (việc số {job.pk}).")
