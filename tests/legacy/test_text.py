"""Text made comparable: look-alike letters, folding, quotes cut at word boundaries."""

from chiso.legacy.text import Cleaner, clean, fold, quote


def test_a_latin_eth_typed_for_d_with_stroke_is_read_as_vietnamese():
    assert clean("Ðiểm đạt") == ("Điểm đạt", "look-alike")
    assert clean("ðạt") == ("đạt", "look-alike")


def test_cyrillic_letters_typed_for_latin_ones_are_replaced():
    assert clean("Điểm tối đа")[0] == "Điểm tối đa"  # the last "а" is Cyrillic


def test_spaces_and_invisible_characters_are_made_plain():
    assert clean("Điểm\u00a0đạt\u200b")[0] == "Điểm đạt"
    assert clean("\uff11\uff19")[0] == "19"  # full-width digits


def test_a_cleaner_says_what_it_did():
    cleaner = Cleaner(["Ðiểm đạt"])
    cleaner("Ðiểm đạt")
    assert cleaner.notes() == [
        "đã thay các chữ trông giống (như «Ð» U+00D0) bằng chữ tiếng Việt («Đ»)"
    ]


def test_fold_drops_diacritics_case_and_spacing():
    assert fold("  Điểm   TỰ đánh giá ") == "diem tu danh gia"


def test_a_quote_is_cut_at_a_word_boundary():
    text = "Nhóm tiêu chí Chuyển đổi số trong quản trị cơ sở giáo dục đạt 58/100 điểm đạt mức độ 2"
    short = quote(text, 40)
    assert short.endswith("…") and len(short) <= 40
    assert text.startswith(short[:-1]) and text[len(short) - 1] == " "


def test_a_short_quote_is_kept_whole():
    assert quote("Mức độ 2", 40) == "Mức độ 2"
