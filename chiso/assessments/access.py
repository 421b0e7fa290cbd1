"""Which assessments a user may read or change: the one access function of screens and API."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from chiso.assessments.models import Assessment
from chiso.units import policy


def visible_assessments(user: Any) -> QuerySet[Assessment]:
    """Assessments of every unit the user may see, with their unit and campaign."""
    roots = [m.unit for m in policy.memberships(user)]
    if not roots:
        return Assessment.objects.none()
    return Assessment.objects.filter(policy.subtree_q(roots, "unit__")).select_related(
        "unit", "campaign"
    )


def get_assessment_for_user(user: Any, pk: int, *, action: str = "view") -> Assessment:
    """The assessment (with its unit and campaign, one query) if the user may do `action` on
    it; Http404 otherwise, for missing and forbidden alike."""
    assessment = Assessment.objects.select_related("unit", "campaign").filter(pk=pk).first()
    if assessment is None or not policy.can(user, action, assessment):
        raise Http404
    return assessment
