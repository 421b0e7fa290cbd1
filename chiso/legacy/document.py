"""A file's content as the readers see it: paragraphs and tables, each with its place.

Every file kind (Word, spreadsheet, CSV, text, a converted PDF) becomes this one shape, so that
one table reader serves them all. Pure standard library.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction


@dataclass(frozen=True, slots=True)
class Cell:
    """One grid position of a table. A merged area gives every position it covers the text
    of its top-left cell and that cell's place as `origin`."""

    text: str
    origin: tuple[int, int]
    number: Fraction | None = None  # a spreadsheet's numeric value, exactly as stored
    formula: bool = False  # a spreadsheet formula with no stored value

    def starts_at(self, row: int, column: int) -> bool:
        """Whether the cell's content begins here (not a position a merge above or left covers)."""
        return self.origin == (row, column)


@dataclass
class Table:
    """A table as rows of cells; `ragged` for text extracts, where merges are lost."""

    rows: list[list[Cell]]
    label: str  # "bảng 2", "trang «Tổng hợp»"
    row_names: list[str]  # "dòng 7": where the user finds each row
    column_names: list[str] | None = None  # "cột E" in a spreadsheet
    ragged: bool = False

    def column_name(self, column: int) -> str:
        if self.column_names and column < len(self.column_names):
            return self.column_names[column]
        return f"cột {column + 1}"

    def where(self, row: int, column: int | None = None, header: str = "") -> str:
        """ "bảng 2, dòng 5, cột 4 («Điểm đạt»)": the place of a row or a cell, in Vietnamese."""
        place = f"{self.label}, {self.row_names[row]}"
        if column is None:
            return place
        named = f" («{header}»)" if header else ""
        return f"{place}, {self.column_name(column)}{named}"

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    where: str  # "dòng 12", "đoạn 12"


@dataclass
class Document:
    """What a file holds, in reading order, and what was done to read it."""

    name: str
    kind: str  # "docx", "xlsx", "csv", "text"
    blocks: list[Paragraph | Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # "chuyển từ mã VNI sang Unicode", …

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    def fragments(self) -> list[Paragraph]:
        """Every paragraph and every table cell (once per merged area), in order, for the
        sentences a report writes ("Nhóm tiêu chí 1: 62/100 điểm")."""
        out: list[Paragraph] = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                out.append(block)
                continue
            for r, row in enumerate(block.rows):
                for c, cell in enumerate(row):
                    if cell.text.strip() and cell.starts_at(r, c):
                        out.append(Paragraph(cell.text, block.where(r, c)))
        return out
