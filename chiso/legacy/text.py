"""Text as people type it, made comparable: Unicode NFC, look-alike letters, spaces, quotes.

Pure standard library.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from chiso.legacy.encodings import CONVERTERS, repair, vietnamese_score

# Letters that look like Vietnamese ones but are not (typed from another keyboard or font).
LOOK_ALIKES = str.maketrans(
    {
        "\u00d0": "Đ",  # Ð Latin capital eth
        "\u00f0": "đ",  # ð Latin small eth
        "\u0189": "Đ",  # Ɖ African D
        "\u0256": "đ",  # ɖ
        "\u00a0": " ",  # no-break space
        "\u2007": " ",
        "\u202f": " ",
        "\u200b": "",  # zero-width space
        "\u200c": "",
        "\u200d": "",
        "\ufeff": "",
        "\u00ad": "",  # soft hyphen (after TCVN3 had its turn)
        "\u2010": "-",
        "\u2011": "-",
        "\u2212": "-",
        # Cyrillic letters a Russian keyboard layout types in place of Latin ones
        "\u0430": "a",
        "\u0435": "e",
        "\u043e": "o",
        "\u0440": "p",
        "\u0441": "c",
        "\u0445": "x",
        "\u0443": "y",
        "\u0410": "A",
        "\u0412": "B",
        "\u0415": "E",
        "\u041a": "K",
        "\u041c": "M",
        "\u041d": "H",
        "\u041e": "O",
        "\u0420": "P",
        "\u0421": "C",
        "\u0422": "T",
        "\u0425": "X",
    }
)
FULLWIDTH_DIGITS = str.maketrans({chr(0xFF10 + d): str(d) for d in range(10)})


LOOK_ALIKE_LETTERS = frozenset("\u00d0\u00f0\u0189\u0256\u0430\u0435\u043e\u0440\u0441\u0445\u0443")


def clean(text: str) -> tuple[str, str | None]:
    """The text in NFC Unicode with look-alikes replaced, and what was done to it: the legacy
    encoding it was in, or "look-alike" if letters such as "Ð" were typed for "Đ"."""
    typed = unicodedata.normalize("NFC", text).translate(LOOK_ALIKES)
    repaired, legacy = repair(text)
    # "Ð" is also a TCVN3 code: the reading that makes more Vietnamese words wins, ties to Unicode.
    if legacy and vietnamese_score(typed) >= vietnamese_score(repaired):
        repaired, legacy = typed, None
    tidy = unicodedata.normalize("NFC", repaired).translate(LOOK_ALIKES).translate(FULLWIDTH_DIGITS)
    if legacy is None and any(ch in LOOK_ALIKE_LETTERS for ch in text):
        legacy = "look-alike"
    return tidy, legacy


class Cleaner:
    """`clean` for every text of one document, knowing the document's own encoding: in a file
    typed in VNI, a short cell such as "soá" is VNI too, though alone it could be either."""

    def __init__(self, texts: Iterable[str] = ()) -> None:
        _, self.legacy = repair("\n".join(texts))
        self.done: set[str] = set()

    def __call__(self, text: str) -> str:
        if self.legacy:
            converted = CONVERTERS[self.legacy](text)
            if converted != text and vietnamese_score(converted) >= vietnamese_score(text):
                self.done.add(self.legacy)
                text = converted
        tidy, legacy = clean(text)
        if legacy:
            self.done.add(legacy)
        return tidy

    def notes(self) -> list[str]:
        """What was done to the document's text, in words."""
        out = []
        for name in sorted(self.done):
            if name == "look-alike":
                out.append("đã thay các chữ trông giống (như «Ð» U+00D0) bằng chữ tiếng Việt («Đ»)")
            else:
                out.append(f"đã chuyển chữ viết theo mã {name} sang Unicode")
        return out


_MARKS = re.compile(r"[\u0300-\u036f]")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case, no diacritics, đ as d, one space between words: for matching wordings."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    plain = _MARKS.sub("", decomposed)
    return " ".join(re.sub(r"[^\w%/.,:()+-]+", " ", plain).split())


def words(text: str) -> list[str]:
    """The folded words of a text (letters and digits only)."""
    return re.findall(r"[a-z0-9]+", fold(text))


def quote(text: str, width: int = 80) -> str:
    """At most `width` characters of one line of text, cut at a word boundary ("…" if cut)."""
    line = " ".join(text.split())
    if len(line) <= width:
        return line
    cut = line[: width - 1]
    space = cut.rfind(" ")
    if space > width // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–") + "…"
