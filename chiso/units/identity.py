"""Who is asking, without two queries per request: the user and their roles, kept per process.

Every request needs the user (Django reads it from the database) and their memberships with
their units (the policy reads them). They change rarely, so each worker process keeps them,
pickled, under a generation held in the shared cache: saving or deleting the user or one of
their memberships gives that user a new generation; changes to units move everyone's, the
generation of the reference data (chiso/units/reference.py: paths and closures decide what a
role reaches). A process checks both generations on every
request (one cache round trip, chiso/ops/generations.py) and reloads from the database when
either moved, so a change made in one worker is seen by the next request in every other.
Nothing sensitive leaves the process: the shared cache holds only the generations. Each copy is
also dropped after `MAX_AGE` seconds, a bound for changes made without signals (raw SQL,
`QuerySet.update`).
"""

from __future__ import annotations

import pickle
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models.signals import post_delete, post_save

from chiso.ops import generations
from chiso.units import reference

MAX_AGE = 60
MAX_USERS = 5000  # copies kept per process (a few KB each)

_copies = generations.Kept(MAX_AGE, MAX_USERS)  # pickled: each request unpickles its own


def _user_key(user_id: int) -> str:
    return f"identity:generation:{user_id}"


def _load(user_id: int) -> Any:
    from chiso.units import policy

    user = get_user_model()._default_manager.filter(pk=user_id).first()
    if user is not None:
        policy.memberships(user)  # kept on the user object, so pickled with it
    return user


def user(user_id: int) -> Any:
    """The user with this id and their memberships: a private copy for this request."""
    if not generations.shared():
        return _load(user_id)
    generation = generations.current(reference.KEY, _user_key(user_id))
    kept = _copies.get(user_id, generation, lambda: pickle.dumps(_load(user_id)))
    return pickle.loads(kept)  # noqa: S301 (bytes this process pickled itself)


def changed(user_id: int) -> None:
    generations.bump(_user_key(user_id))


class CachedModelBackend(ModelBackend):
    """Django's model backend, reading the logged-in user through the per-process copy."""

    def get_user(self, user_id: Any) -> Any:
        try:
            found = user(int(user_id))
        except (TypeError, ValueError):
            return None
        return found if found is not None and self.user_can_authenticate(found) else None


def _user_saved(sender: Any, instance: Any, **_: Any) -> None:
    changed(instance.pk)


def _membership_saved(sender: Any, instance: Any, **_: Any) -> None:
    changed(instance.user_id)


def connect() -> None:
    from chiso.units.models import Membership

    for model, receiver in ((get_user_model(), _user_saved), (Membership, _membership_saved)):
        uid = f"identity-{model.__name__}"
        post_save.connect(receiver, sender=model, dispatch_uid=uid)
        post_delete.connect(receiver, sender=model, dispatch_uid=f"{uid}-del")
