from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from chiso.ops.backup import BackupError, backup


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và mọi tệp minh chứng vào một tệp .tar.gz"

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("archive", help="tệp .tar.gz sẽ ghi")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        target = Path(options["archive"])
        if target.exists():
            raise CommandError(f"Tệp «{target}» đã có: chọn tên khác.")
        try:
            manifest = backup(target)
        except (BackupError, OSError) as exc:
            target.unlink(missing_ok=True)
            raise CommandError(str(exc)) from None
        rows = sum(manifest["rows"].values())
        self.stdout.write(
            f"Đã sao lưu {rows} bản ghi và {len(manifest['files'])} tệp vào {target} "
            f"({target.stat().st_size / 1048576:.1f} MB)."
        )
        for name in manifest["missing_files"]:
            self.stderr.write(f"Cảnh báo: tệp «{name}» được tham chiếu nhưng không có trong kho.")
