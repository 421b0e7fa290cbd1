"""Which assessments a user may read or change: the one access function of screens and API."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from chiso.assessments import cached
from chiso.assessments.models import Assessment
from chiso.lib import namespaces
from chiso.units import cached as units_cached
from chiso.units import policy


def visible_assessments(user: Any) -> QuerySet[Assessment]:
    """Assessments of every unit the user may see, with their unit and campaign."""
    roots = [m.unit for m in policy.memberships(user)]
    if not roots:
        return Assessment.objects.none()
    roots += policy.history_units(user)  # the predecessors' results: read only (policy.can)
    return Assessment.objects.filter(policy.subtree_q(roots, "unit__")).select_related(
        "unit", "campaign"
    )


def with_unit_and_campaign(assessment: Assessment) -> Assessment:
    """Put the assessment's unit, campaign and managing body on it from the shared cache, in
    one round trip: what a `select_related` join would read, whose compiling alone was a third
    of a save's view (docs/deploy.md, "Old and new")."""
    entries = [units_cached.entry(assessment.unit_id), cached.entry(assessment.campaign_id)]
    if assessment.managing_body_id:
        entries.append(units_cached.entry(assessment.managing_body_id))
    unit, campaign, *body = namespaces.cached_many(entries)
    if unit is None or campaign is None or (body and body[0] is None):
        return assessment  # deleted meanwhile: the row's own descriptors read what is left
    assessment.unit, assessment.campaign = unit, campaign
    if body:
        assessment.managing_body = body[0]
    return assessment


# Ids above any a database holds (and above what SQLite can compare): missing without a query.
MAX_ID = 2**63 - 1
# The row through Django's `Manager.raw()`: the same instance as `.get()` (every field, the
# fields' converters applied) without compiling a 36-column query at each request, which made
# a quarter of a save's reading (docs/deploy.md, "Old and new").
BY_ID = "SELECT * FROM assessments_assessment WHERE id = %s"


def get_assessment_for_user(
    user: Any, pk: int, *, action: str = "view", refused: type[Exception] = Http404
) -> Assessment:
    """The assessment (with its unit and campaign, one query) if the user may do `action` on
    it; Http404 when it is missing or outside what the user sees, `refused` when they see it but
    may not do `action` (the screens answer 404 for both; the API a 403 for the second)."""
    if not 0 < pk <= MAX_ID:
        raise Http404
    assessment = next(iter(Assessment.objects.raw(BY_ID, [pk])), None)
    if assessment is None:
        raise Http404
    with_unit_and_campaign(assessment)
    if not policy.can(user, action, assessment):
        if action != "view" and policy.can(user, "view", assessment):
            raise refused
        raise Http404
    return assessment
