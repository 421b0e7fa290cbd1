"""Changes to the unit tree: create, move, merge, close. Paths are kept right in one place."""

from __future__ import annotations

import datetime as dt
import re

from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from chiso.audit import record
from chiso.units.models import Management, Unit


class UnitError(ValueError):
    """A change to the tree that is not allowed; the message is shown as it is."""


@transaction.atomic
def create_unit(*, name: str, kind: str, parent: Unit | None = None, **fields: object) -> Unit:
    """A new unit under `parent`, with its path set."""
    unit = Unit.objects.create(name=name, kind=kind, parent=parent, **fields)
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.depth = parent.depth + 1 if parent else 0
    unit.save(update_fields=["path", "depth"])
    return unit


@transaction.atomic
def move_unit(
    unit: Unit, new_parent: Unit, *, by: object = None, on: dt.date | None = None
) -> Unit:
    """Move a unit and its subtree; its results stay with it. With `on` (the first day under the
    new parent) the old parent is kept as the unit's managing body until the day before."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if new_parent.path.startswith(unit.path):
        raise UnitError(_("Không thể chuyển một đơn vị vào chính nó hoặc đơn vị cấp dưới của nó."))
    old_path, old_parent = unit.path, unit.parent_id
    new_path = f"{new_parent.path}{unit.pk}/"
    depth_change = new_parent.depth + 1 - unit.depth
    subtree = Unit.objects.filter(path__startswith=old_path)
    subtree.update(path=Concat(Value(new_path), Substr("path", len(old_path) + 1)))
    for node in Unit.objects.filter(path__startswith=new_path):
        node.depth += depth_change
        node.save(update_fields=["depth"])
    unit.refresh_from_db()
    if on is not None and old_parent is not None and old_parent != new_parent.pk:
        Management.objects.update_or_create(
            unit=unit, until=on - dt.timedelta(days=1), defaults={"body_id": old_parent}
        )
    unit.parent = new_parent
    unit.save(update_fields=["parent"])
    record(by, "unit.move", unit, before={"parent": old_parent}, after={"parent": new_parent.pk})
    return unit


@transaction.atomic
def merge_units(source: Unit, into: Unit, *, on: dt.date, by: object = None) -> Unit:
    """Merge `source` into `into`: children move, `source` closes; each keeps its own results."""
    if source.pk == into.pk or into.path.startswith(source.path):
        raise UnitError(
            _("Không thể sáp nhập một đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.")
        )
    if source.kind != into.kind:
        raise UnitError(_("Chỉ sáp nhập các đơn vị cùng loại."))
    for child in list(source.children.all()):
        move_unit(child, into, by=by, on=on + dt.timedelta(days=1))
    close_unit(source, on=on, by=by, merged_into=into)
    return into


@transaction.atomic
def close_unit(
    unit: Unit, *, on: dt.date, by: object = None, merged_into: Unit | None = None
) -> Unit:
    """Close a unit (dissolved or merged); its past results remain readable."""
    unit.is_active = False
    unit.closed_at = on
    unit.merged_into = merged_into
    unit.save(update_fields=["is_active", "closed_at", "merged_into"])
    record(
        by,
        "unit.close",
        unit,
        after={"closed_at": on.isoformat(), "merged_into": merged_into.pk if merged_into else None},
    )
    return unit


SYMBOL = re.compile(r"^[A-ZĐ0-9&]{1,20}$")


@transaction.atomic
def set_document_symbol(unit: Unit, symbol: str, *, by: object) -> Unit:
    """The symbol the unit's documents are numbered with ("12/BC-THHĐ"), audited; empty: the
    initials of the unit's name."""
    cleaned = "".join(symbol.split()).upper()
    if cleaned and not SYMBOL.match(cleaned):
        raise UnitError(
            _(
                "Chữ viết tắt «%(value)s» không dùng được: chỉ gồm chữ in hoa, chữ số hoặc «&», "
                "tối đa 20 ký tự (ví dụ: THHĐ, GDĐT)."
            )
            % {"value": symbol[:30]}
        )
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    before = unit.document_symbol
    if before != cleaned:
        unit.document_symbol = cleaned
        unit.save(update_fields=["document_symbol", "updated_at"])
        record(
            by, "unit.document_symbol", unit, before={"symbol": before}, after={"symbol": cleaned}
        )
    return unit
