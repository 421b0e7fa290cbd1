"""What the form shows beside an assessment's own row, kept in the shared cache between changes.

The form and every save show its evidence and comments (a criterion's section lists its own;
the summary counts the criteria with evidence); the form also shows the reminders the unit
received and offers last year's report text as the start of this year's. They are kept under
two namespaces that move once the change commits (chiso/lib/namespaces.py): the assessment's
attachments (saving or deleting evidence or a comment, a reminder) and the unit's reports
(an assessment of the unit created, deleted or its report text saved). Changes made without
model signals (`QuerySet.update`) call `changed` themselves.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from django.db.models.signals import post_delete, post_save

from chiso.assessments.models import Assessment, ItemComment
from chiso.audit.models import AuditEntry
from chiso.evidence.models import Evidence
from chiso.lib import namespaces, pages

SECONDS = 600
REMINDER = "assessment.remind"  # the audit verb of an office's reminder
REMINDERS_SHOWN = 3


class Attached(NamedTuple):
    evidence: list[Evidence]
    comments: list[ItemComment]
    reminders: list[AuditEntry]  # the latest reminders the unit received, newest first
    last_narrative: tuple[dict, str] | None  # last year's report text and its school year


def _namespace(assessment_pk: int) -> str:
    return f"attached:{assessment_pk}"


def _unit_namespace(unit_pk: int) -> str:
    return f"reports-of-unit:{unit_pk}"


def attached(assessment: Assessment) -> Attached:
    """Everything above for this assessment (this request's own copies)."""
    campaign = assessment.campaign
    return namespaces.cached(
        (_namespace(assessment.pk), _unit_namespace(assessment.unit_id)),
        f"attached:{assessment.pk}:{campaign.framework_id}:{campaign.school_year}",
        lambda: _load(assessment),
        SECONDS,
    )


def targets_and_comments(assessment: Assessment) -> tuple[frozenset[str], list[ItemComment]]:
    """What the assessment's evidence is attached to (criteria, items) and its comments: what
    a save's answer reads, without the evidence rows (which grow with every upload)."""
    return namespaces.cached(
        (_namespace(assessment.pk),),
        f"attached-targets:{assessment.pk}",
        lambda: (
            frozenset(
                Evidence.objects.filter(assessment=assessment).values_list("target_id", flat=True)
            ),
            list(ItemComment.objects.filter(assessment=assessment)),
        ),
        SECONDS,
    )


def evidence_and_comments(assessment: Assessment) -> tuple[list[Evidence], list[ItemComment]]:
    found = attached(assessment)
    return found.evidence, found.comments


def _load(assessment: Assessment) -> Attached:
    campaign = assessment.campaign
    evidence = list(Evidence.objects.filter(assessment=assessment))
    for row in evidence:  # kept with the rows: the form's section keys read it at every view
        pages.digest(row)
    return Attached(
        evidence,
        list(ItemComment.objects.filter(assessment=assessment)),
        list(
            AuditEntry.objects.filter(
                target_type=assessment._meta.label_lower, target_id=assessment.pk, verb=REMINDER
            ).order_by("-pk")[:REMINDERS_SHOWN]
        ),
        Assessment.objects.filter(
            unit_id=assessment.unit_id,
            campaign__framework_id=campaign.framework_id,
            campaign__school_year__lt=campaign.school_year,
        )
        .order_by("-campaign__school_year")
        .values_list("narrative", "campaign__school_year")
        .first(),
    )


def changed(assessment_pk: int) -> None:
    namespaces.bump(_namespace(assessment_pk))


def _row_changed(sender: Any, instance: Any, **_: Any) -> None:
    changed(instance.assessment_id)


def _audited(sender: Any, instance: AuditEntry, created: bool, **_: Any) -> None:
    if created and instance.verb == REMINDER:
        changed(instance.target_id)


def _report_saved(
    sender: Any, instance: Assessment, created: bool, update_fields: Any, **_: Any
) -> None:
    if created or update_fields is None or "narrative" in update_fields:
        namespaces.bump(_unit_namespace(instance.unit_id))


def _report_deleted(sender: Any, instance: Assessment, **_: Any) -> None:
    namespaces.bump(_unit_namespace(instance.unit_id))


def connect() -> None:
    for model in (Evidence, ItemComment):
        uid = f"attached-{model._meta.label}"
        post_save.connect(_row_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(_row_changed, sender=model, dispatch_uid=f"{uid}-del")
    post_save.connect(_audited, sender=AuditEntry, dispatch_uid="attached-reminders")
    post_save.connect(_report_saved, sender=Assessment, dispatch_uid="attached-reports")
    post_delete.connect(_report_deleted, sender=Assessment, dispatch_uid="attached-reports-del")
