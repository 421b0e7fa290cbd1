"""A legacy file read and scored: one result per unit it is about, as the CLI prints it and
the web previews it. Nothing is guessed: a point is taken only where the file is certain,
everything else is listed as uncertain, and the same checks as `chiso check` run on what was read.

Pure Python: the standard library, the rubric engine and the readers of this package.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from chiso import rubric
from chiso.legacy.document import Document
from chiso.legacy.extras import read_answers, read_level_counts, read_rates
from chiso.legacy.narrative import DECISION_FIGURE, Metadata, decision_date, read_narrative
from chiso.legacy.plain import read_text
from chiso.legacy.reading import Reading, Uncertain
from chiso.legacy.sources import UnreadableReport, load
from chiso.legacy.tables import read_scoring_table
from chiso.legacy.text import words
from chiso.legacy.wide import find_wide_layout, read_wide
from chiso.rubric import wording
from chiso.rubric.results import Finding, json_number

MAX_RETRIES = 20


@dataclass
class UnitImport:
    """One unit's part of a file: what was read, and the engine's score of it."""

    framework: rubric.Framework
    reading: Reading
    meta: Metadata
    facts: dict[str, Any]
    awarded: dict[str, Fraction]
    card: rubric.Scorecard | None
    findings: list[Finding] = field(default_factory=list)
    not_scored: str = ""  # why the engine did not score it (a report from before the index)

    @property
    def read(self) -> dict[str, Fraction]:
        """Criterion or item id → points, as the file gives them."""
        return {k: v.points for k, v in sorted(self.reading.values.items())}

    @property
    def unit_name(self) -> str:
        return self.meta.unit_name or self.reading.unit_name

    def to_dict(self) -> dict[str, Any]:
        """The `chiso import-report --json` object for one unit."""
        if self.card is not None:
            out = self.card.to_dict()
        else:
            out = {"framework": self.framework.id, "groups": [], "overall": {"level": None},
                   "missing_facts": []}  # fmt: skip
        out["findings"] = [f.to_dict() for f in self.findings]
        out["stated"] = [
            {"key": ".".join(s.key), "value": _plain(s.value), "where": s.where}
            for s in rubric.parse_statements(self.reading.stated)
        ]
        out["read"] = {k: json_number(v) for k, v in self.read.items()}
        out["uncertain"] = [u.to_dict() for u in self.reading.uncertain]
        out["unit_name"] = self.unit_name
        out["unit_code"] = self.reading.unit_code
        out["school_year"] = self.meta.school_year or None
        out["document_number"] = self.meta.document_number or None
        out["document_date"] = (
            self.meta.document_date.isoformat() if self.meta.document_date else None
        )
        level = self.reading.overall_level
        out["level_stated"] = {"level": level[0], "where": level[1]} if level else None
        out["facts"] = self.facts
        out["scored"] = self.card is not None
        out["not_scored_because"] = self.not_scored or None
        return out

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)


def _plain(value: Any) -> Any:
    if isinstance(value, int | float | str | bool) or value is None:
        return value
    return json_number(value)


# -- entry points --------------------------------------------------------------------------------


def import_file(name: str, content: bytes, framework: rubric.Framework) -> list[UnitImport]:
    """Every unit a file is about; UnreadableReport if the file cannot be read at all."""
    return analyse_document(load(name, content), framework)


def analyse(text: str, framework: rubric.Framework) -> UnitImport:
    """A report's text extract, about one unit."""
    units = analyse_document(read_text("văn bản", text), framework)
    return units[0]


def analyse_document(document: Document, framework: rubric.Framework) -> list[UnitImport]:
    """One result per unit: the rows of a table with one row per unit, or the whole file."""
    narrative, meta = read_narrative(document.fragments(), framework)
    single = Reading(notes=list(document.notes))
    rows: list[Reading] = []
    for table in document.tables:
        layout = find_wide_layout(table, framework)
        if layout is not None:
            rows += read_wide(table, layout, framework)
            continue
        scored = read_scoring_table(table, framework)
        single.merge(scored if scored is not None else read_answers(table, framework))
        single.merge(read_rates(table, framework))
        single.merge(read_level_counts(table, framework))
    if len(rows) >= 2:
        return [_score(row, _for_row(meta, row), framework) for row in rows]
    for row in rows:
        single.merge(row)
    narrative.merge(single)
    _state_names(narrative, meta)
    return [_score(narrative, meta, framework)]


def _for_row(meta: Metadata, row: Reading) -> Metadata:
    """A unit row's metadata: its own name; the office's school year, number and date."""
    return Metadata(row.unit_name, meta.school_year, meta.document_number, meta.document_date)


def _state_names(reading: Reading, meta: Metadata) -> None:
    """The unit's name as the file writes it, and each variant of it (S0: "Bế Văn Đàn" and
    "Bế Đàn"), so that the checker sees a name written two ways."""
    if not meta.unit_name:
        return
    main = set(words(meta.unit_name))
    for name, where in meta.names:
        other = set(words(name))
        if name == meta.unit_name or len(main & other) * 5 >= 3 * max(len(main), len(other)):
            reading.state(unit_name=name, where=where)


# -- scoring -------------------------------------------------------------------------------------


def first_school_year(framework: rubric.Framework) -> str:
    """The school year in which the framework's decision was issued ("2022-2023" for 4725)."""
    day = decision_date(framework)
    if day is None:
        return ""
    start = day.year if day.month >= 8 else day.year - 1
    return f"{start}-{start + 1}"


def _date(framework: rubric.Framework) -> str:
    day = decision_date(framework)
    return f"{day:%d/%m/%Y}" if day else str(framework.decision.date)


def _score(reading: Reading, meta: Metadata, framework: rubric.Framework) -> UnitImport:
    facts = _facts(reading, framework)
    awarded = _awards(reading, framework)
    first = first_school_year(framework)
    if meta.school_year and first and meta.school_year < first:
        why = (
            f"Báo cáo năm học {meta.school_year}, trước khi có Quyết định {framework.decision.number} "
            f"(ngày {_date(framework)}; áp dụng từ năm học {first}): đã đọc nhưng không "
            "chấm theo bộ chỉ số này."
        )
        result = UnitImport(framework, reading, meta, facts, awarded, None, not_scored=why)
    else:
        card = _card(framework, facts, awarded, reading)
        result = UnitImport(framework, reading, meta, facts, awarded, card)
    result.findings = _findings(result, framework)
    return result


def _facts(reading: Reading, framework: rubric.Framework) -> dict[str, Any]:
    facts = {k: v for k, v in reading.facts.items() if framework.has_fact(k)}
    for criterion_id, met in reading.mandatory.items():
        if framework.has_criterion(criterion_id) and framework.criterion(criterion_id).is_mandatory:
            facts[framework.criterion(criterion_id).fact] = met
    return facts


def _awards(reading: Reading, framework: rubric.Framework) -> dict[str, Fraction]:
    """The criterion's points where read (derived sums included), else its items'."""
    awards: dict[str, Fraction] = {}
    for criterion in framework.all_criteria:
        if criterion.is_mandatory:
            continue
        if criterion.id in reading.values:
            awards[criterion.id] = reading.values[criterion.id].points
            continue
        for item in criterion.items:
            if item.id in reading.values:
                awards[item.id] = reading.values[item.id].points
    return awards


def _card(
    framework: rubric.Framework,
    facts: dict[str, Any],
    awarded: dict[str, Fraction],
    reading: Reading,
) -> rubric.Scorecard:
    """The engine's score; a point or a fact it refuses is left out and said, one at a time."""
    for _ in range(MAX_RETRIES):
        try:
            return rubric.score(framework, facts, {k: _points(v) for k, v in awarded.items()})
        except rubric.InvalidInput as exc:
            for where, problem in exc.problems:
                target = where.split(" (", 1)[0].split(" ")[-1]
                if target in awarded:
                    del awarded[target]
                    reading.doubt(where, f"{problem}: không dùng điểm này để chấm")
                elif target in facts:
                    del facts[target]
                    reading.doubt(where, f"{problem}: không dùng dữ kiện này")
                else:
                    return rubric.score(framework, {})
    return rubric.score(framework, {})


def _points(value: Fraction) -> int | str:
    return int(value) if value.denominator == 1 else f"{float(value)}"


# -- findings ------------------------------------------------------------------------------------


def _findings(result: UnitImport, framework: rubric.Framework) -> list[Finding]:
    reading = result.reading
    _say_what_is_missing(result, framework)
    findings = rubric.check(framework, reading.stated, facts=result.facts)
    if result.card is not None:
        findings += list(result.card.findings)
    else:
        findings.append(Finding("warning", "năm học", result.not_scored, "not_scored"))
    findings += _decision_findings(reading, framework)
    findings += _overall_findings(result)
    findings += [Finding("info", "đọc tệp", note, "read_note") for note in reading.notes]
    findings += [Finding("info", u.where, u.what, "uncertain") for u in reading.uncertain]
    return findings


def _say_what_is_missing(result: UnitImport, framework: rubric.Framework) -> None:
    """ "đọc được 5/7 tiêu chí; không thấy 1.4, 1.7", or that no scoring table was found."""
    scored = [c.id for c in framework.all_criteria if not c.is_mandatory]
    found = [c for c in scored if c in result.reading.values]
    if len(found) == len(scored):
        return
    if not found:
        stated = list(
            dict.fromkeys(
                (s["group"], s["points"])
                for s in result.reading.stated
                if "group" in s and "points" in s
            )
        )
        what = "Không tìm thấy bảng chấm điểm theo từng tiêu chí (" + f"{scored[0]} … {scored[-1]})"
        if stated:
            groups = "; ".join(f"nhóm {group}: {points} điểm" for group, points in stated[:4])
            what += f"; văn bản chỉ nêu điểm nhóm ({groups})"
        result.reading.doubt("cả tệp", what + ": chưa có điểm từng tiêu chí để nhập.")
        return
    missing = ", ".join(c for c in scored if c not in found)
    result.reading.doubt(
        "cả tệp", f"đọc được {len(found)}/{len(scored)} tiêu chí; không thấy {missing}"
    )


def _decision_findings(reading: Reading, framework: rubric.Framework) -> list[Finding]:
    expected = framework.decision.number
    out = []
    for statement in reading.stated:
        if statement.get("figure") == DECISION_FIGURE and statement["value"] != expected:
            out.append(
                Finding(
                    "warning",
                    str(statement["where"]),
                    f"Trích «{statement['value']}»: có lẽ là Quyết định {expected} "
                    f"({framework.decision.title}, ngày {_date(framework)})",
                    "decision_number",
                )
            )
    return out


def _overall_findings(result: UnitImport) -> list[Finding]:
    stated = result.reading.overall_level
    if stated is None or result.card is None:
        return []
    level, where = stated
    computed = result.card.overall_level
    convention = f"theo quy ước của chiso (mức thấp nhất của các nhóm) là {wording.level(computed)}"
    if computed == level:
        return [
            Finding(
                "info",
                where,
                f"Văn bản nêu mức chung Mức độ {level}; {convention}",
                "overall_level",
            )
        ]
    return [
        Finding(
            "info",
            where,
            f"Văn bản nêu mức chung Mức độ {level} (quyết định không quy định mức chung); {convention}",
            "overall_level",
        )
    ]


__all__ = [
    "Uncertain",
    "UnitImport",
    "UnreadableReport",
    "analyse",
    "analyse_document",
    "import_file",
]
