"""What a report's sentences state: group points and levels in any wording, a level for the
whole unit, facts ("41 học liệu"), figures, the index's decision number, and the unit's name,
school year, document number and date. Pure standard library and the rubric's definitions.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction

from chiso import rubric
from chiso.legacy.document import Paragraph
from chiso.legacy.numbers import Ambiguous, parse_level, parse_number
from chiso.legacy.reading import Reading, Value, plain
from chiso.legacy.text import fold, quote

DECISION_FIGURE = "Số quyết định ban hành bộ chỉ số"
COMPUTERS_FIGURE = "Máy tính phòng Tin học còn sử dụng được"


@dataclass
class Metadata:
    unit_name: str = ""
    school_year: str = ""
    document_number: str = ""
    document_date: dt.date | None = None
    unit_name_where: str = ""
    names: list[tuple[str, str]] = field(default_factory=list)  # every unit name, where first seen


def read_narrative(
    fragments: list[Paragraph], framework: rubric.Framework
) -> tuple[Reading, Metadata]:
    """Statements and facts from every sentence, and what the document says about itself."""
    reading = Reading()
    for fragment in fragments:
        for clause in _clauses(fragment.text):
            where = f"{fragment.where}: «{quote(clause)}»"
            _group_statement(clause, where, framework, reading)
            _criterion_statement(clause, where, framework, reading)
            _overall_level(clause, where, reading)
            _facts(clause, where, framework, reading)
            _computers(clause, where, reading)
            _decision(clause, where, framework, reading)
    return reading, metadata(fragments)


def _clauses(text: str) -> list[str]:
    """A paragraph's clauses: lines, and the parts of a line between semicolons."""
    out = []
    for line in text.splitlines():
        out += [part.strip() for part in re.split(r";\s+", line) if part.strip()]
    return out


# -- groups, criteria, the whole unit ------------------------------------------------------------

_GROUP_NAMED = re.compile(r"\bnhom(?: tieu chi| chi so)?\s*:?\s*(?:\"|“)?\s*(1|2|i{1,2})\b")
_POINTS_OF_100 = re.compile(r"(\d{1,3}(?:[.,]\d{1,2})?)\s*/\s*100\s*(?:diem|d)?\b")
_POINTS_PLAIN = re.compile(r"\bdat\s*:?\s*(\d{1,3}(?:[.,]\d{1,2})?)\s*diem\b")
_LEVEL_AFTER = re.compile(
    r"\bmuc(?: do)?\s*:?\s*(\d(?:\s*/\s*\d)?|i{1,3})\b|\bmuc (chua dap ung|dap ung co ban|dap ung tot)"
)


def _group_of(folded: str) -> str | None:
    named = {("1" if g in ("1", "i") else "2") for g in _GROUP_NAMED.findall(folded)}
    if not named:
        teaching = re.search(
            r"chuyen doi so trong day,? hoc|tieu chi ve chuyen doi so trong day", folded
        )
        managing = re.search(
            r"chuyen doi so trong quan tri|tieu chi ve chuyen doi so trong quan", folded
        )
        named = {g for g, hit in (("1", teaching), ("2", managing)) if hit}
    return named.pop() if len(named) == 1 else None


def _group_statement(
    clause: str, where: str, framework: rubric.Framework, reading: Reading
) -> None:
    folded = fold(clause)
    group = _group_of(folded)
    if group is None or not framework.has_group(group):
        return
    match = _POINTS_OF_100.search(folded) or _POINTS_PLAIN.search(folded)
    if match is None:
        return
    points = parse_number(match.group(1))
    if points is None or points > framework.group(group).max:
        return
    statement: dict[str, object] = {"group": group, "points": plain(points), "where": where}
    level = _level_in(folded[match.end() :])
    if level:
        statement["level"] = level
    reading.state(**statement)


def _level_in(folded: str) -> int | None:
    match = _LEVEL_AFTER.search(folded)
    if match is None:
        return None
    level = parse_level(match.group(0))
    return level.value if level else None


_CRITERION_POINTS = re.compile(
    r"\btieu chi\s*([1-9]\.[1-9])\s*\.?\s*(?:\([^)]*\))?\s*[:\-–]?\s*(?:dat|duoc)?\s*:?\s*(\d{1,2}(?:[.,]\d{1,2})?)\s*(?:/\s*(\d{1,3})\s*)?diem\b"
)


def _criterion_statement(
    clause: str, where: str, framework: rubric.Framework, reading: Reading
) -> None:
    """ "Tiêu chí 1.3: đạt 19 điểm" (one per clause, at most 1 decimal part)."""
    matches = _CRITERION_POINTS.findall(fold(clause))
    if len(matches) != 1:
        return
    cid, raw, of = matches[0]
    if not framework.has_criterion(cid) or framework.criterion(cid).is_mandatory:
        return
    points = parse_number(raw)
    maximum = framework.criterion(cid).max
    if points is None or points > maximum or (of and int(of) != maximum):
        return
    reading.state(criterion=cid, points=plain(points), where=where)
    reading.values[cid] = Value(points, where)


_OVERALL = re.compile(
    r"\b(?:xep loai chung|ket qua chung|muc chung|muc do chung|danh gia chung|xep muc chung"
    r"|(?:nha truong|truong|don vi|trung tam|co so)(?: \w+){0,3} (?:dat|duoc xep|xep loai|xep|duoc danh gia))\b"
)


def _overall_level(clause: str, where: str, reading: Reading) -> None:
    """A level for the whole unit ("Nhà trường đạt mức độ 2"): kept as such, never as a group's."""
    folded = fold(clause)
    if _group_of(folded) is not None or "nhom" in folded or "tieu chi" in folded:
        return
    match = _OVERALL.search(folded)
    if match is None:
        return
    level = _level_in(folded[match.end() :])
    if level and reading.overall_level is None:
        reading.overall_level = (level, where)


# -- facts and figures ---------------------------------------------------------------------------

_MATERIALS = re.compile(r"(\d[\d.,\s]*?\d|\d)\s*hoc lieu\b")
_SIGNATURES = re.compile(r"chu ky so\s*:?\s*(\d[\d.]*)\s*(?:giao vien|gv|nguoi)?")


def _facts(clause: str, where: str, framework: rubric.Framework, reading: Reading) -> None:
    folded = fold(clause)
    if "hoc lieu" in folded:
        _materials(folded, where, framework, reading)
    if "chu ky so" in folded and "giao vien" in folded:
        match = _SIGNATURES.search(folded)
        if match:
            _fact(reading, framework, "teachers_with_digital_signature", match.group(1), where)


def _materials(folded: str, where: str, framework: rubric.Framework, reading: Reading) -> None:
    matches = _MATERIALS.findall(folded)
    if len(matches) != 1:
        return
    if "xay dung" in folded and ("nam hoc" in folded or "trong nam" in folded):
        _fact(reading, framework, "materials_built_this_year", matches[0], where)
    elif "so hoa" in folded or "phe duyet" in folded or "hien co" in folded:
        _fact(reading, framework, "approved_digital_materials", matches[0], where)


def _fact(reading: Reading, framework: rubric.Framework, fact: str, raw: str, where: str) -> None:
    if not framework.has_fact(fact):
        return
    try:
        value = parse_number(raw.replace(" ", ""), whole=True)
    except Ambiguous:
        reading.doubt(
            where, f"«{raw}» có thể đọc hai cách (một phần nghìn hay hàng nghìn): không đọc"
        )
        return
    if value is None or value.denominator != 1:
        return
    reading.state(fact=fact, value=int(value), where=where)
    reading.facts.setdefault(fact, int(value))


_USABLE = re.compile(r"(\d+)\s*/\s*(\d+)\s*may tinh con su dung duoc")
_BROKEN = re.compile(r"(\d+)\s*phong\s*/?\s*(\d+)\s*may\s*,?\s*(\d+)\s*may (?:da )?(?:hong|hu)")


def _computers(clause: str, where: str, reading: Reading) -> None:
    """The computers of the Informatics room that still work, however the report counts them."""
    folded = fold(clause)
    usable = _USABLE.search(folded)
    if usable:
        reading.state(figure=COMPUTERS_FIGURE, value=int(usable.group(1)), where=where)
    broken = _BROKEN.search(folded)
    if broken and int(broken.group(3)) <= int(broken.group(2)):
        reading.state(
            figure=COMPUTERS_FIGURE, value=int(broken.group(2)) - int(broken.group(3)), where=where
        )


_DECISION = re.compile(
    r"\b(?:quyet dinh|q\s*d{1,2})\s*(?:so\s*)?:?\s*(\d{3,5})\s*(?:/\s*qd\s*-?\s*(bgd\s*&?\s*dt|bgddt))?"
)


def _decision(clause: str, where: str, framework: rubric.Framework, reading: Reading) -> None:
    """The index's decision as the report cites it, written one way ("4725/QĐ-BGDĐT"), so
    that "4275" beside "4725" is seen."""
    folded = fold(clause)
    expected = framework.decision.number
    number = expected.split("/")[0]
    for match in _DECISION.finditer(folded):
        cited = match.group(1)
        about_index = cited == number or (
            sorted(cited) == sorted(number)
            and (match.group(2) or "bo chi so" in folded or _index_date(folded, framework))
        )
        if about_index:
            reading.state(
                figure=DECISION_FIGURE, value=f"{cited}/{expected.split('/', 1)[1]}", where=where
            )


def decision_date(framework: rubric.Framework) -> dt.date | None:
    """The date of the framework's decision, if it has a readable one."""
    try:
        return dt.date.fromisoformat(str(framework.decision.date))
    except ValueError:
        return None


def _index_date(folded: str, framework: rubric.Framework) -> bool:
    day = decision_date(framework)
    if day is None:
        return False
    return f"{day.day}/{day.month}/{day.year}" in folded.replace("/0", "/") or (
        f"{day.day} thang {day.month} nam {day.year}" in folded
    )


# -- what the document says about itself ---------------------------------------------------------

_NUMBER = re.compile(r"^\s*số\s*:\s*(\d{1,5}\s*/\s*[\w\-&Đđ]+(?:-[\w&Đđ]+)*)", re.IGNORECASE)
_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
_YEAR = re.compile(r"năm học\s*:?\s*(\d{4})\s*[-–—]\s*(\d{4})", re.IGNORECASE)
_UNIT = re.compile(
    r"\b((?:[Tt]rường|TRƯỜNG|[Tt]rung tâm|TRUNG TÂM)\s+"
    r"(?:(?:Mầm non|Tiểu học|Trung học cơ sở|Trung học phổ thông|Phổ thông|Giáo dục thường xuyên|"
    r"Giáo dục nghề nghiệp|PTDTBT|PTDTNT|TH&THCS|THCS&THPT|TH, THCS|MN|TH|THCS|THPT|GDTX|GDNN-GDTX|"
    r"MẦM NON|TIỂU HỌC|TRUNG HỌC CƠ SỞ|TRUNG HỌC PHỔ THÔNG)\s+)?"
    r"(?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ][\w&\-]*\s*){1,6})"
)


def metadata(fragments: list[Paragraph]) -> Metadata:
    found = Metadata()
    years: Counter[str] = Counter()
    names: Counter[str] = Counter()
    first_name: dict[str, str] = {}
    for index, fragment in enumerate(fragments):
        text = fragment.text
        _number_and_date(text, found, index)
        for start, end in _YEAR.findall(text):
            if int(end) == int(start) + 1:
                years[f"{start}-{end}"] += 3 if index < 15 else 1
        for match in _UNIT.finditer(text):
            name = _unit_name(match.group(1))
            if name:
                names[name] += 1
                first_name.setdefault(name, fragment.where)
    if years:
        found.school_year = years.most_common(1)[0][0]
    if names:
        found.unit_name = names.most_common(1)[0][0]
        found.unit_name_where = first_name[found.unit_name]
        found.names = list(first_name.items())
    return found


def _number_and_date(text: str, found: Metadata, index: int) -> None:
    if not found.document_number:
        match = _NUMBER.match(text)
        if match:
            found.document_number = re.sub(r"\s+", "", match.group(1))
    if found.document_date is None and index < 20 and len(text) < 80:
        match = _DATE.search(text)
        if match:
            with contextlib.suppress(ValueError):  # "ngày 31 tháng 02": no date
                found.document_date = dt.date(
                    int(match.group(3)), int(match.group(2)), int(match.group(1))
                )


def _unit_name(raw: str) -> str:
    """ "trường Tiểu học Chu Văn An" → "Trường Tiểu học Chu Văn An"; "" for a bare type."""
    words = raw.split()
    while words and words[-1].lower() in ("năm", "về", "theo", "tại", "trong", "đã", "xin", "luôn"):
        words.pop()
    if len(words) < 3:
        return ""
    if " ".join(words).isupper():
        words = [w if w in SCHOOL_ABBREVIATIONS else w.capitalize() for w in words]
        if words[1:3] in (["Tiểu", "Học"], ["Mầm", "Non"]):
            words[2] = words[2].lower()
    name = " ".join(words)
    return name[0].upper() + name[1:]


SCHOOL_ABBREVIATIONS = frozenset(
    ["TH", "THCS", "THPT", "GDTX", "PTDTBT", "PTDTNT", "MN", "TH&THCS", "THCS&THPT", "GDNN-GDTX"]
)


def points_fraction(value: object) -> Fraction:
    return Fraction(str(value))
