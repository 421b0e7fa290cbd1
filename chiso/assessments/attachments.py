"""An assessment's evidence and comments, kept in the shared cache between their changes.

The form and every save show them (a criterion's section lists its own; the summary counts the
criteria with evidence). They are kept under a namespace of the assessment's attachments that
saving or deleting one of them moves, once committed (chiso/lib/namespaces.py); changes made
without model signals (`QuerySet.update`) call `changed` themselves.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from chiso.assessments.models import Assessment, ItemComment
from chiso.evidence.models import Evidence
from chiso.lib import namespaces

SECONDS = 600

Attached = tuple[list[Evidence], list[ItemComment]]


def _namespace(assessment_pk: int) -> str:
    return f"attached:{assessment_pk}"


def evidence_and_comments(assessment: Assessment) -> Attached:
    """The assessment's evidence and comments (copies of this request's own)."""
    return namespaces.cached(
        (_namespace(assessment.pk),),
        f"attached:{assessment.pk}",
        lambda: (
            list(Evidence.objects.filter(assessment=assessment)),
            list(ItemComment.objects.filter(assessment=assessment)),
        ),
        SECONDS,
    )


def changed(assessment_pk: int) -> None:
    namespaces.bump(_namespace(assessment_pk))


def _row_changed(sender: Any, instance: Any, **_: Any) -> None:
    changed(instance.assessment_id)


def connect() -> None:
    for model in (Evidence, ItemComment):
        uid = f"attached-{model._meta.label}"
        post_save.connect(_row_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(_row_changed, sender=model, dispatch_uid=f"{uid}-del")
