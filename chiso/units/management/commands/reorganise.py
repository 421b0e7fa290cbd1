"""`manage.py reorganise FILE --office CODE --user USERNAME [--apply]`: a table of
reorganisations (merges, splits) read as a dry run row by row; with --apply, applied in one
transaction as the given user (who must be allowed to on the office, as on the web)."""

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from chiso.units import policy, reorganisations
from chiso.units.models import Unit


class Command(BaseCommand):
    help = "Sắp xếp đơn vị theo bảng đơn vị cũ → đơn vị mới (chạy thử; --apply để áp dụng)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file")
        parser.add_argument("--office", required=True, help="mã đơn vị (Sở hoặc Bộ) áp dụng")
        parser.add_argument("--user", required=True, help="tài khoản áp dụng (được ghi vết)")
        parser.add_argument("--apply", action="store_true", help="áp dụng sau khi chạy thử")

    def handle(self, *args: Any, file: str, office: str, user: str, **options: Any) -> None:
        unit = Unit.objects.filter(code=office, is_active=True).first()
        account = get_user_model().objects.filter(username=user, is_active=True).first()
        if unit is None or account is None or not policy.can_reorganise(account, unit):
            raise CommandError(
                _("Tài khoản «%(user)s» không được sắp xếp đơn vị của đơn vị mã «%(office)s».")
                % {"user": user, "office": office}
            )
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("Không có tệp «%(name)s».") % {"name": file})
        if path.stat().st_size > reorganisations.MAX_BYTES:
            raise CommandError(_("Tệp «%(name)s» quá lớn (tối đa 10 MB).") % {"name": path.name})
        try:
            plan = reorganisations.read_table(path.name, path.read_bytes(), unit)
            for row in plan.rows:
                line = _("Dòng %(row)s: %(old)s → %(new)s: %(what)s") % {
                    "row": row.row,
                    "old": row.old_code,
                    "new": row.new_code,
                    "what": reorganisations.describe(row),
                }
                self.stdout.write(line)
            if not options["apply"]:
                return
            done = reorganisations.apply_table(plan, unit, by=account)
        except reorganisations.ReorganisationRefused as exc:
            raise CommandError(str(exc)) from None
        if not done.changed:
            self.stdout.write(_("Không có gì thay đổi: bảng này đã được áp dụng trước đây."))
            return
        self.stdout.write(
            _(
                "Đã áp dụng: %(closed)s đơn vị đóng, %(created)s đơn vị tạo mới, "
                "%(moved)s đơn vị trực thuộc chuyển sang đơn vị mới."
            )
            % {"closed": done.closed, "created": done.created, "moved": done.moved}
        )
