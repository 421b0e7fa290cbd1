"""Reading the reports schools already have (DOCX, or their plain-text extracts) into statements.

What a legacy report states becomes `stated` (for the consistency checker) and, where the scoring
table gives one value per criterion, `awarded` points, so that the engine scores what was read.
Nothing is guessed: what could not be read is listed as uncertain. Pure Python; python-docx only
for .docx files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CRITERION_ID = re.compile(r"^(\d)\.(\d)\.?$")
GROUP_ID = re.compile(r"^(\d)\.$")
OWN_GROUP_ID = re.compile(r"^(\d)$")
NUMBER = re.compile(r"^\d{1,9}(?:[.,]\d{1,9})?$")  # longer: no score, and float() gives inf
GROUP_WORDS = {"dạy": "1", "quản": "2"}


@dataclass
class ReadReport:
    """What was read from one legacy report."""

    stated: list[dict[str, Any]] = field(default_factory=list)
    awarded: dict[str, Any] = field(default_factory=dict)
    facts: dict[str, Any] = field(default_factory=dict)
    uncertain: list[str] = field(default_factory=list)
    mandatory: dict[str, bool] = field(default_factory=dict)  # criterion id -> met ("có"/"không")
    unit_name: str = ""


def text_of(path: Path) -> str:
    """The text of a .docx (tables as tab-separated rows) or of a plain-text extract."""
    if path.suffix.lower() == ".docx":
        from docx import Document

        document = Document(str(path))
        lines = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                lines.append("\t".join(cell.text.strip() for cell in row.cells))
        return "\n".join(lines)
    return path.read_text(encoding="utf-8")


def _cells(text: str) -> list[tuple[int, str]]:
    """Cells of a 'one cell per line' extract: a line starting with a tab opens a cell."""
    cells: list[tuple[int, str]] = []
    open_cell = False  # a blank line closes the cell: what follows is a new paragraph
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            open_cell = False
        elif line.startswith("\t") or not open_cell:
            cells.append((number, line.strip()))
            open_cell = True
        else:
            cells[-1] = (cells[-1][0], f"{cells[-1][1]} {line.strip()}")
    return cells


def _number(text: str) -> int | float:
    value = float(text.replace(",", "."))
    return int(value) if value.is_integer() else value


def read_report(text: str) -> ReadReport:
    """Statements, points and facts from a legacy report's text."""
    report = ReadReport()
    _narrative(text, report)
    if not _tab_table(text, report):
        _appendix_cells(text, report)
    if not report.awarded:
        report.uncertain.append("Không tìm thấy bảng chấm điểm theo từng tiêu chí (1.3 … 2.4).")
    return report


def _narrative(text: str, report: ReadReport) -> None:
    # Numbers are read up to 9 digits: a longer one is no count or score (and int() of a
    # 5000-digit string raises).
    for number, line in enumerate(text.splitlines(), start=1):
        where = f"dòng {number}: «{line.strip()[:80]}»"
        for match in re.finditer(
            r"Nhóm tiêu chí (\d)\s*:\s*(\d{1,9})/100 điểm(?:\s*-\s*đạt Mức độ\s*:\s*(\d))?", line
        ):
            statement: dict[str, Any] = {
                "group": match.group(1),
                "points": int(match.group(2)),
                "where": where,
            }
            if match.group(3):
                statement["level"] = int(match.group(3))
            report.stated.append(statement)
        match = re.search(
            r"Các tiêu chí về chuyển đổi số trong (dạy|quản)[^:]*:\s*Đạt (\d{1,9})/100", line
        )
        if match:
            report.stated.append(
                {
                    "group": GROUP_WORDS[match.group(1)],
                    "points": int(match.group(2)),
                    "where": where,
                }
            )
        match = re.search(
            r"Nhóm tiêu chí \W?Chuyển đổi số trong (dạy|quản)[^\"”]*\W? đạt (\d{1,9})/100 điểm đạt mức(?: độ)? (\d)",
            line,
        )
        if match:
            report.stated.append(
                {
                    "group": GROUP_WORDS[match.group(1)],
                    "points": int(match.group(2)),
                    "level": int(match.group(3)),
                    "where": where,
                }
            )
        match = re.search(r"Số lượng học liệu được số hóa:\s*(\d{1,9})(?!\d)", line)
        if match:
            report.stated.append(
                {"fact": "approved_digital_materials", "value": int(match.group(1)), "where": where}
            )
            report.facts["approved_digital_materials"] = int(match.group(1))
        match = re.search(r"của ((?:[Tt]rường|Trung tâm) [^\n]+?) năm học", line)
        if match and not report.unit_name:
            # "của trường X về việc … năm học": the name ends where the subject begins.
            report.unit_name = re.split(r" (?:về|theo|tại|trong) ", match.group(1))[0].strip()
            report.stated.append(
                {"unit_name": report.unit_name[0].upper() + report.unit_name[1:], "where": where}
            )


# The header of chiso's own report table: TT, Tiêu chí, Điểm tối đa, Điểm tự đánh giá, Mức độ.
CHISO_POINTS_HEADER = "điểm tự đánh giá"


def _tab_table(text: str, report: ReadReport) -> bool:
    """A scoring table as tab-separated rows: S1's layout (id, title, max, …, points in the
    sixth column, level), or chiso's own report (points in the column headed «Điểm tự đánh
    giá», groups numbered without a dot, mandatory conditions as có/không)."""
    found = False
    points_at, own_layout = 5, False
    for number, line in enumerate(text.splitlines(), start=1):
        cells = [c.strip() for c in line.split("\t")]
        header = [c.lower() for c in cells]
        if CHISO_POINTS_HEADER in header and header[0] in ("tt", "stt"):
            points_at, own_layout = header.index(CHISO_POINTS_HEADER), True
            continue
        if len(cells) <= points_at:
            continue
        where = f"bảng, dòng {number}"
        group = GROUP_ID.match(cells[0]) or (own_layout and OWN_GROUP_ID.match(cells[0]))
        criterion = CRITERION_ID.match(cells[0])
        points = cells[points_at]
        if own_layout and criterion and points.lower() in ("có", "không"):
            report.mandatory[f"{criterion.group(1)}.{criterion.group(2)}"] = points.lower() == "có"
            continue
        if group and NUMBER.match(points):
            report.stated.append(
                {"group": group.group(1), "points": _number(points), "where": where}
            )
            found = True
        elif criterion and NUMBER.match(points):
            cid = f"{criterion.group(1)}.{criterion.group(2)}"
            statement: dict[str, Any] = {
                "criterion": cid,
                "points": _number(points),
                "where": where,
            }
            if len(cells) > points_at + 1 and cells[points_at + 1]:
                statement["level"] = cells[points_at + 1]
            report.stated.append(statement)
            report.awarded[cid] = _number(points)
            found = True
    return found


def _appendix_cells(text: str, report: ReadReport) -> None:
    """S0's appendix: one cell per line; criterion columns, then one row of values per unit."""
    cells = _cells(text)
    try:
        start = next(i for i, (_, c) in enumerate(cells) if c == "Tên đơn vị")
    except StopIteration:
        return
    columns = []
    index = start + 1
    while index < len(cells) and re.match(r"^\d\.\d\b", cells[index][1]):
        columns.append(cells[index][1][:3])
        index += 1
    if not columns or index + 2 >= len(cells):
        return
    name_line, name = cells[index + 1]
    report.stated.append({"unit_name": name, "where": f"phụ lục, dòng {name_line}"})
    values = cells[index + 2 : index + 2 + len(columns) + 3]
    for column, (line, value) in zip(columns, values, strict=False):
        where = f"phụ lục, cột {column}, dòng {line}"
        if NUMBER.match(value):
            report.stated.append({"criterion": column, "points": _number(value), "where": where})
            report.awarded[column] = _number(value)
        elif value.lower() in ("có", "không"):
            report.mandatory[column] = value.lower() == "có"
    totals = values[len(columns) :]
    labels = [("group", "1"), ("group", "2"), ("total", None)]
    if len(totals) == 3 and all(NUMBER.match(v) for _, v in totals):
        for (kind, gid), (line, value) in zip(labels, totals, strict=True):
            where = f"phụ lục, dòng {line}"
            if kind == "group":
                report.stated.append({"group": gid, "points": _number(value), "where": where})
            else:
                report.stated.append({"total": _number(value), "where": where})
    else:
        report.uncertain.append("Không đọc được cột tổng điểm của phụ lục.")
