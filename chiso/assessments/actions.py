"""Every change to an assessment: one function per verb, transactional, audited.

Views, the API and commands call these; they raise `ActionRefused` with a message for the user.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chiso import audit, rubric
from chiso.assessments import (
    attachments,
    council,
    presentation,
    queries,
    rollups,
    scoring,
    transitions,
    yearfacts,
)
from chiso.assessments.models import FIGURE_FIELDS, Assessment, Deadline, ItemComment, Snapshot
from chiso.audit import record
from chiso.evidence.capture import capture_link
from chiso.evidence.models import Evidence
from chiso.rubric import wording
from chiso.rubric.scoring import parse_fact
from chiso.units import policy

S = Assessment.Status


class ActionRefused(Exception):
    """A change that is not allowed now; the message says why, in Vietnamese."""


class StaleVersion(ActionRefused):
    """Someone else saved the assessment since this user loaded it."""


def _lock(assessment: Assessment) -> Assessment:
    """The row again, locked until the transaction ends, with its unit and campaign."""
    rows = Assessment.objects.select_for_update(of=("self",)).select_related("unit", "campaign")
    return rows.get(pk=assessment.pk)


def _require(user: Any, action: str, assessment: Assessment) -> None:
    if not policy.can(user, action, assessment):
        if action in policy.SEPARATED_FROM_SUBMISSION and policy.submitted_it(user, assessment):
            raise ActionRefused(
                _(
                    "Người đã nộp kết quả này không được công nhận hay công bố nó: "
                    "hãy để một lãnh đạo khác của đơn vị cấp trên thực hiện."
                )
            )
        raise ActionRefused(_("Bạn không có quyền thực hiện thao tác này với bản đánh giá này."))


# A reason or a comment is a few sentences: the API's limit, for the screens too.
MAX_TEXT = 2000


def _bounded(text: str, what: str) -> str:
    """`text` without surrounding spaces, refused when longer than a comment can be."""
    text = (text or "").strip()
    if len(text) > MAX_TEXT:
        raise ActionRefused(
            _("%(what)s dài %(n)s ký tự, tối đa %(max)s: hãy viết ngắn lại.")
            % {"what": what, "n": f"{len(text):,}".replace(",", "."), "max": "2.000"}
        )
    return text


def _require_items(assessment: Assessment, item_ids: Any) -> None:
    """Comments name an item or a criterion of the assessment's index (or nothing)."""
    framework = scoring.framework_for(assessment)
    unknown = [
        i for i in item_ids if i and not (framework.has_item(i) or framework.has_criterion(i))
    ]
    if unknown:
        raise ActionRefused(
            _("Mục «%(value)s» không có trong bộ chỉ số.") % {"value": unknown[0][:40]}
        )


def _move(assessment: Assessment, new: str, by: Any, note: str = "", verb: str = "") -> None:
    if not transitions.allowed(assessment.status, new):
        current = Assessment.Status(assessment.status).label
        raise ActionRefused(
            _("Không thể chuyển bản đánh giá từ trạng thái «%(current)s» sang «%(label)s».")
            % {"current": current, "label": Assessment.Status(new).label}
        )
    old = assessment.status
    assessment.status = new
    record(
        by,
        verb or f"assessment.{new}",
        assessment,
        before={"status": old},
        after={"status": new},
        note=note,
    )


def _rescore(assessment: Assessment) -> list[str]:
    card = scoring.effective_scorecard(assessment)
    return scoring.store_figures(assessment, card)


def _snapshot(assessment: Assessment, by: Any) -> Snapshot:
    number = assessment.snapshots.count() + 1
    card = scoring.effective_scorecard(assessment)  # at recognition: the recognised result
    content = {
        "status": assessment.status,
        "facts": assessment.facts,
        "awards": assessment.awards,
        "review_awards": assessment.review_awards,
        "scorecard": card.to_dict(),
        "evidence": [
            {
                "target": e.target_id,
                "kind": e.kind,
                "title": e.label,
                "url": e.url,
                "file": e.file.name,
            }
            for e in Evidence.objects.filter(assessment=assessment)
        ],
        "council": {
            "decision_number": assessment.council_decision_number,
            "members": assessment.council_members,
        },
    }
    return Snapshot.objects.create(
        assessment=assessment,
        number=number,
        status=assessment.status,
        content=content,
        created_by=by,
    )


def previous_assessment(unit: Any, campaign: Any) -> Assessment | None:
    """The unit's assessment of the latest earlier school year on the same index, if any."""
    return (
        Assessment.objects.filter(
            unit=unit,
            campaign__framework_id=campaign.framework_id,
            campaign__school_year__lt=campaign.school_year,
        )
        .order_by("-campaign__school_year")
        .first()
    )


def _still_valid(framework: rubric.Framework, facts: Mapping[str, Any]) -> tuple[dict, list[str]]:
    """Last year's answers the index still accepts (computed figures aside), and the ids of
    those it no longer does (a choice taken out of a corrected version, say)."""
    kept, dropped = {}, []
    for fact_id, value in facts.items():
        if not framework.has_fact(fact_id) or framework.fact(fact_id).type == "figure":
            continue
        try:
            parse_fact(framework.fact(fact_id), value)
        except ValueError:
            dropped.append(fact_id)
            continue
        kept[fact_id] = value
    return kept, dropped


@transaction.atomic
def start(
    unit: Any, campaign: Any, *, by: Any, on_behalf: bool = False, copy_previous: bool = False
) -> Assessment:
    """Open the unit's draft for a campaign (or return the one that exists).

    `copy_previous`: start from last year's facts (not its points), to be checked item by item."""
    if not policy.can_start(by, unit, on_behalf=on_behalf):
        raise ActionRefused(_("Bạn không có quyền mở bản đánh giá cho đơn vị này."))
    if not campaign.is_open:
        raise ActionRefused(
            _("Đợt «%(campaign)s» đã đóng: không thể mở bản đánh giá mới.") % {"campaign": campaign}
        )
    if not queries.assesses(campaign, unit):
        raise ActionRefused(
            _("Đợt «%(campaign)s» không đánh giá %(unit)s.") % {"campaign": campaign, "unit": unit}
        )
    assessment, created = Assessment.objects.get_or_create(campaign=campaign, unit=unit)
    if created:
        previous = previous_assessment(unit, campaign) if copy_previous else None
        framework = scoring.framework_for(assessment)
        dropped: list[str] = []
        if previous is not None:
            assessment.facts, dropped = _still_valid(framework, previous.facts)
        rollups.apply_figures(assessment, by=by)
        # What the unit already recorded for the year elsewhere (report figures, IT inventory)
        # moves into the draft: one place for each fact from now on.
        yearfacts.started.send(sender=Assessment, assessment=assessment, by=by)
        assessment.updated_by = by
        fields = _rescore(assessment)
        assessment.save(update_fields=["facts", "updated_by", *fields])
        note = f"chép dữ kiện năm học {previous.campaign.school_year}" if previous else ""
        if dropped:  # the index changed since: those answers are asked again
            note += "; " + _("bỏ câu trả lời không còn hợp lệ: %(facts)s") % {
                "facts": ", ".join(dropped)
            }
        record(by, "assessment.start", assessment, after={"status": assessment.status}, note=note)
    return assessment


class StaleCriterion(StaleVersion):
    """Someone else changed a criterion this user was editing since the page showed it."""

    def __init__(self, message: str, criteria: list[str], current: Assessment) -> None:
        super().__init__(message)
        self.criteria = criteria
        self.current = current  # the row as stored now, to redraw those criteria from


class _RowMoved(Exception):
    """The row changed between reading and the conditional write (another criterion's save)."""


# A save by criterion re-reads the row when another criterion's save slipped in between: a few
# tries, then the user is asked to save again (only under a storm of saves on one assessment).
RETRIES = 5


def save_answers(
    assessment: Assessment,
    *,
    facts: Mapping[str, Any] | None = None,
    awards: Mapping[str, Any] | None = None,
    expected_version: int | None = None,
    criteria: Mapping[str, int] | None = None,
    by: Any,
    on_behalf: bool = False,
) -> Assessment:
    """Save changed facts and awarded points of a draft, refusing a stale save.

    Either `expected_version`: the whole assessment as the caller read it (imports, which
    replace many answers at once), refused if anything was saved since; or `criteria`: criterion
    id → the version of it the caller's form shows (`criterion_version`), refused only if one of
    those criteria changed since (StaleCriterion), whatever happened to the others.

    `on_behalf`: an office head loading a unit's own files (appendix XLSX) into its draft."""
    _require(by, "import" if on_behalf else "edit", assessment)
    if criteria is None:
        if expected_version is None:
            raise TypeError("save_answers needs expected_version or criteria")
        return _save(assessment, facts, awards, expected_version, None, by)
    for _attempt in range(RETRIES):
        try:
            return _save(assessment, facts, awards, assessment.version, criteria, by)
        except _RowMoved:
            assessment = Assessment.objects.select_related("unit", "campaign").get(pk=assessment.pk)
    raise StaleVersion(_("Bản đánh giá đang được nhiều người lưu cùng lúc: hãy lưu lại."))


def criterion_version(assessment: Assessment, criterion_id: str) -> int:
    """The version of one criterion (0 until a save changes it)."""
    return int((assessment.criterion_saves or {}).get(criterion_id, {}).get("version", 0))


def criterion_keys(framework: rubric.Framework, criterion: Any) -> tuple[set[str], set[str]]:
    """The facts and the award keys (items, the criterion itself) a criterion's form shows."""
    return set(scoring.criterion_facts(criterion)), {criterion.id, *(i.id for i in criterion.items)}


def _touched(framework: rubric.Framework, facts: Iterable[str], awards: Iterable[str]) -> list[str]:
    """The criteria that show any of these facts or award keys."""
    facts, awards = set(facts), set(awards)
    out = []
    for criterion in framework.all_criteria:
        own_facts, own_awards = criterion_keys(framework, criterion)
        if own_facts & facts or own_awards & awards:
            out.append(criterion.id)
    return out


def _stamp(assessment: Assessment, criteria: Iterable[str], by: Any, at: Any) -> None:
    """Move the version of these criteria and say who saved them, and when."""
    saves = dict(assessment.criterion_saves or {})
    name = (by.get_full_name() or by.get_username()) if by is not None else ""
    for cid in criteria:
        saves[cid] = {
            "version": criterion_version(assessment, cid) + 1,
            "by": name,
            "at": at.isoformat(),
        }
    assessment.criterion_saves = saves


@transaction.atomic
def _save(
    assessment: Assessment,
    facts: Mapping[str, Any] | None,
    awards: Mapping[str, Any] | None,
    expected_version: int,
    criteria: Mapping[str, int] | None,
    by: Any,
) -> Assessment:
    # No row lock: the conditional update below writes only if the row still has the version
    # (and an editable state) read here, so the facts merged are the stored ones.
    _check_editable(assessment, expected_version)
    framework = scoring.framework_for(assessment)
    if criteria is not None:
        unknown = [c for c in criteria if not framework.has_criterion(c)]
        if unknown:
            raise ActionRefused(
                _("Tiêu chí «%(value)s» không có trong bộ chỉ số.") % {"value": unknown[0][:40]}
            )
        stale = [c for c, v in criteria.items() if criterion_version(assessment, c) != v]
        if stale:
            raise StaleCriterion(_stale_text(assessment, stale), stale, assessment)
    computed = [
        k for k in facts or {} if framework.has_fact(k) and framework.fact(k).type == "figure"
    ]
    if computed:
        raise ActionRefused(
            _(
                "«%(label)s» là số liệu tổng hợp được tính từ kết quả đã công nhận của các "
                "cơ sở: không nhập tay được."
            )
            % {"label": framework.fact(computed[0]).label}
        )
    new_facts = _without_blanks({**assessment.facts, **(facts or {})})
    giving_way = whole_awards_giving_way(framework, assessment, facts, awards, criteria)
    new_awards = {
        k: v
        for k, v in _without_blanks({**assessment.awards, **(awards or {})}).items()
        if (not isinstance(v, dict) or v.get("points") not in (None, "")) and k not in giving_way
    }
    try:
        card = rubric.score(framework, new_facts, new_awards)
    except rubric.InvalidInput as exc:
        raise ActionRefused(_problems_text(exc.problems)) from None
    new_facts = _typed_facts(framework, new_facts)
    before, after = audit.changes(assessment.facts, new_facts, "fact")
    awards_before, awards_after = audit.changes(assessment.awards, new_awards, "award")
    if not after and not awards_after:
        return assessment
    touched = _touched(
        framework,
        [k.split(":", 1)[1] for k in after],
        [k.split(":", 1)[1] for k in awards_after],
    )
    stored = _values(assessment, FIGURE_FIELDS)
    # What the caller's row held, put back if the write is refused: a row object must never
    # carry answers that were not stored under the version it says it has.
    held = _values(assessment, [*ROW_STATE, *FIGURE_FIELDS])
    assessment.facts, assessment.awards = new_facts, new_awards
    assessment.version = expected_version + 1
    assessment.updated_by = by
    assessment.updated_at = timezone.now()
    _stamp(assessment, touched, by, assessment.updated_at)
    scoring.store_figures(assessment, card)
    scoring.keep(assessment, framework, card)  # the card just computed is the one shown
    # Only what changed is written: the answers, the versions, and the figures that moved.
    fields = ["version", "criterion_saves", "updated_by", "updated_at"]
    fields += [name for name, values in (("facts", after), ("awards", awards_after)) if values]
    fields += [name for name, value in stored.items() if getattr(assessment, name) != value]
    written = Assessment.objects.filter(
        pk=assessment.pk, version=expected_version, status__in=EDITABLE
    ).update(**_values(assessment, fields))
    if not written:  # saved or submitted by someone else since it was read
        for name, value in held.items():
            setattr(assessment, name, value)
        current = Assessment.objects.select_related("unit", "campaign").get(pk=assessment.pk)
        if criteria is not None:
            if current.is_editable:
                raise _RowMoved
            _check_editable(current, current.version)
        _check_editable(current, expected_version)
        raise StaleVersion(
            _("Bản đánh giá vừa được lưu ở nơi khác: hãy tải lại trang rồi nhập lại.")
        )
    record(
        by,
        "assessment.edit",
        assessment,
        before={**before, **awards_before},
        after={**after, **awards_after},
    )
    return assessment


def whole_awards_giving_way(
    framework: rubric.Framework,
    assessment: Assessment,
    facts: Mapping[str, Any] | None,
    awards: Mapping[str, Any] | None,
    criteria: Mapping[str, int] | Iterable[str] | None = None,
) -> dict[str, Any]:
    """The points held for a whole criterion (last year's report) that give way to the answers
    entered now for that criterion: criterion id → the points dropped. Points given in the same
    save (an import of both) stay; the history keeps the dropped ones (an `assessment.edit`)."""
    stored = assessment.awards or {}
    posted_awards = awards or {}
    held = assessment.facts or {}
    entered_facts = {
        k for k, v in (facts or {}).items() if v not in (None, "") and str(v) != str(held.get(k))
    }
    entered_items = {
        k
        for k, v in posted_awards.items()
        if isinstance(v, dict) and v.get("points") not in (None, "") and v != stored.get(k)
    }
    out = {}
    for criterion in framework.all_criteria:
        whole = stored.get(criterion.id)
        if whole is None or criterion.id in posted_awards:
            continue
        if criteria is not None and criterion.id not in criteria:
            continue  # a fact it shares with the criterion being saved is not its answer
        own_facts, own_awards = criterion_keys(framework, criterion)
        if own_facts & entered_facts or own_awards & entered_items:
            out[criterion.id] = whole.get("points") if isinstance(whole, dict) else whole
    return out


def _stale_text(assessment: Assessment, criteria: list[str]) -> str:
    """Who changed these criteria, and when, in a sentence."""
    parts = []
    for cid in criteria:
        save = (assessment.criterion_saves or {}).get(cid, {})
        when = presentation.when(save.get("at", "")) or "—"
        parts.append(
            _("tiêu chí %(criterion)s vừa được %(name)s lưu lúc %(when)s")
            % {"criterion": cid, "name": save.get("by") or _("người khác"), "when": when}
        )
    return _(
        "Không lưu: %(parts)s. Giá trị hiện tại được hiện lại bên dưới; hãy xem rồi nhập lại "
        "nếu vẫn cần sửa (không có gì bị ghi đè)."
    ) % {"parts": "; ".join(parts)}


EDITABLE = (S.DRAFT, S.RETURNED)
ROW_STATE = ("facts", "awards", "version", "updated_by_id", "updated_at", "criterion_saves")


def _without_blanks(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v not in (None, "")}


def _values(assessment: Assessment, fields: Iterable[str]) -> dict[str, Any]:
    return {name: getattr(assessment, name) for name in fields}


def _problems_text(problems: list[tuple[str, str]]) -> str:
    return "; ".join(f"{where}: {problem}" for where, problem in problems)


def _check_editable(assessment: Assessment, expected_version: int) -> None:
    if not assessment.is_editable:
        raise ActionRefused(_("Bản đánh giá đã nộp hoặc đã được công nhận: không thể sửa."))
    if assessment.version != expected_version:
        raise StaleVersion(
            _(
                "Bản đánh giá vừa được người khác lưu (phiên bản %(current)s, bạn đang sửa "
                "phiên bản %(yours)s). Hãy tải lại trang để xem thay đổi của họ rồi nhập lại; "
                "không có gì bị ghi đè."
            )
            % {"current": assessment.version, "yours": expected_version}
        )


def _typed_facts(framework: rubric.Framework, facts: Mapping[str, Any]) -> dict[str, Any]:
    """Facts stored as JSON-ready typed values (True, 41, "2"), not as the strings typed."""
    typed = {
        k: parse_fact(framework.fact(k), v) if framework.has_fact(k) else v
        for k, v in facts.items()
    }
    return {k: v.to_dict() if isinstance(v, rubric.Figure) else v for k, v in typed.items()}


@transaction.atomic
def refresh_rollups(assessment: Assessment, *, by: Any) -> Assessment:
    """An office's staff take the current figures of the institutions below it into its draft."""
    _require(by, "edit", assessment)
    assessment = _lock(assessment)
    if not assessment.is_editable:
        raise ActionRefused(_("Bản đánh giá đã nộp: số liệu tổng hợp được giữ như lúc nộp."))
    facts_before = dict(assessment.facts)
    if rollups.apply_figures(assessment, by=by):
        assessment.version += 1
        assessment.updated_by = by
        changed = [
            k
            for k in {*facts_before, *assessment.facts}
            if facts_before.get(k) != assessment.facts.get(k)
        ]
        _stamp(
            assessment, _touched(scoring.framework_for(assessment), changed, ()), by, timezone.now()
        )
        fields = _rescore(assessment)
        assessment.save(
            update_fields=[
                "facts", "version", "criterion_saves", "updated_by", "updated_at", *fields
            ]
        )  # fmt: skip
    return assessment


@transaction.atomic
def save_council(
    assessment: Assessment, *, data: Mapping[str, Any], expected_version: int, by: Any
) -> Assessment:
    """Council, minutes and approval details of a draft."""
    _require(by, "edit", assessment)
    assessment = _lock(assessment)
    if not assessment.is_editable:
        raise ActionRefused(_("Bản đánh giá đã nộp: không thể sửa."))
    if assessment.version != expected_version:
        raise StaleVersion(
            _("Bản đánh giá vừa được người khác lưu. Hãy tải lại trang; không có gì bị ghi đè.")
        )
    fields = (
        "council_decision_number",
        "council_decision_date",
        "council_members",
        "minutes_date",
        "minutes_summary",
        "minutes_details",
        "approval_decision_number",
        "approval_decision_date",
        "narrative",
    )
    values = {field: data[field] for field in fields if field in data}
    if any(getattr(assessment, k) != v for k, v in values.items()):
        assessment.version += 1
        audit.save_changes(
            by, "assessment.council", assessment, values, also=("version", "updated_at")
        )
    return assessment


class CheckLine(str):
    """A line of the checklist before submission, with the id of the place on the form it is
    about (the field or the criterion; "" for none)."""

    anchor: str

    def __new__(cls, text: str, anchor: str = "") -> CheckLine:
        line = super().__new__(cls, text)
        line.anchor = anchor
        return line


def _asked_in(framework: rubric.Framework, fact: str) -> str:
    """The form's field of a fact: in the first criterion that asks for it."""
    for criterion in framework.all_criteria:
        inputs = (
            [criterion.fact]
            if criterion.is_mandatory
            else [f for i in criterion.items for f in i.rule.inputs]
        )
        if fact in inputs:
            return f"f-{criterion.id}-{fact}"
    return ""


def submission_check(assessment: Assessment) -> dict[str, list[str]]:
    """What blocks a submission ('blocking') and what deserves a second look ('warnings'),
    each line a CheckLine that knows where on the form it points."""
    framework = scoring.framework_for(assessment)
    card = scoring.scorecard(assessment)
    blocking: list[str] = []
    warnings: list[str] = []
    for fact in card.missing_facts:
        blocking.append(
            CheckLine(
                _("Chưa nhập: %(fact)s") % {"fact": framework.fact(fact).label},
                _asked_in(framework, fact),
            )
        )
    with_evidence = set(
        Evidence.objects.filter(assessment=assessment).values_list("target_id", flat=True)
    )
    for criterion in framework.all_criteria:
        covered = criterion.id in with_evidence or any(
            i.id in with_evidence for i in criterion.items
        )
        if not covered:
            warnings.append(
                CheckLine(f"Tiêu chí {criterion.id} chưa có minh chứng", f"tc-{criterion.id}")
            )
    for group in card.groups:
        if group.mandatory_met is False:
            unmet = [c.id for c in group.criteria if c.met is False]
            warnings.append(
                CheckLine(
                    f"Nhóm {group.id}: điều kiện bắt buộc {', '.join(unmet)} chưa đáp ứng, "
                    "nhóm chỉ được Mức độ 1",
                    f"tc-{unmet[0]}" if unmet else "",
                )
            )
    if not assessment.approval_decision_number:
        warnings.append(_("Chưa nhập số quyết định phê duyệt kết quả tự đánh giá"))
    return {"blocking": blocking, "warnings": warnings}


@transaction.atomic
def submit(assessment: Assessment, *, by: Any) -> Assessment:
    """The head approves and sends the assessment up; its content is frozen in a snapshot."""
    _require(by, "submit", assessment)
    assessment = _lock(assessment)
    rollups.apply_figures(assessment, by=by)  # an office submits the figures of this moment
    check = submission_check(assessment)
    if check["blocking"]:
        raise ActionRefused(
            _("Chưa thể nộp: %(reasons)s") % {"reasons": "; ".join(check["blocking"])}
        )
    resubmission = assessment.status == S.RETURNED
    _move(
        assessment,
        S.SUBMITTED,
        by,
        verb="assessment.resubmit" if resubmission else "assessment.submit",
    )
    assessment.submitted_at, assessment.submitted_by = timezone.now(), by
    assessment.version += 1
    fields = _rescore(assessment)
    assessment.save(
        update_fields=[
            "status",
            "submitted_at",
            "submitted_by",
            "facts",
            "version",
            "updated_at",
            *fields,
        ]
    )
    ItemComment.objects.filter(assessment=assessment, resolved=False).update(resolved=True)
    attachments.changed(assessment.pk)  # an update sends no signal
    _snapshot(assessment, by)
    if getattr(settings, "EVIDENCE_CAPTURE_ENABLED", True):
        transaction.on_commit(lambda: start_evidence_capture(assessment.pk))
    return assessment


def start_evidence_capture(assessment_pk: int) -> None:
    """Fetch the links after the submission is saved, without making the head wait for slow sites.

    Each link may take up to the capture timeout; in the background (the default) the request
    returns at once. The job queue of the documents work will take this over.
    """
    if not getattr(settings, "EVIDENCE_CAPTURE_IN_BACKGROUND", True):
        capture_evidence_links(assessment_pk)
        return

    def run() -> None:
        try:
            capture_evidence_links(assessment_pk)
        finally:
            connection.close()  # the thread's own connection

    threading.Thread(target=run, name=f"capture-{assessment_pk}", daemon=True).start()


def capture_evidence_links(assessment_pk: int) -> int:
    """Fetch every link of a submitted assessment once and keep what it showed (after commit)."""
    count = 0
    for evidence in Evidence.objects.filter(assessment_id=assessment_pk, kind=Evidence.Kind.LINK):
        result = capture_link(
            evidence.url,
            timeout=getattr(settings, "EVIDENCE_CAPTURE_TIMEOUT", 5.0),
            allow_private=getattr(settings, "EVIDENCE_CAPTURE_ALLOW_PRIVATE", False),
        )
        evidence.captured_at = timezone.now()
        evidence.captured_status = result.status
        evidence.captured_title = result.title[:300]
        evidence.captured_error = result.error[:300]
        if result.ok and result.content:
            extension = {
                "text/html": "html",
                "application/pdf": "pdf",
                "image/png": "png",
                "image/jpeg": "jpg",
            }.get(result.content_type, "bin")
            evidence.captured_file.save(
                f"capture-{evidence.pk}.{extension}", ContentFile(result.content), save=False
            )
        evidence.save(
            update_fields=[
                "captured_at",
                "captured_status",
                "captured_title",
                "captured_error",
                "captured_file",
            ]
        )
        count += 1
    return count


class MissingReasons(ActionRefused):
    """A return refused because items it sends back have no reason; `missing` names them."""

    def __init__(self, message: str, missing: list[str]) -> None:
        super().__init__(message)
        self.missing = missing


def review_flags(assessment: Assessment) -> dict[str, str]:
    """What the office's review sends back by itself, in the index's order: the items it scored
    below the school's points and the mandatory conditions it does not recognise, each with the
    reason the reviewer gave (id → reason)."""
    review = assessment.review_awards or {}
    if not review:
        return {}
    framework = scoring.framework_for(assessment)
    own = scoring.scorecard(assessment, framework=framework)
    theirs = scoring.scorecard(assessment, review=True, framework=framework)
    out = {}
    for criterion in framework.all_criteria:
        for key in (criterion.id, *(i.id for i in criterion.items)):
            value = review.get(key)
            if not isinstance(value, dict):
                continue
            if value.get("met") is False:
                out[key] = value.get("reason", "")
            elif value.get("points") not in (None, "") and framework.has_item(key):
                mine, office = own.item(key).awarded, theirs.item(key).awarded
                if mine is not None and office is not None and office < mine:
                    out[key] = value.get("reason", "")
    return out


@transaction.atomic
def return_for_supplement(
    assessment: Assessment,
    *,
    by: Any,
    reason: str,
    item_comments: Mapping[str, str] | None = None,
    flagged: Iterable[str] = (),
) -> Assessment:
    """The office sends the assessment back with a reason, and a reason for each item it sends
    back: those it `flagged` (ticked «Cần bổ sung»), those its review scored below the school's
    and the conditions it does not recognise (their review reason unless another note is given).
    An item sent back without a reason refuses the whole return, nothing saved."""
    _require(by, "return", assessment)
    reason = _bounded(reason, _("Lý do trả lại"))
    flagged = [f for f in dict.fromkeys(flagged) if f]
    if "" in (item_comments or {}):  # a note for no item would read as a second general reason
        raise ActionRefused(_("Mỗi lý do theo mục phải ghi mã mục hoặc tiêu chí."))
    _require_items(assessment, [*(item_comments or {}).keys(), *flagged])
    item_comments = {
        k: _bounded(v, _("Nhận xét mục %(item)s") % {"item": k[:20]})
        for k, v in (item_comments or {}).items()
    }
    assessment = _lock(assessment)
    if assessment.status != S.SUBMITTED:
        raise ActionRefused(_("Chỉ trả lại được bản đánh giá đang chờ thẩm định."))
    review = review_flags(assessment)
    notes = {k: v for k, v in item_comments.items() if v}
    notes.update({k: why for k, why in review.items() if k not in item_comments and why})
    missing = [k for k in dict.fromkeys([*review, *flagged]) if not notes.get(k)]
    problems = []
    if not reason:
        problems.append(_("Phải ghi lý do trả lại để cơ sở biết cần bổ sung gì."))
    if missing:
        problems.append(
            _(
                "Mỗi mục trả lại phải có lý do để cơ sở biết cần bổ sung gì: còn thiếu lý do ở "
                "%(items)s."
            )
            % {"items": ", ".join(missing)}
        )
    if problems:
        raise MissingReasons(" ".join([*problems, _("Chưa trả lại, chưa lưu gì.")]), missing)
    _move(assessment, S.RETURNED, by, note=reason, verb="assessment.return")
    assessment.return_reason = reason
    assessment.version += 1
    assessment.save(update_fields=["status", "return_reason", "version", "updated_at"])
    ItemComment.objects.create(assessment=assessment, author=by, text=reason, is_return_reason=True)
    for item_id, text in notes.items():
        ItemComment.objects.create(
            assessment=assessment,
            item_id=item_id,
            author=by,
            text=text.strip(),
            is_return_reason=True,
        )
    return assessment


@transaction.atomic
def set_review_score(
    assessment: Assessment, *, by: Any, item_id: str, points: Any, reason: str = ""
) -> Assessment:
    """The office's own score for one item, beside the school's (external assessment)."""
    _require(by, "review", assessment)
    reason = _bounded(reason, _("Lý do chấm điểm"))
    assessment = _lock(assessment)
    if assessment.status != S.SUBMITTED:
        raise ActionRefused(_("Chỉ chấm điểm thẩm định khi bản đánh giá đang chờ thẩm định."))
    framework = scoring.framework_for(assessment)
    if not framework.has_item(item_id):
        raise ActionRefused(_("Mục «%(item)s» không có trong bộ chỉ số.") % {"item": item_id[:40]})
    review = dict(assessment.review_awards)
    before = review.get(item_id)
    if points in (None, ""):
        review.pop(item_id, None)
    else:
        review[item_id] = {"points": str(points).strip().replace(",", "."), "reason": reason}
    try:
        facts, review_awards = scoring.review_inputs(
            framework, Assessment(facts=assessment.facts, review_awards=review)
        )
        card = rubric.score(framework, facts, {**assessment.awards, **review_awards})
    except rubric.InvalidInput as exc:
        raise ActionRefused("; ".join(f"{w}: {p}" for w, p in exc.problems)) from None
    own = scoring.scorecard(assessment).item(item_id).awarded
    new = card.item(item_id).awarded
    if item_id in review and not reason and own is not None and new is not None and new < own:
        raise ActionRefused(
            _(
                "Mục %(item)s: điểm thẩm định %(new)s thấp hơn điểm tự đánh giá %(own)s, "
                "hãy ghi lý do để cơ sở biết vì sao bị trừ điểm."
            )
            % {"item": item_id, "new": wording.number(new), "own": wording.number(own)}
        )
    return _store_review(
        assessment, review, by=by, verb="assessment.review_score", key=item_id, before=before
    )


@transaction.atomic
def dispute_condition(
    assessment: Assessment, *, by: Any, criterion_id: str, disputed: bool, reason: str = ""
) -> Assessment:
    """The office holds a mandatory condition unmet (with a reason) though the school says it is
    met, or withdraws that; the recognised result follows the office's view."""
    _require(by, "review", assessment)
    reason = _bounded(reason, _("Lý do"))
    framework = scoring.framework_for(assessment)
    if not (
        framework.has_criterion(criterion_id) and framework.criterion(criterion_id).is_mandatory
    ):
        raise ActionRefused(
            _("«%(id)s» không phải điều kiện bắt buộc của bộ chỉ số.") % {"id": criterion_id[:40]}
        )
    if disputed and not reason:
        raise ActionRefused(
            _("Điều kiện %(id)s: hãy ghi lý do không công nhận để cơ sở biết cần bổ sung gì.")
            % {"id": criterion_id}
        )
    assessment = _lock(assessment)
    if assessment.status != S.SUBMITTED:
        raise ActionRefused(_("Chỉ thẩm định khi bản đánh giá đang chờ thẩm định."))
    review = dict(assessment.review_awards)
    before = review.get(criterion_id)
    if disputed:
        review[criterion_id] = {"met": False, "reason": reason}
    else:
        review.pop(criterion_id, None)
    if before == review.get(criterion_id):
        return assessment
    return _store_review(
        assessment, review, by=by, verb="assessment.dispute", key=criterion_id, before=before
    )


def _store_review(
    assessment: Assessment, review: dict, *, by: Any, verb: str, key: str, before: Any
) -> Assessment:
    """Keep the office's review of one item or condition, and audit the change."""
    assessment.review_awards = review
    assessment.version += 1
    assessment.save(update_fields=["review_awards", "version", "updated_at"])
    record(by, verb, assessment, before={key: before}, after={key: review.get(key)})
    return assessment


@transaction.atomic
def assign_criteria(
    assessment: Assessment, *, by: Any, assignees: Mapping[str, int | None]
) -> Assessment:
    """The head shares the criteria among the council: criterion id → member (None: nobody)."""
    _require(by, "assign", assessment)
    framework = scoring.framework_for(assessment)
    people = {u.pk for u in council.members(assessment)}
    unknown = [c for c in assignees if not framework.has_criterion(c)]
    if unknown:
        raise ActionRefused(
            _("Tiêu chí «%(id)s» không có trong bộ chỉ số.") % {"id": unknown[0][:40]}
        )
    strangers = [c for c, who in assignees.items() if who is not None and who not in people]
    if strangers:
        raise ActionRefused(
            _("Tiêu chí %(id)s: người được giao không thuộc đơn vị này.") % {"id": strangers[0]}
        )
    assessment = _lock(assessment)
    new = dict(assessment.assignees or {})
    for criterion_id, who in assignees.items():
        if who is None:
            new.pop(criterion_id, None)
        else:
            new[criterion_id] = who
    before, after = audit.changes(assessment.assignees or {}, new)
    if not after and not before:
        return assessment
    assessment.assignees = new
    assessment.save(update_fields=["assignees", "updated_at"])
    names = {u.pk: council.name(u) for u in council.members(assessment)}
    record(
        by,
        "assessment.assign",
        assessment,
        before={k: names.get(v, "") if v else None for k, v in before.items()},
        after={k: names.get(v, "") if v else None for k, v in after.items()},
    )
    return assessment


@transaction.atomic
def add_comment(assessment: Assessment, *, by: Any, text: str, item_id: str = "") -> ItemComment:
    _require(by, "comment", assessment)
    text = _bounded(text, _("Nhận xét"))
    if not text:
        raise ActionRefused(_("Nhận xét trống."))
    _require_items(assessment, [item_id])
    comment = ItemComment.objects.create(
        assessment=assessment, author=by, item_id=item_id, text=text.strip()
    )
    record(by, "assessment.comment", assessment, after={"item": item_id, "text": text.strip()})
    return comment


@transaction.atomic
def remind(assessment: Assessment, *, by: Any, text: str = "") -> str:
    """An office that follows the unit (reviewing it or not) reminds it to finish and submit:
    a note the unit sees on its form, kept in the history (the audit trail is its record)."""
    _require(by, "remind", assessment)
    text = _bounded(text, _("Lời nhắc"))
    if assessment.status not in (S.DRAFT, S.RETURNED):
        raise ActionRefused(_("Chỉ nhắc được đơn vị chưa nộp bản đánh giá."))
    deadline = assessment.campaign.submit_by
    default = _("Đề nghị đơn vị hoàn thành và nộp bản đánh giá")
    if deadline:
        default += " " + _("trước ngày %(date)s") % {"date": deadline.strftime("%d/%m/%Y")}
    note = _("Nhắc nhở: %(text)s") % {"text": text.strip() or f"{default}."}
    record(by, "assessment.remind", assessment, after={"text": note})
    return note


@transaction.atomic
def recognise(assessment: Assessment, *, by: Any) -> Assessment:
    """The office head recognises the level (with the office's own scores where it set them)."""
    _require(by, "recognise", assessment)
    assessment = _lock(assessment)
    _move(assessment, S.RECOGNISED, by, verb="assessment.recognise")
    assessment.recognised_at = timezone.now()
    assessment.version += 1
    fields = _rescore(assessment)
    assessment.save(update_fields=["status", "recognised_at", "version", "updated_at", *fields])
    _snapshot(assessment, by)
    return assessment


@transaction.atomic
def publish(assessment: Assessment, *, by: Any) -> Assessment:
    """Make the recognised level public."""
    _require(by, "publish", assessment)
    assessment = _lock(assessment)
    _move(assessment, S.PUBLISHED, by, verb="assessment.publish")
    assessment.published_at = timezone.now()
    assessment.version += 1
    assessment.save(update_fields=["status", "published_at", "version", "updated_at"])
    return assessment


@transaction.atomic
def reopen(assessment: Assessment, *, by: Any, reason: str) -> Assessment:
    """The office head reopens a recognised or published result, with a reason, for the school to edit."""
    _require(by, "reopen", assessment)
    reason = _bounded(reason, _("Lý do mở lại"))
    if not reason:
        raise ActionRefused(_("Phải ghi lý do mở lại kết quả đã công nhận."))
    assessment = _lock(assessment)
    if assessment.status not in (S.RECOGNISED, S.PUBLISHED):
        raise ActionRefused(_("Chỉ mở lại được kết quả đã công nhận hoặc đã công bố."))
    _move(assessment, S.RETURNED, by, note=reason, verb="assessment.reopen")
    assessment.reopen_reason = reason
    assessment.return_reason = reason
    assessment.recognised_at = assessment.published_at = None
    assessment.version += 1
    fields = _rescore(assessment)
    assessment.save(
        update_fields=[
            "status",
            "reopen_reason",
            "return_reason",
            "recognised_at",
            "published_at",
            "version",
            "updated_at",
            *fields,
        ]
    )
    ItemComment.objects.create(assessment=assessment, author=by, text=reason, is_return_reason=True)
    return assessment


# The workflow's verbs, as the review screen and the API name them: one dispatch for both.
VERBS = ("submit", "return", "recognise", "publish", "reopen")


def transition(
    assessment: Assessment,
    verb: str,
    *,
    by: Any,
    reason: str = "",
    item_comments: Mapping[str, str] | None = None,
    flagged: Iterable[str] = (),
) -> Assessment:
    """Move the assessment by one of VERBS (a reason where the verb takes one)."""
    if verb == "submit":
        return submit(assessment, by=by)
    if verb == "return":
        return return_for_supplement(
            assessment, by=by, reason=reason, item_comments=item_comments, flagged=flagged
        )
    if verb == "recognise":
        return recognise(assessment, by=by)
    if verb == "publish":
        return publish(assessment, by=by)
    if verb == "reopen":
        return reopen(assessment, by=by, reason=reason)
    raise ActionRefused(_("Thao tác không hợp lệ."))


BULK_VERBS = {"recognise": recognise, "publish": publish}


def bulk_check(assessment: Assessment, verb: str, *, by: Any) -> str:
    """Why `by` cannot `verb` this assessment now ("" when they can): the confirmation's words."""
    if not policy.can(by, verb, assessment):
        if policy.submitted_it(by, assessment):
            return _("bạn đã nộp kết quả này nên không được %(verb)s") % {
                "verb": _("công nhận") if verb == "recognise" else _("công bố")
            }
        return _("bạn không có quyền")
    new = S.RECOGNISED if verb == "recognise" else S.PUBLISHED
    if not transitions.allowed(assessment.status, new):
        return _("đang ở trạng thái «%(status)s»") % {
            "status": Assessment.Status(assessment.status).label
        }
    return ""


def decide_many(
    assessments: Iterable[Assessment], verb: str, *, by: Any
) -> tuple[list[Assessment], list[tuple[Assessment, str]]]:
    """Recognise or publish several units, each in its own transaction: those done, and those
    refused with the reason (separation of duties and the workflow hold for each)."""
    done, refused = [], []
    for assessment in assessments:
        try:
            done.append(BULK_VERBS[verb](assessment, by=by))
        except ActionRefused as exc:
            refused.append((assessment, str(exc)))
    return done, refused


def deadline_problems(submit_by: Any, review_by: Any, publish_by: Any) -> list[str]:
    """What is wrong with the order of three deadlines (any of them may be missing)."""
    problems = []
    if submit_by and review_by and review_by < submit_by:
        problems.append(_("Hạn thẩm định phải sau hạn nộp"))
    if review_by and publish_by and publish_by < review_by:
        problems.append(_("Hạn công bố phải sau hạn thẩm định"))
    return problems


@transaction.atomic
def set_deadlines(
    campaign: Any, office: Any, *, by: Any, submit_by: Any, review_by: Any, publish_by: Any
) -> Any:
    """An office head sets the deadlines of a campaign for the office's subtree."""
    if not any(f"{policy.Role.OFFICE_HEAD}:own" == r for r in policy.roles_for(by, office)):
        raise ActionRefused(_("Chỉ lãnh đạo đơn vị được đặt hạn cho các đơn vị trực thuộc."))
    problems = deadline_problems(submit_by, review_by, publish_by)
    if problems:
        raise ActionRefused("; ".join(problems) + ".")
    deadline, _created = Deadline.objects.get_or_create(campaign=campaign, unit=office)
    before = {
        "submit_by": str(deadline.submit_by or ""),
        "review_by": str(deadline.review_by or ""),
        "publish_by": str(deadline.publish_by or ""),
    }
    deadline.submit_by, deadline.review_by, deadline.publish_by = submit_by, review_by, publish_by
    deadline.save(update_fields=["submit_by", "review_by", "publish_by"])
    record(
        by,
        "campaign.deadlines",
        office,
        before=before,
        after={
            "submit_by": str(submit_by or ""),
            "review_by": str(review_by or ""),
            "publish_by": str(publish_by or ""),
        },
        note=str(campaign),
    )
    return deadline
