"""`manage.py synth` (also `chiso synth`): a synthetic country in the configured database."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from chiso.demo.synth import generate


class Command(BaseCommand):
    help = (
        "Tạo một quốc gia giả lập như hiện nay (34 tỉnh, thành; khoảng 3.300 xã, phường, đặc khu; "
        "khoảng 700 Phòng GDĐT đến 30/6/2025; 55.000 cơ sở; 3 năm học) để đo tải."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--provinces", type=int, default=34)
        parser.add_argument("--communes", type=int, default=3_321)
        parser.add_argument("--districts", type=int, default=700)
        parser.add_argument("--institutions", type=int, default=55_000)
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="hệ số nhân số xã, Phòng và cơ sở (ví dụ 0,01 cho một bản nhỏ)",
        )
        parser.add_argument(
            "--prefix", default="SYN", help="mã đơn vị bắt đầu bằng (để tạo nhiều lần)"
        )
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args: Any, **o: Any) -> None:
        scale = o["scale"]
        if not 0 < scale <= 10:
            raise CommandError("--scale phải lớn hơn 0 và không quá 10.")
        made = generate(
            provinces=o["provinces"], communes=max(1, round(o["communes"] * scale)),
            districts=max(1, round(o["districts"] * scale)),
            institutions=max(1, round(o["institutions"] * scale)),
            seed=o["seed"], prefix=o["prefix"], say=self.stdout.write,
        )  # fmt: skip
        self.stdout.write(f"Xong: {made}")
