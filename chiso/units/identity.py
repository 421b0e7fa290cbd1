"""Who is asking, read from the shared cache: the signed-in user with their roles and units.

Every request needs the user (Django reads it from the database) and their memberships with
their units (the policy reads them). Both are kept in the shared cache under two namespaces
(chiso/lib/namespaces.py): the user's, which saving or deleting the user or one of their
memberships moves, and the unit tree's (chiso/units/cached.py: paths and closed units decide
what a role reaches). The namespaces move at the change and again once it commits, so every
server process reads the new roles at its next request. One round trip to the cache replaces two
queries. Changes made without model signals (raw SQL, `QuerySet.update` on users, memberships or
units) must bump the namespaces themselves; `SECONDS` bounds what a forgotten one could cost.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models.signals import post_delete, post_save

from chiso.lib import namespaces
from chiso.units import policy
from chiso.units.cached import UNITS
from chiso.units.models import Membership

SECONDS = 60


def _user_namespace(user_id: int) -> str:
    return f"user:{user_id}"


def _load(user_id: int) -> Any:
    user = get_user_model()._default_manager.filter(pk=user_id).first()
    if user is not None:
        policy.memberships(user)  # kept on the user object, so cached with it
    return user


def user(user_id: int) -> Any:
    """The user with this id and their memberships (a copy of this request's own)."""
    names = (UNITS, _user_namespace(user_id))
    return namespaces.cached(names, f"identity:{user_id}", lambda: _load(user_id), SECONDS)


class CachedModelBackend(ModelBackend):
    """Django's model backend, reading the signed-in user through the shared cache."""

    def get_user(self, user_id: Any) -> Any:
        try:
            found = user(int(user_id))
        except (TypeError, ValueError):
            return None
        return found if found is not None and self.user_can_authenticate(found) else None


def _user_changed(sender: Any, instance: Any, **_: Any) -> None:
    namespaces.bump(_user_namespace(instance.pk))


def _membership_changed(sender: Any, instance: Membership, **_: Any) -> None:
    namespaces.bump(_user_namespace(instance.user_id))


def connect() -> None:
    for model, receiver in ((get_user_model(), _user_changed), (Membership, _membership_changed)):
        uid = f"identity-{model._meta.label}"
        post_save.connect(receiver, sender=model, dispatch_uid=uid)
        post_delete.connect(receiver, sender=model, dispatch_uid=f"{uid}-del")
