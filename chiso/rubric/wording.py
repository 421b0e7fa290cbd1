"""Vietnamese wording: numbers (25,6), percentages (25,6%), dates, intervals, explanations."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from chiso.rubric.definitions import Interval, Number


def number(value: Number | float, decimals: int = 2) -> str:
    """A number the Vietnamese way: decimal comma, no trailing zeros ("25,6", "10")."""
    if isinstance(value, int) or (isinstance(value, Fraction) and value.denominator == 1):
        return f"{int(value):,}".replace(",", ".")
    text = f"{float(value):.{decimals}f}".rstrip("0").rstrip(".")
    whole, _, frac = text.partition(".")
    whole = f"{int(whole):,}".replace(",", ".") if whole not in ("-0", "") else whole
    return f"{whole},{frac}" if frac else whole


def percent(value: Number | float, decimals: int = 1) -> str:
    """A percentage the Vietnamese way: "25,6%"."""
    return number(value, decimals) + "%"


def ratio_percent(numerator: int, denominator: int, decimals: int = 1) -> str:
    """numerator/denominator as a Vietnamese percentage ("10/39 = 25,6%")."""
    return percent(Fraction(numerator * 100, denominator), decimals)


def long_date(day: dt.date) -> str:
    """ "ngày 16 tháng 02 năm 2023": leading zero for days 1–9 and months 1–2 (NĐ 30/2020)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def interval(iv: Interval, unit: str = "") -> str:
    """An interval as the decision words it: "dưới 20", "từ 20 đến 40", "trên 40"."""
    suffix = f" {unit}" if unit else ""
    low, high = iv.low, iv.high
    if low is None and high is None:
        return "mọi giá trị"
    if low is None:
        assert high is not None
        word = "đến" if high.inclusive else "dưới"
        return f"{word} {number(high.value)}{suffix}"
    if high is None:
        word = "từ" if low.inclusive else "trên"
        return f"{word} {number(low.value)}{suffix}"
    left = "từ" if low.inclusive else "trên"
    right = "đến" if high.inclusive else "dưới"
    return f"{left} {number(low.value)} {right} {number(high.value)}{suffix}"


def points(value: Number | None) -> str:
    """ "6 điểm"; "—" for unknown."""
    return "—" if value is None else f"{number(value)} điểm"


def level(value: int | None) -> str:
    return "chưa xác định" if value is None else f"Mức độ {value}"


def yes_no(value: bool) -> str:
    return "Có" if value else "Không"
