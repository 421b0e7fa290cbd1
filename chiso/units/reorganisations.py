"""Reorganisations as data: a table of predecessor → successor units (CSV or XLSX), read into a
dry run row by row, then applied in one transaction once confirmed; applying it again changes
nothing.

Columns (first row, any order): loại (tỉnh/Sở, xã/phường, trường), mã đơn vị cũ, tên đơn vị cũ,
mã đơn vị mới, tên đơn vị mới, ngày hiệu lực, and for a new school its loại hình. One row per
pair: a merge is several rows with the same new unit, a split several rows with the same old
unit; a row whose old and new codes are the same says the unit goes on (it absorbs the others).

Applied: a new unit (a code not yet known, with its name) is created beside its predecessors;
the old unit closes the day before the effective date and is linked to its successors
(`Succession`); a merged unit's units below it move to its successor, each keeping the body
that managed it until then (`Management`); a split unit keeps its results and must have no
unit below it left. Results are never moved: each stays with the unit and managing body it had.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from chiso.audit import record
from chiso.lib import spreadsheets
from chiso.lib.spreadsheets import WorkbookRefused, check_extent, open_workbook
from chiso.units import imports, policy
from chiso.units.models import Succession, Unit
from chiso.units.services import close_unit, create_unit, move_unit

MAX_BYTES = imports.MAX_BYTES
MAX_ROWS, MAX_COLUMNS, MAX_CELLS = imports.MAX_ROWS, imports.MAX_COLUMNS, imports.MAX_CELLS

HEADERS = {
    "kind": {"loại", "loại đơn vị", "kind"},
    "old_code": {"mã đơn vị cũ", "mã cũ", "old code"},
    "old_name": {"tên đơn vị cũ", "tên cũ", "old name"},
    "new_code": {"mã đơn vị mới", "mã mới", "new code"},
    "new_name": {"tên đơn vị mới", "tên mới", "new name"},
    "effective": {"ngày hiệu lực", "hiệu lực", "effective"},
    "type": {"loại hình", "loại hình mới", "type"},
}
REQUIRED = ("kind", "old_code", "new_code", "effective")
# The column names shown in messages (translated); HEADERS above are what the table may say.
LABELS = {
    "kind": pgettext_lazy("reorganisation column", "loại"),
    "old_code": pgettext_lazy("reorganisation column", "mã đơn vị cũ"),
    "old_name": pgettext_lazy("reorganisation column", "tên đơn vị cũ"),
    "new_code": pgettext_lazy("reorganisation column", "mã đơn vị mới"),
    "new_name": pgettext_lazy("reorganisation column", "tên đơn vị mới"),
    "effective": pgettext_lazy("reorganisation column", "ngày hiệu lực"),
    "type": pgettext_lazy("reorganisation column", "loại hình"),
}
KINDS = {
    "tỉnh": Unit.Kind.DEPARTMENT,
    "sở": Unit.Kind.DEPARTMENT,
    "tỉnh/sở": Unit.Kind.DEPARTMENT,
    "sở gdđt": Unit.Kind.DEPARTMENT,
    "province": Unit.Kind.DEPARTMENT,
    "xã": Unit.Kind.COMMUNE,
    "phường": Unit.Kind.COMMUNE,
    "đặc khu": Unit.Kind.COMMUNE,
    "xã/phường": Unit.Kind.COMMUNE,
    "ubnd cấp xã": Unit.Kind.COMMUNE,
    "commune": Unit.Kind.COMMUNE,
    "trường": Unit.Kind.INSTITUTION,
    "cơ sở": Unit.Kind.INSTITUTION,
    "cơ sở giáo dục": Unit.Kind.INSTITUTION,
    "school": Unit.Kind.INSTITUTION,
}
KIND_WORDS = {
    Unit.Kind.DEPARTMENT: pgettext_lazy("unit kind", "tỉnh (Sở GDĐT)"),
    Unit.Kind.COMMUNE: pgettext_lazy("unit kind", "xã/phường"),
    Unit.Kind.INSTITUTION: pgettext_lazy("unit kind", "trường"),
    Unit.Kind.DISTRICT: pgettext_lazy("unit kind", "Phòng GDĐT"),
    Unit.Kind.MINISTRY: pgettext_lazy("unit kind", "Bộ"),
}
DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y")
FORMULA_START = ("=", "+", "@")


class ReorganisationRefused(ValueError):
    """A file that cannot be read at all, or a table that cannot be applied; shown as it is."""


@dataclass
class Row:
    """One line of the table and what applying it would do."""

    sheet: str
    row: int
    kind: str = ""
    old_code: str = ""
    old_name: str = ""
    new_code: str = ""
    new_name: str = ""
    effective: dt.date | None = None
    institution_type: str = ""
    action: str = ""  # merge | split | continue | unchanged | rejected
    creates: bool = False  # the new unit does not exist yet: applying creates it
    reason: str = ""
    old: Unit | None = None
    new: Unit | None = None

    @property
    def rejected(self) -> bool:
        return self.action == "rejected"

    def reject(self, where: str, text: str) -> None:
        if not self.rejected:
            self.action, self.reason = "rejected", f"{where}: {text}"


@dataclass
class Plan:
    """What applying the table would do: its rows, and its counts by action."""

    name: str
    sheet: str
    rows: list[Row] = field(default_factory=list)

    @property
    def rejected(self) -> list[Row]:
        return [r for r in self.rows if r.rejected]

    @property
    def changes(self) -> list[Row]:
        return [r for r in self.rows if r.action in ("merge", "split")]

    @property
    def counts(self) -> dict[str, int]:
        actions = ("merge", "split", "continue", "unchanged", "rejected")
        return {a: sum(1 for r in self.rows if r.action == a) for a in actions}

    @property
    def can_apply(self) -> bool:
        return not self.rejected and bool(self.changes)


@dataclass
class Applied:
    """What an applied table changed (all zero when it had been applied already)."""

    closed: int = 0
    created: int = 0
    moved: int = 0
    links: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.closed or self.created or self.moved or self.links)


def _norm(text: Any) -> str:
    return " ".join(unicodedata.normalize("NFC", str(text or "")).strip().lower().split())


def _label(key: str) -> str:
    """A column's name in the user's language."""
    return str(LABELS[key])


def _where(name: str, sheet: str, number: int, key: str = "") -> str:
    """Where a row's message points (the column by its header in the user's language)."""
    return spreadsheets.where(name, sheet, number, _label(key) if key else "")


def _kind_word(kind: str) -> str:
    """A kind of unit in the user's language (its stored value if it has no word here)."""
    return str(KIND_WORDS.get(kind, kind))


def _day(day: dt.date | None) -> str:
    """A date in messages, written as on the form (01/07/2025)."""
    return f"{day:%d/%m/%Y}" if day else ""


# -- reading --------------------------------------------------------------------------------------


def _table(name: str, content: bytes) -> tuple[str, list[list[Any]], dict[str, int]]:
    """The sheet holding the table (the first whose first row has the required columns), its
    rows and the column of each header. Size and extent are checked before anything is parsed."""
    if len(content) > MAX_BYTES:
        raise ReorganisationRefused(_("Tệp «%(name)s» quá lớn (tối đa 10 MB).") % {"name": name})
    if name.lower().endswith(".xlsx"):
        return _xlsx_table(name, content)
    if not name.lower().endswith((".csv", ".txt")):
        raise ReorganisationRefused(
            _("Tệp «%(name)s»: chỉ nhận bảng .xlsx hoặc .csv.") % {"name": name}
        )
    try:
        sheet, rows = imports._rows_from(name, content)
    except imports.UnitImportRefused as exc:
        raise ReorganisationRefused(str(exc)) from None
    columns = _columns(rows[0] if rows else [])
    _require(name, sheet, columns)
    return sheet, rows, columns


def _xlsx_table(name: str, content: bytes) -> tuple[str, list[list[Any]], dict[str, int]]:
    try:
        workbook = open_workbook(
            name, content, max_cells=MAX_CELLS, max_bytes=MAX_BYTES, read_only=True
        )
    except WorkbookRefused as exc:
        raise ReorganisationRefused(str(exc)) from None
    try:
        titles = []
        for sheet in workbook.worksheets:
            titles.append(sheet.title)
            try:
                check_extent(name, sheet, MAX_ROWS + 1, MAX_COLUMNS)
            except WorkbookRefused as exc:
                raise ReorganisationRefused(str(exc)) from None
            first = next(sheet.iter_rows(values_only=True, max_row=1, max_col=MAX_COLUMNS), ())
            columns = _columns(list(first))
            if all(k in columns for k in REQUIRED):
                rows = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
                try:
                    return sheet.title, imports._bounded(name, sheet.title, rows), columns
                except imports.UnitImportRefused as exc:
                    raise ReorganisationRefused(str(exc)) from None
    finally:
        workbook.close()
    raise ReorganisationRefused(
        _(
            "Tệp «%(name)s»: không trang nào có đủ các cột %(columns)s ở dòng 1 "
            "(đã xem các trang: %(sheets)s)."
        )
        % {
            "name": name,
            "columns": ", ".join(_label(k) for k in REQUIRED),
            "sheets": ", ".join(f"«{t}»" for t in titles),
        }
    )


def _columns(header: list[Any]) -> dict[str, int]:
    names = [_norm(h) for h in header]
    columns = {}
    for key, accepted in HEADERS.items():
        matches = [i for i, h in enumerate(names) if h in accepted]
        if matches:
            columns[key] = matches[0]
    return columns


def _require(name: str, sheet: str, columns: dict[str, int]) -> None:
    missing = [_label(k) for k in REQUIRED if k not in columns]
    if missing:
        raise ReorganisationRefused(
            _("Tệp «%(name)s», trang «%(sheet)s», dòng 1: thiếu cột %(columns)s.")
            % {"name": name, "sheet": sheet, "columns": ", ".join(missing)}
        )


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    for pattern in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()  # noqa: DTZ007 (a day, no time)
        except ValueError:
            continue
    return None


# -- the dry run ----------------------------------------------------------------------------------


def read_table(name: str, content: bytes, office: Unit) -> Plan:
    """What applying the table under `office` would do, row by row; nothing is saved."""
    sheet, table, columns = _table(name, content)
    plan = Plan(name, sheet)
    for number, values in enumerate(table[1:], start=2):
        if not any(v not in (None, "") for v in values):
            continue
        plan.rows.append(_read_row(name, sheet, number, values, columns))
    if not plan.rows:
        raise ReorganisationRefused(
            _("Tệp «%(name)s», trang «%(sheet)s»: không có dòng nào sau dòng tiêu đề.")
            % {"name": name, "sheet": sheet}
        )
    _match_units(plan, office)
    _check_together(plan, office)
    return plan


def _read_row(name: str, sheet: str, number: int, values: list[Any], columns: dict) -> Row:
    cell = imports._reader(values, columns)
    row = Row(sheet, number)
    row.old_code, row.new_code = cell("old_code"), cell("new_code")
    row.old_name, row.new_name = cell("old_name"), cell("new_name")
    for key in ("kind", "old_code", "old_name", "new_code", "new_name", "type"):
        if cell(key).startswith(FORMULA_START):
            row.reject(
                _where(name, sheet, number, key),
                _("«%(value)s» là công thức, hãy nhập chữ") % {"value": cell(key)[:40]},
            )
            return row
    kind = KINDS.get(_norm(cell("kind")))
    if kind is None:
        row.reject(
            _where(name, sheet, number, "kind"),
            _("«%(value)s» không phải loại hợp lệ (tỉnh, xã, phường, đặc khu, trường)")
            % {"value": cell("kind")[:40]},
        )
        return row
    row.kind = kind
    for key in ("old_code", "new_code"):
        if not cell(key):
            row.reject(_where(name, sheet, number, key), _("còn trống"))
            return row
    limits = (("old_code", "code"), ("new_code", "code"), ("new_name", "name"))
    for key, field_name in limits:
        limit = Unit._meta.get_field(field_name).max_length or 0
        if len(cell(key)) > limit:
            row.reject(
                _where(name, sheet, number, key),
                _("%(count)s ký tự, tối đa %(limit)s") % {"count": len(cell(key)), "limit": limit},
            )
            return row
    row.effective = _date(
        values[columns["effective"]] if columns["effective"] < len(values) else ""
    )
    if row.effective is None:
        row.reject(
            _where(name, sheet, number, "effective"),
            _("«%(value)s» không phải ngày (viết như 01/07/2025)")
            % {"value": cell("effective")[:40]},
        )
        return row
    if cell("type"):
        row.institution_type = imports.TYPES.get(_norm(cell("type")), "")
        if (
            not row.institution_type
            or row.institution_type == "PHONG"
            or kind != Unit.Kind.INSTITUTION
        ):
            row.reject(
                _where(name, sheet, number, "type"),
                _("«%(value)s» không dùng được (chỉ cho trường: MN, TH, THCS, THPT, …)")
                % {"value": cell("type")[:40]},
            )
    return row


def _within(unit: Unit, office: Unit) -> bool:
    """Strictly below the office: an office never reorganises itself."""
    return unit.pk != office.pk and unit.path.startswith(office.path)


def _match_units(plan: Plan, office: Unit) -> None:
    codes = {r.old_code for r in plan.rows} | {r.new_code for r in plan.rows}
    units = {u.code: u for u in Unit.objects.filter(code__in=codes)}
    linked = set(
        Succession.objects.filter(predecessor__code__in=codes).values_list(
            "predecessor__code", "successor__code"
        )
    )
    seen: dict[tuple[str, str], int] = {}
    for row in plan.rows:
        if row.rejected:
            continue
        where = _where(plan.name, row.sheet, row.row)
        pair = (row.old_code, row.new_code)
        if pair in seen:
            row.reject(
                where,
                _("lặp lại dòng %(row)s (%(old)s → %(new)s)")
                % {"row": seen[pair], "old": row.old_code, "new": row.new_code},
            )
            continue
        seen[pair] = row.row
        old = units.get(row.old_code)
        if old is None or not _within(old, office):
            row.reject(
                _where(plan.name, row.sheet, row.row, "old_code"),
                _("không có đơn vị mã «%(code)s» trong phạm vi quản lý của %(office)s")
                % {"code": row.old_code, "office": office.name},
            )
            continue
        row.old = old
        if old.kind != row.kind:
            row.reject(
                _where(plan.name, row.sheet, row.row, "kind"),
                _("ghi «%(kind)s» nhưng đơn vị %(code)s là %(actual)s")
                % {"kind": _kind_word(row.kind), "code": old.code, "actual": _kind_word(old.kind)},
            )
            continue
        if row.new_code == row.old_code:
            row.new = old
            if not old.is_active:
                row.reject(
                    where,
                    _("đơn vị %(code)s đã đóng ngày %(day)s")
                    % {"code": old.code, "day": _day(old.closed_at)},
                )
            else:
                row.action = "continue"
            continue
        new = units.get(row.new_code)
        if new is None:
            if not row.new_name:
                row.reject(
                    _where(plan.name, row.sheet, row.row, "new_name"),
                    _("mã «%(code)s» chưa có: hãy ghi tên đơn vị mới để tạo")
                    % {"code": row.new_code},
                )
                continue
            row.creates = True
        elif not _within(new, office):
            row.reject(
                _where(plan.name, row.sheet, row.row, "new_code"),
                _(
                    "mã «%(code)s» không dùng được: không có đơn vị mang mã này trong "
                    "phạm vi quản lý của %(office)s"
                )
                % {"code": row.new_code, "office": office.name},
            )
            continue
        else:
            row.new = new
            if new.kind != old.kind:
                row.reject(
                    _where(plan.name, row.sheet, row.row, "new_code"),
                    _(
                        "đơn vị mới %(new)s là %(new_kind)s, khác loại với đơn vị cũ %(old)s "
                        "(%(old_kind)s)"
                    )
                    % {
                        "new": new.code,
                        "new_kind": _kind_word(new.kind),
                        "old": old.code,
                        "old_kind": _kind_word(old.kind),
                    },
                )
                continue
        if pair in linked:
            row.action = "unchanged"  # applied before: nothing to do
        elif not old.is_active:
            row.reject(
                where,
                _("đơn vị cũ %(code)s đã đóng ngày %(day)s")
                % {"code": old.code, "day": _day(old.closed_at)},
            )
        elif new is not None and not new.is_active:
            row.reject(
                where,
                _("đơn vị mới %(code)s đã đóng ngày %(day)s")
                % {"code": new.code, "day": _day(new.closed_at)},
            )
        else:
            row.action = "merge"  # or split: decided with the other rows


def _check_together(plan: Plan, office: Unit) -> None:
    """What no single row shows: cycles and chains, splits, new units' parents and names."""
    live = [r for r in plan.rows if r.action in ("merge", "continue")]
    where = lambda r: _where(plan.name, r.sheet, r.row)  # noqa: E731
    moving = [r for r in live if r.action == "merge"]
    edges = defaultdict(set)
    for r in moving:
        edges[r.old_code].add(r.new_code)
    for r in moving:
        cycle = _cycle(edges, r.old_code)
        if cycle:
            r.reject(where(r), _("vòng lặp: %(cycle)s") % {"cycle": " → ".join(cycle)})
    old_rows = defaultdict(list)
    for r in live:
        if not r.rejected:
            old_rows[r.old_code].append(r)
    for r in moving:
        if r.rejected:
            continue
        later = [o for o in old_rows.get(r.new_code, []) if o.action == "merge"]
        if later:
            r.reject(
                where(r),
                _(
                    "đơn vị %(code)s vừa là đơn vị mới ở dòng này vừa là đơn vị cũ ở dòng "
                    "%(row)s: hãy tách thành hai lần sắp xếp"
                )
                % {"code": r.new_code, "row": later[0].row},
            )
    for code, rows in old_rows.items():
        rows = [r for r in rows if not r.rejected]
        dates = {r.effective for r in rows}
        if len(dates) > 1:
            for r in rows:
                r.reject(
                    where(r),
                    _("đơn vị cũ %(code)s có nhiều ngày hiệu lực khác nhau") % {"code": code},
                )
            continue
        goes = [r for r in rows if r.action == "merge"]
        if goes and len(goes) < len(rows):
            for r in rows:
                r.reject(
                    where(r),
                    _("đơn vị %(code)s vừa giữ nguyên vừa sáp nhập/chia tách vào đơn vị khác")
                    % {"code": code},
                )
            continue
        if len(goes) > 1:
            old = goes[0].old
            assert old is not None
            left = old.children.filter(is_active=True).count()
            if left:
                for r in goes:
                    r.reject(
                        where(r),
                        _(
                            "đơn vị %(code)s được chia tách nhưng còn %(count)s đơn vị trực thuộc "
                            "đang hoạt động: hãy chuyển các đơn vị này trước (nhập danh sách đơn vị)"
                        )
                        % {"code": code, "count": left},
                    )
                continue
            for r in goes:
                r.action = "split"
    _check_new_units(plan, where)
    _check_pending_pairs(plan, where)


def _cycle(edges: dict[str, set[str]], start: str) -> list[str]:
    """A path start → … → start through the table's rows, or []."""
    stack = [(start, [start])]
    seen = set()
    while stack:
        code, path = stack.pop()
        for nxt in edges.get(code, ()):
            if nxt == start:
                return [*path, start]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, [*path, nxt]))
    return []


def _check_new_units(plan: Plan, where: Any) -> None:
    """A unit to create: one name, one parent (its predecessors'), one institution type."""
    by_code: dict[str, list[Row]] = defaultdict(list)
    for r in plan.rows:
        if r.creates and not r.rejected:
            by_code[r.new_code].append(r)
    for code, rows in by_code.items():
        names = {r.new_name for r in rows}
        parents = {r.old.parent_id for r in rows if r.old is not None}
        types = {r.institution_type for r in rows if r.institution_type}
        types = types or {r.old.institution_type for r in rows if r.old is not None}
        problem = ""
        if len(names) > 1:
            problem = _("đơn vị mới %(code)s có các tên khác nhau: %(names)s") % {
                "code": code,
                "names": "; ".join(sorted(names)),
            }
        elif len(parents) > 1:
            problem = _(
                "các đơn vị cũ của đơn vị mới %(code)s thuộc các đơn vị cấp trên khác nhau: hãy "
                "tạo đơn vị mới trước (nhập danh sách đơn vị) rồi ghi mã của nó"
            ) % {"code": code}
        elif rows[0].kind == Unit.Kind.INSTITUTION and len(types) != 1:
            problem = _(
                "hãy ghi cột %(column)s cho đơn vị mới %(code)s (các đơn vị cũ khác loại hình)"
            ) % {"column": _label("type"), "code": code}
        for r in rows:
            if problem:
                r.reject(where(r), problem)
            elif r.kind == Unit.Kind.INSTITUTION:
                r.institution_type = next(iter(types))


def _check_pending_pairs(plan: Plan, where: Any) -> None:
    """A successor already linked from an earlier reorganisation may not be its predecessor's
    predecessor now (a cycle through the history)."""
    rows = [r for r in plan.rows if r.action in ("merge", "split") and r.new is not None]
    if not rows:
        return
    for r in rows:
        assert r.old is not None and r.new is not None
        if r.new in policy.predecessors([r.old]):
            r.reject(
                where(r),
                _("vòng lặp với lịch sử: %(new)s đã là đơn vị tiền thân của %(old)s")
                % {"new": r.new.code, "old": r.old.code},
            )


# -- applying -------------------------------------------------------------------------------------


@transaction.atomic
def apply_table(plan: Plan, office: Unit, *, by: Any) -> Applied:
    """Apply what the dry run planned (the caller re-reads the file just before): all of it in
    one transaction, audited, or nothing when a row is refused. Applying it again changes
    nothing."""
    if plan.rejected:
        raise ReorganisationRefused(
            _("Bảng còn %(count)s dòng bị từ chối: chưa áp dụng gì.")
            % {"count": len(plan.rejected)}
        )
    done = Applied()
    # Wider units first when creating (a new ward before its new schools), narrower first when
    # closing (a split school closes before its commune's active schools move on).
    order = {Unit.Kind.DEPARTMENT: 0, Unit.Kind.COMMUNE: 1, Unit.Kind.INSTITUTION: 2}
    changes = sorted(plan.changes, key=lambda r: (order.get(r.kind, 3), r.row))
    merged_into = {r.old_code: r.new_code for r in changes if r.action == "merge"}
    created: dict[str, Unit] = {}
    for r in changes:
        if r.creates and r.new_code not in created:
            assert r.old is not None
            created[r.new_code] = _create(r, merged_into, created, by)
            done.created += 1
    by_old: dict[str, list[Row]] = defaultdict(list)
    for r in reversed(changes):
        by_old[r.old_code].append(r)
    for rows in by_old.values():
        old = Unit.objects.select_for_update().get(code=rows[0].old_code)
        effective = rows[0].effective
        assert effective is not None
        successors = [created.get(r.new_code) or Unit.objects.get(code=r.new_code) for r in rows]
        successors.sort(key=lambda unit: unit.code or "")
        for successor in successors:
            Succession.objects.create(predecessor=old, successor=successor, effective=effective)
            done.links += 1
        merged = successors[0] if len(successors) == 1 else None
        if merged is not None:
            for child in list(old.children.filter(is_active=True)):
                move_unit(child, merged, by=by, on=effective)
                done.moved += 1
        close_unit(old, on=effective - dt.timedelta(days=1), by=by, merged_into=merged)
        done.closed += 1
        record(
            by,
            "unit.reorganise",
            old,
            after={
                "successors": [s.code for s in successors],
                "effective": effective.isoformat(),
                "kind": "split" if merged is None else "merge",
                "file": plan.name,
            },
        )
    return done


def _create(row: Row, merged_into: dict[str, str], created: dict[str, Unit], by: Any) -> Unit:
    """A new unit beside its predecessor, or under its predecessor's parent's successor when
    that parent merges in the same table (a new school under the new ward)."""
    assert row.old is not None
    parent = Unit.objects.get(pk=row.old.parent_id) if row.old.parent_id else None
    target = merged_into.get(parent.code or "") if parent is not None else None
    if target:
        parent = created.get(target) or Unit.objects.get(code=target)
    unit = create_unit(
        name=row.new_name,
        kind=row.kind,
        parent=parent,
        code=row.new_code,
        institution_type=row.institution_type if row.kind == Unit.Kind.INSTITUTION else "",
    )
    record(by, "unit.reorganise_create", unit, after={"code": unit.code, "name": unit.name})
    return unit


def describe(row: Row) -> str:
    """What applying the row does, in words (the preview and the command)."""
    if row.rejected:
        return _("từ chối: %(reason)s") % {"reason": row.reason}
    if row.action == "unchanged":
        return _("đã áp dụng trước đây: không thay đổi")
    if row.action == "continue":
        return _("giữ nguyên, tiếp nhận các đơn vị sáp nhập vào")
    closing = (row.effective - dt.timedelta(days=1)) if row.effective else None
    new = (
        _("«%(name)s» (tạo mới)") % {"name": row.new_name}
        if row.creates
        else (f"«{row.new.name}»" if row.new else row.new_code)
    )
    values = {"old": row.old.name if row.old else row.old_code, "new": new,
              "day": _day(closing)}  # fmt: skip
    if row.action == "split":
        return (
            _(
                "chia tách: %(old)s đóng ngày %(day)s, một phần thành %(new)s; kết quả cũ ở lại đơn vị cũ"
            )
            % values
        )
    return (
        _(
            "sáp nhập: %(old)s đóng ngày %(day)s vào %(new)s; các đơn vị trực thuộc chuyển sang, kết quả cũ ở lại đơn vị cũ"
        )
        % values
    )
