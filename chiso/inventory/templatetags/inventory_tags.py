"""On the assessment form: which answers are also lines of the IT inventory (one place: the
assessment; the inventory reads and writes them there)."""

from __future__ import annotations

from typing import Any

from django import template

from chiso.assessments import scoring
from chiso.inventory import freshness

register = template.Library()


@register.inclusion_tag("inventory/_assessment_note.html")
def inventory_note(assessment: Any) -> dict[str, Any]:
    if assessment.unit.is_office:  # an office keeps no IT inventory of its own
        return {"assessment": assessment, "shared": []}
    framework = scoring.framework_for(assessment)
    shared = [
        framework.fact(fact).label
        for fact in freshness.catalogue_facts(assessment.unit_id)
        if framework.has_fact(fact)
    ]
    return {"assessment": assessment, "shared": shared}
