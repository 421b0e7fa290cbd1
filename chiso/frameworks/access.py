"""Which index versions a user may read, edit, copy or publish (the rules are in units.policy)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from chiso.frameworks.models import FrameworkVersion
from chiso.units import policy

Role = policy.Role


def visible_framework_versions(user: Any) -> QuerySet[FrameworkVersion]:
    """Published national indices for everyone signed in; a local index for the units at, above
    and below its office; drafts for those who may edit them."""
    if not getattr(user, "is_authenticated", False):
        return FrameworkVersion.objects.none()
    draft = Q(status=FrameworkVersion.Status.DRAFT)
    query = (~draft & Q(owner__isnull=True)) | (~draft & policy.related_units_q(user, "owner__"))
    if policy.is_national_admin(user):
        query |= draft & Q(owner__isnull=True)
    memberships = policy.memberships(user)
    offices = [
        m.unit
        for m in memberships
        if m.unit.is_office and (m.role in policy.OFFICE_ROLES or m.role == Role.ADMIN)
    ]
    admin_roots = [m.unit for m in memberships if m.role == Role.ADMIN]
    query |= draft & (
        Q(owner__in=[u.pk for u in offices]) | policy.subtree_q(admin_roots, "owner__")
    )
    return FrameworkVersion.objects.filter(query).select_related("owner")


def get_framework_version_for_user(user: Any, pk: int, *, action: str = "view") -> FrameworkVersion:
    """The version if the user may `action` it ("view", "edit", "copy", "publish"); Http404
    otherwise."""
    version = visible_framework_versions(user).filter(pk=pk).first()
    if version is None:
        raise Http404
    allowed = {
        "view": True,
        "edit": version.is_draft and policy.can_manage_framework(user, version.owner),
        "copy": policy.can_manage_framework(user, version.owner)
        or bool(policy.framework_owner_choices(user, national=False)),
        "publish": policy.can_publish_framework(user, version.owner),
    }[action]
    if not allowed:
        raise Http404
    return version
