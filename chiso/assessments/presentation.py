"""Shapes the engine's scorecard and the framework into rows for the templates (no rules here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from chiso import rubric
from chiso.assessments import scoring
from chiso.assessments.models import Assessment, ItemComment
from chiso.rubric import rollups, wording
from chiso.rubric.scoring import parse_figure, parse_points, rollup_text


@dataclass
class FactField:
    id: str
    label: str
    type: str
    value: Any
    options: list[tuple[str, str]] = field(default_factory=list)
    unit: str = ""
    also: str = ""  # where else the same value is read and edited (one fact, one place)


def also_used(fact_id: str) -> str:
    """The other screens that read and edit the same stored value as this answer."""
    if fact_id == "teachers_total":
        return _(
            "«Số liệu báo cáo» (mẫu số các tỷ lệ tập huấn, chữ ký số) và báo cáo năm: "
            "một số liệu, sửa ở đâu cũng là sửa ở đây"
        )
    return ""


@dataclass
class ItemRow:
    id: str
    title: str
    cap: Any
    awarded: Any
    explanation: str
    status: str
    award_input: str
    reason: str
    review_points: str = ""
    review_reason: str = ""
    comments: list[ItemComment] = field(default_factory=list)
    evidence: list[Any] = field(default_factory=list)
    maximum: Any = None  # the item's own maximum, whatever the answers

    @property
    def cap_text(self) -> str:
        return number(self.cap)

    @property
    def max_text(self) -> str:
        return number(self.cap if self.maximum is None else self.maximum)

    @property
    def awarded_text(self) -> str:
        return number(self.awarded)

    @property
    def review_points_text(self) -> str:
        return self.review_points.replace(".", ",")


@dataclass
class RollupView:
    """A roll-up figure of an office's criterion: as stored, as it is now, and who moves it."""

    id: str
    label: str
    stored: str
    live: str
    explanation: str
    next_band: str
    differs: bool
    counted: int
    movers: list[Any]  # the institutions not (yet) counted, at most MOVERS_SHOWN
    movers_total: int


MOVERS_SHOWN = 50


@dataclass
class CriterionBlock:
    id: str
    title: str
    mandatory: bool
    max: Any
    points: Any
    level: int | None
    met: bool | None
    explanation: str
    facts: list[FactField]
    items: list[ItemRow]
    evidence_hint: str
    comments: list[ItemComment] = field(default_factory=list)
    evidence: list[Any] = field(default_factory=list)
    review_points: Any = None
    review_level: int | None = None
    whole_award: dict[str, Any] | None = None  # points given to the whole criterion (legacy import)
    rollups: list[RollupView] = field(default_factory=list)
    review_shown: bool = False  # the office's points shown beside the school's
    dispute: str | None = None  # the office holds this mandatory condition unmet, for this reason
    version: int = 0  # the criterion's version, which its form sends back
    saved_by: str = ""  # who last changed what it shows, and when ("14:05 ngày 07 tháng 12 …")
    saved_at: str = ""
    html: str = ""  # the rendered section (fragments.render_sections), not part of its content
    # What became of the last evidence added here, shown inside the open panel (EVIDENCE_NOTICE).
    evidence_notice: dict[str, Any] | None = None
    # A refused return, shown again: the note typed for this criterion, whether it was ticked
    # «Cần bổ sung», and whether it lacked a reason.
    return_note: str = ""
    return_flag: bool = False
    return_missing: bool = False


# The session key under which adding evidence leaves its outcome for the form's next view:
# {"assessment": pk, "criterion": id, "ok": bool, "text": …, "title": …, "url": …}.
EVIDENCE_NOTICE = "evidence_notice"


def place_evidence_notice(notice: Any, assessment_pk: int, blocks: list[CriterionBlock]) -> None:
    """Hand the outcome of an evidence upload to the criterion it was for."""
    if not isinstance(notice, dict) or notice.get("assessment") != assessment_pk:
        return
    for block in blocks:
        if block.id == notice.get("criterion"):
            block.evidence_notice = notice


def _fact_fields(
    framework: rubric.Framework, ids: list[str], facts: dict[str, Any]
) -> list[FactField]:
    out = []
    for fact_id in dict.fromkeys(ids):
        spec = framework.fact(fact_id)
        if spec.type == "figure":
            continue  # computed, shown by the block's roll-ups
        value = facts.get(fact_id)
        if spec.type == "bool" and isinstance(value, bool):
            value = "co" if value else "khong"
        out.append(
            FactField(
                fact_id,
                spec.label,
                spec.type,
                "" if value is None else str(value),
                list(spec.options),
                spec.unit,
                also_used(fact_id),
            )
        )
    return out


def criterion_blocks(
    assessment: Assessment,
    card: rubric.Scorecard,
    *,
    evidence: list[Any] | None = None,
    comments: list[ItemComment] | None = None,
    review_card: rubric.Scorecard | None = None,
    only: str | None = None,
    computations: dict[str, Any] | None = None,
) -> list[tuple[rubric.definitions.Group, Any, list[CriterionBlock]]]:
    """Groups, each with its result and its criteria blocks, in the decision's order."""
    framework = scoring.framework_for(assessment)
    evidence = evidence or []
    comments = comments or []
    disputes = scoring.disputes(assessment)
    out = []
    for group in framework.groups:
        result = card.group(group.id)
        blocks = []
        for criterion in group.criteria:
            if only and criterion.id != only:
                continue
            c_result = result.criterion(criterion.id)
            related = {criterion.id, *(i.id for i in criterion.items)}
            if criterion.is_mandatory:
                fact_ids = [criterion.fact]
            else:
                fact_ids = [f for i in criterion.items for f in i.rule.inputs]
            block = CriterionBlock(
                id=criterion.id,
                title=criterion.title,
                mandatory=criterion.is_mandatory,
                max=criterion.max,
                points=c_result.points,
                level=c_result.level,
                met=c_result.met,
                explanation=c_result.explanation,
                facts=_fact_fields(framework, fact_ids, assessment.facts),
                items=[],
                evidence_hint=criterion.evidence,
                comments=[c for c in comments if c.item_id == criterion.id],
                evidence=[e for e in evidence if e.target_id in related],
                whole_award=_whole(assessment.awards.get(criterion.id)),
                rollups=_rollup_views(framework, criterion, assessment.facts, computations or {}),
            )
            block.dispute = disputes.get(criterion.id)
            save = (assessment.criterion_saves or {}).get(criterion.id) or {}
            block.version = int(save.get("version", 0))
            block.saved_by, block.saved_at = save.get("by", ""), when(save.get("at", ""))
            if review_card is not None:
                r = review_card.criterion(criterion.id)
                block.review_points, block.review_level = r.points, r.level
                block.review_shown = True
            for item, i_result in zip(criterion.items, c_result.items, strict=True):
                award = assessment.awards.get(item.id) or {}
                review = assessment.review_awards.get(item.id) or {}
                block.items.append(
                    ItemRow(
                        id=item.id,
                        title=item.title,
                        cap=i_result.cap,
                        awarded=i_result.awarded,
                        explanation=i_result.explanation,
                        status=i_result.status,
                        award_input=str(award.get("points", ""))
                        if isinstance(award, dict)
                        else str(award),
                        reason=award.get("reason", "") if isinstance(award, dict) else "",
                        review_points=str(review.get("points", "")),
                        review_reason=review.get("reason", ""),
                        comments=[c for c in comments if c.item_id == item.id],
                        evidence=[e for e in evidence if e.target_id == item.id],
                        maximum=item.rule.maximum,
                    )
                )
            blocks.append(block)
        out.append((group, result, blocks))
    return out


def _rollup_views(
    framework: rubric.Framework,
    criterion: rubric.definitions.Criterion,
    facts: dict[str, Any],
    computations: dict[str, Any],
) -> list[RollupView]:

    views = []
    for item in criterion.items:
        rollup_id = getattr(item.rule, "rollup", "")
        if not rollup_id:
            continue
        computation = computations.get(rollup_id)
        stored = facts.get(rollup_id)
        try:
            stored_text = rollup_text(framework, rollup_id, parse_figure(stored)) if stored else ""
        except ValueError:
            stored_text = ""
        if computation is None:
            views.append(
                RollupView(
                    rollup_id,
                    framework.rollup(rollup_id).label,
                    stored_text,
                    "",
                    "",
                    "",
                    False,
                    0,
                    [],
                    0,
                )
            )
            continue
        movers = [*computation.members("not_counted"), *computation.members("no_result")]
        views.append(
            RollupView(
                id=rollup_id,
                label=computation.rollup.label,
                stored=stored_text,
                live=rollup_text(framework, rollup_id, computation.figure),
                explanation=computation.explanation(),
                next_band=rollups.next_band(framework, item.id, computation),
                differs=stored != computation.figure.to_dict(),
                counted=len(computation.members("counted")),
                movers=[(m, rollups.OUTCOME_LABELS[m.outcome]) for m in movers[:MOVERS_SHOWN]],
                movers_total=len(movers),
            )
        )
    return views


@dataclass
class GroupResultLine:
    """A group's recognised result beside the unit's own score, and what caps its level."""

    id: str
    points: Any
    level: int | None
    own_points: Any
    own_level: int | None
    unmet: list[str]  # the mandatory conditions not met, which hold the group at Mức độ 1
    # An index whose levels are set on its total (3806): the groups carry no level (has_level
    # False) and one more line, the total (is_total), carries it.
    has_level: bool = True
    is_total: bool = False

    @property
    def changed(self) -> bool:
        return self.points != self.own_points


def result_lines(assessment: Assessment) -> list[GroupResultLine]:
    """Per group, what counts (recognised once recognised) beside the self-assessment."""
    own = scoring.scorecard(assessment)
    counted = scoring.effective_scorecard(assessment)
    lines = []
    for group in counted.groups:
        mine = own.group(group.id)
        unmet = [c.id for c in group.criteria if c.kind == "mandatory" and c.met is False]
        lines.append(
            GroupResultLine(
                group.id,
                group.points,
                group.level,
                mine.points,
                mine.level,
                [] if counted.levels_on_total else unmet,
                has_level=not counted.levels_on_total,
            )
        )
    if counted.levels_on_total:
        unmet = [c.id for g in counted.groups for c in g.criteria if c.met is False]
        lines.append(
            GroupResultLine(
                "",
                counted.total,
                counted.overall_level,
                own.total,
                own.overall_level,
                unmet,
                is_total=True,
            )
        )
    return lines


@dataclass
class ReturnNote:
    item_id: str
    title: str
    text: str
    anchor: str


def return_notes(framework: rubric.Framework, comments: list[ItemComment]) -> list[ReturnNote]:
    """The office's return notes, each with the title of the item or criterion it is about."""
    notes = []
    for c in comments:
        title = ""
        if c.item_id and framework.has_criterion(c.item_id):
            title = framework.criterion(c.item_id).title
        elif c.item_id and framework.has_item(c.item_id):
            title = framework.item(c.item_id).title
        notes.append(ReturnNote(c.item_id, title, c.text, c.anchor))
    return notes


def review_visible(assessment: Assessment) -> bool:
    """Whether the unit sees the office's points beside its own: once the office decided
    (returned, recognised, published) and gave points or disputed a condition."""
    decided = (
        Assessment.Status.RETURNED,
        Assessment.Status.RECOGNISED,
        Assessment.Status.PUBLISHED,
    )
    return bool(assessment.review_awards) and assessment.status in decided


def review_word(assessment: Assessment) -> str:
    """What the office's figures are called: recognised once recognised, reviewed before."""
    recognised = (Assessment.Status.RECOGNISED, Assessment.Status.PUBLISHED)
    return _("Công nhận") if assessment.status in recognised else _("Thẩm định")


def framework_applies(framework: rubric.Framework, unit: Any) -> bool:
    """Whether the index covers this unit: its institution type, or an office's kind."""
    return (unit.institution_type if not unit.is_office else unit.kind) in framework.applies_to


def when(iso: str) -> str:
    """ "14:05 ngày 07 tháng 12 năm 2026" in local time, from a stored ISO time ("" if none)."""
    try:
        at = timezone.localtime(dt.datetime.fromisoformat(iso))
    except (TypeError, ValueError):
        return ""
    return f"{at:%H:%M} ngày {at:%d} tháng {at:%m} năm {at:%Y}"


def number(value: Any) -> str:
    return "—" if value is None else wording.number(value)


def _whole(award: Any) -> dict[str, Any] | None:

    if award is None or award == "":
        return None
    raw, reason = (
        (award.get("points"), award.get("reason", "")) if isinstance(award, dict) else (award, "")
    )
    try:
        points: Any = parse_points(raw)
    except (TypeError, ValueError):
        points = raw
    return {"points": points, "reason": reason}
