"""Word files (.docx): paragraphs and tables in reading order, merged cells kept (both ways),
Word's automatic numbering written out. python-docx for the package, its XML read directly."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from docx import Document as open_docx

from chiso.legacy.document import Cell, Document, Paragraph, Table
from chiso.legacy.limits import MAX_COLUMNS, MAX_ROWS, UnreadableReport, check_zip
from chiso.legacy.numbering import Numbering
from chiso.legacy.text import Cleaner

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(name: str, content: bytes, converted: str = "") -> Document:
    """Paragraphs and tables in reading order; merged cells kept; Word's numbering written out."""
    check_zip(name, content, "Word .docx", "word/document.xml")
    try:
        return _docx_document(name, content, converted)
    except UnreadableReport:
        raise
    except Exception as exc:  # python-docx and lxml raise many kinds on a damaged part
        raise UnreadableReport(
            f"Tệp «{name}» không đọc được như văn bản Word .docx ({type(exc).__name__})."
        ) from None


def _docx_document(name: str, content: bytes, converted: str) -> Document:
    word = open_docx(io.BytesIO(content))
    numbering = Numbering.of(word)
    clean = Cleaner(t.text or "" for t in word.element.body.iter(f"{W}t"))
    blocks: list[Paragraph | Table] = []
    paragraphs = 0
    for element in _body_blocks(word.element.body):
        if element.tag == f"{W}p":
            paragraphs += 1
            text = clean(_paragraph_text(element, numbering))
            if text.strip():
                blocks.append(Paragraph(text, f"đoạn {paragraphs}"))
        else:
            label = f"bảng {sum(isinstance(b, Table) for b in blocks) + 1}"
            blocks.append(_docx_table(element, numbering, label, clean))
    document = Document(name, "docx", blocks, clean.notes())
    if converted:
        document.notes.insert(0, f"đã chuyển tệp {converted} sang .docx bằng LibreOffice")
    return document


def _body_blocks(parent: Any) -> Iterator[Any]:
    for child in parent.iterchildren():
        if child.tag in (f"{W}p", f"{W}tbl"):
            yield child
        elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
            yield from _body_blocks(child)


def _paragraph_text(p: Any, numbering: Numbering) -> str:
    parts = []
    for element in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen"):
        tag = element.tag
        if tag == f"{W}t":
            parts.append(element.text or "")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
        elif tag == f"{W}tab":
            parts.append(" ")
        else:
            parts.append("\n")
    text = "".join(parts)
    label = numbering.label(p)
    return f"{label} {text}".strip() if label else text


def _children(element: Any, tag: str) -> Iterator[Any]:
    """Children with `tag`, looking inside content controls."""
    for child in element.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
            yield from _children(child, tag)


def _property(element: Any, *path: str) -> Any:
    found = element
    for tag in path:
        found = found.find(f"{W}{tag}") if found is not None else None
    return found


def _int_attribute(element: Any, default: int) -> int:
    if element is None:
        return default
    try:
        return max(1, min(MAX_COLUMNS, int(element.get(f"{W}val", default))))
    except ValueError:
        return default


def _docx_table(tbl: Any, numbering: Numbering, label: str, clean: Cleaner) -> Table:
    grid: list[list[Cell]] = []
    for r, tr in enumerate(_children(tbl, f"{W}tr")):
        row: list[Cell] = []
        before = _property(tr, "trPr", "gridBefore")
        for _ in range(_int_attribute(before, 0) if before is not None else 0):
            row.append(Cell("", (r, len(row))))
        for tc in _children(tr, f"{W}tc"):
            _place_cell(grid, row, r, tc, numbering, clean)
        grid.append(row)
        if len(grid) > MAX_ROWS:
            break
    width = max((len(row) for row in grid), default=0)
    for r, row in enumerate(grid):
        row.extend(Cell("", (r, c)) for c in range(len(row), width))
    return Table(grid, label, [f"dòng {r + 1}" for r in range(len(grid))])


def _place_cell(
    grid: list[list[Cell]], row: list[Cell], r: int, tc: Any, numbering: Numbering, clean: Cleaner
) -> None:
    span = _int_attribute(_property(tc, "tcPr", "gridSpan"), 1)
    vmerge = _property(tc, "tcPr", "vMerge")
    hmerge = _property(tc, "tcPr", "hMerge")
    c = len(row)
    above = grid[r - 1][c] if r > 0 and c < len(grid[r - 1]) else None
    if vmerge is not None and vmerge.get(f"{W}val", "continue") == "continue" and above:
        cell = Cell(above.text, above.origin)
    elif hmerge is not None and hmerge.get(f"{W}val", "continue") == "continue" and row:
        cell = Cell(row[-1].text, row[-1].origin)
    else:
        cell = Cell(clean(_cell_text(tc, numbering)), (r, c))
    for _ in range(span):
        row.append(cell)


def _cell_text(tc: Any, numbering: Numbering) -> str:
    lines = []
    for element in tc.iter(f"{W}p"):
        text = _paragraph_text(element, numbering).strip()
        if text:
            lines.append(text)
    return "\n".join(lines)
