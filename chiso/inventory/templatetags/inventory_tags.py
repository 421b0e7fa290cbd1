"""On the assessment form: which facts come from the IT inventory, and which now differ from it."""

from __future__ import annotations

from typing import Any

from django import template

from chiso.assessments import scoring
from chiso.inventory import freshness

register = template.Library()


@register.inclusion_tag("inventory/_assessment_note.html")
def inventory_note(assessment: Any) -> dict[str, Any]:
    answered = freshness.index_facts(assessment.unit_id, assessment.campaign.school_year)
    if answered is None:
        return {"assessment": assessment, "same": [], "different": []}
    framework = scoring.framework_for(assessment)
    same, different = [], []
    for fact, value in sorted(answered.items()):
        if not framework.has_fact(fact):
            continue
        label = framework.fact(fact).label
        (same if assessment.facts.get(fact) == value else different).append(label)
    return {"assessment": assessment, "same": same, "different": different}
