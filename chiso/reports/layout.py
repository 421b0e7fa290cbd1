"""The layout of an administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục I), for every
DOCX chiso writes: the report, the decisions and minutes, the plan, the yearly and periodic
reports, the office tables.

A4; margins top/bottom 20 mm, left 30 mm, right 15 mm (a landscape table keeps the same
margins); Times New Roman; page numbers centred at the top from page 2; the issuing body top left
and the national motto top right, each with a short centred rule beneath (a third to a half of
the line above); a proper name in the issuing body never breaks across lines; "Số: 12/BC-THHĐ"
from the symbol the unit sets; place and date; the document's kind and subject centred with a
short rule; "Nơi nhận:" 12 pt bold italic with 11 pt recipients bottom left; the signature block
bottom right ("KT. HIỆU TRƯỞNG / PHÓ HIỆU TRƯỞNG", then the signer's name). A school year
("2025-2026") never breaks at its hyphen.

XLSX files get the same care through `print_setup`: orientation, fit to width, repeated title
rows, a page header and footer. File names come from `file_slug` (đ → d).
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Mm, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from chiso.rubric import wording

FONT = "Times New Roman"
CENTER, LEFT, JUSTIFY = (
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.LEFT,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
)
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
BLANK = "……………………………………………"  # where a person still has to write
PORTRAIT_WIDTH_CM = 16.5  # 210 mm less 30 + 15 mm of margins
LANDSCAPE_WIDTH_CM = 25.2  # 297 mm less 30 + 15 mm of margins
ISSUER_WIDTH_CM, MOTTO_WIDTH_CM = 7.0, 9.5
# The common part of a unit's name, before its proper name: the line may break after it, never
# inside the proper name ("TRƯỜNG TIỂU HỌC" / "HƯNG ĐẠO").
KIND_WORDS = (
    "ỦY BAN NHÂN DÂN",
    "UỶ BAN NHÂN DÂN",
    "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
    "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
    "PHÒNG VĂN HÓA - XÃ HỘI",
    "PHÒNG VĂN HÓA – XÃ HỘI",
    "PHÒNG VĂN HOÁ - XÃ HỘI",
    "SỞ GDĐT",
    "PHÒNG GDĐT",
    "TRUNG TÂM GIÁO DỤC THƯỜNG XUYÊN",
    "TRUNG TÂM GIÁO DỤC NGHỀ NGHIỆP - GIÁO DỤC THƯỜNG XUYÊN",
    "TRUNG TÂM GDNN - GDTX",
    "TRUNG TÂM GDTX",
    "TRƯỜNG MẦM NON",
    "TRƯỜNG MẪU GIÁO",
    "TRƯỜNG TIỂU HỌC VÀ TRUNG HỌC CƠ SỞ",
    "TRƯỜNG TRUNG HỌC CƠ SỞ VÀ TRUNG HỌC PHỔ THÔNG",
    "TRƯỜNG TIỂU HỌC",
    "TRƯỜNG TRUNG HỌC CƠ SỞ",
    "TRƯỜNG TRUNG HỌC PHỔ THÔNG",
    "TRƯỜNG PHỔ THÔNG DÂN TỘC NỘI TRÚ",
    "TRƯỜNG PHỔ THÔNG DÂN TỘC BÁN TRÚ",
    "TRƯỜNG TH&THCS",
    "TRƯỜNG TH VÀ THCS",
    "TRƯỜNG THCS&THPT",
    "TRƯỜNG THCS VÀ THPT",
    "TRƯỜNG THCS",
    "TRƯỜNG THPT",
    "TRƯỜNG MN",
    "TRƯỜNG TH",
    "TRƯỜNG",
    "BỘ GIÁO DỤC VÀ ĐÀO TẠO",
)
SCHOOL_YEAR = re.compile(r"(\d{4})-(\d{4})")


def new_document(*, landscape: bool = False) -> Any:
    """An empty A4 document with NĐ 30's margins, font and page numbers."""
    document = Document()
    section = document.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    _page_numbers(section)
    properties = document.core_properties  # the template's "python-docx" marks, gone
    properties.author = properties.last_modified_by = ""
    properties.comments = properties.title = properties.subject = properties.keywords = ""
    return document


def save(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def run(paragraph: Any, text: str, size: float, *, bold: bool = False, italic: bool = False) -> Any:
    """A run of text in the document's font (its XML built directly: python-docx's property
    setters search the run's children for every property, ten times slower over a document);
    a school year's hyphen never breaks the line."""
    element = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    fonts = OxmlElement("w:rFonts")
    for key in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(key), FONT)
    properties.append(fonts)
    for flag, tag in ((bold, "w:b"), (italic, "w:i")):
        if flag:
            properties.append(OxmlElement(tag))
    half_points = str(round(size * 2))
    for tag in ("w:sz", "w:szCs"):
        measure = OxmlElement(tag)
        measure.set(qn("w:val"), half_points)
        properties.append(measure)
    element.append(properties)
    paragraph._p.append(element)
    added = Run(element, paragraph)
    pieces = SCHOOL_YEAR.split(text) if "-" in text else [text]
    if len(pieces) > 1:
        _text_with_nobreak_years(added, pieces)
    else:
        added.text = text
    return added


def _text_with_nobreak_years(added: Any, pieces: list[str]) -> None:
    """Text, then each year pair as "2025", a non-breaking hyphen, "2026" (Word's own element)."""
    element = added._r
    for t in element.findall(qn("w:t")):
        element.remove(t)

    def text(value: str) -> None:
        if value:
            t = OxmlElement("w:t")
            t.set(qn("xml:space"), "preserve")
            t.text = value
            element.append(t)

    text(pieces[0])
    for index in range(1, len(pieces), 3):
        text(pieces[index])
        element.append(OxmlElement("w:noBreakHyphen"))
        text(pieces[index + 1])
        text(pieces[index + 2])


def paragraph(
    container: Any,
    text: str = "",
    size: float = 14,
    *,
    bold: bool = False,
    italic: bool = False,
    align: Any = None,
    indent: bool = False,
    space_after: float = 6,
) -> Any:
    """A paragraph of body text (justified, first line indented when `indent`)."""
    added = container.add_paragraph()
    if text:
        run(added, text, size, bold=bold, italic=italic)
    added.alignment = align if align is not None else JUSTIFY
    added.paragraph_format.space_after = Pt(space_after)
    added.paragraph_format.space_before = Pt(0)
    if indent:
        added.paragraph_format.first_line_indent = Cm(1.27)
    return added


def text_block(container: Any, text: str, *, placeholder: str = "") -> None:
    """What a person wrote in the app: one indented paragraph per line (or the placeholder)."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    for line in lines or ([placeholder] if placeholder else []):
        paragraph(container, line, indent=True)


def rule(container: Any, length_cm: float, width_cm: float) -> Any:
    """A short solid line, centred, `length_cm` long in a column `width_cm` wide: the top border
    of an empty 2 pt paragraph indented from both sides (Word and LibreOffice draw it alike)."""
    line = container.add_paragraph()
    line.alignment = CENTER
    side = max((width_cm - length_cm) / 2, 0)
    line.paragraph_format.left_indent = Cm(side)
    line.paragraph_format.right_indent = Cm(side)
    line.paragraph_format.space_before = Pt(3)  # clear of the descenders above
    line.paragraph_format.space_after = Pt(4)
    line.paragraph_format.line_spacing = Pt(2)
    run(line, "", 2)
    properties = line._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    border.append(top)
    properties.insert(0, border)
    return line


# Rough advance widths of Times New Roman in em, enough to know whether a line fits its column.
_NARROW, _WIDE = set(" .,;:!'()-–/|ijlItfr"), set("MWmw")


def text_width_cm(text: str, size: float, *, bold: bool = False) -> float:
    """An estimate of a line's printed width, a little on the wide side (Times New Roman bold
    capitals ~0.72 em, lower case ~0.5 em)."""
    em = 0.0
    for char in text:
        base = unicodedata.normalize("NFD", char)[0]
        if base in _NARROW:
            em += 0.3
        elif base in _WIDE:
            em += 0.9
        elif base.isupper():
            em += 0.74
        else:
            em += 0.5
    return em * size * (1.0 if bold else 0.95) * 0.03528  # 1 pt = 0.03528 cm


def unbreakable_lines(name: str, size: float, width_cm: float, *, bold: bool = False) -> list[str]:
    """A unit's name as the lines of a header column: whole when it fits (the estimate errs on
    the wide side); otherwise broken after its common part ("TRƯỜNG TIỂU HỌC" / "HƯNG ĐẠO"), so
    that the proper name stands whole on its own line."""
    name = " ".join(name.split())
    usable = width_cm - 0.6  # the cell's own margins, and a little to spare
    if text_width_cm(name, size, bold=bold) <= usable:
        return [name]
    upper = name.upper()
    for words in KIND_WORDS:
        if upper.startswith(words + " ") and len(name) > len(words) + 1:
            return [name[: len(words)], name[len(words) + 1 :]]
    return [name]


def _issuer_line(cell: Any, name: str, size: float, *, bold: bool) -> Any:
    """One line of the issuer column; its explicit break, when it needs one, is a line break."""
    lines = unbreakable_lines(name, size, ISSUER_WIDTH_CM, bold=bold)
    line = (
        cell.add_paragraph()
        if cell.paragraphs[0].text or cell.paragraphs[0].runs
        else cell.paragraphs[0]
    )
    line.alignment = CENTER
    line.paragraph_format.space_after = Pt(0)
    line.paragraph_format.space_before = Pt(0)
    for index, text in enumerate(lines):
        added = run(line, text, size, bold=bold)
        if index < len(lines) - 1:
            added.add_break()
    return line


def symbol_for(unit: Any) -> str:
    """The unit's symbol in document numbers ("THHĐ"): the one its head set, else the initials
    of its kind and its proper name."""
    chosen = (getattr(unit, "document_symbol", "") or "").strip()
    if chosen:
        return chosen
    name = " ".join((getattr(unit, "name", "") or "").split())
    upper = name.upper()
    abbreviations = {
        "TRƯỜNG MẦM NON": "MN",
        "TRƯỜNG MẪU GIÁO": "MG",
        "TRƯỜNG TIỂU HỌC": "TH",
        "TRƯỜNG TRUNG HỌC CƠ SỞ": "THCS",
        "TRƯỜNG TRUNG HỌC PHỔ THÔNG": "THPT",
        "TRƯỜNG TH&THCS": "THCS",
        "TRƯỜNG THCS&THPT": "THPT",
        "TRUNG TÂM GIÁO DỤC THƯỜNG XUYÊN": "GDTX",
        "TRUNG TÂM GDTX": "GDTX",
        "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO": "GDĐT",
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO": "SGDĐT",
        "PHÒNG GDĐT": "GDĐT",
        "SỞ GDĐT": "SGDĐT",
        "TRƯỜNG THCS": "THCS",
        "TRƯỜNG THPT": "THPT",
        "TRƯỜNG MN": "MN",
        "TRƯỜNG TH": "TH",
        "ỦY BAN NHÂN DÂN": "UBND",
        "UỶ BAN NHÂN DÂN": "UBND",
    }
    for words, short in abbreviations.items():
        if upper.startswith(words + " "):
            if short in ("GDĐT", "SGDĐT"):
                return short
            proper = name[len(words) + 1 :]
            return short + "".join(_initial(w) for w in proper.split() if w[:1].isalpha())
    return "".join(_initial(w) for w in name.split() if w[:1].isalpha())[:10] or "ĐV"


def _initial(word: str) -> str:
    """A word's first letter in capitals without its tone mark ("Ủy" → "U"); Đ stays Đ."""
    letter = unicodedata.normalize("NFD", word[0].upper())[0]
    return letter


def number_line(kind: str, unit: Any, number: str = "") -> str:
    """ "Số: 12/BC-THHĐ", or "Số:      /BC-THHĐ" with room to write the number by hand."""
    number = (number or "").strip()
    if "/" in number:  # a full number and symbol someone typed ("27/BC-GDTXHP")
        return f"Số: {number}"
    return f"Số: {number or ' ' * 6}/{kind}-{symbol_for(unit)}"


def header(
    document: Any,
    *,
    governing_body: str,
    unit_name: str,
    number: str,
    place: str,
    day: Any,
    width_cm: float = PORTRAIT_WIDTH_CM,
) -> None:
    """The issuing body, its name and the document's number on the left; the national motto,
    place and date on the right. `number` is the whole line after "Số:" (see `number_line`);
    without a day, the date is left for the signer to write ("ngày … tháng … năm …")."""
    table = document.add_table(rows=1, cols=2)
    no_borders(table)
    right_width = max(width_cm - ISSUER_WIDTH_CM, MOTTO_WIDTH_CM)
    widths(table, [ISSUER_WIDTH_CM, right_width])
    left, right = table.rows[0].cells
    if governing_body:
        _issuer_line(left, governing_body.upper(), 12, bold=False)
    name_line = _issuer_line(left, unit_name.upper(), 12, bold=True)
    longest = max(text_width_cm(x, 12, bold=True) for x in name_line.text.split("\n"))
    rule(left, min(max(longest / 3, 1.5), longest / 2 + 0.2), ISSUER_WIDTH_CM - 0.4)
    shown = number if number.startswith("Số:") else f"Số: {number}"
    paragraph(left, shown, 13, align=CENTER)
    right.paragraphs[0].alignment = CENTER
    right.paragraphs[0].paragraph_format.space_after = Pt(0)
    run(right.paragraphs[0], MOTTO[0], 12, bold=True)
    paragraph(right, MOTTO[1], 13, bold=True, align=CENTER, space_after=0)
    # NĐ 30: the rule under the motto is as long as the motto's line
    rule(right, text_width_cm(MOTTO[1], 13, bold=True), right_width - 0.4)
    paragraph(right, f"{place or '……'}, {date_words(day)}", 13, italic=True, align=CENTER)


def date_words(day: Any) -> str:
    """ "ngày 16 tháng 02 năm 2023", or room to write it by hand when the day is not chosen."""
    if isinstance(day, dt.date):
        return wording.long_date(day)
    return "ngày      tháng      năm 20   "


def title(document: Any, kind: str, subject: str, *, width_cm: float = PORTRAIT_WIDTH_CM) -> None:
    """The document's kind (BÁO CÁO, QUYẾT ĐỊNH, KẾ HOẠCH, BIÊN BẢN) and its subject, with a
    short centred rule beneath (a third of the subject's longest line)."""
    paragraph(document, "", 6, align=CENTER, space_after=0)
    paragraph(document, kind, 14, bold=True, align=CENTER, space_after=0)
    paragraph(document, subject, 14, bold=True, align=CENTER, space_after=0)
    longest = min(text_width_cm(subject, 14, bold=True), width_cm)
    rule(document, max(longest / 3, 3.0), width_cm)


def page_break(document: Any) -> None:
    """What follows starts on a new page (an appendix)."""
    added = document.add_paragraph()
    added.paragraph_format.space_after = Pt(0)
    added.add_run().add_break(WD_BREAK.PAGE)


def heading(document: Any, text: str, depth: int = 1) -> None:
    """A section heading of the body: "I. …" in 14 pt bold, "1. …" in 13 pt bold."""
    paragraph(document, text, 14 if depth <= 1 else 13, bold=True)


def grid(
    document: Any,
    head: Sequence[str],
    rows: Iterable[Sequence[str]],
    column_widths: Sequence[float],
    *,
    size: float = 12,
    bold_rows: Iterable[int] = (),
) -> Any:
    """A ruled table: a bold header row, then the rows (indices in `bold_rows` in bold)."""
    table = document.add_table(rows=1, cols=len(head))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, head, strict=True):
        run(cell.paragraphs[0], text, size, bold=True)
    bold = set(bold_rows)
    for index, row in enumerate(rows):
        for cell, text in zip(table.add_row().cells, row, strict=True):
            run(cell.paragraphs[0], text, size, bold=index in bold)
    widths(table, list(column_widths))
    keep_rows_whole(table, header_rows=1)
    return table


def long_table(
    document: Any,
    head: Sequence[str],
    rows: Iterable[Sequence[str]],
    column_widths: Sequence[float],
    *,
    size: float = 9,
) -> Any:
    """A ruled table of many rows (an office's thousand units) written as XML directly: the
    bold centred header row repeats on every page, no row is split between pages, every cell
    has its fixed width. The same look as `grid`, a hundred times faster."""
    table = document.add_table(rows=0, cols=len(head))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl = table._tbl
    twips = [str(int(Cm(w).twips)) for w in column_widths]
    for column, width in zip(tbl.tblGrid.gridCol_lst, column_widths, strict=True):
        column.w = Cm(width)
    plain, bold = _run_properties(size, bold=False), _run_properties(size, bold=True)

    def add(values: Sequence[str], header: bool) -> None:
        tr = etree.SubElement(tbl, qn("w:tr"))
        tr_pr = etree.SubElement(tr, qn("w:trPr"))
        etree.SubElement(tr_pr, qn("w:cantSplit"))
        if header:
            etree.SubElement(tr_pr, qn("w:tblHeader"))
        for value, width in zip(values, twips, strict=True):
            tc = etree.SubElement(tr, qn("w:tc"))
            tc_w = etree.SubElement(etree.SubElement(tc, qn("w:tcPr")), qn("w:tcW"))
            tc_w.set(qn("w:w"), width)
            tc_w.set(qn("w:type"), "dxa")
            p = etree.SubElement(tc, qn("w:p"))
            if header:
                etree.SubElement(etree.SubElement(p, qn("w:pPr")), qn("w:jc")).set(
                    qn("w:val"), "center"
                )
            r = etree.SubElement(p, qn("w:r"))
            r.append(copy.deepcopy(bold if header else plain))
            t = etree.SubElement(r, qn("w:t"))
            t.set(qn("xml:space"), "preserve")
            t.text = value

    add(head, True)
    for row in rows:
        add(row, False)
    return table


def _run_properties(size: float, *, bold: bool) -> Any:
    properties = OxmlElement("w:rPr")
    fonts = OxmlElement("w:rFonts")
    for key in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(key), FONT)
    properties.append(fonts)
    if bold:
        properties.append(OxmlElement("w:b"))
    for tag in ("w:sz", "w:szCs"):
        measure = OxmlElement(tag)
        measure.set(qn("w:val"), str(round(size * 2)))
        properties.append(measure)
    return properties


def keep_rows_whole(table: Any, *, header_rows: int = 1) -> None:
    """The first `header_rows` rows repeat on every page; no row is split across two pages."""
    for index, row in enumerate(table.rows):
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        if index < header_rows:
            properties.append(OxmlElement("w:tblHeader"))


def fitting_widths(
    head: Sequence[str], fixed: dict[int, float], total_cm: float, size: float
) -> list[float]:
    """Column widths filling `total_cm`: the fixed ones as given, the others sharing the rest;
    none narrower than its header's longest word and the cell's margins (no "Mứ/c")."""
    least = [
        max((text_width_cm(w, size, bold=True) for w in text.split()), default=0) + 0.45
        for text in head
    ]
    kept = {i: max(width, least[i]) for i, width in fixed.items()}
    free = [i for i in range(len(head)) if i not in kept]
    share = (total_cm - sum(kept.values())) / max(len(free), 1)
    return [kept[i] if i in kept else max(share, least[i]) for i in range(len(head))]


def widths(table: Any, widths_cm: list[float]) -> None:
    """Fixed column widths (Word and LibreOffice both honour them when set on every cell; a
    merged cell gets the width of the columns it spans). Written on the XML row by row:
    python-docx's columns rebuild the whole cell grid for each column."""
    table.autofit = False
    sizes = [Cm(width) for width in widths_cm]
    for column, size in zip(table._tbl.tblGrid.gridCol_lst, sizes, strict=True):
        column.w = size
    for row in table._tbl.tr_lst:
        index = 0
        for cell in row.tc_lst:
            span = cell.grid_span
            cell.width = Emu(sum(sizes[index : index + span]))
            index += span


def no_borders(table: Any) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def signature(cell: Any, signer_title: Any, name: str = "") -> None:
    """The signer's title ("KT. HIỆU TRƯỞNG" / "PHÓ HIỆU TRƯỞNG", one line each), room for the
    signature and seal, the signer's name. `signer_title` is a title, or a signer with `title`
    and `name` (chiso.reports.signing.Signer)."""
    if hasattr(signer_title, "title") and hasattr(signer_title, "name"):
        signer_title, name = signer_title.title, signer_title.name or name
    cell.paragraphs[0].alignment = CENTER
    lines = [line for line in str(signer_title).split("\n") if line.strip()] or [""]
    run(cell.paragraphs[0], lines[0], 13, bold=True)
    cell.paragraphs[0].paragraph_format.space_after = Pt(0)
    for line in lines[1:]:
        paragraph(cell, line, 13, bold=True, align=CENTER, space_after=0)
    for _ in range(4):
        paragraph(cell, "", 13, align=CENTER, space_after=0)
    paragraph(cell, name, 13, bold=True, align=CENTER)


DRAFT = "DỰ THẢO"


def draft_mark(document: Any) -> None:
    """A document not issued yet says so under its heading: "DỰ THẢO": it becomes final only
    when the unit issues it (chiso.reports.issuing)."""
    paragraph(document, DRAFT, 14, bold=True, align=CENTER)


def marked_draft(content: bytes) -> bytes:
    """A finished DOCX with "DỰ THẢO" put under its heading (the first table), for a file
    served without being issued."""
    document = Document(io.BytesIO(content))
    mark = paragraph(document, DRAFT, 14, bold=True, align=CENTER)
    body = document.element.body
    first = next((e for e in body.iterchildren() if e.tag.endswith("}tbl")), None)
    if first is not None:
        first.addnext(mark._p)  # moved from the end to just under the heading
    return save(document)


def closing(
    document: Any,
    recipients: Sequence[str],
    signer_title: Any,
    name: str = "",
    *,
    width_cm: float = PORTRAIT_WIDTH_CM,
) -> None:
    """ "Nơi nhận:" and its recipients bottom left, the signature block bottom right."""
    _keep_with_signature(document)
    table = document.add_table(rows=1, cols=2)
    no_borders(table)
    widths(table, [width_cm - 8.5, 8.5])
    left, right = table.rows[0].cells
    run(left.paragraphs[0], "Nơi nhận:", 12, bold=True, italic=True)
    for recipient in recipients:
        paragraph(left, recipient, 11, align=LEFT, space_after=0)
    signature(right, signer_title, name)
    _keep_together(table)


def two_signatures(document: Any, left: Any, right: Any) -> None:
    """Two signature blocks side by side (minutes: the secretary and the chair); each a
    (title, name) pair or a signer."""
    _keep_with_signature(document)
    table = document.add_table(rows=1, cols=2)
    no_borders(table)
    widths(table, [8.0, 8.5])
    for cell, signer in zip(table.rows[0].cells, (left, right), strict=True):
        if isinstance(signer, tuple):
            signature(cell, *signer)
        else:
            signature(cell, signer)
    _keep_together(table)


def _keep_with_signature(document: Any) -> None:
    """The closing paragraph goes to the next page with the signature, never leaving the
    signature alone on a page."""
    body = document.element.body
    last = next((e for e in reversed(body) if e.tag in (qn("w:p"), qn("w:tbl"))), None)
    if last is not None and last.tag == qn("w:p"):
        Paragraph(last, document._body).paragraph_format.keep_with_next = True


def _keep_together(table: Any) -> None:
    """A signature block stays on one page."""
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def file_slug(text: str) -> str:
    """A file or folder name from Vietnamese text: "Trường Tiểu học Hưng Đạo" →
    "truong-tieu-hoc-hung-dao" (đ → d, which Unicode decomposition alone would drop)."""
    plain = text.replace("đ", "d").replace("Đ", "D")
    plain = unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode("ascii")
    plain = re.sub(r"[^\w\s-]", "", plain.lower())
    return re.sub(r"[-\s_]+", "-", plain).strip("-_")


def workbook_properties(workbook: Any, title: str) -> None:
    """The file's own properties carry the document's title, never a program's name."""
    workbook.properties.creator = ""
    workbook.properties.lastModifiedBy = ""
    workbook.properties.title = title[:250]


def print_setup(
    sheet: Any, *, landscape: bool, title_rows: str = "", header: str = "", fit_width: bool = True
) -> None:
    """An XLSX sheet that prints as a document: A4 in the given orientation, fitted to the
    page's width, title rows repeated on every page, the unit in the page header and
    "Trang x/y" in the footer, margins of NĐ 30."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    if fit_width:
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if title_rows:
        sheet.print_title_rows = title_rows
    sheet.page_margins.left, sheet.page_margins.right = 30 / 25.4, 15 / 25.4
    sheet.page_margins.top = sheet.page_margins.bottom = 20 / 25.4
    sheet.page_margins.header = sheet.page_margins.footer = 8 / 25.4
    sheet.print_options.horizontalCentered = True
    if header:
        sheet.oddHeader.center.text = header
        sheet.oddHeader.center.size = 10
        sheet.oddHeader.center.font = "Times New Roman"
    sheet.oddFooter.center.text = "Trang &P/&N"
    sheet.oddFooter.center.size = 10
    sheet.oddFooter.center.font = "Times New Roman"


def _page_numbers(section: Any) -> None:
    section.different_first_page_header_footer = True  # no number on page 1
    centred = section.header.paragraphs[0]
    centred.alignment = CENTER
    number = run(centred, "", 13)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        number._r.append(element)
