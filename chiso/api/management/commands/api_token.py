"""`manage.py api_token USERNAME NAME`: issue a token for a machine client (printed once)."""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from chiso.api.models import ApiToken


class Command(BaseCommand):
    help = "Cấp khóa API cho một tài khoản (khóa chỉ hiện một lần)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")
        parser.add_argument("name", help="tên ứng dụng dùng khóa")
        parser.add_argument("--revoke", action="store_true", help="thu hồi mọi khóa của tài khoản")
        parser.add_argument(
            "--days", type=int, default=None, help="số ngày hiệu lực (mặc định API_TOKEN_DAYS)"
        )

    def handle(self, *args: Any, username: str, name: str, revoke: bool = False, **o: Any) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có tài khoản «{username}».")
        if revoke:
            count = ApiToken.objects.filter(user=user, revoked=False).update(revoked=True)
            self.stdout.write(f"Đã thu hồi {count} khóa.")
            return
        days = o.get("days")
        if days is not None and not 1 <= days <= 3650:
            raise CommandError("Số ngày hiệu lực phải từ 1 đến 3650.")
        row, token = ApiToken.issue(user, name, days)
        self.stdout.write(token)
        self.stderr.write(
            f"Khóa hết hạn lúc {row.expires_at:%d/%m/%Y %H:%M} (UTC), hoặc khi mật khẩu của "
            f"«{username}» đổi."
        )
