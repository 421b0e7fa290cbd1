"""Re-scoring a whole campaign (after a correction of the index file or of the engine).

Open results (draft, submitted, returned) get their stored figures refreshed. Recognised and
published results are official: they are never changed here, only listed when their figures
would differ, so that the office can reopen them with a reason if it must.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from chiso import rubric
from chiso.assessments import changes, scoring
from chiso.assessments.models import FIGURE_FIELDS, Assessment, Campaign
from chiso.audit import record

FIELDS = FIGURE_FIELDS
OFFICIAL = (Assessment.Status.RECOGNISED, Assessment.Status.PUBLISHED)
BATCH = 1000


@dataclass
class RescoreResult:
    total: int = 0
    refreshed: int = 0  # open results whose stored figures changed
    level_changes: list[tuple[str, str, Any, Any]] = field(
        default_factory=list
    )  # open: unit, what, old, new
    official_differences: list[tuple[str, str, Any, Any]] = field(default_factory=list)
    invalid: list[tuple[str, str]] = field(default_factory=list)  # unit, why it cannot be scored


def rescore_campaign(
    campaign: Campaign,
    *,
    under_path: str = "",
    by: Any = None,
    progress: Callable[[int, int], None] | None = None,
) -> RescoreResult:
    """Re-score every assessment of `campaign` under `under_path` (all if empty)."""
    rows = Assessment.objects.filter(campaign=campaign).select_related("unit", "campaign")
    if under_path:
        rows = rows.filter(unit__path__startswith=under_path)
    ids = list(rows.order_by("pk").values_list("pk", flat=True))
    result = RescoreResult(total=len(ids))
    for start in range(0, len(ids), BATCH):
        batch = list(rows.filter(pk__in=ids[start : start + BATCH]))
        changed = [a for a in batch if _rescore_one(a, result)]
        with transaction.atomic():
            Assessment.objects.bulk_update(changed, FIELDS, batch_size=500)
        if progress:
            progress(min(start + BATCH, len(ids)), len(ids))
    changes.everywhere()  # bulk updates send no signal
    if by is not None:
        record(
            by,
            "campaign.rescore",
            campaign,
            after={
                "total": result.total,
                "refreshed": result.refreshed,
                "official_differences": len(result.official_differences),
            },
        )
    return result


def _rescore_one(assessment: Assessment, result: RescoreResult) -> bool:
    name = f"{assessment.unit.code or ''} {assessment.unit.name}".strip()
    before = {f: getattr(assessment, f) for f in FIELDS}
    try:
        card = scoring.effective_scorecard(assessment)
    except rubric.InvalidInput as exc:
        result.invalid.append((name, "; ".join(f"{w}: {p}" for w, p in exc.problems)))
        return False
    scoring.store_figures(assessment, card)
    after = {f: getattr(assessment, f) for f in FIELDS}
    if after == before:
        return False
    diffs = [
        (name, f, before[f], after[f])
        for f in ("group1_level", "group2_level", "overall_level")
        if before[f] != after[f]
    ]
    if assessment.status in OFFICIAL:
        figures = [f for f in FIELDS if f != "criterion_points"]
        if any(before[f] != after[f] for f in figures):
            result.official_differences.extend(
                diffs or [(name, "điểm", before["group1_points"], after["group1_points"])]
            )
        for f in figures:  # official results stay as recognised (only the per-criterion copy moves)
            setattr(assessment, f, before[f])
        return before["criterion_points"] != after["criterion_points"]
    result.level_changes.extend(diffs)
    if any(before[f] != after[f] for f in FIELDS if f != "criterion_points"):
        result.refreshed += 1
    return True
