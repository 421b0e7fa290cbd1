"""Numbers, maxima and levels as Vietnamese documents write them. Pure standard library.

"1.250" is one thousand two hundred and fifty, "6,5" is six and a half, "Tối đa 30 điểm" is a
maximum, "mức 2/3" is level 2 of 3. Anything that could be read two ways is refused, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from chiso.legacy.text import fold

MAX_CHARACTERS = 24  # a longer "number" is no count or score (and would cost time to build)


class Ambiguous(ValueError):
    """A number that reads two ways ("1,250": one and a quarter, or twelve hundred and fifty)."""


_PLAIN = re.compile(r"^\d+$")
_DOT_THOUSANDS = re.compile(r"^[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?$")
_COMMA_THOUSANDS = re.compile(r"^[1-9]\d{0,2}(?:,\d{3}){2,}(?:\.\d+)?$")
_DECIMAL = re.compile(r"^(\d+)[.,](\d+)$")


def parse_number(text: str, *, whole: bool = False) -> Fraction | None:
    """The number `text` writes, the Vietnamese way; None if it is no number.

    `whole`: a count, where "1,250" could be 1250 written the English way (Ambiguous)."""
    t = text.strip().replace(" ", "").replace("\u00a0", "").lstrip("+")
    if not t or len(t) > MAX_CHARACTERS:
        return None
    if _PLAIN.match(t):
        return Fraction(int(t))
    if _DOT_THOUSANDS.match(t):
        whole_part, _, decimals = t.partition(",")
        return Fraction(whole_part.replace(".", "") + ("." + decimals if decimals else ""))
    if _COMMA_THOUSANDS.match(t):
        return Fraction(t.replace(",", ""))
    match = _DECIMAL.match(t)
    if match is None:
        return None
    if whole and "," in t and len(match.group(2)) == 3:
        raise Ambiguous(t)
    return Fraction(f"{match.group(1)}.{match.group(2)}")


_POINTS = re.compile(
    r"^(?P<n>\d[\d.,]*)\s*(?:điểm|đ|đ\.)?\s*(?:/\s*(?P<of>\d[\d.,]*)\s*(?:điểm|đ)?)?\.?$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class PointsCell:
    """What a cell of a points column says: a number (and the maximum written beside it)."""

    value: Fraction
    of: Fraction | None = None


def parse_points_cell(text: str) -> PointsCell | None:
    """ "19", "19 điểm", "19/30", "6,5" → the points; None for an empty cell; ValueError otherwise."""
    t = " ".join(text.split()).strip(" .;")
    if t in ("", "-", "—", "–", "_", "…", "..."):
        return None
    match = _POINTS.match(t)
    if match is None:
        raise ValueError(t)
    value = parse_number(match.group("n"))
    of = parse_number(match.group("of")) if match.group("of") else None
    if value is None or (match.group("of") and of is None):
        raise ValueError(t)
    return PointsCell(value, of)


_MAXIMUM = re.compile(
    r"^\(?\s*(?:tối đa\s*:?\s*)?(\d{1,4}(?:[.,]\d+)?)\s*(?:điểm|đ)?\s*\)?\.?$", re.I
)


def parse_maximum(text: str) -> Fraction | None:
    """ "30", "Tối đa 30 điểm", "(30đ)" → 30; None for anything else (a band, a rule, words)."""
    t = " ".join(re.sub(r"</?i>", "", text).split()).strip(" -")
    match = _MAXIMUM.match(t)
    return parse_number(match.group(1)) if match else None


def mentions_maximum(text: str) -> bool:
    """Whether a cell describes a cap ("Tối đa 6 điểm", "< 30%: tối đa 2 điểm")."""
    return "toi da" in fold(text)


@dataclass(frozen=True, slots=True)
class Level:
    """A level or a met/unmet condition, as a cell or a sentence states it."""

    value: int | None = None  # 1, 2, 3
    met: bool | None = None  # "Đạt" / "Không đạt" (mandatory conditions)


_LEVEL = re.compile(r"\bmuc(?: do)?\s*:?\s*(\d|iii|ii|i)\b(?:\s*/\s*(\d))?")
_ROMAN = {"i": 1, "ii": 2, "iii": 3}
LEVEL_NAMES = (("chua dap ung", 1), ("dap ung co ban", 2), ("dap ung tot", 3))
_MET = {"dat", "co", "x", "da dat", "dat yeu cau", "dap ung", "co (dat)"}
_UNMET = {"khong dat", "khong", "chua dat", "chua", "chua co", "khong co"}


def parse_level(text: str, levels: int = 3) -> Level | None:
    """ "Mức 2", "mức 2/3", "đạt mức độ 3.", "Mức độ 2 (đáp ứng cơ bản)", "Mức đáp ứng tốt",
    "Đạt", "Không đạt" → the level or the condition; None if it names none or several."""
    f = fold(text).strip(" .;:-")
    if f in _MET:
        return Level(met=True)
    if f in _UNMET:
        return Level(met=False)
    numbers = {_level_number(m) for m in _LEVEL.finditer(f)}
    named = {level for name, level in LEVEL_NAMES if _names(f, name)}
    if len(numbers) > 1 or len(named) > 1 or None in numbers:
        return None  # a rule ("Mức độ 1: dưới 10 điểm; Mức độ 2: …"), or "2/4"
    found = numbers | named
    if len(found) != 1:
        return None
    (value,) = found
    return Level(value=value) if 1 <= value <= levels else None


def _level_number(match: re.Match[str]) -> int | None:
    word, of = match.group(1), match.group(2)
    value = _ROMAN[word] if word in _ROMAN else int(word)
    if of is not None and int(of) != 3:
        return None
    return value


def _names(folded: str, name: str) -> bool:
    # "đáp ứng cơ bản" must not be found inside "chưa đáp ứng cơ bản"
    return re.search(rf"(?<!chua ){name}\b", folded) is not None and (
        name != "dap ung tot" or "chua dap ung tot" not in folded
    )


_RULE = re.compile(r"(?:duoi|tren|tu|den|it hon|nhieu hon)\s*\d")


def describes_rule(text: str) -> bool:
    """Whether a cell states a rule ("Mức độ 1: dưới 10 điểm", "< 30%: tối đa 2 điểm")."""
    return _RULE.search(fold(text)) is not None or re.search(r"[<>≤≥]\s*\d", text) is not None
