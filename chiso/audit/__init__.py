"""The audit trail: every state change and edit writes one entry through `record`."""

from __future__ import annotations

from typing import Any


def record(
    actor: Any,
    verb: str,
    target: Any,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
) -> None:
    """Write one audit entry (call inside the transaction that makes the change); through a
    statement built once (chiso/ops/statements.py): every save writes one."""
    from django.utils import timezone

    from chiso.audit.models import AuditEntry
    from chiso.ops import statements

    unit_id = getattr(target, "unit_id", None)
    if unit_id is None and target.__class__.__name__ == "Unit":
        unit_id = target.pk
    statements.insert(
        AuditEntry,
        {
            "actor": actor.pk if getattr(actor, "is_authenticated", False) else None,
            "verb": verb,
            "target_type": target._meta.label_lower,
            "target_id": target.pk,
            "unit": unit_id,
            "before": before or {},
            "after": after or {},
            "note": note,
            "created_at": timezone.now(),
        },
    )
