"""Vietnamese number and level formatting for templates."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from django import template
from django.utils.translation import gettext

from chiso.rubric import wording

register = template.Library()


@register.filter
def vn(value: Any) -> str:
    """25.6 → "25,6"; None → "—"."""
    if value is None or value == "":
        return "—"

    if isinstance(value, Decimal):
        value = Fraction(value)
    return wording.number(value)


@register.filter
def level(value: Any) -> str:
    if value in (None, ""):
        return gettext("chưa đạt Mức độ 1")
    return gettext("Mức độ %(level)s") % {"level": value}


@register.filter
def vndate(value: Any) -> str:
    return "—" if not value else value.strftime("%d/%m/%Y")


@register.filter
def get(mapping: Any, key: Any) -> Any:
    return mapping.get(key, 0) if mapping else 0


@register.filter
def bars(line: Any, measure: str) -> Any:
    """The SVG bar segments of a dashboard line for one measure."""
    return line.bars(measure)


@register.filter
def cells(line: Any, measure: str) -> Any:
    """(count, share) per level of a dashboard line for one measure."""
    return line.cells(measure)
