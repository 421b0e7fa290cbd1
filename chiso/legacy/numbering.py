"""Word's automatic numbering written out ("1.3."), so that a criterion numbered by Word and
not typed is still found. Counts lists as Word does: per abstract list, a level's counter
restarting when a higher level moves. Standard library on python-docx's XML elements.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
         (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Level:
    start: int
    format: str  # decimal, lowerLetter, upperRoman, bullet, none …
    text: str  # "%1.%2."


@dataclass
class Numbering:
    """The numbering definitions of one document and the counters as paragraphs go by."""

    abstract: dict[str, dict[int, Level]] = field(default_factory=dict)
    lists: dict[str, str] = field(default_factory=dict)  # numId -> abstractNumId
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId -> level -> start
    styles: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId -> (numId, level)
    counters: dict[str, list[int]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, document: Any) -> Numbering:
        """The numbering of a python-docx document (none if it has no numbering part)."""
        numbering = cls()
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return numbering
        for abstract in root.iterchildren(f"{W}abstractNum"):
            numbering.abstract[_val(abstract, "abstractNumId")] = _levels(abstract)
        for num in root.iterchildren(f"{W}num"):
            num_id = _val(num, "numId")
            target = num.find(f"{W}abstractNumId")
            numbering.lists[num_id] = _val(target, "val") if target is not None else ""
            numbering.overrides[num_id] = _overrides(num)
        numbering.styles = _style_numbering(document)
        return numbering

    def label(self, paragraph: Any) -> str:
        """The number Word shows before this paragraph ("1.3."), counting it; "" if none."""
        found = self._reference(paragraph)
        if found is None:
            return ""
        num_id, level = found
        abstract_id = self.lists.get(num_id)
        levels = self.abstract.get(abstract_id or "")
        if not levels or level not in levels:
            return ""
        counters = self._count(num_id, abstract_id or "", levels, level)
        return _format(levels, level, counters)

    def _reference(self, paragraph: Any) -> tuple[str, int] | None:
        properties = paragraph.find(f"{W}pPr")
        if properties is None:
            return None
        direct = properties.find(f"{W}numPr")
        if direct is not None:
            num_id = direct.find(f"{W}numId")
            ilvl = direct.find(f"{W}ilvl")
            if num_id is not None:
                return _val(num_id, "val"), _level_number(ilvl)
        style = properties.find(f"{W}pStyle")
        return self.styles.get(_val(style, "val")) if style is not None else None

    def _count(
        self, num_id: str, abstract_id: str, levels: dict[int, Level], level: int
    ) -> list[int]:
        counters = self.counters.setdefault(abstract_id, [0] * 9)
        if num_id not in self.started:
            self.started.add(num_id)
            for lvl, start in self.overrides.get(num_id, {}).items():
                counters[lvl] = start - 1
        if counters[level] == 0:
            counters[level] = levels[level].start - 1
        counters[level] += 1
        for deeper in range(level + 1, 9):
            counters[deeper] = 0
        return counters


def _val(element: Any, name: str) -> str:
    return str(element.get(f"{W}{name}") or element.get(f"{W}val") or "")


def _level_number(element: Any) -> int:
    try:
        return max(0, min(8, int(_val(element, "val")))) if element is not None else 0
    except ValueError:
        return 0


def _levels(abstract: Any) -> dict[int, Level]:
    levels = {}
    for lvl in abstract.iterchildren(f"{W}lvl"):
        index = _level_number_attr(lvl)
        start, fmt, text = lvl.find(f"{W}start"), lvl.find(f"{W}numFmt"), lvl.find(f"{W}lvlText")
        try:
            first = int(_val(start, "val")) if start is not None else 1
        except ValueError:
            first = 1
        levels[index] = Level(
            first,
            _val(fmt, "val") if fmt is not None else "decimal",
            _val(text, "val") if text is not None else "",
        )
    return levels


def _level_number_attr(lvl: Any) -> int:
    try:
        return max(0, min(8, int(lvl.get(f"{W}ilvl", "0"))))
    except ValueError:
        return 0


def _overrides(num: Any) -> dict[int, int]:
    out = {}
    for override in num.iterchildren(f"{W}lvlOverride"):
        start = override.find(f"{W}startOverride")
        if start is not None:
            try:
                out[_level_number_attr(override)] = int(_val(start, "val"))
            except ValueError:
                continue
    return out


def _style_numbering(document: Any) -> dict[str, tuple[str, int]]:
    """Styles that number their paragraphs (directly or through the style they are based on)."""
    try:
        root = document.styles.element
    except (AttributeError, KeyError, NotImplementedError):
        return {}
    own: dict[str, tuple[str, int]] = {}
    based: dict[str, str] = {}
    for style in root.iterchildren(f"{W}style"):
        style_id = style.get(f"{W}styleId") or ""
        parent = style.find(f"{W}basedOn")
        if parent is not None:
            based[style_id] = _val(parent, "val")
        num_pr = style.find(f"{W}pPr/{W}numPr")
        if num_pr is not None and num_pr.find(f"{W}numId") is not None:
            own[style_id] = (
                _val(num_pr.find(f"{W}numId"), "val"),
                _level_number(num_pr.find(f"{W}ilvl")),
            )
    resolved = {}
    for style_id in set(own) | set(based):
        seen, current = set(), style_id
        while current and current not in own and current not in seen:
            seen.add(current)
            current = based.get(current, "")
        if current in own:
            resolved[style_id] = own[current]
    return resolved


def _format(levels: dict[int, Level], level: int, counters: list[int]) -> str:
    definition = levels[level]
    if definition.format in ("bullet", "none") or not definition.text:
        return ""
    text = definition.text
    for k in range(level + 1):
        fmt = levels[k].format if k in levels else "decimal"
        text = text.replace(f"%{k + 1}", _number(max(counters[k], 1), fmt))
    return text.strip()


def _number(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.upper() if fmt == "upperRoman" else roman
    return str(value)


def _roman(value: int) -> str:
    out = ""
    for number, letters in ROMAN:
        while value >= number:
            out += letters
            value -= number
    return out
