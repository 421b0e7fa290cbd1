"""Legacy Vietnamese encodings (VNI, TCVN3, Windows-1258) found and converted; Unicode left alone."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chiso.legacy.encodings import decode_bytes, from_tcvn3, from_vni, repair
from chiso.legacy.text import Cleaner
from tests.legacy.encoders import to_tcvn3, to_vni

SENTENCE = "Trường Tiểu học Chu Văn An đạt 58/100 điểm, Mức độ 2 – đáp ứng cơ bản; Ỹ ỵ Ắ ặ Ợ ữ Đ"
# Vietnamese text as a keyboard types it: syllables, spaces, digits and punctuation.
vietnamese = st.lists(
    st.sampled_from(
        [
            "trường",
            "tiểu",
            "học",
            "chuyển",
            "đổi",
            "số",
            "nhóm",
            "tiêu",
            "chí",
            "điểm",
            "đạt",
            "mức",
            "độ",
            "quản",
            "trị",
            "dạy",
            "học",
            "liệu",
            "phần",
            "mềm",
            "Đắk",
            "Nông",
            "Nguyễn",
            "Trãi",
            "Quảng",
            "Ngãi",
            "khuyến",
            "khích",
            "thuở",
            "giường",
            "ngoằn",
            "ngoèo",
            "1.3",
            "58/100",
            ",",
            ";",
            "–",
            "(30đ)",
        ]
    ),
    min_size=1,
    max_size=25,
).map(" ".join)


def test_known_vni_spellings_read_as_vietnamese():
    assert from_vni("Tröôøng Ñaïi hoïc Vieät Nam") == "Trường Đại học Việt Nam"
    assert from_vni("Ñieåm ñaït") == "Điểm đạt"


def test_known_tcvn3_spellings_read_as_vietnamese():
    assert from_tcvn3("Tr\xadêng ViÖt Nam") == "Trường Việt Nam"
    assert from_tcvn3("§iÓm häc") == "Điểm học"


@settings(max_examples=150, deadline=None)
@given(st.lists(vietnamese, min_size=1, max_size=6))
def test_any_document_typed_in_vni_comes_back_exactly_fragment_by_fragment(fragments):
    clean = Cleaner([to_vni(SENTENCE), *map(to_vni, fragments)])
    assert [clean(to_vni(f)) for f in fragments] == fragments


@settings(max_examples=150, deadline=None)
@given(st.lists(vietnamese, min_size=1, max_size=6))
def test_any_document_typed_in_tcvn3_comes_back_in_its_fonts_case(fragments):
    clean = Cleaner([to_tcvn3(SENTENCE), *map(to_tcvn3, fragments)])
    assert [clean(to_tcvn3(f)).lower() for f in fragments] == [f.lower() for f in fragments]
    assert clean.legacy == "TCVN3"


@settings(max_examples=150, deadline=None)
@given(vietnamese)
def test_a_long_enough_text_typed_in_vni_is_found_on_its_own(text):
    assert repair(to_vni(f"{SENTENCE} {text}"))[0] == f"{SENTENCE} {text}"


@settings(max_examples=150, deadline=None)
@given(vietnamese)
def test_unicode_text_is_never_converted(text):
    assert repair(text) == (text, None)


def test_quotes_and_foreign_words_stay_as_they_are():
    for text in ("«Nội dung» và «Trả lời»", "Google Meet, Zalo, eNetViet", "Müller – café"):
        assert repair(text)[0] == text


@pytest.mark.parametrize(
    ("content", "encoding"),
    [
        ("\ufeff" + SENTENCE, "UTF-8"),
        (SENTENCE, "UTF-8"),
    ],
)
def test_utf8_with_or_without_bom(content, encoding):
    text, found = decode_bytes(content.encode("utf-8"))
    assert text == SENTENCE and found == encoding


def test_utf16_with_and_without_bom_as_excel_saves_unicode_text():
    assert decode_bytes("\ufeff1.3\t19".encode("utf-16-le"))[0] == "1.3\t19"
    assert decode_bytes("1.3\t19\r\nTrường\t6".encode("utf-16-le"))[0].startswith("1.3\t19")
    assert decode_bytes("1.3\t19".encode("utf-16-be"))[0] == "1.3\t19"


def test_eight_bit_files_in_vni_tcvn3_or_windows_1258_are_read():
    assert decode_bytes(to_vni(SENTENCE).encode("cp1252")) == (SENTENCE, "VNI")
    text, found = decode_bytes(to_tcvn3(SENTENCE).encode("cp1252"))
    assert found == "TCVN3" and text.lower() == SENTENCE.lower()
    cp1258 = windows_1258("Trường học đạt điểm của Nguyễn Trãi")
    assert decode_bytes(cp1258) == ("Trường học đạt điểm của Nguyễn Trãi", "Windows-1258")


def windows_1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows wrote it: letters with their hat or horn, tones apart."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in tones))
        out.append(base + "".join(p for p in parts if p in tones))
    return "".join(out).encode("cp1258")


def test_binary_content_is_not_text():
    with pytest.raises(ValueError, match="nhị phân"):
        decode_bytes(bytes(range(256)) * 4)
