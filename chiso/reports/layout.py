"""The layout of an administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục I), for every
DOCX chiso writes: the report, the decisions and minutes, the plan, the yearly and periodic
reports, the office tables.

A4; margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman; page numbers centred at
the top from page 2; the issuing body top left and the national motto top right, each with a
short rule beneath; "Số:", place and date; the document's kind and subject centred; "Nơi nhận:"
12 pt bold italic with 11 pt recipients bottom left; the signature block bottom right.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.text.run import Run

from chiso.rubric import wording

FONT = "Times New Roman"
CENTER, LEFT, JUSTIFY = (
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.LEFT,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
)
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
BLANK = "……………………………………………"  # where a person still has to write


def new_document(*, landscape: bool = False) -> Any:
    """An empty A4 document with NĐ 30's margins, font and page numbers."""
    document = Document()
    section = document.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.left_margin, section.right_margin = Mm(20), Mm(15)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    _page_numbers(section)
    return document


def save(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def run(paragraph: Any, text: str, size: float, *, bold: bool = False, italic: bool = False) -> Any:
    """A run of text in the document's font (its XML built directly: python-docx's property
    setters search the run's children for every property, ten times slower over a document)."""
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
    added.text = text
    return added


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


def rule(under: Any) -> None:
    """A short solid line under a header line (drawn as the paragraph's bottom border)."""
    properties = under._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    border.append(bottom)
    properties.append(border)


def header(
    document: Any, *, governing_body: str, unit_name: str, number: str, place: str, day: Any
) -> None:
    """The issuing body, its name and the document's number on the left; the national motto,
    place and date on the right."""
    table = document.add_table(rows=1, cols=2)
    no_borders(table)
    widths(table, [6.5, 10.0])
    left, right = table.rows[0].cells
    run(left.paragraphs[0], governing_body.upper(), 12)
    left.paragraphs[0].alignment = CENTER
    rule(paragraph(left, unit_name.upper(), 12, bold=True, align=CENTER, space_after=2))
    paragraph(left, f"Số: {number}", 13, align=CENTER)
    right.paragraphs[0].alignment = CENTER
    run(right.paragraphs[0], MOTTO[0], 12, bold=True)
    rule(paragraph(right, MOTTO[1], 13, bold=True, align=CENTER, space_after=2))
    paragraph(right, f"{place or '……'}, {wording.long_date(day)}", 13, italic=True, align=CENTER)


def title(document: Any, kind: str, subject: str) -> None:
    """The document's kind (BÁO CÁO, QUYẾT ĐỊNH, KẾ HOẠCH, BIÊN BẢN) and its subject, ruled."""
    paragraph(document, kind, 14, bold=True, align=CENTER, space_after=0)
    rule(paragraph(document, subject, 14, bold=True, align=CENTER))


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
    return table


def widths(table: Any, widths_cm: list[float]) -> None:
    """Fixed column widths (Word and LibreOffice both honour them when set on every cell)."""
    table.autofit = False
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)


def no_borders(table: Any) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def signature(cell: Any, signer_title: str, name: str) -> None:
    """The signer's title, room for the signature and seal, the signer's name."""
    cell.paragraphs[0].alignment = CENTER
    run(cell.paragraphs[0], signer_title, 13, bold=True)
    for _ in range(3):
        paragraph(cell, "", 13, align=CENTER, space_after=0)
    paragraph(cell, name, 13, bold=True, align=CENTER)


def closing(document: Any, recipients: Sequence[str], signer_title: str, name: str = "") -> None:
    """ "Nơi nhận:" and its recipients bottom left, the signature block bottom right."""
    table = document.add_table(rows=1, cols=2)
    no_borders(table)
    widths(table, [8.0, 8.5])
    left, right = table.rows[0].cells
    run(left.paragraphs[0], "Nơi nhận:", 12, bold=True, italic=True)
    for recipient in recipients:
        paragraph(left, recipient, 11, align=LEFT, space_after=0)
    signature(right, signer_title, name)


def two_signatures(document: Any, left: tuple[str, str], right: tuple[str, str]) -> None:
    """Two signature blocks side by side (minutes: the secretary and the chair)."""
    table = document.add_table(rows=1, cols=2)
    no_borders(table)
    widths(table, [8.0, 8.5])
    signature(table.rows[0].cells[0], *left)
    signature(table.rows[0].cells[1], *right)


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
