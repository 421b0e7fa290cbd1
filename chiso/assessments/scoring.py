"""The bridge between assessment rows and the rubric engine."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from chiso import rubric
from chiso.assessments.models import FIGURE_FIELDS, Assessment
from chiso.frameworks import registry


def framework_for(assessment: Assessment) -> rubric.Framework:
    """The index version the assessment's campaign pins."""
    return registry.campaign_framework(assessment.campaign)


def criterion_facts(criterion: Any) -> list[str]:
    """The facts a criterion's form asks (its condition's, or its items' inputs), in order."""
    if criterion.is_mandatory:
        return [criterion.fact]
    return list(dict.fromkeys(f for i in criterion.items for f in i.rule.inputs))


def scorecard(
    assessment: Assessment, *, review: bool = False, framework: rubric.Framework | None = None
) -> rubric.Scorecard:
    """The self-assessment's scorecard, or with review=True the office's (its points over the
    school's); under the campaign's version unless another `framework` is given."""
    framework = framework or framework_for(assessment)
    if not review and (kept := _kept(assessment, framework)):
        return kept
    facts: dict[str, Any] = assessment.facts
    awards: dict[str, Any] = dict(assessment.awards)
    if review:
        facts, review_awards = review_inputs(framework, assessment)
        awards.update(review_awards)
    card = rubric.score(framework, facts, awards)
    if not review:
        keep(assessment, framework, card)
    return card


def review_inputs(
    framework: rubric.Framework, assessment: Assessment
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The facts and points the office scores from: the school's facts with the mandatory
    conditions the office disputes set to unmet, and the office's points per item."""
    facts = dict(assessment.facts)
    awards = {}
    for target, value in assessment.review_awards.items():
        if isinstance(value, dict) and "met" in value:
            if framework.has_criterion(target) and framework.criterion(target).is_mandatory:
                facts[framework.criterion(target).fact] = bool(value["met"])
            continue
        awards[target] = value
    return facts, awards


def disputes(assessment: Assessment) -> dict[str, str]:
    """The mandatory conditions the office disputes: criterion id → its reason."""
    return {
        target: str(value.get("reason", ""))
        for target, value in assessment.review_awards.items()
        if isinstance(value, dict) and "met" in value
    }


def keep(assessment: Assessment, framework: rubric.Framework, card: rubric.Scorecard) -> None:
    """Remember the self-assessment's scorecard on the row object, with what it was scored
    from: asked again for the same facts and points, `scorecard` answers without scoring."""
    state = getattr(assessment, "__dict__", None)  # rows of other shapes are not remembered
    if state is not None:
        state["_chiso_scorecard"] = (
            framework,
            dict(assessment.facts),
            dict(assessment.awards),
            card,
        )


def _kept(assessment: Assessment, framework: rubric.Framework) -> rubric.Scorecard | None:
    kept = getattr(assessment, "__dict__", {}).get("_chiso_scorecard")
    if (
        kept
        and kept[0] is framework
        and (kept[1], kept[2]) == (assessment.facts, assessment.awards)
    ):
        return kept[3]  # type: ignore[no-any-return]
    return None


def effective_scorecard(
    assessment: Assessment, *, framework: rubric.Framework | None = None
) -> rubric.Scorecard:
    """What counts: the office's score once recognised, the school's own before."""
    recognised = assessment.status in (Assessment.Status.RECOGNISED, Assessment.Status.PUBLISHED)
    return scorecard(
        assessment, review=recognised and bool(assessment.review_awards), framework=framework
    )


def store_figures(assessment: Assessment, card: rubric.Scorecard) -> list[str]:
    """Copy the scorecard's figures onto the row; returns the fields changed."""
    groups = {g.id: g for g in card.groups}
    g1, g2 = groups.get("1"), groups.get("2")
    assessment.group1_points = Decimal(str(float(g1.points))) if g1 else None
    assessment.group1_level = g1.level if g1 else None
    assessment.group2_points = Decimal(str(float(g2.points))) if g2 else None
    assessment.group2_level = g2.level if g2 else None
    assessment.overall_level = card.overall_level
    items = [i for g in card.groups for c in g.criteria for i in c.items]
    answered = sum(1 for i in items if i.awarded is not None)
    assessment.completeness = round(100 * answered / len(items)) if items else 0
    assessment.criterion_points = {
        c.id: float(c.points) for g in card.groups for c in g.criteria if c.kind != "mandatory"
    }
    return list(FIGURE_FIELDS)
