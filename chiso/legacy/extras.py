"""Tables beside the scoring table: questions and answers («Nội dung / Trả lời»: LMS, computer
room, studio, Informatics level, cashless fees …), counts with their rates («Số lượng / Tỷ lệ»),
and the count of criteria at each level. Pure standard library and the rubric's definitions.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from chiso import rubric
from chiso.legacy.document import Table
from chiso.legacy.matching import group_by_title
from chiso.legacy.numbers import Ambiguous, parse_level, parse_number
from chiso.legacy.reading import Reading, plain
from chiso.legacy.text import fold, quote


@dataclass(frozen=True, slots=True)
class Question:
    """A fact a row's label asks about: every word group in `needs`, none in `unless`."""

    fact: str
    needs: tuple[str, ...]
    unless: tuple[str, ...] = ()


QUESTIONS = (
    Question("lms_deployed", ("lms",)),
    Question("lms_deployed", ("quan ly hoc tap truc tuyen",)),
    Question("computer_room_exams", ("kiem tra", "phong may")),
    Question("approved_digital_materials", ("hoc lieu", "hien co")),
    Question("approved_digital_materials", ("hoc lieu", "phe duyet"), ("xay dung",)),
    Question("materials_built_this_year", ("hoc lieu", "xay dung")),
    Question("teachers_with_digital_signature", ("chu ky so", "so giao vien")),
    Question("cashless_fees", ("khong dung tien mat",)),
    Question("studio_room", ("studio",)),
    Question("informatics_level", ("tin hoc", "muc")),
    Question("stats_report_start_of_year", ("thong ke", "dau nam")),
    Question("stats_report_end_of_year", ("thong ke", "cuoi nam")),
    Question("online_admission", ("tuyen sinh", "truc tuyen")),
    Question("family_school_app", ("ket noi", "gia dinh")),
)
GRADEBOOK = {"so diem dien tu": "e_gradebook", "hoc ba dien tu": "e_transcript"}


def read_answers(table: Table, framework: rubric.Framework) -> Reading:
    """Facts from rows «question | answer | note», wherever the question names one."""
    reading = Reading()
    for r, row in enumerate(table.rows):
        texts = [
            (c, cell.text.strip())
            for c, cell in enumerate(row)
            if cell.starts_at(r, c) and cell.text.strip()
        ]
        if len(texts) < 2:
            continue
        (_, label), (c, answer) = texts[0], texts[1]
        note = texts[2][1] if len(texts) > 2 else ""
        where = f"{table.where(r, c)} «{quote(label, 60)}»"
        _answer(fold(label), answer, note, where, framework, reading)
    return reading


def _answer(
    label: str, answer: str, note: str, where: str, framework: rubric.Framework, reading: Reading
) -> None:
    named = [name for name in GRADEBOOK if name in label]
    if named:
        _gradebook(named, answer, note, where, reading)
        return
    for question in QUESTIONS:
        if all(w in label for w in question.needs) and not any(w in label for w in question.unless):
            if framework.has_fact(question.fact):
                _fact(question.fact, answer, where, framework, reading)
            return


def _fact(
    fact: str, answer: str, where: str, framework: rubric.Framework, reading: Reading
) -> None:
    spec = framework.fact(fact)
    value: object = None
    if spec.type == "bool":
        level = parse_level(answer)
        value = level.met if level is not None else None
    elif spec.type == "count":
        try:
            number = parse_number(answer, whole=True)
        except Ambiguous:
            reading.doubt(where, f"«{answer}» có thể đọc hai cách: không đọc")
            return
        value = int(number) if number is not None and number.denominator == 1 else None
    elif spec.type == "choice":
        value = _choice(spec, answer)
    if value is None:
        # Stated as written, so that the checker says what does not fit the question.
        reading.state(fact=fact, value=quote(answer, 30), where=where)
        return
    reading.state(fact=fact, value=value, where=where)
    reading.facts.setdefault(fact, value)


def _choice(spec: rubric.definitions.FactSpec, answer: str) -> str | None:
    keys = [key for key, _ in spec.options]
    level = parse_level(answer)
    if level is not None and level.value is not None and str(level.value) in keys:
        return str(level.value)
    for key, label in spec.options:
        if fold(answer) == fold(label):
            return key
    return None


def _gradebook(named: list[str], answer: str, note: str, where: str, reading: Reading) -> None:
    """«sổ điểm điện tử, học bạ điện tử: Có»: a fact for each one the note names (both, with
    no note, would be a guess)."""
    level = parse_level(answer)
    if level is None or level.met is None:
        return
    mentioned = [name for name in named if name in fold(note)] if note else []
    if len(named) > 1 and not mentioned and level.met:
        reading.doubt(
            where, "«Có» cho cả sổ điểm và học bạ điện tử mà không nói rõ từng loại: không đọc"
        )
        return
    for name in mentioned or named:
        reading.facts.setdefault(GRADEBOOK[name], level.met)


# -- counts and rates ----------------------------------------------------------------------------


def read_rates(table: Table, framework: rubric.Framework) -> Reading:
    """Rows «label | count | rate %»: each rate checked against the count at 100%."""
    reading = Reading()
    rows = []
    for r, row in enumerate(table.rows):
        cells = [
            cell.text.strip()
            for c, cell in enumerate(row)
            if cell.starts_at(r, c) and cell.text.strip()
        ]
        if len(cells) == 3 and cells[2].endswith("%"):
            count, rate = _number(cells[1]), _number(cells[2].rstrip("% "))
            if count is not None and rate is not None:
                rows.append((r, cells[0], count, cells[2].rstrip("% ")))
    total = next((count for _, _, count, rate in rows if _number(rate) == 100), None)
    if total is None or total == 0:
        return reading
    for r, label, count, rate in rows:
        where = f"{table.where(r)} «{quote(label, 60)}»"
        reading.state(
            percent=rate,
            numerator=plain(count),
            denominator=plain(total),
            label=quote(label, 60),
            where=where,
        )
    teachers = [label for _, label, count, rate in rows if _number(rate) == 100]
    about_teachers = (
        teachers and "giao vien" in fold(teachers[0]) and "can bo" not in fold(teachers[0])
    )
    if about_teachers and framework.has_fact("teachers_total"):
        reading.facts.setdefault("teachers_total", int(total))
    return reading


def _number(text: str) -> Fraction | None:
    try:
        return parse_number(text)
    except Ambiguous:
        return None


# -- criteria per level --------------------------------------------------------------------------


def read_level_counts(table: Table, framework: rubric.Framework) -> Reading:
    """«Nhóm tiêu chí | Mức độ 1 (Số lượng, Tỷ lệ %) | Mức độ 2 … | Mức độ 3 …»: how many
    criteria of each group the document says are at each level."""
    reading = Reading()
    levels = _level_header(table)
    if levels is None:
        return reading
    for r, row in enumerate(table.rows):
        texts = [cell.text.strip() for c, cell in enumerate(row) if cell.starts_at(r, c)]
        group = next(
            (group_by_title(t, framework) for t in texts if group_by_title(t, framework)), None
        )
        if group is None or len(texts) < 2 * len(levels):
            continue
        pairs = texts[-2 * len(levels) :]
        for k, level in enumerate(levels):
            count, percent = _number(pairs[2 * k]), pairs[2 * k + 1].rstrip("% ")
            if count is None or count.denominator != 1:
                continue
            statement: dict[str, object] = {
                "criteria_at_level": level,
                "group": group,
                "count": int(count),
                "where": table.where(r),
            }
            if _number(percent) is not None:
                statement["percent"] = percent
            reading.state(**statement)
    return reading


def _level_header(table: Table) -> list[int] | None:
    """The levels the columns are about, in order, from a header row naming three levels."""
    for r, row in enumerate(table.rows[:6]):
        found = []
        for c, cell in enumerate(row):
            if not cell.starts_at(r, c) or not cell.text.strip():
                continue
            level = parse_level(cell.text)
            if level is not None and level.value is not None and "diem" not in fold(cell.text):
                found.append(level.value)
        if len(found) >= 2 and found == sorted(set(found)):
            return found
    return None
