"""The evidence and comments of an assessment, kept per process between their changes.

The form and every save show them (a criterion's section lists its own; the summary counts
the criteria with evidence), while they change a few times per assessment. Each worker keeps
the rows it read under a generation of the assessment's attachments in the shared cache
(chiso/ops/generations.py) that any save or delete of one of them moves; reading them back is
then one cache round trip. The rows are shared by the process's requests: read them, never
change them (a copy of the cache would cost more to unpickle than the query).
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from chiso.assessments.models import ItemComment
from chiso.evidence.models import Evidence
from chiso.ops import generations

MAX_AGE = 300
MAX_KEPT = 1000  # assessments per process (tens of rows each)

Attached = tuple[list[Evidence], list[ItemComment]]
_kept = generations.Kept(MAX_AGE, MAX_KEPT)


def _generation_key(assessment_pk: int) -> str:
    return f"attached:generation:{assessment_pk}"


def generation(assessment_pk: int) -> str:
    """Moves whenever one of the assessment's evidence or comment rows changes."""
    return generations.current(_generation_key(assessment_pk))


def evidence_and_comments(assessment: Any) -> Attached:
    return _kept.get(
        assessment.pk,
        generation(assessment.pk),
        lambda: (
            list(Evidence.objects.filter(assessment=assessment)),
            list(ItemComment.objects.filter(assessment=assessment)),
        ),
    )


def changed(assessment_pk: int) -> None:
    generations.bump(_generation_key(assessment_pk))


def _saved(sender: Any, instance: Any, **_: Any) -> None:
    changed(instance.assessment_id)


def connect() -> None:
    for model in (Evidence, ItemComment):
        uid = f"attached-{model.__name__}"
        post_save.connect(_saved, sender=model, dispatch_uid=uid)
        post_delete.connect(_saved, sender=model, dispatch_uid=f"{uid}-del")
