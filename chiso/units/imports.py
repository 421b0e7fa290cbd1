"""Importing a list of units (CSV or XLSX): a dry run row by row, then create or update, never duplicate.

Columns (first row, any order; Vietnamese or English headers): mã đơn vị (code), tên đơn vị (name),
loại hình (type: MN, TH, THCS, THPT, TH&THCS, THCS&THPT, Liên cấp, GDTX, or Phòng),
mã đơn vị cấp trên (parent code, empty = directly under the importing office).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import secrets
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from chiso.audit import record
from chiso.lib import spreadsheets
from chiso.lib.spreadsheets import WorkbookRefused, check_extent, open_workbook
from chiso.units.models import Unit
from chiso.units.services import create_unit, move_unit

HEADERS = {
    "code": {"mã đơn vị", "mã trường", "mã", "code"},
    "name": {"tên đơn vị", "tên trường", "tên", "name"},
    "type": {"loại hình", "loại", "type"},
    "parent": {"mã đơn vị cấp trên", "đơn vị cấp trên", "cấp trên", "parent"},
}
# The column names shown in messages (translated); HEADERS above are what the file may say.
LABELS = {
    "code": pgettext_lazy("unit list column", "mã đơn vị"),
    "name": pgettext_lazy("unit list column", "tên đơn vị"),
    "type": pgettext_lazy("unit list column", "loại hình"),
    "parent": pgettext_lazy("unit list column", "đơn vị cấp trên"),
}
TYPES = {
    "mn": "MN",
    "mầm non": "MN",
    "th": "TH",
    "tiểu học": "TH",
    "thcs": "THCS",
    "thpt": "THPT",
    "th&thcs": "TH_THCS",
    "th_thcs": "TH_THCS",
    "thcs&thpt": "THCS_THPT",
    "thcs_thpt": "THCS_THPT",
    "liên cấp": "LIEN_CAP",
    "lien_cap": "LIEN_CAP",
    "gdtx": "GDTX",
    "phòng": "PHONG",
    "phong": "PHONG",
}
MAX_BYTES = 10 * 1024 * 1024
# A province has a few thousand units; rows beyond are refused before they are planned (each
# row is checked against the tree), cells before the workbook is parsed.
MAX_ROWS, MAX_COLUMNS = 20_000, 50
MAX_CELLS = 200_000


# NUL and other control characters: PostgreSQL refuses NUL, DOCX/XLSX documents refuse the rest.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


class UnitImportRefused(ValueError):
    """A file that cannot be read at all."""


@dataclass
class UnitRow:
    row: int
    code: str
    name: str
    kind: str
    institution_type: str
    parent_code: str
    action: str = ""  # create | update | unchanged | rejected
    reason: str = ""
    changes: dict[str, Any] = field(default_factory=dict)

    @property
    def changed(self) -> list[tuple[str, Any, Any]]:
        """The changes as the preview shows them: each field by its column's name."""
        column = {"institution_type": "type"}
        return [(str(LABELS[column.get(k, k)]), old, new) for k, (old, new) in self.changes.items()]


def _where(name: str, sheet: str, number: int, key: str = "") -> str:
    """Where a row's message points (the column by its header in the user's language)."""
    return spreadsheets.where(name, sheet, number, str(LABELS[key]) if key else "")


def _norm(text: Any) -> str:
    return " ".join(unicodedata.normalize("NFC", str(text or "")).strip().lower().split())


def _rows_from(name: str, content: bytes) -> tuple[str, list[list[Any]]]:
    if len(content) > MAX_BYTES:
        raise UnitImportRefused(_("Tệp «%(name)s» quá lớn (tối đa 10 MB).") % {"name": name})
    if name.lower().endswith(".xlsx"):
        return _xlsx_rows(name, content)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnitImportRefused(
            _("Tệp «%(name)s» không phải CSV mã hóa UTF-8.") % {"name": name}
        ) from None
    try:
        reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text))
        return "CSV", _bounded(name, "CSV", reader)
    except csv.Error:
        raise UnitImportRefused(
            _(
                "Tệp «%(name)s» không đọc được như bảng CSV: các cột phải cách nhau bằng dấu phẩy, chấm phẩy hoặc tab, mỗi ô không quá 100.000 ký tự."
            )
            % {"name": name}
        ) from None


def _delimiter(text: str) -> str:
    """The delimiter of the header row (comma, semicolon or tab), the quoting always the usual
    one; csv.Error when the header has none. Guessed from the whole sample (csv.Sniffer), a name
    with quotation marks, semicolons or tabs in it could be read as the delimiter or the quote."""
    header = _QUOTED.sub("", text.lstrip().split("\n", 1)[0])
    counts = {d: header.count(d) for d in ",;\t"}
    best = max(counts, key=lambda d: counts[d])
    if not counts[best]:
        raise csv.Error("no delimiter in the header row")
    return best


_QUOTED = re.compile(r'"[^"]*"')


def _xlsx_rows(name: str, content: bytes) -> tuple[str, list[list[Any]]]:
    """The first sheet's rows, streamed (read-only) after the checks of every uploaded workbook."""
    try:
        workbook = open_workbook(
            name, content, max_cells=MAX_CELLS, max_bytes=MAX_BYTES, read_only=True
        )
        sheet = workbook.worksheets[0]
        check_extent(name, sheet, MAX_ROWS + 1, MAX_COLUMNS)  # the header and the units
    except WorkbookRefused as exc:
        raise UnitImportRefused(str(exc)) from None
    try:
        rows = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
        return sheet.title, _bounded(name, sheet.title, rows)
    finally:
        workbook.close()


def _bounded(name: str, sheet: str, rows: Any) -> list[list[Any]]:
    """The rows, refused past MAX_ROWS (a list of units for one import: a province at most)."""
    out = []
    for values in rows:
        if len(out) > MAX_ROWS:
            raise UnitImportRefused(
                _(
                    "Tệp «%(name)s», trang «%(sheet)s»: quá nhiều dòng (tối đa %(limit)s đơn vị "
                    "mỗi lần nhập); hãy chia tệp hoặc xóa các dòng thừa ở cuối trang."
                )
                % {"name": name, "sheet": sheet, "limit": f"{MAX_ROWS:,}".replace(",", ".")}
            )
        out.append(list(values)[:MAX_COLUMNS])
    return out


def _reader(values: list[Any], columns: dict[str, int]) -> Any:
    """The text of a named column in one row ("" when absent)."""

    def cell(key: str) -> str:
        index = columns.get(key)
        if index is None or index >= len(values):
            return ""
        return CONTROL_CHARACTERS.sub("", str(values[index] or "")).strip()

    return cell


def read_units(name: str, content: bytes, office: Unit) -> list[UnitRow]:
    """What importing the file under `office` would do, row by row; nothing is saved."""
    sheet, table = _rows_from(name, content)
    if not table:
        raise UnitImportRefused(_("Tệp «%(name)s» rỗng.") % {"name": name})
    header = [_norm(h) for h in table[0]]
    columns = {}
    for key, names in HEADERS.items():
        matches = [i for i, h in enumerate(header) if h in names]
        if matches:
            columns[key] = matches[0]
    missing = [k for k in ("code", "name", "type") if k not in columns]
    if missing:
        raise UnitImportRefused(
            _("Tệp «%(name)s», trang «%(sheet)s», dòng 1: thiếu cột %(join)s.")
            % {"name": name, "sheet": sheet, "join": ", ".join(str(LABELS[m]) for m in missing)}
        )
    existing = {
        u.code: u for u in Unit.objects.filter(path__startswith=office.path).exclude(code=None)
    }
    seen: set[str] = set()
    rows = []
    for number, values in enumerate(table[1:], start=2):
        if not any(v not in (None, "") for v in values):
            continue
        cell = _reader(values, columns)
        row = UnitRow(number, cell("code"), cell("name"), "", "", cell("parent"))
        kind_text = _norm(cell("type"))
        kind = TYPES.get(kind_text)
        where = _where(name, sheet, number)
        formulas = [
            k for k in ("code", "name", "type", "parent") if cell(k).startswith(("=", "+", "@"))
        ]
        if formulas:
            _reject(
                row,
                _where(name, sheet, number, formulas[0]),
                _("«%(value)s» là công thức, hãy nhập chữ") % {"value": cell(formulas[0])},
            )
        elif not row.code or not row.name:
            _reject(row, where, _("thiếu mã hoặc tên đơn vị"))
        elif too_long := _too_long(row):
            key, count, limit = too_long
            _reject(
                row,
                _where(name, sheet, number, key),
                _("%(count)s ký tự, tối đa %(limit)s") % {"count": count, "limit": limit},
            )
        elif kind is None:
            _reject(
                row,
                _where(name, sheet, number, "type"),
                _("«%(value)s» không phải loại hình hợp lệ") % {"value": cell("type")},
            )
        elif row.code in seen:
            _reject(row, where, _("mã %(code)s lặp lại trong tệp") % {"code": row.code})
        else:
            row.kind = Unit.Kind.DISTRICT if kind == "PHONG" else Unit.Kind.INSTITUTION
            row.institution_type = "" if kind == "PHONG" else kind
            _plan(row, existing, office, where)
        seen.add(row.code)
        rows.append(row)
    return rows


def _reject(row: UnitRow, where: str, text: str) -> None:
    row.action, row.reason = "rejected", f"{where}: {text}"


def _too_long(row: UnitRow) -> tuple[str, int, int] | None:
    """The column whose value does not fit the unit's field, its length and its limit (None if
    all fit)."""
    for key, value, field_name in (
        ("code", row.code, "code"),
        ("name", row.name, "name"),
        ("parent", row.parent_code, "code"),
    ):
        limit = Unit._meta.get_field(field_name).max_length or 0
        if len(value) > limit:
            return key, len(value), limit
    return None


def _plan(row: UnitRow, existing: dict[str, Unit], office: Unit, where: str) -> None:
    parent_code = row.parent_code or office.code or ""
    if row.parent_code and row.parent_code not in existing and row.parent_code != office.code:
        _reject(
            row,
            where,
            _("không có đơn vị cấp trên mã «%(code)s» trong phạm vi quản lý")
            % {"code": row.parent_code},
        )
        return
    unit = existing.get(row.code)
    if unit is not None and unit.pk == office.pk:
        _reject(
            row,
            where,
            _("mã %(code)s là đơn vị đang nhập danh sách, không sửa được ở đây")
            % {"code": row.code},
        )
        return
    parent = office if parent_code == office.code else existing.get(parent_code)
    if unit is not None and parent is not None and parent.path.startswith(unit.path):
        _reject(
            row,
            where,
            _("không thể chuyển đơn vị %(code)s vào chính nó hoặc đơn vị cấp dưới của nó")
            % {"code": row.code},
        )
        return
    if unit is None:
        if Unit.objects.filter(code=row.code).exists():
            _reject(
                row,
                where,
                _("mã %(code)s đã thuộc một đơn vị ngoài phạm vi quản lý") % {"code": row.code},
            )
            return
        row.action = "create"
        return
    current_parent = (
        Unit.objects.filter(pk=unit.parent_id).values_list("code", flat=True).first() or ""
    )
    for field_name, new in (
        ("name", row.name),
        ("institution_type", row.institution_type),
        ("parent", parent_code),
    ):
        old = current_parent if field_name == "parent" else getattr(unit, field_name)
        if old != new:
            row.changes[field_name] = (old, new)
    row.action = "update" if row.changes else "unchanged"


@transaction.atomic
def apply_units(rows: list[UnitRow], office: Unit, *, by: Any) -> int:
    """Create and update what the dry run planned (rows re-read by the caller just before)."""
    count = 0
    for row in rows:
        if row.action == "create":
            parent = Unit.objects.get(code=row.parent_code) if row.parent_code else office
            unit = create_unit(
                name=row.name,
                kind=row.kind,
                parent=parent,
                code=row.code,
                institution_type=row.institution_type,
            )
            record(by, "unit.import_create", unit, after={"code": row.code, "name": row.name})
            count += 1
        elif row.action == "update":
            unit = Unit.objects.get(code=row.code)
            if "parent" in row.changes:
                move_unit(unit, Unit.objects.get(code=row.changes["parent"][1]), by=by)
                unit.refresh_from_db()
            unit.name, unit.institution_type = row.name, row.institution_type
            unit.save(update_fields=["name", "institution_type", "updated_at"])
            record(
                by,
                "unit.import_update",
                unit,
                before={k: v[0] for k, v in row.changes.items()},
                after={k: v[1] for k, v in row.changes.items()},
            )
            count += 1
    return count


# -- the file between the dry run and the confirmation --------------------------------------------

PENDING_FOLDER = "imports/units"
PENDING_HOURS = 24  # a preview left unconfirmed longer is thrown away


def keep_pending(previous: dict[str, str] | None, name: str, content: bytes) -> dict[str, str]:
    """Store the previewed file until it is confirmed; what the session keeps of it."""
    _discard(previous)
    _discard_stale()
    stored = default_storage.save(
        f"{PENDING_FOLDER}/{secrets.token_hex(16)}.bin", ContentFile(content)
    )
    return {"name": name, "stored": stored, "sha256": hashlib.sha256(content).hexdigest()}


def take_pending(pending: dict[str, str] | None) -> tuple[str, bytes] | None:
    """The previewed file (name, content), removed from storage; None if gone or altered."""
    if not pending or not str(pending.get("stored", "")).startswith(f"{PENDING_FOLDER}/"):
        return None
    try:
        with default_storage.open(pending["stored"], "rb") as handle:
            content = handle.read(MAX_BYTES + 1)
    except OSError:
        return None
    _discard(pending)
    if hashlib.sha256(content).hexdigest() != pending.get("sha256"):
        return None
    return pending["name"], content


def _discard(pending: dict[str, str] | None) -> None:
    stored = str((pending or {}).get("stored", ""))
    if stored.startswith(f"{PENDING_FOLDER}/") and default_storage.exists(stored):
        default_storage.delete(stored)


def _discard_stale() -> None:
    try:
        _folders, files = default_storage.listdir(PENDING_FOLDER)
    except (OSError, NotImplementedError):
        return
    limit = timezone.now() - dt.timedelta(hours=PENDING_HOURS)
    for file in files[:1000]:
        path = f"{PENDING_FOLDER}/{file}"
        try:
            if default_storage.get_modified_time(path) < limit:
                default_storage.delete(path)
        except (OSError, NotImplementedError):
            continue
