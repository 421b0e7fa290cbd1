"""The council shares the work: who answers which criterion, and how far each one has got."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from chiso import rubric
from chiso.assessments.models import Assessment
from chiso.units import policy
from chiso.units.models import Membership, Unit


def members(assessment: Assessment) -> list[Any]:
    """The people who may answer the unit's assessment (its own staff), by name."""
    unit = assessment.unit
    roles = policy.INSTITUTION_ROLES if unit.kind == Unit.Kind.INSTITUTION else policy.OFFICE_ROLES
    rows = Membership.objects.filter(unit=unit, role__in=roles).select_related("user")
    people = {m.user.pk: m.user for m in rows if m.user.is_active}
    return sorted(people.values(), key=lambda u: (u.get_full_name() or u.get_username()).lower())


def name(user: Any) -> str:
    return user.get_full_name() or user.get_username()


@dataclass
class CriterionProgress:
    id: str
    title: str
    assignee: int | None
    assignee_name: str
    answered: int
    total: int
    evidence: bool
    mine: bool = False

    @property
    def done(self) -> bool:
        return self.answered == self.total and self.evidence


@dataclass
class MemberProgress:
    user_id: int | None
    name: str
    criteria: list[str] = field(default_factory=list)
    done: int = 0
    answered: int = 0
    total: int = 0


def progress(
    assessment: Assessment,
    framework: rubric.Framework,
    card: rubric.Scorecard,
    evidence_targets: set[str],
    people: list[Any],
    viewer: Any = None,
) -> tuple[list[CriterionProgress], list[MemberProgress]]:
    """Per criterion (the viewer's own first) and per member: what is answered and evidenced."""
    names = {u.pk: name(u) for u in people}
    assignees = {k: v for k, v in (assessment.assignees or {}).items() if v in names}
    rows = []
    for criterion in framework.all_criteria:
        result = card.criterion(criterion.id)
        if criterion.is_mandatory:
            answered, total = int(result.met is not None), 1
        else:
            answered = sum(1 for i in result.items if i.awarded is not None)
            total = len(result.items)
        covered = criterion.id in evidence_targets or any(
            i.id in evidence_targets for i in criterion.items
        )
        who = assignees.get(criterion.id)
        rows.append(
            CriterionProgress(
                criterion.id,
                criterion.title,
                who,
                names.get(who, "") if who else "",
                answered,
                total,
                covered,
                mine=viewer is not None and who == getattr(viewer, "pk", None),
            )
        )
    by_member = {u.pk: MemberProgress(u.pk, names[u.pk]) for u in people}
    nobody = MemberProgress(None, "")
    for row in rows:
        line = by_member.get(row.assignee, nobody) if row.assignee else nobody
        line.criteria.append(row.id)
        line.done += row.done
        line.answered += row.answered
        line.total += row.total
    members_lines = [m for m in by_member.values() if m.criteria]
    if nobody.criteria:
        members_lines.append(nobody)
    rows.sort(key=lambda r: not r.mine)  # stable: the decision's order within each part
    return rows, members_lines
