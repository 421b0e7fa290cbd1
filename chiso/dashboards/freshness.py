"""When an office's figures change, so that its rendered dashboard can be kept until then.

Every office has a generation in the cache; anything that changes what the dashboards of the
offices above a unit show gives those offices a new one: an assessment created, deleted, moving
to another state or changing its figures once submitted (a draft's saves change no dashboard:
drafts are counted by state only, their levels and points are not shown), and re-scoring.
Deadlines, campaigns and units change everyone's (they are rare). A rendered dashboard is kept
under its office's generation and at most `SECONDS` even if a change was missed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models.signals import post_delete, post_save

from chiso.ops import generations
from chiso.units import reference

SECONDS = 120


def _key(office_pk: int) -> str:
    return f"dashboards:generation:{office_pk}"


def generation(office: Any) -> str:
    """The current generation of `office`'s figures (its own and everyone's: the reference
    data's, which deadlines, campaigns and units move)."""
    return generations.current(reference.KEY, _key(office.pk))


def changed_below(paths: Iterable[str]) -> None:
    """New generations for every office above (or at) the units with these paths."""
    ids = {int(part) for path in paths for part in path.strip("/").split("/") if part}
    if ids:
        generations.bump(*(_key(pk) for pk in sorted(ids)))


def changed_everywhere() -> None:
    reference.changed()


def _assessment_saved(
    sender: Any, instance: Any, created: bool, update_fields: Any, **_: Any
) -> None:
    editable = instance.status in ("draft", "returned")
    if not created and update_fields and "status" not in update_fields and editable:
        return  # a draft's answers: not on any dashboard
    unit = instance.unit
    changed_below([unit.path])


def _assessment_deleted(sender: Any, instance: Any, **_: Any) -> None:
    changed_below([instance.unit.path])


def connect() -> None:
    from chiso.assessments.models import Assessment

    # Deadlines, campaigns and units move the reference data's generation (reference.connect).
    post_save.connect(_assessment_saved, sender=Assessment, dispatch_uid="dash-assessment")
    post_delete.connect(_assessment_deleted, sender=Assessment, dispatch_uid="dash-assessment-del")
