"""When what offices see of the assessments below them changes: cache namespaces, bumped on commit.

An office's lists, counts and dashboards are kept in the shared cache under two namespaces: the
office's own, which moves when an assessment below it is created, deleted, changes state or
changes figures once submitted, and everyone's, which moves when units, campaigns or deadlines
change (rare) and after bulk re-scoring. A draft's saves change no office figure: drafts are
counted by state only. The namespaces move only after the change commits (lib/namespaces.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models.signals import post_delete, post_save

from chiso.assessments.models import Assessment, Campaign, Deadline
from chiso.lib import namespaces
from chiso.units.models import Unit

EVERYONE = "offices"
SECONDS = 600  # a bound for changes made without signals; namespaces do the real work


def office(office_pk: int) -> tuple[str, ...]:
    """The namespaces of what `office` sees below it."""
    return (EVERYONE, f"office:{office_pk}")


def below(paths: Iterable[str]) -> None:
    """What every office above (or at) the units with these paths sees has changed."""
    ids = {int(part) for path in paths for part in path.strip("/").split("/") if part}
    if ids:
        namespaces.bump(*(f"office:{pk}" for pk in sorted(ids)))


def everywhere() -> None:
    namespaces.bump(EVERYONE)


def _assessment_saved(
    sender: Any, instance: Assessment, created: bool, update_fields: Any, **_: Any
) -> None:
    editable = instance.status in (Assessment.Status.DRAFT, Assessment.Status.RETURNED)
    if not created and update_fields and "status" not in update_fields and editable:
        return  # a draft's answers: on no office figure
    below([instance.unit.path])


def _assessment_deleted(sender: Any, instance: Assessment, **_: Any) -> None:
    below([instance.unit.path])


def _reference_changed(sender: Any, **_: Any) -> None:
    everywhere()


def connect() -> None:
    post_save.connect(_assessment_saved, sender=Assessment, dispatch_uid="changes-assessment")
    post_delete.connect(_assessment_deleted, sender=Assessment, dispatch_uid="changes-assess-del")
    for model in (Unit, Campaign, Deadline):
        uid = f"changes-{model._meta.label}"
        post_save.connect(_reference_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(_reference_changed, sender=model, dispatch_uid=f"{uid}-del")
