"""Whole numbers that name rows (ids, versions) as they arrive in URLs and forms.

A database key is a signed 64-bit integer: a larger number is never a row, and SQLite cannot
even be asked about it (OverflowError, a server error). Pure standard library (no Django)."""

from __future__ import annotations

MAX_ID = 2**63 - 1


def parse_id(text: object) -> int | None:
    """A positive id written in ASCII digits and within a database key's range; None if not."""
    raw = str(text if text is not None else "").strip()
    if not raw.isascii() or not raw.isdigit() or len(raw) > 19:
        return None
    value = int(raw)
    return value if 1 <= value <= MAX_ID else None


def within_range(value: object) -> bool:
    """Whether an id already parsed (by a URL converter) can be a database key."""
    return not isinstance(value, int) or isinstance(value, bool) or 0 <= value <= MAX_ID
