"""Vietnamese text in the legacy font encodings (VNI-Windows, TCVN3/ABC) and Windows-1258,
found by what reads as Vietnamese and converted to Unicode. Pure standard library.

A Word file typed in a VNI or TCVN3 font stores the font's bytes as Latin-1 characters
("Tröôøng" for "Trường", "Tr\xadêng" in TCVN3); a text file saved by old software stores the
same bytes. The conversion is chosen per fragment: the one that yields the most valid
Vietnamese syllables, and only when it yields more than the text as it is.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import cache

# -- VNI-Windows: a base letter followed by a mark character ------------------------------------

_TONES = "\u0301\u0300\u0309\u0303\u0323"  # sắc, huyền, hỏi, ngã, nặng
_VNI_TONE = ("ù", "ø", "û", "õ", "ï")  # after a plain vowel
_VNI_HAT_TONE = ("á", "à", "å", "ã", "ä")  # replaces the hat of â, ê, ô
_VNI_BREVE_TONE = ("é", "è", "ú", "ü", "ë")  # replaces the breve of ă
_VNI_I = ("í", "ì", "æ", "ó", "ò")  # i with a tone is one character
_VNI_BASES = {  # Unicode base vowel -> (VNI spelling of the base, kind of its tone marks)
    "a": ("a", "plain"),
    "ă": ("aê", "breve"),
    "â": ("aâ", "hat"),
    "e": ("e", "plain"),
    "ê": ("eâ", "hat"),
    "o": ("o", "plain"),
    "ô": ("oâ", "hat"),
    "ơ": ("ô", "plain"),
    "u": ("u", "plain"),
    "ư": ("ö", "plain"),
    "y": ("y", "plain"),
}


@cache
def _vni_spellings() -> dict[str, str]:
    """VNI spelling -> Unicode letter, lower and upper case."""
    table: dict[str, str] = {"ñ": "đ", "Ñ": "Đ"}
    for base, (spelling, kind) in _VNI_BASES.items():
        table[spelling] = base
        for tone, mark in zip(_TONES, _tone_marks(kind), strict=True):
            letter = unicodedata.normalize("NFC", base + tone)
            table[_with_tone(spelling, kind, mark)] = letter
    for tone, mark in zip(_TONES, _VNI_I, strict=True):
        table[mark] = unicodedata.normalize("NFC", "i" + tone)
    table["î"] = "ỵ"  # ỵ is one character
    upper = {k.upper(): v.upper() for k, v in table.items()}
    return {**table, **upper}


def _tone_marks(kind: str) -> tuple[str, ...]:
    return {"plain": _VNI_TONE, "hat": _VNI_HAT_TONE, "breve": _VNI_BREVE_TONE}[kind]


def _with_tone(spelling: str, kind: str, mark: str) -> str:
    return spelling + mark if kind == "plain" else spelling[0] + mark


# -- TCVN3 (ABC): one byte per lower-case letter, a few capitals ---------------------------------

_TCVN3_FROM = "µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\xadõøö÷ùúýûüþ¡¢§£¤¥¦"
_TCVN3_TO = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĂÂĐÊÔƠƯ"
_TCVN3 = dict(zip(_TCVN3_FROM, _TCVN3_TO, strict=True))

# -- telling Vietnamese from noise ---------------------------------------------------------------

_ONSETS = "ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnpqrstvx]"
_NUCLEI = [
    "a",
    "ă",
    "â",
    "e",
    "ê",
    "i",
    "o",
    "ô",
    "ơ",
    "u",
    "ư",
    "y",
    "ai",
    "ao",
    "au",
    "ay",
    "âu",
    "ây",
    "eo",
    "êu",
    "ia",
    "iê",
    "iu",
    "oa",
    "oă",
    "oe",
    "oi",
    "ôi",
    "ơi",
    "oo",
    "ôô",
    "ua",
    "uâ",
    "uê",
    "ui",
    "uô",
    "uơ",
    "ưa",
    "ưi",
    "ươ",
    "ưu",
    "uy",
    "yê",
    "iêu",
    "yêu",
    "oai",
    "oao",
    "oay",
    "oeo",
    "uây",
    "uôi",
    "ươi",
    "ươu",
    "uyê",
    "uya",
    "uyu",
]
_SYLLABLE = re.compile(
    rf"^(?:{_ONSETS})?({'|'.join(sorted(_NUCLEI, key=len, reverse=True))})(?:ch|ng|nh|[cmnpt])?$"
)
_WORD = re.compile(r"(?:[^\W\d_]|\xad)+")  # TCVN3 writes ư as a soft hyphen


@cache
def _untoned(word: str) -> tuple[str, int]:
    """The word without tone marks (hats, breves and horns kept), and how many tones it had."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = sum(1 for ch in decomposed if ch in _TONES)
    kept = "".join(ch for ch in decomposed if ch not in _TONES)
    return unicodedata.normalize("NFC", kept), tones


def is_syllable(word: str) -> bool:
    """Whether `word` is a well-formed Vietnamese syllable (one tone mark at most)."""
    base, tones = _untoned(word.lower())
    return tones <= 1 and _SYLLABLE.match(base) is not None


def vietnamese_score(text: str) -> int:
    """How many of the text's words are well-formed Vietnamese syllables."""
    return sum(1 for word in _WORD.findall(unicodedata.normalize("NFC", text)) if is_syllable(word))


# The characters legacy fonts use (some are Vietnamese letters too: "Ó" is TCVN3's ể).
_SIGNS = frozenset(
    ch for ch in set(_TCVN3_FROM) | {c for k in _vni_spellings() for c in k} if ch >= "\u00a0"
)


def from_vni(text: str) -> str:
    """VNI-Windows text (as Latin-1 characters) in Unicode."""
    table = _vni_spellings()
    out, i = [], 0
    while i < len(text):
        pair = text[i : i + 2]
        if pair in table and len(pair) == 2:
            out.append(table[pair])
            i += 2
        else:
            out.append(table.get(text[i], text[i]))
            i += 1
    return "".join(out)


def from_tcvn3(text: str) -> str:
    """TCVN3 (ABC) text (as Latin-1 characters) in Unicode, in lower case as its fonts store it."""
    return "".join(_TCVN3.get(ch, ch) for ch in text)


CONVERTERS = {"VNI": from_vni, "TCVN3": from_tcvn3}


def repair(text: str) -> tuple[str, str | None]:
    """The text in Unicode, and the legacy encoding it was in (None if it was Unicode)."""
    if not any(ch in _SIGNS for ch in text):
        return text, None
    words = _WORD.findall(unicodedata.normalize("NFC", text))
    if all(is_syllable(w) for w in words if any(ch in _SIGNS for ch in w)):
        return text, None  # every word a legacy font could have written reads as Vietnamese
    best, best_name, best_score = text, None, vietnamese_score(text)
    for name, convert in CONVERTERS.items():
        candidate = convert(text)
        score = vietnamese_score(candidate)
        if score > best_score:
            best, best_name, best_score = candidate, name, score
    return best, best_name


# -- bytes of a text file ------------------------------------------------------------------------


def decode_bytes(content: bytes) -> tuple[str, str]:
    """The text of a text file and the encoding it was read in; ValueError if it is no text."""
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if content.startswith(bom):
            return _strict(content, codec), codec.upper().replace("-SIG", "")
    sample = content[:4096]
    if sample and sample.count(b"\x00") * 4 > len(sample):
        codec = "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
        return _strict(content, codec), "UTF-16"
    if b"\x00" in sample:
        raise ValueError("nội dung nhị phân, không phải văn bản")
    try:
        return content.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    return _eight_bit(content)


def _latin_1(error: UnicodeError) -> tuple[str, int]:
    """The five bytes Windows-1252 leaves undefined, as Latin-1 has them."""
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error("chiso-latin-1", _latin_1)


def _strict(content: bytes, codec: str) -> str:
    try:
        return content.decode(codec)
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"không đọc được theo mã {codec.upper()} (byte thứ {exc.start + 1})"
        ) from None


def _eight_bit(content: bytes) -> tuple[str, str]:
    """An 8-bit file: Windows-1258, or VNI/TCVN3 bytes, whichever reads as Vietnamese."""
    latin = content.decode("cp1252", errors="chiso-latin-1")
    repaired, legacy = repair(latin)
    candidates = [(vietnamese_score(repaired), repaired, legacy or "Latin-1")]
    try:
        cp1258 = unicodedata.normalize("NFC", content.decode("cp1258"))
        candidates.append((vietnamese_score(cp1258), cp1258, "Windows-1258"))
    except UnicodeDecodeError:
        pass
    _, text, name = max(candidates, key=lambda c: c[0])
    if _control_share(text) > 0.05:
        raise ValueError("nội dung nhị phân, không phải văn bản")
    return text, name


def _control_share(text: str) -> float:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n\f")
    return controls / max(1, len(text))
