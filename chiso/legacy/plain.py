"""CSV, tab-separated text (Excel's «Unicode Text» too) and text extracts of reports, read into
tables and paragraphs with their line numbers. Standard library only."""

from __future__ import annotations

import csv
import io

from chiso.legacy.document import Cell, Document, Paragraph, Table
from chiso.legacy.encodings import decode_bytes
from chiso.legacy.limits import MAX_COLUMNS, MAX_ROWS, UnreadableReport, letters
from chiso.legacy.text import Cleaner

DELIMITED = {".csv", ".tsv", ".tab"}


def read_plain(name: str, content: bytes, suffix: str) -> Document:
    """A CSV, a tab-separated table (Excel's «Unicode Text» is UTF-16) or a text extract."""
    if content.startswith(b"PK\x03\x04") or content.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableReport(
            f"Tệp «{name}» là tệp Word/Excel đổi tên, không phải văn bản thuần: hãy giữ đúng đuôi tệp."
        )
    try:
        text, encoding = decode_bytes(content)
    except ValueError as exc:
        raise UnreadableReport(f"Tệp «{name}» không đọc được như văn bản: {exc}.") from None
    notes = [] if encoding in ("UTF-8", "UTF-16") else [f"tệp được lưu theo mã {encoding}"]
    delimiter = sniff_delimiter(text)
    if delimiter is not None and (suffix in DELIMITED or delimiter == "\t"):
        document = read_delimited(name, text, delimiter)
    else:
        document = read_text(name, text)
    document.notes[:0] = notes
    return document


def sniff_delimiter(text: str) -> str | None:
    """The separator that splits most records into the same number of columns (tab, ; or ,);
    quoted cells may hold separators and line breaks."""
    if not text.strip():
        return None
    best, best_share = None, 0.0
    for delimiter in ("\t", ";", ","):
        counts = _record_widths(text, delimiter)
        if not counts or max(counts) < 3:
            continue
        widest = max(counts)
        share = sum(1 for n in counts if n == widest) / len(counts)
        if share > best_share + 0.1:
            best, best_share = delimiter, share
    return best if best_share >= 0.6 else None


def _record_widths(text: str, delimiter: str) -> list[int]:
    widths = []
    try:
        for n, record in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)):
            if n >= 200:
                break
            if any(v.strip() for v in record):
                widths.append(len(record))
    except csv.Error:
        return []
    return widths


def read_delimited(name: str, text: str, delimiter: str) -> Document:
    """One table, one row per record (quoted cells may hold several lines)."""
    rows: list[list[Cell]] = []
    row_names: list[str] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    clean = Cleaner([text])
    line = 1
    try:
        for values in reader:
            r = len(rows)
            rows.append([Cell(clean(v), (r, c)) for c, v in enumerate(values)])
            row_names.append(f"dòng {line}")
            line = reader.line_num + 1
            if len(rows) > MAX_ROWS:
                raise UnreadableReport(f"Tệp «{name}»: quá nhiều dòng (tối đa {MAX_ROWS}).")
    except csv.Error as exc:
        raise UnreadableReport(f"Tệp «{name}», dòng {reader.line_num}: {exc}.") from None
    width = max((len(r) for r in rows), default=0)
    if width > MAX_COLUMNS:
        raise UnreadableReport(f"Tệp «{name}»: quá nhiều cột ({width}, tối đa {MAX_COLUMNS}).")
    for r, row in enumerate(rows):
        row.extend(Cell("", (r, c)) for c in range(len(row), width))
    table = Table(rows, "bảng", row_names, [f"cột {letters(c)}" for c in range(width)])
    return Document(name, "csv", [table], clean.notes())


def read_text(name: str, text: str, kind: str = "text") -> Document:
    """A text extract: tab-separated rows as tables, a cell per line (rows between blank
    lines) as tables, everything else as paragraphs, each with its line number."""
    lines = text.splitlines()
    clean = Cleaner([text])
    blocks: list[Paragraph | Table] = []
    i = 0
    while i < len(lines):
        taken = _tab_table(lines, i, clean) or _cell_table(lines, i, clean)
        if taken is not None:
            table, i = taken
            table.label = f"bảng {sum(isinstance(b, Table) for b in blocks) + 1}"
            blocks.append(table)
            continue
        if lines[i].strip():
            blocks.append(Paragraph(clean(lines[i].strip()), f"dòng {i + 1}"))
        i += 1
    return Document(name, kind, blocks, clean.notes())


def _is_tab_row(line: str) -> bool:
    body = line.lstrip(" ")
    tabs = body.count("\t")
    return tabs >= 2 or (tabs == 1 and not body.startswith("\t") and bool(body.strip()))


def _is_cell_line(line: str) -> bool:
    body = line.lstrip(" ")
    return body.startswith("\t") and body.count("\t") == 1


def _tab_table(lines: list[str], start: int, clean: Cleaner) -> tuple[Table, int] | None:
    """Rows of tab-separated cells from `start` (one blank line may sit between two rows)."""
    if not _is_tab_row(lines[start]):
        return None
    rows: list[list[Cell]] = []
    names: list[str] = []
    i = start
    while i < len(lines):
        if _is_tab_row(lines[i]):
            r = len(rows)
            cells = lines[i].lstrip(" ").split("\t")
            rows.append([Cell(clean(v.strip()), (r, c)) for c, v in enumerate(cells)])
            names.append(f"dòng {i + 1}")
            i += 1
        elif not lines[i].strip() and i + 1 < len(lines) and _is_tab_row(lines[i + 1]):
            i += 1
        else:
            break
    if len(rows) < 2:
        return None
    return Table(rows, "bảng", names, ragged=True), i


MAX_CELLS_PER_ROW = 30  # a longer "row" of tab-led lines is a run of paragraphs


def _blank(line: str) -> bool:
    """An empty line (a line holding only a tab is an empty cell, not a blank line)."""
    return not line.strip(" \r\xa0")


def _cell_table(lines: list[str], start: int, clean: Cleaner) -> tuple[Table, int] | None:
    """A table extracted a cell per line: each cell's line starts with a tab, lines without a
    tab continue the cell above, a blank line ends a row, two blank lines end the table."""
    if not _is_cell_line(lines[start]) or (start > 0 and not _blank(lines[start - 1])):
        return None
    rows: list[list[str]] = []
    names: list[str] = []
    i = start
    while i < len(lines) and not _is_tab_row(lines[i]):
        if _blank(lines[i]):
            if i + 1 >= len(lines) or _blank(lines[i + 1]):
                break
            i += 1
            continue
        row, first, i = _cell_row(lines, i)
        if len(row) > MAX_CELLS_PER_ROW:
            i = first
            break
        rows.append(row)
        names.append(f"dòng {first + 1}")
    if len(rows) < 2:
        return None
    grid = [[Cell(clean(v), (r, c)) for c, v in enumerate(row)] for r, row in enumerate(rows)]
    return Table(grid, "bảng", names, ragged=True), i


def _cell_row(lines: list[str], i: int) -> tuple[list[str], int, int]:
    first, cells = i, []
    while i < len(lines) and not _blank(lines[i]) and not _is_tab_row(lines[i]):
        body = lines[i].lstrip(" ")
        if body.startswith("\t") or not cells:
            cells.append(body.strip())
        else:
            cells[-1] = f"{cells[-1]}\n{body.strip()}".strip()
        i += 1
    return cells, first, i
