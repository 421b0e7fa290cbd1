"""An office's roll-up criteria (Quyết định 3806): figures from the institutions below it.

The members are the active institutions under the office; each counts with its recognised result
in the institutions' campaign of the same school year (`Campaign.rollup_source`). The figures are
stored in the office's facts when its draft starts, when its staff refresh them
(`actions.refresh_rollups`), and at submission (so that what was submitted and recognised stays as it was); screens show the live
computation beside them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from chiso import rubric
from chiso.assessments import queries, scoring
from chiso.assessments.models import Assessment, Campaign
from chiso.audit import record
from chiso.rubric import rollups
from chiso.units.models import Unit, tree_order

OFFICIAL = (Assessment.Status.RECOGNISED, Assessment.Status.PUBLISHED)


def source_campaign(campaign: Campaign) -> Campaign | None:
    """The institutions' campaign an offices' campaign reads (pinned, else the same school year)."""
    if campaign.rollup_source_id:
        return campaign.rollup_source
    return (
        Campaign.objects.filter(
            audience=Campaign.Audience.INSTITUTIONS, school_year=campaign.school_year
        )
        .order_by("pk")
        .first()
    )


def members(office: Unit, source: Campaign | None) -> list[rollups.Member]:
    """Every active institution under the office, with its recognised scorecard if it has one."""
    units = sorted(
        Unit.objects.filter(
            path__startswith=office.path, kind=Unit.Kind.INSTITUTION, is_active=True
        ),
        key=tree_order,
    )
    if source is None:
        return [rollups.Member(str(u.pk), u.name, u.institution_type) for u in units]
    rows = {
        a.unit_id: a
        for a in Assessment.objects.filter(campaign=source, unit__in=units).select_related(
            "campaign"
        )
    }
    overrides = queries.deadlines_for(source)
    out = []
    for unit in units:
        assessment = rows.get(unit.pk)
        card = None
        if assessment is not None and assessment.status in OFFICIAL:
            try:
                card = scoring.effective_scorecard(assessment)
            except rubric.InvalidInput:
                card = None  # a result that no longer scores is listed as without result
        out.append(
            rollups.Member(
                str(unit.pk),
                unit.name,
                unit.institution_type,
                card,
                assessment.facts if card is not None and assessment else {},
                _on_time(assessment, queries.submit_deadline(source, unit, overrides)),
            )
        )
    return out


def _on_time(assessment: Assessment | None, deadline: dt.date | None) -> bool | None:
    if assessment is None or assessment.submitted_at is None:
        return None
    if deadline is None:
        return True
    return timezone.localdate(assessment.submitted_at) <= deadline


def compute(assessment: Assessment) -> dict[str, rollups.Computation]:
    """The live roll-up computations for an office's assessment ({} for other frameworks)."""
    framework = scoring.framework_for(assessment)
    if not framework.rollups:
        return {}
    listed = members(assessment.unit, source_campaign(assessment.campaign))
    return rollups.compute_all(framework, listed)


def stored_figures(computations: dict[str, rollups.Computation]) -> dict[str, Any]:
    """The figures as JSON facts."""
    return {rid: c.figure.to_dict() for rid, c in computations.items()}


def differs(assessment: Assessment, computations: dict[str, rollups.Computation]) -> list[str]:
    """Roll-ups whose stored figure is not the live one (the labels)."""
    stored = stored_figures(computations)
    return [
        c.rollup.label
        for rid, c in computations.items()
        if assessment.facts.get(rid) != stored[rid]
    ]


def apply_figures(assessment: Assessment, *, by: Any, verb: str = "assessment.rollups") -> bool:
    """Store the live figures in the assessment's facts (the caller holds the row lock and saves
    the row); audited with the old and new figures. Whether anything changed."""
    computations = compute(assessment)
    if not computations:
        return False
    figures = stored_figures(computations)
    before = {k: assessment.facts.get(k) for k in figures if assessment.facts.get(k) != figures[k]}
    if not before:
        return False
    assessment.facts = {**assessment.facts, **figures}
    record(
        by,
        verb,
        assessment,
        before={f"fact:{k}": v for k, v in before.items()},
        after={f"fact:{k}": figures[k] for k in before},
        note=f"số liệu tổng hợp từ {len(next(iter(computations.values())).outcomes)} cơ sở",
    )
    return True
