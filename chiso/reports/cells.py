"""Spreadsheet cells that never turn user text into a formula."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell


def put(cell: Cell, value: Any) -> Cell:
    """Write a value; text is always stored as text (a leading '=' stays a character).

    Control characters a worksheet cannot hold (pasted into a title or a link) are dropped."""
    if isinstance(value, Fraction):
        value = int(value) if value.denominator == 1 else float(value)
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.data_type = "s"  # never "f": user text cannot become a formula
    else:
        cell.value = value
    return cell
