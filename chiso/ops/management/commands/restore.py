from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from chiso.ops.backup import BackupError, restore


class Command(BaseCommand):
    help = "Khôi phục một bản sao lưu của chiso vào cơ sở dữ liệu trống"

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("archive", help="tệp .tar.gz do `chiso backup` ghi")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        source = Path(options["archive"])
        if not source.is_file():
            raise CommandError(f"Không có tệp «{source}».")
        call_command("migrate", interactive=False, verbosity=0)
        try:
            manifest = restore(source)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"Đã khôi phục {sum(manifest['rows'].values())} bản ghi và "
            f"{len(manifest['files'])} tệp từ bản sao lưu ngày {manifest['created']}."
        )
        differ = manifest["figures_differ"]
        if differ == []:
            self.stdout.write(_("Số liệu bảng điều khiển khớp với lúc sao lưu."))
        elif differ:
            self.stderr.write(
                _(
                    "Cảnh báo: số liệu bảng điều khiển khác lúc sao lưu ở %(offices)s "
                    "(số đơn vị trễ hạn tính theo ngày hôm nay)."
                )
                % {"offices": ", ".join(differ[:10])}
            )
