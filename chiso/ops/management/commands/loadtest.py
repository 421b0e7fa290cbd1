import asyncio
from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from chiso.ops import loadgen
from chiso.ops.load_users import pick_targets


class Command(BaseCommand):
    help = "Chạy thử tải tuần hạn chót vào một máy chủ chiso đang chạy (dữ liệu có sẵn trong CSDL)"

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--url", default="http://127.0.0.1:8104")
        parser.add_argument("--duration", type=float, default=60, help="giây")
        parser.add_argument("--max-requests", type=int, default=100_000)
        parser.add_argument("--concurrency", type=int, default=48, help="người dùng ảo cùng lúc")
        parser.add_argument(
            "--rate", type=float, default=0, help="yêu cầu/giây nhắm tới (0: nhanh hết mức)"
        )
        parser.add_argument(
            "--institutions", type=int, default=0, help="mặc định: mỗi người một cơ sở"
        )
        parser.add_argument(
            "--offices", type=int, default=0, help="mặc định: mỗi người một phòng/sở"
        )
        parser.add_argument("--password", default="tai-thu-nghiem-2026")
        parser.add_argument("--master-pid", type=int, help="PID của gunicorn master (đo RSS)")
        parser.add_argument("--report-every", type=float, default=10)
        parser.add_argument("--users-only", action="store_true", help="chỉ tạo tài khoản rồi dừng")
        parser.add_argument("--fail-on-error", action="store_true")

    def handle(self, *args, **o):  # type: ignore[no-untyped-def]
        # Office users are a fifth of the virtual users; the rest are institutions, each on its
        # own draft unless fewer institutions are asked for.
        n_office = max(1, o["concurrency"] // 5)
        n_school = max(1, o["concurrency"] - n_office)
        try:
            targets = pick_targets(
                o["institutions"] or n_school, o["offices"] or n_office, o["password"]
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        schools = [t for t in targets if t.assessment_pk]
        offices = [t for t in targets if t.office_pk]
        level = Counter(t.level for t in offices)
        self.stdout.write(
            f"{len(schools)} cơ sở, {level['district']} phòng, {level['province']} sở, "
            f"{level['national']} bộ; "
            f"tài khoản load.<mã đơn vị>, mật khẩu {o['password']}"
        )
        if o["users_only"]:
            return
        mix = [schools[i % len(schools)] for i in range(n_school)]
        mix += [offices[i % len(offices)] for i in range(n_office if offices else 0)]
        database = connection.settings_dict["NAME"] if connection.vendor == "postgresql" else ""
        connection.close()  # only the server's connections to the database are measured
        stats = asyncio.run(
            loadgen.run(
                o["url"],
                mix,
                o["password"],
                duration=o["duration"],
                max_requests=o["max_requests"],
                concurrency=len(mix),
                master_pid=o["master_pid"],
                report_every=o["report_every"],
                out=self.stdout.write,
                rate=o["rate"],
                database_pids=(lambda: loadgen.backend_pids(database)) if database else None,
            )
        )
        if o["fail_on_error"] and stats.errors:
            raise CommandError(f"{sum(stats.errors.values())} lỗi")
