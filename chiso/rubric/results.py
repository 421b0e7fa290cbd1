"""What scoring and checking return: frozen, plain data with `to_dict()` for JSON."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

from chiso.rubric.definitions import Number
from chiso.rubric.wording import points

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def json_number(value: Number | None) -> int | float | None:
    """An exact number as JSON: an int when whole, else a float rounded to 2 places."""
    if value is None:
        return None
    if isinstance(value, Fraction):
        return int(value) if value.denominator == 1 else round(float(value), 2)
    return value


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem found in facts, awards or a document, with where it is."""

    severity: Severity
    where: str
    message: str
    code: str = ""

    def to_dict(self) -> dict[str, str]:
        return {
            "severity": self.severity,
            "where": self.where,
            "message": self.message,
            "code": self.code,
        }


@dataclass(slots=True)
class ItemResult:
    """One item: the cap its rule allows from the facts, the points awarded, and why.

    Not frozen, for speed (55,000 scorecards in under 2 s); treat it as read-only.
    The explanation is worded on first use from `detail`.
    """

    id: str
    cap: Number | None
    awarded: Number | None
    status: Literal["scored", "missing", "invalid", "criterion_awarded", "awarded_without_facts"]
    detail: Any
    explain: Callable[[Any], str]
    reason: str = ""
    missing: tuple[str, ...] = ()

    @property
    def explanation(self) -> str:
        text = self.explain(self.detail)
        if self.status == "scored" and self.awarded != self.cap:
            text += f"; chấm {_points(self.awarded)}" + (
                f" (lý do: {self.reason})" if self.reason else ""
            )
        return text

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "cap": json_number(self.cap),
            "awarded": json_number(self.awarded),
            "status": self.status,
            "explanation": self.explanation,
            "reason": self.reason,
            "missing": list(self.missing),
        }


def _points(value: Number | None) -> str:

    return points(value)


@dataclass(slots=True)
class CriterionResult:
    """A criterion's points and level, or, for a mandatory condition, whether it is met (read-only)."""

    id: str
    kind: Literal["scored", "mandatory"]
    max: Number
    points: Number | None
    cap: Number | None
    level: int | None
    complete: bool
    explain: Callable[[CriterionResult], str]
    items: tuple[ItemResult, ...] = ()
    met: bool | None = None
    award_reason: str = ""

    @property
    def explanation(self) -> str:
        return self.explain(self)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "kind": self.kind}
        if self.kind == "mandatory":
            data.update(met=self.met, explanation=self.explanation)
            return data
        data.update(
            points=json_number(self.points),
            level=self.level,
            max=json_number(self.max),
            cap=json_number(self.cap),
            complete=self.complete,
            explanation=self.explanation,
            items=[i.to_dict() for i in self.items],
        )
        return data


@dataclass(slots=True)
class GroupResult:
    """A group's total, whether its mandatory conditions are met, and its level (read-only)."""

    id: str
    max: Number
    points: Number
    level: int | None
    rule_level: int | None
    mandatory_met: bool | None
    complete: bool
    explain: Callable[[GroupResult], str]
    criteria: tuple[CriterionResult, ...]

    @property
    def explanation(self) -> str:
        return self.explain(self)

    def criterion(self, criterion_id: str) -> CriterionResult:
        return next(c for c in self.criteria if c.id == criterion_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "points": json_number(self.points),
            "level": self.level,
            "mandatory_met": self.mandatory_met,
            "max": json_number(self.max),
            "rule_level": self.rule_level,
            "complete": self.complete,
            "explanation": self.explanation,
            "criteria": [c.to_dict() for c in self.criteria if c.kind == "scored"],
            "mandatory": [c.to_dict() for c in self.criteria if c.kind == "mandatory"],
        }


@dataclass(slots=True)
class Scorecard:
    """The whole result of scoring one institution on one framework."""

    framework: str
    groups: tuple[GroupResult, ...]
    overall_level: int | None
    overall_convention: str
    missing_facts: tuple[str, ...]
    findings: tuple[Finding, ...]
    # With levels on the whole total (overall_level: total): the total, its maximum, the level
    # the points alone give, and the explanation of the overall level.
    total: Number | None = None
    total_max: Number | None = None
    overall_rule_level: int | None = None
    overall_explanation: str = ""

    @property
    def levels_on_total(self) -> bool:
        return self.overall_convention == "total"

    def group(self, group_id: str) -> GroupResult:
        return next(g for g in self.groups if g.id == group_id)

    def criterion(self, criterion_id: str) -> CriterionResult:
        return next(c for g in self.groups for c in g.criteria if c.id == criterion_id)

    def item(self, item_id: str) -> ItemResult:
        return next(i for g in self.groups for c in g.criteria for i in c.items if i.id == item_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "framework": self.framework,
            "groups": [g.to_dict() for g in self.groups],
            "overall": self._overall_dict(),
            "missing_facts": list(self.missing_facts),
            "findings": [f.to_dict() for f in self.findings],
        }

    def _overall_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"level": self.overall_level, "convention": self.overall_convention}
        if self.levels_on_total:
            out.update(
                points=json_number(self.total),
                max=json_number(self.total_max),
                rule_level=self.overall_rule_level,
                explanation=self.overall_explanation,
            )
        return out
