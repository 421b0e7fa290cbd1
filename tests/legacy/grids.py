"""Tables built in memory for the reader's tests: a grid of texts and its merged areas."""

from __future__ import annotations

from chiso.legacy.document import Cell, Document, Table


def table(
    rows: list[list[str]], merges: tuple[tuple[int, int, int, int], ...] = (), label: str = "bảng 1"
) -> Table:
    """A table as Word gives it: each merged area (top, left, bottom, right) covered by the
    text of its top-left cell."""
    width = max(len(r) for r in rows)
    grid = [
        [Cell(row[c] if c < len(row) else "", (r, c)) for c in range(width)]
        for r, row in enumerate(rows)
    ]
    for top, left, bottom, right in merges:
        first = grid[top][left]
        for r in range(top, bottom + 1):
            for c in range(left, right + 1):
                grid[r][c] = Cell(first.text, (top, left))
    return Table(grid, label, [f"dòng {r + 1}" for r in range(len(rows))])


def document(*tables: Table) -> Document:
    return Document("bang.docx", "docx", list(tables))
