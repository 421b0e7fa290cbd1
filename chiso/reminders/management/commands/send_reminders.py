"""`manage.py send_reminders`: the day's reminder emails (run daily, from cron or the job queue).

Safe to run more than once a day: nobody gets the same reminder twice on one day.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chiso.reminders import services


class Command(BaseCommand):
    help = "Gửi email nhắc hạn nộp của hôm nay cho các đơn vị chưa nộp bản tự đánh giá."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--ngay", help="ngày chạy, dạng 2026-12-07 (mặc định: hôm nay)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options.get("ngay"):
            try:
                today = dt.date.fromisoformat(options["ngay"])
            except ValueError:
                raise CommandError("Ngày không hợp lệ: hãy viết dạng 2026-12-07.") from None
        try:
            sent = services.send_due(today)
        except services.MailUnavailable as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Đã gửi {sent} email nhắc hạn.")
