"""Loading one old report into a draft: what it would change (current → new, with conflicts),
and the change itself, through `actions.save_answers`, only once the user confirms.

The reading is the pure reader's (`chiso.legacy`); this module compares it with the draft and
keeps, between the preview and the confirmation, only plain values (JSON in the session).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _

from chiso import rubric
from chiso.assessments import actions, scoring
from chiso.assessments.models import Assessment
from chiso.legacy.importing import UnitImport
from chiso.rubric import wording


@dataclass
class Change:
    """One value of the draft and what the file would put in its place."""

    target: str  # criterion, item or fact id
    label: str
    current: Any
    new: Any

    @property
    def current_shown(self) -> str:
        return show(self.current)

    @property
    def new_shown(self) -> str:
        return show(self.new)

    @property
    def status(self) -> str:
        """ "new" (nothing yet), "same", or "conflict" (the draft already says otherwise)."""
        if self.current in (None, ""):
            return "new"
        return "same" if _same(self.current, self.new) else "conflict"


@dataclass
class LegacyPlan:
    """What a file would load into a draft, as plain values."""

    name: str
    points: list[Change] = field(default_factory=list)
    answers: list[Change] = field(default_factory=list)
    refused: str = ""  # why nothing can be loaded (an old school year, several units)

    @property
    def conflicts(self) -> int:
        return sum(c.status == "conflict" for c in self.points + self.answers)

    def to_session(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "points": {c.target: _text(c.new) for c in self.points},
            "answers": {c.target: c.new for c in self.answers},
        }


def plan(assessment: Assessment, name: str, units: list[UnitImport]) -> LegacyPlan:
    """Each point and answer the file gives, beside the draft's current value."""
    result = LegacyPlan(name)
    if len(units) != 1:
        result.refused = _(
            "Tệp «%(name)s» là bảng của %(count)s đơn vị: hãy nhập nó ở trang của Phòng/Sở "
            "(«Nhập bảng điểm của các đơn vị»), không nhập vào một bản đánh giá."
        ) % {"name": name, "count": len(units)}
        return result
    unit = units[0]
    if unit.card is None:
        result.refused = unit.not_scored
        return result
    framework = scoring.framework_for(assessment)
    card = scoring.scorecard(assessment)
    for target, points in unit.awarded.items():
        result.points.append(
            Change(
                target,
                _target_label(framework, target),
                _current_points(assessment, card, target),
                points,
            )
        )
    for fact, value in unit.facts.items():
        if framework.has_fact(fact) and framework.fact(fact).type != "figure":
            spec = framework.fact(fact)
            current = assessment.facts.get(fact)
            if spec.type == "bool":  # shown Có/Không, whether stored or read as 1/0
                current, value = _yes_no(current), _yes_no(value)
            result.answers.append(Change(fact, spec.label, current, value))
    return result


def _yes_no(value: Any) -> Any:
    """A yes/no answer as True/False, from True, 1, "1", "co", "có"…; anything else unchanged."""
    if isinstance(value, bool) or value is None:
        return value
    text = str(value).strip().casefold()
    if text in ("1", "co", "có", "true", "x"):
        return True
    if text in ("0", "khong", "không", "false"):
        return False
    return value


def _target_label(framework: rubric.Framework, target: str) -> str:
    if framework.has_criterion(target):
        return f"{target}. {framework.criterion(target).title}"
    return f"{target}. {framework.item(target).title}"


def _current_points(assessment: Assessment, card: rubric.Scorecard, target: str) -> Any:
    """The draft's own points for the target: a whole-criterion award, or what it scores."""
    award = assessment.awards.get(target)
    if isinstance(award, dict):
        return award.get("points")
    if award not in (None, ""):
        return award
    if target.count(".") == 1:
        criterion = card.criterion(target)
        return criterion.points if criterion.complete else None  # a partial sum is no answer yet
    return card.item(target).awarded


def _same(current: Any, new: Any) -> bool:
    try:
        return Fraction(str(current)) == Fraction(str(new))
    except (ValueError, ZeroDivisionError):
        return str(current).strip().casefold() == str(new).strip().casefold()


def _text(value: Any) -> str:
    if isinstance(value, Fraction):
        return str(value.numerator) if value.denominator == 1 else str(float(value))
    return str(value)


def show(value: Any) -> str:
    """A value in a preview cell: Vietnamese numbers, Có/Không."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return wording.yes_no(value)
    if isinstance(value, int | Fraction | float):
        return wording.number(Fraction(str(value)))
    return str(value)


# -- applying ------------------------------------------------------------------------------------


@dataclass
class Applied:
    answers: int
    points: list[str]


def apply(
    assessment: Assessment,
    kept: dict[str, Any],
    *,
    take_answers: bool,
    take_points: bool,
    expected_version: int,
    by: Any,
) -> Applied:
    """Save what the user chose (answers, points or both) through `actions.save_answers`."""
    reason = _("Theo báo cáo cũ «%(name)s»") % {"name": kept["name"]}
    answers = dict(kept["answers"]) if take_answers else {}
    points = dict(kept["points"]) if take_points else {}
    if not answers and not points:
        return Applied(0, [])
    actions.save_answers(
        assessment,
        facts=answers or None,
        awards={k: {"points": v, "reason": reason} for k, v in points.items()} or None,
        expected_version=expected_version,
        by=by,
    )
    return Applied(len(answers), sorted(points))
