"""What a table's columns mean, read from their headers (over one or several rows, merged or
not) and checked against the values below them. Pure standard library.
"""

from __future__ import annotations

import re
from enum import StrEnum

from chiso import rubric
from chiso.legacy.document import Table
from chiso.legacy.matching import parse_id
from chiso.legacy.numbers import describes_rule, mentions_maximum, parse_level, parse_number
from chiso.legacy.text import fold


class Meaning(StrEnum):
    ID = "id"
    TITLE = "title"
    MAX = "max"
    POINTS_SELF = "points_self"  # the unit's own points (council, self-assessment)
    POINTS = "points"  # points, whose they are not said
    POINTS_REVIEW = "points_review"  # the office's points
    LEVEL = "level"
    RULE = "rule"  # the scoring rule written out ("Mức độ 1: dưới 10 điểm")
    EVIDENCE = "evidence"  # evidence, links, notes: never points, whatever their values
    COUNT = "count"  # counts and rates: never points
    NAME = "name"
    CODE = "code"
    UNKNOWN = "unknown"


POINTS_ORDER = (Meaning.POINTS_SELF, Meaning.POINTS, Meaning.POINTS_REVIEW)
_REVIEW = (
    "tham dinh",
    "kiem tra",
    "cap tren",
    "phong gd",
    "so gd",
    "danh gia ngoai",
    "cong nhan",
    "phuc tra",
)
_SELF = ("tu danh gia", "tu cham", "tu dg", "don vi cham", "hoi dong", "co so cham", "truong cham")
_MAXIMUM = (
    "toi da",
    "diem chuan",
    "thang diem",
    "thanh phan",
    "diem quy dinh",
    "khung diem",
    "cach tinh",
    "cach cham",
    "diem chi tiet",
)


def meaning_of(label: str) -> Meaning:
    """The meaning of a column header ("Điểm tự đánh giá" → POINTS_SELF), by its words."""
    f = fold(label)
    if not f:
        return Meaning.UNKNOWN
    if (
        "minh chung" in f
        or re.search(r"\bmc\b", f)
        or any(w in f for w in ("ghi chu", "duong link", "ho so"))
    ):
        return Meaning.EVIDENCE
    if any(w in f for w in _MAXIMUM):
        return Meaning.MAX
    points = re.search(r"\bdiem\b|\bcham\b", f) is not None
    if not points and (re.search(r"\bmuc\b", f) or "xep loai" in f or "xep muc" in f):
        return Meaning.LEVEL
    if points and any(w in f for w in _REVIEW):
        return Meaning.POINTS_REVIEW
    if any(w in f for w in _SELF):
        return Meaning.POINTS_SELF
    if points or f in ("ket qua", "dat", "so diem", "diem so", "ket qua dat duoc"):
        return Meaning.POINTS
    return _other_meaning(f)


def _other_meaning(f: str) -> Meaning:
    if "so luong" in f or "ty le" in f or "ti le" in f or "%" in f or f.startswith("so "):
        return Meaning.COUNT
    if f.startswith("ma ") and any(
        w in f for w in ("don vi", "truong", "co so", "csgd", "dinh danh")
    ):
        return Meaning.CODE
    if f in ("stt", "tt", "so tt", "ma", "ma so", "ma tieu chi", "ma chi so", "ma tc", "so thu tu"):
        return Meaning.ID
    if (
        "ten don vi" in f
        or "ten truong" in f
        or f in ("don vi", "truong", "co so giao duc", "ten co so")
    ):
        return Meaning.NAME
    if any(w in f for w in ("tieu chi", "noi dung", "chi so", "yeu cau", "chi tieu", "ten")):
        return Meaning.TITLE
    return Meaning.UNKNOWN


def column_labels(table: Table, header_rows: list[int]) -> list[str]:
    """Each column's header, the header rows' texts joined top to bottom (a merged header
    counted once per column it covers)."""
    width = table.width
    labels = []
    for c in range(width):
        parts: list[str] = []
        for r in header_rows:
            row = table.rows[r]
            if table.ragged and len(row) < width:
                continue  # placed from the right below
            text = row[c].text.strip() if c < len(row) else ""
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        labels.append(" ".join(parts))
    if table.ragged:
        _fill_from_shorter_rows(table, header_rows, labels)
    elif not _has_merges(table, header_rows):
        _fill_flat_headers(table, header_rows, labels)
    return labels


def _fill_from_shorter_rows(table: Table, header_rows: list[int], labels: list[str]) -> None:
    """A text extract lost the merges: a shorter header row sits over the last columns; the
    nearest such row names a blank column first."""
    width = len(labels)
    for r in reversed(header_rows):
        row = table.rows[r]
        if len(row) >= width:
            continue
        offset = width - len(row)
        for c, cell in enumerate(row):
            if cell.text.strip() and not labels[offset + c].strip():
                labels[offset + c] = cell.text.strip()


def _has_merges(table: Table, rows: list[int]) -> bool:
    return any(not cell.starts_at(r, c) for r in rows for c, cell in enumerate(table.rows[r]))


def _fill_flat_headers(table: Table, header_rows: list[int], labels: list[str]) -> None:
    """A CSV of a merged header writes it in its first column only: an upper header's blank
    cell belongs to the header on its left, where the lowest header row names the column."""
    if len(header_rows) < 2:
        return
    lowest = table.rows[header_rows[-1]]
    for r in header_rows[:-1]:
        row, carried = table.rows[r], ""
        for c in range(min(len(row), len(labels))):
            text = row[c].text.strip()
            if text:
                carried = text
            elif carried and c < len(lowest) and lowest[c].text.strip():
                labels[c] = f"{carried} {labels[c]}".strip()
            else:
                carried = ""


def refine(meaning: Meaning, values: list[str]) -> Meaning:
    """A column's meaning checked against what it holds: "Tối đa 6 điểm" under «Điểm thành
    phần» is a maximum, "Mức độ 1: dưới 10 điểm" under «Mức độ» is a rule, "Mức 2" under
    «Kết quả» is a level."""
    filled = [v for v in values if v.strip()]
    if not filled:
        return meaning
    share = len(filled)
    if meaning in POINTS_ORDER or meaning == Meaning.UNKNOWN:
        if sum(mentions_maximum(v) for v in filled) * 2 > share:
            return Meaning.MAX
        if sum(_is_level(v) for v in filled) * 2 > share and not any(_is_number(v) for v in filled):
            return Meaning.LEVEL
    if meaning == Meaning.LEVEL and sum(describes_rule(v) for v in filled) * 2 >= share:
        return Meaning.RULE
    return meaning


def _is_level(text: str) -> bool:
    level = parse_level(text)
    return level is not None and level.value is not None


def _is_number(text: str) -> bool:
    try:
        return parse_number(text) is not None
    except ValueError:
        return False


def header_score(table: Table, r: int, framework: rubric.Framework) -> int:
    """How much a row looks like a header: its short cells whose words give a column meaning."""
    seen, score = set(), 0
    for cell in table.rows[r]:
        text = cell.text.strip()
        if cell.origin in seen or not text or len(text) > 80:
            continue
        seen.add(cell.origin)
        if parse_id(text, framework) is None and meaning_of(text) != Meaning.UNKNOWN:
            score += 1
    return score
