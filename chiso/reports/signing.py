"""Who signs a unit's documents (Nghị định 30/2020, Phụ lục I, mục 7): the head's title in
capitals (HIỆU TRƯỞNG; GIÁM ĐỐC for a GDTX centre or a Sở; TRƯỞNG PHÒNG), "KT." above a deputy's
own title when a deputy signs for the head, "Q." for an acting head, and the signer's name.

The name comes from what the system holds: the chair of the self-assessment council (the head, in
S0 and S2), else the person holding the head's role in the unit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chiso.units.models import Membership, Unit
from chiso.units.naming import head_title

DEPUTY = ("phó ",)
ACTING = ("quyền ", "q. ")


@dataclass(frozen=True)
class Signer:
    title: str  # "HIỆU TRƯỞNG", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", "Q. HIỆU TRƯỞNG"
    name: str


def chair_of(members: list[dict[str, Any]] | None) -> dict[str, Any] | None:
    """The council member whose role is the chair (Chủ tịch Hội đồng)."""
    return next(
        (m for m in members or [] if "chủ tịch" in str(m.get("role", "")).lower()),
        None,
    )


def signer_for(unit: Unit, *, council_members: list[dict[str, Any]] | None = None) -> Signer:
    """The signature block of a document the unit issues."""
    title = head_title(unit)
    chair = chair_of(council_members)
    if chair is not None and str(chair.get("name", "")).strip():
        own = str(chair.get("title", "")).strip().lower()
        name = str(chair["name"]).strip()
        if own.startswith(DEPUTY):
            return Signer(f"KT. {title}\nPHÓ {title}", name)
        if own.startswith(ACTING):
            return Signer(f"Q. {title}", name)
        return Signer(title, name)
    return Signer(title, head_name(unit))


def head_name(unit: Unit) -> str:
    """The full name of whoever holds the head's role in the unit (first appointed), or ""."""
    role = (
        Membership.Role.HEAD if unit.kind == Unit.Kind.INSTITUTION else Membership.Role.OFFICE_HEAD
    )
    membership = (
        Membership.objects.filter(unit=unit, role=role, user__is_active=True)
        .select_related("user")
        .order_by("created_at", "pk")
        .first()
    )
    if membership is None:
        return ""
    user = membership.user
    return (user.get_full_name() or "").strip()
