"""Encoders into the legacy Vietnamese font encodings, written for the tests from the fonts'
own tables (independently of the reader's decoders): VNI-Windows and TCVN3 (ABC)."""

from __future__ import annotations

import unicodedata

ACUTE, GRAVE, HOOK, TILDE, DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
CIRCUMFLEX, BREVE, HORN = "\u0302", "\u0306", "\u031b"

# VNI-Windows: the mark after a plain vowel; after a hat (â ê ô) or a breve (ă) the mark
# replaces it; i with a tone and ỵ are single characters.
VNI_TONE = {"": "", ACUTE: "ù", GRAVE: "ø", HOOK: "û", TILDE: "õ", DOT: "ï"}
VNI_HAT = {"": "â", ACUTE: "á", GRAVE: "à", HOOK: "å", TILDE: "ã", DOT: "ä"}
VNI_BREVE = {"": "ê", ACUTE: "é", GRAVE: "è", HOOK: "ú", TILDE: "ü", DOT: "ë"}
VNI_I = {"": "i", ACUTE: "í", GRAVE: "ì", HOOK: "æ", TILDE: "ó", DOT: "ò"}


def to_vni(text: str) -> str:
    """Unicode text as a VNI font stores it (Latin-1 characters)."""
    return "".join(_vni_letter(ch) for ch in text)


def _vni_letter(ch: str) -> str:
    if ch in "đĐ":
        return "ñ" if ch == "đ" else "Ñ"
    decomposed = unicodedata.normalize("NFD", ch)
    base, marks = decomposed[0], decomposed[1:]
    if not marks or base.lower() not in "aeiouy":
        return ch
    tone = next((m for m in marks if m in VNI_TONE and m), "")
    low = base.lower()
    if CIRCUMFLEX in marks:
        out = low + VNI_HAT[tone]
    elif BREVE in marks:
        out = "a" + VNI_BREVE[tone]
    elif HORN in marks:
        out = {"o": "ô", "u": "ö"}[low] + VNI_TONE[tone]
    elif low == "i":
        out = VNI_I[tone]
    elif low == "y" and tone == DOT:
        out = "î"
    else:
        out = low + VNI_TONE[tone]
    return out.upper() if base.isupper() else out


# TCVN3: per vowel, the codes with no tone, huyền, hỏi, ngã, sắc, nặng; capitals only for
# Ă Â Đ Ê Ô Ơ Ư (the other capitals are the lower-case codes in an upper-case font).
TCVN3_ROWS = {
    "a": "aµ¶·¸¹",
    "ă": "¨»¼½¾Æ",
    "â": "©ÇÈÉÊË",
    "e": "eÌÎÏÐÑ",
    "ê": "ªÒÓÔÕÖ",
    "i": "i×ØÜÝÞ",
    "o": "oßáâãä",
    "ô": "«åæçèé",
    "ơ": "¬êëìíî",
    "u": "uïñòóô",
    "ư": "\xadõö÷øù",
    "y": "yúûüýþ",
}
TCVN3_TONES = ("", GRAVE, HOOK, TILDE, ACUTE, DOT)
TCVN3_CAPITALS = {"Ă": "¡", "Â": "¢", "Đ": "§", "Ê": "£", "Ô": "¤", "Ơ": "¥", "Ư": "¦", "đ": "®"}


def to_tcvn3(text: str) -> str:
    """Unicode text as a TCVN3 font stores it (capitals with a tone as lower-case codes)."""
    return "".join(_tcvn3_letter(ch) for ch in text)


def _tcvn3_letter(ch: str) -> str:
    if ch in TCVN3_CAPITALS:
        return TCVN3_CAPITALS[ch]
    decomposed = unicodedata.normalize("NFD", ch.lower())
    tone = next((m for m in decomposed if m in TCVN3_TONES and m), "")
    base = unicodedata.normalize(
        "NFC", "".join(m for m in decomposed if m not in TCVN3_TONES or not m)
    )
    if base not in TCVN3_ROWS:
        return ch
    if not tone and ch.isupper() and base in "aeiouy":
        return ch
    return TCVN3_ROWS[base][TCVN3_TONES.index(tone)]
