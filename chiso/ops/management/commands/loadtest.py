import asyncio

from django.core.management.base import BaseCommand, CommandError

from chiso.ops import loadgen
from chiso.ops.load_users import pick_targets


class Command(BaseCommand):
    help = "Chạy thử tải tuần hạn chót vào một máy chủ chiso đang chạy (dữ liệu có sẵn trong CSDL)"

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--url", default="http://127.0.0.1:8104")
        parser.add_argument("--duration", type=float, default=60, help="giây")
        parser.add_argument("--max-requests", type=int, default=100_000)
        parser.add_argument("--concurrency", type=int, default=48, help="người dùng ảo cùng lúc")
        parser.add_argument("--institutions", type=int, default=40)
        parser.add_argument("--offices", type=int, default=8)
        parser.add_argument("--password", default="tai-thu-nghiem-2026")
        parser.add_argument("--master-pid", type=int, help="PID của gunicorn master (đo RSS)")
        parser.add_argument("--report-every", type=float, default=10)
        parser.add_argument("--users-only", action="store_true", help="chỉ tạo tài khoản rồi dừng")
        parser.add_argument("--fail-on-error", action="store_true")

    def handle(self, *args, **o):  # type: ignore[no-untyped-def]
        try:
            targets = pick_targets(o["institutions"], o["offices"], o["password"])
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        institutions = sum(1 for t in targets if t.assessment_pk)
        self.stdout.write(
            f"{institutions} cơ sở và {len(targets) - institutions} phòng/sở, "
            f"tài khoản load.<mã đơn vị>, mật khẩu {o['password']}"
        )
        if o["users_only"]:
            return
        # Office users are a fifth of the virtual users; the rest are institutions.
        offices = [t for t in targets if t.office_pk]
        schools = [t for t in targets if t.assessment_pk]
        n_office = max(1, o["concurrency"] // 5) if offices else 0
        mix = [schools[i % len(schools)] for i in range(o["concurrency"] - n_office)]
        mix += [offices[i % len(offices)] for i in range(n_office)]
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
            )
        )
        if o["fail_on_error"] and stats.errors:
            raise CommandError(f"{sum(stats.errors.values())} lỗi")
