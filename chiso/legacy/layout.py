"""A PDF's text as pdftotext lays out its pages: a table from each header line of three or
more columns, rows cut at the header's column positions, wrapped lines joined to the row above,
a table going on over a page break joined to itself. Standard library only."""

from __future__ import annotations

import re

from chiso.legacy.document import Cell, Document, Paragraph, Table
from chiso.legacy.text import Cleaner

_SEGMENT = re.compile(r"\S+(?: \S+)*")


def read_layout(name: str, text: str) -> Document:
    """pdftotext's page layout: a table from each header line of three or more columns, its
    rows cut at the header's column positions, wrapped lines joined to the row above."""
    clean = Cleaner([text])
    blocks: list[Paragraph | Table] = []
    for page_number, page in enumerate(text.split("\f"), start=1):
        lines = page.splitlines()
        i = 0
        while i < len(lines):
            taken = _layout_table(
                lines, i, page_number, clean, 2 if _after_table(blocks) is None else 1
            )
            if taken is not None:
                table, i = taken
                if not _continues(blocks, table):
                    table.label = (
                        f"trang {page_number}, bảng {sum(isinstance(b, Table) for b in blocks) + 1}"
                    )
                    blocks.append(table)
                continue
            if lines[i].strip():
                text_line = clean(" ".join(lines[i].split()))
                blocks.append(Paragraph(text_line, f"trang {page_number}, dòng {i + 1}"))
            i += 1
    return Document(name, "pdf", blocks, clean.notes())


def _after_table(blocks: list[Paragraph | Table]) -> list[Paragraph] | None:
    """The short lines since the last table (a page number, the end of a wrapped title), or
    None if a real paragraph came between."""
    tables = [n for n, b in enumerate(blocks) if isinstance(b, Table)]
    if not tables:
        return None
    between = blocks[tables[-1] + 1 :]
    if len(between) > 30 or any(isinstance(b, Table) or len(b.text) > 40 for b in between):
        return None
    return [b for b in between if isinstance(b, Paragraph)]


def _continues(blocks: list[Paragraph | Table], table: Table) -> bool:
    """A table going on over a page break (only short lines between): its rows join the
    table above, under that table's header."""
    between = _after_table(blocks)
    above = next((b for b in reversed(blocks) if isinstance(b, Table)), None)
    if between is None or above is None or above.width != table.width:
        return False
    for r, row in enumerate(table.rows):
        place = len(above.rows)
        above.rows.append([Cell(cell.text, (place, c)) for c, cell in enumerate(row)])
        above.row_names.append(table.row_names[r])
    for paragraph in between:
        blocks.remove(paragraph)
    return True


def _segments(line: str) -> list[tuple[int, str]]:
    """The runs of words two or more spaces apart, with where each starts."""
    return [(m.start(), m.group()) for m in _SEGMENT.finditer(line)]


def _layout_table(
    lines: list[str], start: int, page: int, clean: Cleaner, min_rows: int
) -> tuple[Table, int] | None:
    header = _segments(lines[start])
    if len(header) < 3:
        return None
    starts = [position for position, _ in header]
    rows: list[list[str]] = [[""] * len(starts)]
    for position, text in header:
        rows[0][starts.index(position)] = text
    names = [f"trang {page}, dòng {start + 1}"]
    i = start + 1
    while i < len(lines):
        segments = _segments(lines[i])
        if not segments:
            if i + 1 >= len(lines) or not lines[i + 1].strip():
                break
            i += 1
            continue
        if len(segments) == 1 and segments[0][0] == 0 and len(segments[0][1]) > 40:
            break  # a paragraph after the table
        cells = [""] * len(starts)
        for position, text in segments:
            column = max((k for k, s in enumerate(starts) if s <= position + 2), default=0)
            cells[column] = f"{cells[column]} {text}".strip()
        if cells[0]:
            rows.append(cells)
            names.append(f"trang {page}, dòng {i + 1}")
        else:
            rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], cells, strict=True)]
        i += 1
    if len(rows) < min_rows:
        return None
    grid = [[Cell(clean(v), (r, c)) for c, v in enumerate(row)] for r, row in enumerate(rows)]
    return Table(grid, "bảng", names), i
