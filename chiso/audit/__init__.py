"""The audit trail: every state change and edit writes one entry through `record`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db import models


def record(
    actor: Any,
    verb: str,
    target: models.Model,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
) -> None:
    """Write one audit entry; call it inside the transaction that makes the change."""
    # Django imports an app's package before its models can load: the model is read here.
    from chiso.audit.models import AuditEntry

    unit_id = getattr(target, "unit_id", None)
    if unit_id is None and target._meta.label_lower == "units.unit":
        unit_id = target.pk
    AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        verb=verb,
        target_type=target._meta.label_lower,
        target_id=target.pk,
        unit_id=unit_id,
        before=before or {},
        after=after or {},
        note=note,
    )


def changes(
    old: Mapping[str, Any], new: Mapping[str, Any], prefix: str = ""
) -> tuple[dict[str, Any], dict[str, Any]]:
    """What differs between two mappings, as the (before, after) an audit entry holds; keys
    are prefixed ("fact:x") when `prefix` is given. Empty when nothing changed."""
    before, after = {}, {}
    for key in sorted(set(old) | set(new)):
        if old.get(key) != new.get(key):
            name = f"{prefix}:{key}" if prefix else key
            before[name], after[name] = old.get(key), new.get(key)
    return before, after


def save_changes(
    actor: Any,
    verb: str,
    target: models.Model,
    values: Mapping[str, Any],
    *,
    also: Iterable[str] = (),
    note: str = "",
) -> dict[str, tuple[Any, Any]]:
    """Set `values` on the row, save the fields that changed (and `also`, such as a version or
    updated_at) and audit them in one entry. Nothing is written when nothing changed, except a
    new row, which is saved whole. Returns the changes, field → (old, new)."""
    changed = {k: (getattr(target, k), v) for k, v in values.items() if getattr(target, k) != v}
    adding = target._state.adding
    if not changed and not adding:
        return {}
    for key, (_old, new) in changed.items():
        setattr(target, key, new)
    if adding:
        target.save()
    else:
        target.save(update_fields=[*changed, *also])
    record(
        actor,
        verb,
        target,
        before={k: _plain(old) for k, (old, _new) in changed.items()},
        after={k: _plain(new) for k, (_old, new) in changed.items()},
        note=note,
    )
    return changed


def _plain(value: Any) -> Any:
    """A value as an audit entry keeps it (JSON): dates and decimals as text."""
    if isinstance(value, (dt.date, dt.datetime, Decimal)):
        return str(value)
    return value
