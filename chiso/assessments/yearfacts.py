"""One fact, one place: the quantities about a unit in a school year that several screens show.

The year's assessment is the place of every fact its index has: the report figures («Số liệu
báo cáo») and the IT inventory read those facts from it and write them through its audited save.
They keep a value of their own only while the year has no assessment that can hold it (none
started yet, or one already submitted that never had it). When a draft is started, the values
kept elsewhere move into it (`started`, received by the apps that keep them).
"""

from __future__ import annotations

from typing import Any

from django.dispatch import Signal
from django.utils.translation import gettext as _

from chiso.assessments import scoring
from chiso.assessments.models import Assessment

# Sent by actions.start inside its transaction, before the new draft is saved: receivers put the
# values they kept for the unit's year into `assessment.facts` and drop their own copies.
# Arguments: assessment, by.
started = Signal()


def assessment_of(unit: Any, school_year: str) -> Assessment | None:
    """The unit's assessment of the school year (of the newest campaign when there are two)."""
    return (
        Assessment.objects.filter(unit=unit, campaign__school_year=school_year)
        .select_related("campaign", "unit")
        .order_by("-campaign__created_at")
        .first()
    )


def holds(assessment: Assessment | None, fact: str) -> bool:
    """Whether the assessment's index has the fact (so the assessment is its place)."""
    return assessment is not None and scoring.framework_for(assessment).has_fact(fact)


def value(assessment: Assessment | None, fact: str, kept: Any) -> Any:
    """The one value: the assessment's answer when it has one, else the value kept elsewhere
    (`kept`, empty whenever the assessment holds it)."""
    if assessment is not None and fact in (assessment.facts or {}):
        return assessment.facts[fact]
    return kept


def writes_to_assessment(assessment: Assessment | None, fact: str) -> bool:
    """Whether a change of the fact goes into the assessment: a draft whose index has it, or a
    submitted one that already answers it (then the change is refused: it stays as submitted)."""
    if not holds(assessment, fact):
        return False
    assert assessment is not None
    return assessment.is_editable or fact in (assessment.facts or {})


def where_used(assessment: Assessment | None, fact: str) -> str:
    """Where else the fact is used, in words: the assessment's criteria that show it."""
    if not holds(assessment, fact):
        return ""
    assert assessment is not None
    framework = scoring.framework_for(assessment)
    criteria = []
    for criterion in framework.all_criteria:
        if fact in scoring.criterion_facts(criterion):
            criteria.append(criterion.id)
    year = assessment.campaign.school_year
    if criteria:
        return _("dữ kiện của bản đánh giá năm học %(year)s (tiêu chí %(criteria)s)") % {
            "year": year,
            "criteria": ", ".join(criteria),
        }
    return _("dữ kiện kèm theo bản đánh giá năm học %(year)s") % {"year": year}
