"""The outline text format: what it reads, and the problems it names by line."""

from chiso.periodic.outline import fill, parse

FIGURES = {"so_co_so", "ty_le_cong_nhan"}
TABLES = {"thong_ke_muc_do"}


def test_an_outline_is_read_into_headings_texts_tables_and_writing_slots():
    outline = parse(
        "# I. KẾT QUẢ\n\n## 1. Số liệu\n- {so_co_so} cơ sở.\n[bảng: thong_ke_muc_do]\n[viết: Ưu điểm]\n[viết]",
        FIGURES,
        TABLES,
    )
    assert outline.problems == ()
    assert [(b.kind, b.text, b.depth) for b in outline.blocks] == [
        ("heading", "I. KẾT QUẢ", 1),
        ("heading", "1. Số liệu", 2),
        ("text", "- {so_co_so} cơ sở.", 0),
        ("table", "thong_ke_muc_do", 0),
        ("write", "Ưu điểm", 0),
        ("write", "", 0),
    ]
    assert len(outline.slots) == 2


def test_unknown_figures_tables_and_brackets_are_named_with_their_line():
    outline = parse("#\n{so_truong}\n[bảng: xyz]\n[ghi chú]\n{so_co_so", FIGURES, TABLES)
    assert outline.problems == (
        "Dòng 1: tiêu đề trống sau dấu #.",
        "Dòng 2: không có số liệu «{so_truong}».",
        "Dòng 3: không có bảng «xyz». Các bảng có sẵn: thong_ke_muc_do.",
        "Dòng 4: «[ghi chú]» không hiểu được; dùng [viết: gợi ý] hoặc [bảng: tên bảng].",
        "Dòng 5: thiếu dấu { hoặc }.",
    )
    assert parse("  \n", FIGURES, TABLES).problems == ("Đề cương trống: hãy viết ít nhất một mục.",)


def test_figures_are_filled_in_and_unknown_ones_left_visible():
    assert fill("{so_co_so} trường, {la}", {"so_co_so": "17"}) == "17 trường, {la}"
