"""Files of any kind a school or an office keeps, read into a `Document`.

Word (.docx; .doc, .odt and .rtf through LibreOffice), spreadsheets (.xlsx; .xls and .ods through
LibreOffice), CSV and tab-separated text in UTF-8, UTF-16 or an 8-bit Vietnamese encoding, PDF
through pdftotext, and plain-text extracts. A file that cannot be read raises `UnreadableReport`
with a Vietnamese message saying which file and why. Standard library, python-docx and openpyxl.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from typing import Any

from docx import Document as open_docx
from openpyxl import load_workbook

from chiso.legacy.document import Cell, Document, Paragraph, Table
from chiso.legacy.encodings import decode_bytes
from chiso.legacy.numbering import Numbering
from chiso.legacy.text import Cleaner
from chiso.lib.files import ZIP_ERRORS

MAX_BYTES = 10 * 1024 * 1024
MAX_UNPACKED = 60 * 1024 * 1024
MAX_ROWS, MAX_COLUMNS = 5_000, 80  # a sheet's used range; far beyond any real scoring table
CONVERT_SECONDS = 60

WORD = {".docx"}
WORD_CONVERTED = {".doc", ".odt", ".rtf", ".docm"}
SHEET = {".xlsx", ".xlsm"}
SHEET_CONVERTED = {".xls", ".ods"}
DELIMITED = {".csv", ".tsv", ".tab"}
TEXT = {".txt", ".text", ""}
PDF = {".pdf"}
ACCEPTED = "Word (.docx, .doc, .odt), Excel (.xlsx, .xls, .ods), .csv, .tsv, .txt, .pdf"


class UnreadableReport(ValueError):
    """A file that is not a report we can read; the message says which and why, in Vietnamese."""


def load(name: str, content: bytes) -> Document:
    """The document in a file, by its name's extension and checked against its content."""
    if len(content) > MAX_BYTES:
        raise UnreadableReport(f"Tệp «{name}» quá lớn (tối đa {MAX_BYTES // 1048576} MB).")
    suffix = Path(name).suffix.lower()
    if suffix in WORD:
        return read_docx(name, content)
    if suffix in SHEET:
        return read_xlsx(name, content)
    if suffix in WORD_CONVERTED:
        return read_docx(name, convert_with_office(name, content, "docx"), converted=suffix)
    if suffix in SHEET_CONVERTED:
        return read_xlsx(name, convert_with_office(name, content, "xlsx"), converted=suffix)
    if suffix in PDF:
        return read_layout(name, pdf_text(name, content))
    if suffix in DELIMITED or suffix in TEXT:
        return read_plain(name, content, suffix)
    raise UnreadableReport(f"Tệp «{name}»: chưa đọc được loại tệp này. Nhận: {ACCEPTED}.")


# -- text and delimited files --------------------------------------------------------------------


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
    table = Table(rows, "bảng", row_names, [f"cột {_letters(c)}" for c in range(width)])
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


def _letters(column: int) -> str:
    name = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        name = chr(65 + rest) + name
    return name


# -- Word ----------------------------------------------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _check_zip(name: str, content: bytes, kind: str, member: str) -> None:
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableReport(
            f"Tệp «{name}» có mật khẩu hoặc là tệp {kind} cũ đổi tên: hãy mở và lưu lại không mật khẩu."
        )
    if not content.startswith(b"PK\x03\x04"):
        raise UnreadableReport(f"Tệp «{name}» không phải tệp {kind} (nội dung không khớp).")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            infos = archive.infolist()
    except ZIP_ERRORS:
        raise UnreadableReport(f"Tệp «{name}» bị hỏng, không đọc được.") from None
    if sum(i.file_size for i in infos) > MAX_UNPACKED:
        raise UnreadableReport(f"Tệp «{name}» giải nén quá lớn (nghi ngờ tệp độc hại).")
    names = [i.filename for i in infos]
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise UnreadableReport(f"Tệp «{name}» có chứa macro: không nhận.")
    if member not in names:
        raise UnreadableReport(f"Tệp «{name}» không phải tệp {kind}.")


def read_docx(name: str, content: bytes, converted: str = "") -> Document:
    """Paragraphs and tables in reading order; merged cells kept; Word's numbering written out."""
    _check_zip(name, content, "Word .docx", "word/document.xml")
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


# -- spreadsheets --------------------------------------------------------------------------------


def read_xlsx(name: str, content: bytes, converted: str = "") -> Document:
    """Every sheet as a table; merged areas kept; numbers exactly as stored."""
    _check_zip(name, content, "Excel .xlsx", "[Content_Types].xml")
    try:
        values = load_workbook(io.BytesIO(content), data_only=True)
        formulas = load_workbook(io.BytesIO(content), data_only=False, read_only=False)
    except Exception as exc:  # openpyxl raises many kinds on a damaged workbook
        raise UnreadableReport(
            f"Tệp «{name}» không đọc được như bảng tính Excel ({type(exc).__name__})."
        ) from None
    for sheet in values.worksheets:
        _check_extent(name, sheet)
    clean = Cleaner(
        cell.value
        for sheet in values.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    )
    blocks: list[Paragraph | Table] = []
    for sheet in values.worksheets:
        table = _sheet_table(sheet, formulas[sheet.title], clean)
        if table is not None:
            blocks.append(table)
    if not blocks:
        raise UnreadableReport(f"Tệp «{name}» không có trang tính nào có dữ liệu.")
    document = Document(name, "xlsx", blocks, clean.notes())
    if converted:
        document.notes.insert(0, f"đã chuyển tệp {converted} sang .xlsx bằng LibreOffice")
    return document


def _check_extent(name: str, sheet: Any) -> None:
    if sheet.max_row > MAX_ROWS or sheet.max_column > MAX_COLUMNS:
        raise UnreadableReport(
            f"Tệp «{name}», trang «{sheet.title}»: vùng dữ liệu quá lớn ({sheet.max_row} dòng, "
            f"{sheet.max_column} cột; tối đa {MAX_ROWS} dòng, {MAX_COLUMNS} cột): hãy xóa phần thừa."
        )


def _sheet_table(sheet: Any, formulas: Any, clean: Cleaner) -> Table | None:
    rows: list[list[Cell]] = []
    for r, cells in enumerate(sheet.iter_rows(min_row=1, max_row=sheet.max_row)):
        rows.append([_sheet_cell(cell, formulas, (r, c), clean) for c, cell in enumerate(cells)])
    for merged in sheet.merged_cells.ranges:
        _spread(
            rows, merged.min_row - 1, merged.min_col - 1, merged.max_row - 1, merged.max_col - 1
        )
    if not any(cell.text for row in rows for cell in row):
        return None
    width = max((len(r) for r in rows), default=0)
    return Table(
        rows,
        f"trang «{sheet.title}»",
        [f"dòng {r + 1}" for r in range(len(rows))],
        [f"cột {_letters(c)}" for c in range(width)],
    )


def _spread(rows: list[list[Cell]], top: int, left: int, bottom: int, right: int) -> None:
    if top >= len(rows) or left >= len(rows[top]):
        return
    first = rows[top][left]
    for r in range(top, min(bottom, len(rows) - 1) + 1):
        for c in range(left, min(right, len(rows[r]) - 1) + 1):
            rows[r][c] = Cell(first.text, (top, left), first.number, first.formula)


def _sheet_cell(cell: Any, formulas: Any, place: tuple[int, int], clean: Cleaner) -> Cell:
    value = cell.value
    if value is None:
        written = formulas.cell(row=cell.row, column=cell.column).value if cell.row else None
        is_formula = isinstance(written, str) and written.startswith("=")
        return Cell("", place, formula=is_formula)
    if isinstance(value, bool):
        return Cell("có" if value else "không", place)
    if isinstance(value, int | float):
        number = Fraction(repr(value)) if isinstance(value, float) else Fraction(value)
        if "%" in str(cell.number_format):
            number *= 100
            return Cell(_vn_number(number) + "%", place, number)
        return Cell(_vn_number(number), place, number)
    if hasattr(value, "isoformat"):
        return Cell(value.isoformat()[:10], place)
    return Cell(clean(str(value).strip()), place)


def _vn_number(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):.6f}".rstrip("0").replace(".", ",")


# -- converters ----------------------------------------------------------------------------------

MISSING_OFFICE = (
    "Tệp «{name}»: máy này chưa cài LibreOffice nên chưa đọc được tệp {suffix}. "
    "Hãy mở tệp và lưu thành {target}, hoặc nhờ người quản trị cài LibreOffice."
)


def convert_with_office(name: str, content: bytes, target: str) -> bytes:
    """A .doc/.odt/.rtf as .docx, or a .xls/.ods as .xlsx, converted by LibreOffice."""
    suffix = Path(name).suffix.lower()
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary is None:
        raise UnreadableReport(MISSING_OFFICE.format(name=name, suffix=suffix, target=f".{target}"))
    with tempfile.TemporaryDirectory(prefix="chiso-doc-") as folder:
        work = Path(folder)
        source = work / f"tep{suffix}"
        source.write_bytes(content)
        # A profile of its own, so that conversions can run side by side.
        profile = f"-env:UserInstallation=file://{work / 'profile'}"
        command = [
            binary,
            profile,
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(work),
            str(source),
        ]
        _run(name, command)
        result = work / f"tep.{target}"
        if not result.exists():
            raise UnreadableReport(
                f"Tệp «{name}»: LibreOffice không chuyển được tệp này (tệp hỏng hoặc có mật khẩu?)."
            )
        return result.read_bytes()


def pdf_text(name: str, content: bytes) -> str:
    """The text of a PDF, laid out as on the page (tables keep their columns as spaces)."""
    if not content.startswith(b"%PDF"):
        raise UnreadableReport(f"Tệp «{name}» không phải tệp PDF (nội dung không khớp).")
    binary = shutil.which("pdftotext")
    if binary is None:
        raise UnreadableReport(
            f"Tệp «{name}»: máy này chưa cài pdftotext (gói poppler-utils) nên chưa đọc được PDF. "
            "Hãy gửi bản Word (.docx) của báo cáo, hoặc nhờ người quản trị cài poppler-utils."
        )
    with tempfile.TemporaryDirectory(prefix="chiso-pdf-") as folder:
        source = Path(folder) / "tep.pdf"
        source.write_bytes(content)
        out = _run(name, [binary, "-layout", "-enc", "UTF-8", str(source), "-"])
    text = out.decode("utf-8", errors="replace")
    if not text.strip():
        raise UnreadableReport(
            f"Tệp «{name}» là PDF ảnh chụp (không có chữ): hãy gửi bản Word hoặc bản PDF xuất từ Word."
        )
    return text


# -- a PDF's page layout -------------------------------------------------------------------------

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


def _run(name: str, command: list[str]) -> bytes:
    try:
        done = subprocess.run(command, capture_output=True, timeout=CONVERT_SECONDS, check=False)  # noqa: S603
    except subprocess.TimeoutExpired:
        raise UnreadableReport(
            f"Tệp «{name}»: chuyển đổi quá {CONVERT_SECONDS} giây nên đã dừng (tệp quá lớn hoặc hỏng)."
        ) from None
    except OSError as exc:
        raise UnreadableReport(
            f"Tệp «{name}»: không chạy được công cụ chuyển đổi ({exc.strerror})."
        ) from None
    if done.returncode != 0:
        raise UnreadableReport(
            f"Tệp «{name}»: công cụ chuyển đổi báo lỗi (tệp hỏng hoặc có mật khẩu?)."
        )
    return done.stdout
