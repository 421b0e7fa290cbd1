"""The audit trail: every state change and edit writes one entry through `record`."""

from __future__ import annotations

from collections.abc import Mapping
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
    from chiso.audit.models import AuditEntry  # models cannot load before the app registry

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
