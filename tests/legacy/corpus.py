"""A corpus of files as schools and offices type them, generated with their truth.

Each file comes from one unit's (or one district's) points, drawn at random within the index's
caps, laid out the way people lay them out: Word tables with merged group headers, a row per
criterion with «Điểm đạt», cells on two lines, Word's automatic numbering, criteria merged
down over their item rows, a «Số minh chứng» column, a value above its maximum; a district's
XLSX with one row per school, the same saved as UTF-16 «Unicode Text», as UTF-8 TSV and CSV;
text in VNI and TCVN3; "Ð" for "Đ"; "1.250 học liệu"; levels in many wordings; a 2018-2019
report; the three seeds with the figures they state. `python -m tests.legacy.corpus FOLDER`
writes it (and `NAME.truth.json` beside each file) for `chiso bench-import FOLDER`.
"""

from __future__ import annotations

import csv
import io
import json
import random
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import yaml
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from openpyxl import Workbook

from chiso import rubric
from tests.legacy.encoders import to_tcvn3, to_vni

FRAMEWORK = rubric.load_framework("qd4725-2022")
ROOT = Path(__file__).resolve().parents[2]
SCHOOLS = [
    ("TH-KD", "Trường Tiểu học Kim Đồng"),
    ("THCS-ND", "Trường THCS Nguyễn Du"),
    ("THTHCS-LL", "Trường TH&THCS Lê Lợi"),
    ("THPT-TP", "Trường THPT Trần Phú"),
    ("TH-VTS", "Trường Tiểu học Võ Thị Sáu"),
    ("THCS-QT", "Trường THCS Quang Trung"),
    ("TH-NT", "Trường Tiểu học Nguyễn Trãi"),
    ("THCS-LTT", "Trường THCS Lý Tự Trọng"),
    ("TH-DK", "Trường PTDTBT Tiểu học Đoàn Kết"),
    ("THCS-HV", "Trường THCS Hùng Vương"),
    ("TH-BD", "Trường Tiểu học Bình Minh"),
    ("THCS-DTH", "Trường THCS Đinh Tiên Hoàng"),
]
POINTS_HEADERS = [
    "Điểm đạt",
    "Điểm",
    "Điểm tự đánh giá",
    "Tự chấm",
    "Điểm thẩm định",
    "Đơn vị tự đánh giá, chấm điểm",
]
MAX_HEADERS = ["Điểm tối đa", "Tối đa", "Thang điểm", "Điểm chuẩn"]
TITLE_HEADERS = ["Tiêu chí", "Nội dung", "Nội dung tiêu chí", "Tên tiêu chí"]
ID_HEADERS = ["STT", "TT", "Mã", "Số TT"]
LEVEL_HEADERS = ["Mức độ", "Mức độ đạt", "Xếp mức"]
LEVEL_WORDINGS = [
    "Mức {n}",
    "mức {n}/3",
    "đạt mức độ {n}.",
    "Mức độ {n} ({name})",
    "Đạt mức độ {n}",
    "MỨC ĐỘ {n}",
]
LEVEL_NAMES = {1: "chưa đáp ứng", 2: "đáp ứng cơ bản", 3: "đáp ứng tốt"}


# -- units and their truth -----------------------------------------------------------------------


@dataclass
class Unit:
    code: str
    name: str
    items: dict[str, Fraction]
    mandatory: dict[str, bool]

    def criterion(self, cid: str) -> Fraction:
        return sum((self.items[i.id] for i in FRAMEWORK.criterion(cid).items), Fraction(0))

    @property
    def criteria(self) -> dict[str, Fraction]:
        return {c.id: self.criterion(c.id) for c in FRAMEWORK.all_criteria if not c.is_mandatory}

    def group(self, gid: str) -> Fraction:
        return sum(
            (self.criterion(c.id) for c in FRAMEWORK.group(gid).scored_criteria), Fraction(0)
        )

    def level(self, cid: str) -> int:
        band = rubric.scoring.level_for(FRAMEWORK.criterion(cid).levels, self.criterion(cid))
        return band.level if band else 1


def draw_unit(rng: random.Random, code: str, name: str, halves: bool = False) -> Unit:
    items = {}
    for item in FRAMEWORK.all_items:
        top = int(item.rule.maximum)
        if rng.random() < 0.35:
            items[item.id] = Fraction(top)
        elif halves and rng.random() < 0.3:
            items[item.id] = Fraction(rng.randint(0, top * 2), 2) if top else Fraction(0)
        else:
            items[item.id] = Fraction(rng.randint(0, top))
    mandatory = {c.id: rng.random() < 0.9 for c in FRAMEWORK.all_criteria if c.is_mandatory}
    return Unit(code, name, items, mandatory)


@dataclass
class CorpusFile:
    name: str
    layout: str
    content: bytes
    units: list[dict[str, Any]]
    stated: list[dict[str, Any]] | None = None

    def truth(self) -> dict[str, Any]:
        out: dict[str, Any] = {"layout": self.layout, "units": self.units}
        if self.stated is not None:
            out["stated"] = self.stated
        return out


def truth_of(
    unit: Unit, *, items: bool = False, refused: tuple[str, ...] = (), criteria: bool = True
) -> dict[str, Any]:
    """What a careful reader takes from a file showing this unit's points."""
    points = {k: _json(v) for k, v in unit.criteria.items() if k not in refused} if criteria else {}
    out: dict[str, Any] = {"name": unit.name, "points": points, "refused": list(refused)}
    if items:
        out["items"] = {k: _json(v) for k, v in unit.items.items() if k not in refused}
    return out


def _json(value: Fraction) -> int | float:
    return int(value) if value.denominator == 1 else float(value)


def vn(value: Fraction) -> str:
    """A number as a Vietnamese report writes it (6,5)."""
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):g}".replace(".", ",")


# -- long tables (a row per criterion) -----------------------------------------------------------


@dataclass
class Style:
    """How one file lays out its scoring table."""

    columns: list[str] = field(default_factory=lambda: ["id", "title", "max", "points", "level"])
    headers: dict[str, str] = field(default_factory=dict)
    id_style: str = "{id}."
    max_style: str = "{max}"
    items: bool = False  # item rows under each criterion, with their points
    groups: bool = True  # group rows with their totals
    level_wording: str = "Mức độ {n}"
    evidence: bool = False
    over_max: str = ""  # a criterion whose value is written above its maximum
    halves: bool = False

    def header(self, key: str) -> str:
        defaults = {"id": "STT", "title": "Tiêu chí", "max": "Điểm tối đa", "points": "Điểm đạt",
                    "level": "Mức độ", "evidence": "Số minh chứng"}  # fmt: skip
        return self.headers.get(key, defaults[key])


def long_rows(unit: Unit, style: Style, rng: random.Random) -> list[dict[str, str]]:
    """The rows of a scoring table, as {column key: text}."""
    rows = []
    for group in FRAMEWORK.groups:
        if style.groups:
            rows.append(
                {
                    "id": f"{group.id}.",
                    "title": group.title,
                    "max": "100",
                    "points": vn(unit.group(group.id)),
                    "kind": "group",
                }
            )
        for criterion in group.criteria:
            rows += _criterion_rows(unit, style, criterion, rng)
    return rows


def _criterion_rows(
    unit: Unit, style: Style, criterion: Any, rng: random.Random
) -> list[dict[str, str]]:
    cid = criterion.id
    row = {
        "id": style.id_style.format(id=cid),
        "title": criterion.title,
        "kind": "criterion",
        "cid": cid,
    }
    if style.evidence:
        row["evidence"] = str(rng.randint(1, 40))
    if criterion.is_mandatory:
        row["points"] = "Đạt" if unit.mandatory[cid] else "Không đạt"
        return [row]
    value = unit.criterion(cid)
    if cid == style.over_max:
        value = Fraction(criterion.max + rng.randint(1, 15))
    row["max"] = style.max_style.format(max=criterion.max)
    row["points"] = vn(value)
    level = unit.level(cid)
    row["level"] = style.level_wording.format(n=level, name=LEVEL_NAMES[level])
    rows = [row]
    if style.items and len(criterion.items) > 1:
        for item in criterion.items:
            rows.append({"id": "", "title": f"- {item.title}", "max": f"Tối đa {item.rule.maximum} điểm",
                         "points": vn(unit.items[item.id]), "kind": "item"})  # fmt: skip
    return rows


def grid(rows: list[dict[str, str]], style: Style) -> list[list[str]]:
    header = [style.header(k) for k in style.columns]
    return [header] + [[row.get(k, "") for k in style.columns] for row in rows]


# -- writers -------------------------------------------------------------------------------------


def docx_bytes(
    before: list[str],
    cells: list[list[str]],
    merges: list[tuple[int, int, int, int]] = (),  # type: ignore[assignment]
    after: list[str] = (),  # type: ignore[assignment]
    numbered: Callable[[Any, int, int], None] | None = None,
) -> bytes:
    document = Document()
    for text in before:
        document.add_paragraph(text)
    table = document.add_table(rows=len(cells), cols=max(len(r) for r in cells))
    table.style = "Table Grid"
    for r, row in enumerate(cells):
        for c, text in enumerate(row):
            _fill(table.cell(r, c), text)
            if numbered is not None:
                numbered(table.cell(r, c), r, c)
    for top, left, bottom, right in merges:
        table.cell(top, left).merge(table.cell(bottom, right))
    for text in after:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _fill(cell: Any, text: str) -> None:
    lines = text.split("\n")
    cell.text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def xlsx_bytes(
    cells: list[list[Any]], merges: list[tuple[int, int, int, int]] = (), title: str = "Tổng hợp"
) -> bytes:  # type: ignore[assignment]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for r, row in enumerate(cells, start=1):
        for c, value in enumerate(row, start=1):
            if value not in ("", None):
                sheet.cell(row=r, column=c, value=value)
    for top, left, bottom, right in merges:
        sheet.merge_cells(
            start_row=top + 1, start_column=left + 1, end_row=bottom + 1, end_column=right + 1
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def delimited(cells: list[list[Any]], delimiter: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    for row in cells:
        writer.writerow(
            [
                "" if v is None else (vn(Fraction(v)) if isinstance(v, int | float) else v)
                for v in row
            ]
        )
    return out.getvalue()


def tab_text(before: list[str], cells: list[list[str]], after: list[str] = ()) -> str:  # type: ignore[assignment]
    """A report's text extract: paragraphs, and the table as tab-separated rows."""
    lines = (
        list(before) + ["\t".join(c.replace("\n", " ") for c in row) for row in cells] + list(after)
    )
    return "\n".join(lines) + "\n"


def report_heading(unit: Unit, year: str = "2023-2024") -> list[str]:
    return [
        unit.name.upper(),
        "Số: 15/BC-" + unit.code,
        "ngày 20 tháng 5 năm 2024",
        "BÁO CÁO",
        f"Kết quả tự đánh giá mức độ chuyển đổi số năm học {year} của {unit.name}",
    ]


# -- layouts -------------------------------------------------------------------------------------


def docx_criterion_rows(rng: random.Random, k: int) -> CorpusFile:
    """A row per criterion with «Điểm đạt» (or another wording), columns in any order."""
    code, name = SCHOOLS[k % len(SCHOOLS)]
    unit = draw_unit(rng, code, name)
    columns = ["id", "title", "max", "points", "level"]
    rng.shuffle(columns)
    style = Style(
        columns=columns,
        headers={
            "points": POINTS_HEADERS[k % len(POINTS_HEADERS)],
            "max": MAX_HEADERS[k % len(MAX_HEADERS)],
            "title": TITLE_HEADERS[k % len(TITLE_HEADERS)],
            "id": ID_HEADERS[k % len(ID_HEADERS)],
            "level": LEVEL_HEADERS[k % len(LEVEL_HEADERS)],
        },
        id_style=["{id}.", "{id}", "TC {id}", "Tiêu chí {id}"][k % 4],
        max_style=["{max}", "Tối đa {max} điểm", "{max} điểm"][k % 3],
        level_wording=LEVEL_WORDINGS[k % len(LEVEL_WORDINGS)],
    )
    cells = grid(long_rows(unit, style, rng), style)
    content = docx_bytes(report_heading(unit), cells)
    return CorpusFile(
        f"{k:02d}-tung-tieu-chi.docx", "docx-tung-tieu-chi", content, [truth_of(unit)]
    )


def docx_merged_group_header(rng: random.Random, k: int) -> CorpusFile:
    """A header on two rows («Điểm» merged over «Tối đa» and «Đạt»), each group a merged row."""
    code, name = SCHOOLS[k % len(SCHOOLS)]
    unit = draw_unit(rng, code, name)
    style = Style(groups=False)
    cells = [
        ["STT", "Nội dung", "Điểm", "", "Mức độ"],
        ["", "", "Tối đa", ["Đạt", "Tự đánh giá"][k % 2], ""],
    ]
    merges = [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 0, 3), (0, 4, 1, 4)]
    for group in FRAMEWORK.groups:
        merges.append((len(cells), 0, len(cells), 4))
        cells.append([f"Nhóm {group.id}: {group.title} (100 điểm)", "", "", "", ""])
        for criterion in group.criteria:
            for row in _criterion_rows(unit, style, criterion, rng):
                cells.append(
                    [
                        row.get("id", ""),
                        row.get("title", ""),
                        row.get("max", ""),
                        row.get("points", ""),
                        row.get("level", ""),
                    ]
                )
    content = docx_bytes(report_heading(unit), cells, merges)
    return CorpusFile(f"{k:02d}-nhom-gop-o.docx", "docx-tieu-de-gop-o", content, [truth_of(unit)])


def docx_two_line_cells(rng: random.Random, k: int) -> CorpusFile:
    """The id and the title in one cell on two lines; a header on two lines; points "19\\nđiểm"."""
    code, name = SCHOOLS[k % len(SCHOOLS)]
    unit = draw_unit(rng, code, name, halves=bool(k % 2))
    cells = [["Tiêu chí", "Điểm\ntối đa", "Điểm\ntự đánh giá"]]
    for group in FRAMEWORK.groups:
        for criterion in group.criteria:
            if criterion.is_mandatory:
                cells.append(
                    [
                        f"{criterion.id}.\n{criterion.title}",
                        "",
                        "có" if unit.mandatory[criterion.id] else "không",
                    ]
                )
                continue
            points = vn(unit.criterion(criterion.id)) + ("\nđiểm" if k % 2 else "")
            cells.append([f"{criterion.id}.\n{criterion.title}", f"{criterion.max}", points])
    content = docx_bytes(report_heading(unit), cells)
    return CorpusFile(f"{k:02d}-o-hai-dong.docx", "docx-o-hai-dong", content, [truth_of(unit)])


def docx_numbered(rng: random.Random, k: int) -> CorpusFile:
    """Word's automatic numbering in the STT column (1., 1.1., 1.2. …): no id typed."""
    code, name = SCHOOLS[k % len(SCHOOLS)]
    unit = draw_unit(rng, code, name)
    style = Style(
        columns=["id", "title", "max", "points"], headers={"points": POINTS_HEADERS[k % 4]}
    )
    rows = long_rows(unit, style, rng)
    cells = grid(rows, style)
    levels = [0 if row["kind"] == "group" else 1 for row in rows]
    for row in cells[1:]:
        row[0] = ""

    def number(cell: Any, r: int, c: int) -> None:
        if c == 0 and r > 0:
            _number_paragraph(cell.paragraphs[0], levels[r - 1])

    document_bytes = docx_bytes(report_heading(unit), cells, numbered=number)
    return CorpusFile(
        f"{k:02d}-danh-so-tu-dong.docx",
        "docx-danh-so-tu-dong",
        _with_numbering(document_bytes),
        [truth_of(unit)],
    )


NUM_ID = "77"


def _number_paragraph(paragraph: Any, level: int) -> None:
    properties = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), str(level))
    num_id = OxmlElement("w:numId")
    num_id.set(qn("w:val"), NUM_ID)
    num_pr.append(ilvl)
    num_pr.append(num_id)
    properties.append(num_pr)


def _with_numbering(content: bytes) -> bytes:
    """Add the multilevel list "%1." / "%1.%2." the numbered paragraphs refer to."""
    document = Document(io.BytesIO(content))
    numbering = document.part.numbering_part.element
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), "770")
    for level, text in ((0, "%1."), (1, "%1.%2.")):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(level))
        for tag, value in (("w:start", "1"), ("w:numFmt", "decimal"), ("w:lvlText", text)):
            element = OxmlElement(tag)
            element.set(qn("w:val"), value)
            lvl.append(element)
        abstract.append(lvl)
    numbering.insert(0, abstract)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), NUM_ID)
    reference = OxmlElement("w:abstractNumId")
    reference.set(qn("w:val"), "770")
    num.append(reference)
    numbering.append(num)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_merged_items(rng: random.Random, k: int) -> CorpusFile:
    """Each criterion's id and title merged down over its item rows; points per item only."""
    code, name = SCHOOLS[k % len(SCHOOLS)]
    unit = draw_unit(rng, code, name)
    cells = [["TT", "Tiêu chí", "Nội dung đánh giá", "Điểm tối đa", POINTS_HEADERS[k % 4]]]
    merges = []
    for criterion in FRAMEWORK.all_criteria:
        if criterion.is_mandatory:
            cells.append(
                [
                    criterion.id,
                    criterion.title,
                    "Điều kiện bắt buộc",
                    "",
                    "Đạt" if unit.mandatory[criterion.id] else "Không đạt",
                ]
            )
            continue
        top = len(cells)
        for n, item in enumerate(criterion.items):
            cells.append([criterion.id if n == 0 else "", criterion.title if n == 0 else "", item.title,
                          str(item.rule.maximum), vn(unit.items[item.id])])  # fmt: skip
        if len(criterion.items) > 1:
            merges += [(top, 0, len(cells) - 1, 0), (top, 1, len(cells) - 1, 1)]
    content = docx_bytes(report_heading(unit), cells, merges)
    return CorpusFile(
        f"{k:02d}-gop-doc-muc.docx", "docx-gop-doc-theo-muc", content, [truth_of(unit, items=True)]
    )


def docx_criterion_and_items(rng: random.Random, k: int) -> CorpusFile:
    """S1's layout: the criterion's row with its points, then its item rows with theirs."""
    code, name = SCHOOLS[k % len(SCHOOLS)]
    unit = draw_unit(rng, code, name)
    style = Style(items=True, headers={"points": POINTS_HEADERS[k % len(POINTS_HEADERS)]})
    cells = grid(long_rows(unit, style, rng), style)
    content = docx_bytes(report_heading(unit), cells)
    items = truth_of(unit, items=True)
    single = {c.items[0].id for c in FRAMEWORK.all_criteria if len(c.items) == 1}
    items["items"] = {i: v for i, v in items["items"].items() if i not in single}
    return CorpusFile(f"{k:02d}-tieu-chi-va-muc.docx", "docx-tieu-chi-va-muc", content, [items])


def docx_evidence(rng: random.Random, k: int) -> CorpusFile:
    """A «Số minh chứng» column of counts beside the points: counts are never points."""
    code, name = SCHOOLS[k % len(SCHOOLS)]
    unit = draw_unit(rng, code, name)
    columns = (
        ["id", "title", "evidence", "max", "points"]
        if k % 2
        else ["id", "title", "max", "evidence", "points"]
    )
    style = Style(
        columns=columns,
        evidence=True,
        headers={"evidence": ["Số minh chứng", "Số lượng minh chứng", "Minh chứng (số)"][k % 3]},
    )
    cells = grid(long_rows(unit, style, rng), style)
    content = docx_bytes(report_heading(unit), cells)
    return CorpusFile(
        f"{k:02d}-so-minh-chung.docx", "docx-so-minh-chung", content, [truth_of(unit)]
    )


def docx_evidence_only(rng: random.Random, k: int) -> CorpusFile:
    """Counts of evidence and no points at all: nothing to read."""
    code, name = SCHOOLS[k % len(SCHOOLS)]
    unit = draw_unit(rng, code, name)
    style = Style(columns=["id", "title", "evidence"], evidence=True)
    cells = grid(long_rows(unit, style, rng), style)
    content = docx_bytes(report_heading(unit), cells)
    return CorpusFile(
        f"{k:02d}-chi-minh-chung.docx",
        "docx-chi-co-minh-chung",
        content,
        [truth_of(unit, criteria=False)],
    )


def docx_over_max(rng: random.Random, k: int) -> CorpusFile:
    """One value above its maximum: that cell refused, the others read."""
    code, name = SCHOOLS[k % len(SCHOOLS)]
    unit = draw_unit(rng, code, name)
    over = ["1.4", "2.3", "1.6", "2.4"][k % 4]
    style = Style(over_max=over)
    cells = grid(long_rows(unit, style, rng), style)
    content = docx_bytes(report_heading(unit), cells)
    return CorpusFile(
        f"{k:02d}-vuot-toi-da.docx",
        "docx-mot-o-vuot-toi-da",
        content,
        [truth_of(unit, refused=(over,))],
    )


def docx_lookalike(rng: random.Random, k: int) -> CorpusFile:
    """ "Ð" (U+00D0) typed for "Đ" in the headers and the names."""
    code, name = SCHOOLS[k % len(SCHOOLS)]
    unit = draw_unit(rng, code, name)
    style = Style(headers={"points": "Ðiểm đạt", "max": "Ðiểm tối đa", "level": "Mức độ đạt"})
    cells = [[c.replace("Đ", "Ð") for c in row] for row in grid(long_rows(unit, style, rng), style)]
    heading = [line.replace("Đ", "Ð") for line in report_heading(unit)]
    content = docx_bytes(heading, cells)
    return CorpusFile(f"{k:02d}-chu-D-gia.docx", "docx-chu-giong", content, [truth_of(unit)])


def docx_vni(rng: random.Random, k: int) -> CorpusFile:
    """A Word file typed in a VNI font: its text is VNI's Latin-1 characters."""
    code, name = SCHOOLS[k % len(SCHOOLS)]
    unit = draw_unit(rng, code, name)
    style = Style(headers={"points": POINTS_HEADERS[k % 4]})
    cells = [[to_vni(c) for c in row] for row in grid(long_rows(unit, style, rng), style)]
    content = docx_bytes([to_vni(line) for line in report_heading(unit)], cells)
    return CorpusFile(f"{k:02d}-vni.docx", "docx-vni", content, [truth_of(unit)])


def text_legacy(rng: random.Random, k: int, encoding: str) -> CorpusFile:
    """A text extract (tab-separated rows) saved in VNI or TCVN3 bytes."""
    code, name = SCHOOLS[k % len(SCHOOLS)]
    unit = draw_unit(rng, code, name)
    style = Style(items=bool(k % 2))
    text = tab_text(report_heading(unit), grid(long_rows(unit, style, rng), style))
    convert = to_vni if encoding == "vni" else to_tcvn3
    content = convert(text).encode("cp1252" if encoding == "vni" else "latin-1")
    truth = truth_of(unit, items=bool(k % 2))
    if "items" in truth:
        single = {c.items[0].id for c in FRAMEWORK.all_criteria if len(c.items) == 1}
        truth["items"] = {i: v for i, v in truth["items"].items() if i not in single}
    return CorpusFile(f"{k:02d}-{encoding}.txt", f"txt-{encoding}", content, [truth])


def text_extract(rng: random.Random, k: int) -> CorpusFile:
    """A plain UTF-8 text extract with the table's rows tab-separated (as S1)."""
    code, name = SCHOOLS[k % len(SCHOOLS)]
    unit = draw_unit(rng, code, name, halves=True)
    style = Style(
        headers={"points": POINTS_HEADERS[k % len(POINTS_HEADERS)]},
        level_wording=LEVEL_WORDINGS[k % 6],
    )
    text = tab_text(report_heading(unit), grid(long_rows(unit, style, rng), style))
    return CorpusFile(f"{k:02d}-trich-xuat.txt", "txt-utf8", text.encode("utf-8"), [truth_of(unit)])


def docx_numbers_and_levels(rng: random.Random, k: int) -> CorpusFile:
    """ "1.250 học liệu" in the text, points "6,5", levels worded every way, a level for the
    whole school."""
    code, name = SCHOOLS[k % len(SCHOOLS)]
    unit = draw_unit(rng, code, name, halves=True)
    style = Style(level_wording=LEVEL_WORDINGS[k % len(LEVEL_WORDINGS)])
    cells = grid(long_rows(unit, style, rng), style)
    after = [
        "d) Số lượng học liệu được số hóa: 1.250 học liệu.",
        "Kết quả chung: nhà trường đạt Mức độ 2 (đáp ứng cơ bản).",
    ]
    content = docx_bytes(report_heading(unit), cells, after=after)
    return CorpusFile(f"{k:02d}-so-va-muc.docx", "docx-so-va-muc-do", content, [truth_of(unit)])


def docx_2018(rng: random.Random, k: int) -> CorpusFile:
    """A 2018-2019 report: read, not scored (it is older than the index)."""
    code, name = SCHOOLS[k % len(SCHOOLS)]
    unit = draw_unit(rng, code, name)
    style = Style()
    cells = grid(long_rows(unit, style, rng), style)
    content = docx_bytes(report_heading(unit, "2018-2019"), cells)
    return CorpusFile(f"{k:02d}-nam-2018.docx", "docx-nam-hoc-2018-2019", content, [truth_of(unit)])


def docx_headerless(rng: random.Random, k: int) -> CorpusFile:
    """A table with no header: the points are there, but which column holds them is not said;
    the reader leaves them (counted as missed, not as wrong)."""
    code, name = SCHOOLS[k % len(SCHOOLS)]
    unit = draw_unit(rng, code, name)
    style = Style(columns=["id", "title", "max", "points", "level"])
    cells = grid(long_rows(unit, style, rng), style)[1:]
    content = docx_bytes(report_heading(unit), cells)
    return CorpusFile(
        f"{k:02d}-khong-tieu-de.docx", "docx-khong-tieu-de", content, [truth_of(unit)]
    )


def docx_two_points_columns(rng: random.Random, k: int) -> CorpusFile:
    """Two columns both headed «Điểm» that disagree: neither is read."""
    code, name = SCHOOLS[k % len(SCHOOLS)]
    unit, other = draw_unit(rng, code, name), draw_unit(rng, code, name)
    style = Style(columns=["id", "title", "points"], headers={"points": "Điểm"})
    cells = grid(long_rows(unit, style, rng), style)
    second = grid(long_rows(other, style, rng), style)
    cells = [[*row, again[2]] for row, again in zip(cells, second, strict=True)]
    content = docx_bytes(report_heading(unit), cells)
    truth = truth_of(unit, criteria=False)
    return CorpusFile(f"{k:02d}-hai-cot-diem.docx", "docx-hai-cot-diem-khac-nhau", content, [truth])


def csv_filled_down(rng: random.Random, k: int) -> CorpusFile:
    """A CSV where the criterion's id is written again on each of its item rows."""
    code, name = SCHOOLS[k % len(SCHOOLS)]
    unit = draw_unit(rng, code, name)
    cells = [["Mã", "Nội dung", "Điểm đạt"]]
    for criterion in FRAMEWORK.all_criteria:
        if criterion.is_mandatory:
            cells.append(
                [criterion.id, criterion.title, "có" if unit.mandatory[criterion.id] else "không"]
            )
            continue
        for item in criterion.items:
            cells.append([criterion.id, item.title, vn(unit.items[item.id])])
    content = delimited(cells, ",").encode("utf-8")
    truth = truth_of(unit, items=True)
    # A criterion of one item is that item: its row gives the criterion's points.
    single = {c.id for c in FRAMEWORK.all_criteria if len(c.items) == 1}
    truth["items"] = {i: v for i, v in truth["items"].items() if i.rsplit(".", 1)[0] not in single}
    return CorpusFile(f"{k:02d}-ma-lap-lai.csv", "csv-ma-lap-lai-moi-muc", content, [truth])


# -- districts (a row per school) ----------------------------------------------------------------

WIDE_IDS = ["{id}", "{id} ({max}đ)", "TC {id}"]


def district(
    rng: random.Random, k: int, count: int | None = None
) -> tuple[list[Unit], list[list[Any]], list[tuple[int, int, int, int]], set[tuple[int, str]]]:
    """A district's table: two header rows (groups merged over their criteria), a row per
    school; some cells left empty and one written above its maximum."""
    count = count or rng.randint(5, 12)
    units = [draw_unit(rng, code, name) for code, name in rng.sample(SCHOOLS, count)]
    criteria = list(FRAMEWORK.all_criteria)
    top = ["STT", "Mã trường", "Tên trường"]
    second = ["", "", ""]
    merges = [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 1, 2)]
    for group in FRAMEWORK.groups:
        start = len(top)
        for n, criterion in enumerate(group.criteria):
            top.append(f"Nhóm {group.id}: {group.title}" if n == 0 else "")
            wording = (
                WIDE_IDS[k % len(WIDE_IDS)] if not criterion.is_mandatory else "{id}\n(có/không)"
            )
            second.append(wording.format(id=criterion.id, max=criterion.max))
        merges.append((0, start, 0, len(top) - 1))
    for label in ("Điểm nhóm 1", "Điểm nhóm 2", "Tổng"):
        top.append(label)
        second.append("")
        merges.append((0, len(top) - 1, 1, len(top) - 1))
    cells: list[list[Any]] = [top, second]
    skipped: set[tuple[int, str]] = set()
    for n, unit in enumerate(units):
        row: list[Any] = [n + 1, unit.code, unit.name]
        for criterion in criteria:
            if criterion.is_mandatory:
                row.append("có" if unit.mandatory[criterion.id] else "không")
                continue
            value: Any = _json(unit.criterion(criterion.id))
            if rng.random() < 0.04:
                value, _ = "", skipped.add((n, criterion.id))
            elif rng.random() < 0.02:
                value, _ = criterion.max + 5, skipped.add((n, criterion.id))
            row.append(value)
        row += [
            _json(unit.group("1")),
            _json(unit.group("2")),
            _json(unit.group("1") + unit.group("2")),
        ]
        cells.append(row)
    return units, cells, merges, skipped


def _district_truth(units: list[Unit], skipped: set[tuple[int, str]]) -> list[dict[str, Any]]:
    return [
        truth_of(u, refused=tuple(cid for n2, cid in skipped if n2 == n))
        for n, u in enumerate(units)
    ]


def xlsx_district(rng: random.Random, k: int) -> CorpusFile:
    units, cells, merges, skipped = district(rng, k)
    content = xlsx_bytes([["BẢNG TỔNG HỢP KẾT QUẢ TỰ ĐÁNH GIÁ MỨC ĐỘ CHUYỂN ĐỔI SỐ NĂM HỌC 2023-2024"], *cells],
                         [(0, 0, 0, len(cells[0]) - 1)] + [(a + 1, b, c + 1, d) for a, b, c, d in merges])  # fmt: skip
    return CorpusFile(
        f"{k:02d}-phong-tong-hop.xlsx",
        "xlsx-mot-dong-moi-truong",
        content,
        _district_truth(units, skipped),
    )


def delimited_district(rng: random.Random, k: int, kind: str) -> CorpusFile:
    """The district's table saved by Excel as «Unicode Text» (UTF-16, tabs), UTF-8 TSV or CSV."""
    units, cells, _, skipped = district(rng, k)
    if kind == "utf16":
        content = b"\xff\xfe" + delimited(cells, "\t").encode("utf-16-le")
        name = f"{k:02d}-unicode-text.txt"
    elif kind == "tsv":
        content = delimited(cells, "\t").encode("utf-8")
        name = f"{k:02d}-phong.tsv"
    else:
        content = delimited(cells, ";" if k % 2 else ",").encode("utf-8-sig")
        name = f"{k:02d}-phong.csv"
    return CorpusFile(name, f"{kind}-mot-dong-moi-truong", content, _district_truth(units, skipped))


# -- the seeds -----------------------------------------------------------------------------------

SEEDS = {
    "s0_be_van_dan": "s0_be_van_dan.txt",
    "s1_chu_van_an": "s1_chu_van_an.txt",
    "s2_gdtx_hai_phong": "s2_gdtx_hai_phong.txt",
}


def seed(example: str, fixture: str) -> CorpusFile:
    """A seed's text with the truth its example states (examples/*.yaml)."""
    data = yaml.safe_load((ROOT / "examples" / f"{example}.yaml").read_text(encoding="utf-8"))
    statements = rubric.parse_statements(data.get("stated"))
    points = {
        s.key[1]: _json(Fraction(s.value))
        for s in statements
        if s.key[0] == "criterion" and s.key[2] == "points"
    }
    points |= {k: v for k, v in (data.get("awarded") or {}).items() if FRAMEWORK.has_criterion(k)}
    items = {s.key[1]: _json(Fraction(s.value)) for s in statements if s.key[0] == "item"}
    items |= {k: v for k, v in (data.get("awarded") or {}).items() if FRAMEWORK.has_item(k)}
    stated = [
        {"key": ".".join(s.key), "value": _plain(s.value), **_extra(s.raw)} for s in statements
    ]
    unit = {"name": data["unit"]["name"], "points": points, "items": items, "refused": []}
    content = (ROOT / "tests" / "fixtures" / fixture).read_bytes()
    return CorpusFile(f"{example}.txt", "hat-giong", content, [unit], stated)


def _plain(value: Any) -> Any:
    if isinstance(value, Fraction):
        return _json(value)
    return value


def _extra(raw: Any) -> dict[str, Any]:
    return {k: raw[k] for k in ("numerator", "denominator") if k in raw}


# -- the corpus ----------------------------------------------------------------------------------


def build_corpus(seed_value: int = 4725) -> list[CorpusFile]:
    """At least 40 files of every layout above, each with its truth (deterministic)."""
    rng = random.Random(seed_value)
    files: list[CorpusFile] = []
    plan: list[Callable[[random.Random, int], CorpusFile]] = [
        *[docx_criterion_rows] * 6,
        *[docx_merged_group_header] * 2,
        *[docx_two_line_cells] * 2,
        *[docx_numbered] * 2,
        *[docx_merged_items] * 2,
        *[docx_criterion_and_items] * 2,
        *[docx_evidence] * 2,
        docx_evidence_only,
        *[docx_over_max] * 2,
        *[docx_lookalike] * 2,
        *[docx_vni] * 2,
        *[lambda r, n: text_legacy(r, n, "vni")] * 2,
        *[lambda r, n: text_legacy(r, n, "tcvn3")] * 2,
        *[text_extract] * 2,
        *[docx_numbers_and_levels] * 2,
        docx_2018,
        docx_headerless,
        docx_two_points_columns,
        *[csv_filled_down] * 2,
        *[xlsx_district] * 3,
        *[lambda r, n: delimited_district(r, n, "utf16")] * 2,
        *[lambda r, n: delimited_district(r, n, "tsv")] * 2,
        *[lambda r, n: delimited_district(r, n, "csv")] * 2,
    ]
    for k, make in enumerate(plan):
        files.append(make(rng, k))
    files += [seed(example, fixture) for example, fixture in SEEDS.items()]
    return files


def converted(files: list[CorpusFile]) -> list[CorpusFile]:
    """A few Word files as LibreOffice saves them in .odt and .doc, and printed to PDF."""
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary is None:
        return []
    out = []
    chosen = [f for f in files if f.layout == "docx-tung-tieu-chi"][:2]
    for original, target in zip(chosen * 2, ("odt", "doc", "pdf", "pdf"), strict=False):
        # A .doc as Word keeps it: written from the .odt (LibreOffice's direct .docx to .doc
        # drops the table python-docx writes).
        source = _convert(binary, original.content, "odt") if target == "doc" else original.content
        content = (
            _convert(binary, source, target, "odt" if target == "doc" else "docx")
            if source
            else None
        )
        if content is not None:
            name = original.name.replace(".docx", f".{target}")
            out.append(CorpusFile(name, f"{target}-chuyen-doi", content, original.units))
    return out


def _convert(binary: str, content: bytes, target: str, source: str = "docx") -> bytes | None:
    with tempfile.TemporaryDirectory(prefix="chiso-corpus-") as folder:
        work = Path(folder)
        (work / f"tep.{source}").write_bytes(content)
        profile = f"-env:UserInstallation=file://{work / 'profile'}"
        subprocess.run(
            [
                binary,
                profile,
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                str(work),
                str(work / f"tep.{source}"),
            ],
            capture_output=True,
            timeout=120,
            check=False,
        )
        result = work / f"tep.{target}"
        return result.read_bytes() if result.exists() else None


def write_corpus(folder: Path, with_converted: bool = True) -> list[CorpusFile]:
    folder.mkdir(parents=True, exist_ok=True)
    files = build_corpus()
    if with_converted:
        files += converted(files)
    for file in files:
        (folder / file.name).write_bytes(file.content)
        (folder / f"{file.name}.truth.json").write_text(
            json.dumps(file.truth(), ensure_ascii=False, indent=1), encoding="utf-8"
        )
    return files


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "var/import-corpus")
    shutil.rmtree(target, ignore_errors=True)
    written = write_corpus(target)
    print(f"{len(written)} tệp (kèm đáp án) trong {target}")
