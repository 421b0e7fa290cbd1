"""Campaigns kept in the shared cache between their changes, for the access function that
opens an assessment at every request (chiso/assessments/access.py).

Kept under the campaigns' namespace (chiso/lib/namespaces.py), which saving or deleting a
campaign moves at once and again once committed.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from chiso.assessments.models import Campaign
from chiso.lib import namespaces

CAMPAIGNS = "campaigns"
SECONDS = 600


def entry(pk: int) -> namespaces.Entry:
    """The campaign with this id as an entry of `namespaces.cached_many`."""
    return (CAMPAIGNS,), f"campaign:{pk}", lambda: Campaign.objects.filter(pk=pk).first(), SECONDS


def _campaign_changed(sender: Any, **_: Any) -> None:
    namespaces.bump(CAMPAIGNS)


def connect() -> None:
    post_save.connect(_campaign_changed, sender=Campaign, dispatch_uid="campaigns-cached")
    post_delete.connect(_campaign_changed, sender=Campaign, dispatch_uid="campaigns-cached-del")
