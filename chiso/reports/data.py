"""Format-free data of the documents: built once, rendered by one renderer per format."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from chiso import rubric
from chiso.assessments import scoring
from chiso.assessments.models import Assessment
from chiso.evidence.models import Evidence
from chiso.frameworks import registry
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
    issued_on: dt.date
    governing_body: str = ""  # the header's first line (NĐ 30)
    # "Bộ chỉ số điều chỉnh tại địa phương (…)" under the title when the index is a local one.
    framework_note: str = ""
    # The heading, addressee and signer as they stood in the school year (units.naming.issuer).
    issuer: naming.Issuer | None = None


def _evidence_lines(evidence: list[Evidence], target: str) -> list[str]:
    return [f"{e.label}: {e.url}" if e.url else e.label for e in evidence if e.target_id == target]


def assessment_document(assessment: Assessment) -> AssessmentDocument:
    """The document data of one assessment, from its effective scorecard."""
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
    return AssessmentDocument(
        unit=assessment.unit,
        parent_name=issuer.superior,
        place=assessment.unit.place or (parent.place if parent else ""),
        school_year=assessment.campaign.school_year,
        framework=framework,
        card=card,
        rows=rows,
        assessment=assessment,
        issued_on=timezone.localdate(),
        governing_body=issuer.governing_body,
        issuer=issuer,
        framework_note=local_note(assessment.campaign),
    )


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
    status: str
    values: dict[str, Any]  # "1.1" … "2.4" → "có"/"không"/points
    group_points: dict[str, Any]
    group_levels: dict[str, int | None]
    total: Any


def consolidated_rows(assessments: list[Assessment]) -> tuple[list[str], list[ConsolidatedRow]]:
    """S0's appendix layout: one row per unit with every criterion, group points and the total."""
    if not assessments:
        return [], []
    framework = scoring.framework_for(assessments[0])
    columns = [c.id for c in framework.all_criteria]
    rows = []
    for assessment in assessments:
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
                assessment.unit,
                assessment.get_status_display(),
                values,
                points,
                {g.id: g.level for g in card.groups},
                sum(points.values()),
            )
        )
    return columns, rows
