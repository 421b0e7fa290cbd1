"""Format-free data of the documents: built once, rendered by one renderer per format."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from chiso import rubric
from chiso.assessments import scoring, tally
from chiso.assessments.models import Assessment
from chiso.evidence.models import Evidence
from chiso.frameworks import registry
from chiso.rubric import wording
from chiso.units import naming, policy
from chiso.units.models import Unit


@dataclass
class AppendixRow:
    """One line of the index table: a group, a criterion or an item."""

    kind: str  # "group" | "criterion" | "mandatory" | "item"
    id: str
    title: str
    maximum: Any = None
    cap: Any = None
    awarded: Any = None
    level: int | None = None
    met: bool | None = None
    evidence: list[str] = field(default_factory=list)
    note: str = ""


@dataclass
class AssessmentDocument:
    """What every document of one institution's assessment needs."""

    unit: Unit
    parent_name: str
    place: str
    school_year: str
    framework: rubric.Framework
    card: rubric.Scorecard
    rows: list[AppendixRow]
    assessment: Assessment
    issued_on: dt.date | None  # None: the signer writes the day by hand
    governing_body: str = ""  # the header's first line (NĐ 30)
    # "Bộ chỉ số điều chỉnh tại địa phương (…)" under the title when the index is a local one.
    framework_note: str = ""
    number: str = ""  # the number chosen when the document is issued ("12")
    # The heading, addressee and signer as they stood in the school year (units.naming.issuer).
    issuer: naming.Issuer | None = None
    # What the apps above this one add (their register_supplement functions): solution names
    # per fact ("lms_deployed" → "K12Online (thuê)"), rows of S0's «Nội dung / Trả lời» table.
    solutions: dict[str, str] = field(default_factory=dict)
    answers: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Supplement:
    """What an app above the reports adds to an assessment's documents."""

    solutions: dict[str, str] = field(default_factory=dict)
    answers: list[tuple[str, str]] = field(default_factory=list)


# Filled at start-up by the apps that know more (the IT inventory, the report figures): the
# reports may not import them (layers), they register here.
_SUPPLEMENTS: list[Callable[[Assessment], Supplement]] = []


def register_supplement(source: Callable[[Assessment], Supplement]) -> None:
    if source not in _SUPPLEMENTS:
        _SUPPLEMENTS.append(source)


def describe_facts(
    framework: Any, criterion: Any, facts: dict[str, Any], solutions: dict[str, str]
) -> list[str]:
    """What the institution has for one criterion, in words and figures (S2 §II: "Số lượng học
    liệu được số hóa: 60 học liệu"; solution names where the criterion asks for them)."""
    lines: list[str] = []
    seen: set[str] = set()
    known = {spec.id for spec in framework.facts}
    for item in criterion.items:
        rule = item.rule
        if getattr(rule, "kind", "") == "percent_bands":
            if rule.numerator in seen or rule.numerator not in known:
                continue
            seen.update((rule.numerator, rule.denominator))
            spec, whole = framework.fact(rule.numerator), facts.get(rule.denominator)
            part = facts.get(rule.numerator)
            if _is_count(part) and _is_count(whole) and whole:
                unit = f" {spec.unit}" if spec.unit else ""
                share = wording.ratio_percent(part, whole)
                lines.append(f"{spec.label}: {part}/{whole}{unit} ({share})")
            else:
                lines.append(f"{spec.label}: chưa nhập")
            continue
        for fact_id in getattr(rule, "inputs", ()):
            if fact_id in seen or fact_id not in known:
                continue
            seen.add(fact_id)
            lines.append(
                _fact_line(framework.fact(fact_id), facts.get(fact_id), solutions.get(fact_id, ""))
            )
    if criterion.is_mandatory and criterion.fact and criterion.fact in known:
        lines.append(
            _fact_line(
                framework.fact(criterion.fact),
                facts.get(criterion.fact),
                solutions.get(criterion.fact, ""),
            )
        )
    return lines


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def fact_value(spec: Any, value: Any) -> str:
    """A fact's value as a document prints it ("41 học liệu", "Đúng hạn", "có")."""
    if value is None or value == "":
        return "chưa nhập"
    if spec.type == "bool":
        return "có" if value else "không"
    if spec.type == "count":
        unit = f" {spec.unit}" if spec.unit else ""
        return f"{wording.number(value) if _is_count(value) else value}{unit}"
    if spec.type == "choice":
        return spec.option_label(value)
    return str(value)


def _fact_line(spec: Any, value: Any, solution: str) -> str:
    label = spec.label
    if spec.type == "bool":
        if value is None:
            return f"{label}: chưa nhập"
        if label.startswith("Có "):
            text = label if value else "Chưa có " + label[3:]
        else:
            text = f"{label}: {'có' if value else 'chưa có'}"
        return f"{text} ({solution})" if value and solution else text
    if value is None or value == "":
        return f"{label}: chưa nhập"
    if spec.type == "count":
        unit = f" {spec.unit}" if spec.unit else ""
        return f"{label}: {wording.number(value) if _is_count(value) else value}{unit}"
    if spec.type == "choice":
        return f"{label}: {spec.option_label(value)}"
    return f"{label}: {value}"


def _evidence_lines(evidence: list[Evidence], target: str) -> list[str]:
    return [f"{e.label}: {e.url}" if e.url else e.label for e in evidence if e.target_id == target]


def assessment_document(
    assessment: Assessment, *, number: str = "", issued_on: dt.date | None = None
) -> AssessmentDocument:
    """The document data of one assessment, from its effective scorecard; `number` and
    `issued_on` are chosen when the document is issued (left to write by hand otherwise)."""
    framework = scoring.framework_for(assessment)
    card = scoring.effective_scorecard(assessment)
    evidence = list(Evidence.objects.filter(assessment=assessment))
    rows: list[AppendixRow] = []
    for group in framework.groups:
        g = card.group(group.id)
        rows.append(
            AppendixRow(
                "group", group.id, group.title, group.max, None, g.points, g.level, g.mandatory_met
            )
        )
        for criterion in group.criteria:
            c = g.criterion(criterion.id)
            if criterion.is_mandatory:
                rows.append(
                    AppendixRow(
                        "mandatory",
                        criterion.id,
                        criterion.title,
                        met=c.met,
                        evidence=_evidence_lines(evidence, criterion.id),
                        note="Điều kiện bắt buộc",
                    )
                )
                continue
            rows.append(
                AppendixRow(
                    "criterion",
                    criterion.id,
                    criterion.title,
                    criterion.max,
                    c.cap,
                    c.points,
                    c.level,
                    evidence=_evidence_lines(evidence, criterion.id),
                )
            )
            for item in c.items:
                definition = framework.item(item.id)
                rows.append(
                    AppendixRow(
                        "item",
                        item.id,
                        definition.title,
                        definition.rule.maximum,
                        item.cap,
                        item.awarded,
                        note=item.explanation,
                        evidence=_evidence_lines(evidence, item.id),
                    )
                )
    issuer = naming.issuer(
        assessment.unit,
        school_year=assessment.campaign.school_year,
        managed_by=policy.managing_body_of(assessment),
    )
    parent = issuer.managing_body
    document = AssessmentDocument(
        unit=assessment.unit,
        parent_name=issuer.superior,
        place=assessment.unit.place or (parent.place if parent else ""),
        school_year=assessment.campaign.school_year,
        framework=framework,
        card=card,
        rows=rows,
        assessment=assessment,
        issued_on=issued_on,
        governing_body=issuer.governing_body,
        issuer=issuer,
        framework_note=local_note(assessment.campaign),
        number=number,
    )
    for source in _SUPPLEMENTS:
        extra = source(assessment)
        document.solutions.update(extra.solutions)
        document.answers.extend(extra.answers)
    return document


def local_note(campaign: Any) -> str:
    """The line documents print under their title when the campaign's index is a local one."""

    info = registry.describe(campaign.framework_id, campaign.framework_version)
    if not info.is_local:
        return ""
    basis = "; ".join(
        p
        for p in (f"dựa trên {info.derived_from}" if info.derived_from else "", info.owner_name)
        if p
    )
    return (
        f"Bộ chỉ số điều chỉnh tại địa phương ({basis})"
        if basis
        else "Bộ chỉ số điều chỉnh tại địa phương"
    )


@dataclass
class ConsolidatedRow:
    unit: Unit
    status: str  # the state as printed; what is not final says so
    values: dict[str, Any]  # "1.1" … "2.4" → "có"/"không"/points; empty when not counted
    group_points: dict[str, Any]
    group_levels: dict[str, int | None]
    total: Any
    counted: bool = True
    final: bool = True


def consolidated_rows(assessments: list[Assessment]) -> tuple[list[str], list[ConsolidatedRow]]:
    """S0's appendix layout of these assessments, every one counted."""
    if not assessments:
        return [], []
    entries = [tally.Entry(a.unit, a, a.status, True) for a in assessments]
    return consolidated_table(entries, scoring.framework_for(assessments[0]))


def consolidated_table(
    entries: list[tally.Entry], framework: rubric.Framework
) -> tuple[list[str], list[ConsolidatedRow]]:
    """S0's appendix layout: one row per unit of the office's scope (not started included) with
    every criterion, group points and the total of the results that count; the others show only
    their state."""
    columns = [c.id for c in framework.all_criteria]
    rows = []
    for entry in entries:
        assessment = entry.assessment
        if assessment is None or not entry.counted:
            rows.append(
                ConsolidatedRow(entry.unit, entry.status_text, {}, {}, {}, None, False, entry.final)
            )
            continue
        card = scoring.effective_scorecard(assessment)
        values: dict[str, Any] = {}
        for group in card.groups:
            for c in group.criteria:
                values[c.id] = (
                    ("có" if c.met else "không" if c.met is False else "")
                    if c.kind == "mandatory"
                    else c.points
                )
        points = {g.id: g.points for g in card.groups}
        rows.append(
            ConsolidatedRow(
                entry.unit,
                entry.status_text,
                values,
                points,
                {g.id: g.level for g in card.groups},
                sum(points.values()),
                True,
                entry.final,
            )
        )
    return columns, rows
