"""Campaigns kept in the shared cache between their changes, for the access function that
opens an assessment at every request (chiso/assessments/access.py).

Kept under the campaigns' namespace (chiso/lib/namespaces.py), which saving or deleting a
campaign moves at once and again once committed.
"""

from __future__ import annotations

from chiso.assessments.models import Campaign
from chiso.lib import namespaces

CAMPAIGNS = "campaigns"
SECONDS = 600


def entry(pk: int) -> namespaces.Entry:
    """The campaign with this id as an entry of `namespaces.cached_many`."""
    return namespaces.row(CAMPAIGNS, Campaign, pk, SECONDS)


def connect() -> None:
    namespaces.follow(Campaign, CAMPAIGNS)
