"""`manage.py synth` (also `chiso synth`): a synthetic country in the configured database."""

from typing import Any

from django.core.management.base import BaseCommand

from chiso.demo.synth import generate


class Command(BaseCommand):
    help = "Tạo một quốc gia giả lập (34 Sở, ~700 Phòng, 55.000 cơ sở, 3 năm học) để đo tải."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--provinces", type=int, default=34)
        parser.add_argument("--districts", type=int, default=700)
        parser.add_argument("--institutions", type=int, default=55_000)
        parser.add_argument(
            "--prefix", default="SYN", help="mã đơn vị bắt đầu bằng (để tạo nhiều lần)"
        )
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args: Any, **o: Any) -> None:
        made = generate(
            provinces=o["provinces"], districts=o["districts"], institutions=o["institutions"],
            seed=o["seed"], prefix=o["prefix"], say=self.stdout.write,
        )  # fmt: skip
        self.stdout.write(f"Xong: {made}")
