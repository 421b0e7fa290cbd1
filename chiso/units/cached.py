"""Units kept in the shared cache between their changes: a unit's row by its id, for the pages
that open a unit (or an assessment's unit) at every request.

Kept under the namespace of the unit tree (chiso/lib/namespaces.py), which saving or deleting
any unit moves at once and again once committed; moving a unit saves it after updating its
subtree's paths, so the move moves the namespace too.
"""

from __future__ import annotations

from chiso.lib import namespaces
from chiso.units.models import Unit

UNITS = "units"
SECONDS = 600


def unit(pk: int) -> Unit | None:
    """The unit with this id (any state), or None; this request's own copy."""
    return namespaces.cached(*entry(pk))  # type: ignore[no-any-return]


def entry(pk: int) -> namespaces.Entry:
    """The unit with this id as an entry of `namespaces.cached_many` (read with others)."""
    return namespaces.row(UNITS, Unit, pk, SECONDS)


def connect() -> None:
    namespaces.follow(Unit, UNITS)
