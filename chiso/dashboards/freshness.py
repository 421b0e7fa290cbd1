"""When an office's figures change, so that its rendered dashboard can be kept until then.

Every office has a generation in the cache; anything that changes what the dashboards of the
offices above a unit show gives those offices a new one: an assessment created, deleted, moving
to another state or changing its figures once submitted (a draft's saves change no dashboard:
drafts are counted by state only, their levels and points are not shown), and re-scoring.
Deadlines, campaigns and units change everyone's (they are rare). A rendered dashboard is kept
under its office's generation and at most `SECONDS` even if a change was missed.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

SECONDS = 120
EVERYONE = "dashboards:generation"


def _key(office_pk: int) -> str:
    return f"dashboards:generation:{office_pk}"


def generation(office: Any) -> str:
    """The current generation of `office`'s figures (its own and everyone's)."""
    found = cache.get_many([EVERYONE, _key(office.pk)])
    return f"{found.get(EVERYONE, '0')}.{found.get(_key(office.pk), '0')}"


def changed_below(paths: Iterable[str]) -> None:
    """New generations for every office above (or at) the units with these paths."""
    ids = {int(part) for path in paths for part in path.strip("/").split("/") if part}
    if ids:
        token = uuid.uuid4().hex
        cache.set_many({_key(pk): token for pk in ids}, SECONDS * 10)


def changed_everywhere() -> None:
    cache.set(EVERYONE, uuid.uuid4().hex, SECONDS * 10)


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


def _everyone(sender: Any, **_: Any) -> None:
    changed_everywhere()


def connect() -> None:
    from chiso.assessments.models import Assessment, Campaign, Deadline
    from chiso.units.models import Unit

    post_save.connect(_assessment_saved, sender=Assessment, dispatch_uid="dash-assessment")
    post_delete.connect(_assessment_deleted, sender=Assessment, dispatch_uid="dash-assessment-del")
    for model in (Campaign, Deadline, Unit):
        post_save.connect(_everyone, sender=model, dispatch_uid=f"dash-{model.__name__}")
        post_delete.connect(_everyone, sender=model, dispatch_uid=f"dash-{model.__name__}-del")
