"""Assessment screens: the form by criterion (live score), submission, review, history."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chiso.assessments import (
    actions,
    attachments,
    council,
    fragments,
    lateness,
    presentation,
    rollups,
    scoring,
)
from chiso.assessments import history as history_words
from chiso.assessments.access import get_assessment_for_user
from chiso.assessments.forms import council_data, impossible_answers, parse_criterion_post
from chiso.assessments.models import REPORT_SECTIONS, Assessment
from chiso.audit.models import AuditEntry
from chiso.frameworks import registry
from chiso.lib import pages
from chiso.lib.ids import parse_id
from chiso.rubric import wording
from chiso.units import policy


def _context(
    request: HttpRequest, assessment: Assessment, *, only: str | None = None, review: bool = False
) -> dict[str, Any]:
    card = scoring.scorecard(assessment)
    shown = review or presentation.review_visible(assessment)
    review_card = scoring.scorecard(assessment, review=True) if shown else None
    found = attachments.attached(assessment)
    evidence, comments = found.evidence, found.comments
    framework = scoring.framework_for(assessment)
    computations = rollups.compute(assessment) if framework.rollups else {}
    groups = presentation.criterion_blocks(
        assessment,
        card,
        evidence=evidence,
        comments=comments,
        review_card=review_card,
        only=only,
        computations=computations,
    )
    user = request.user
    can_edit = assessment.is_editable and policy.can(user, "edit", assessment)
    written = assessment.narrative or {}
    start = (
        _last_years_narrative(assessment, found)
        if can_edit and not written and only is None
        else {}
    )
    context = {
        "framework_applies": presentation.framework_applies(framework, assessment.unit),
        "framework_mark": _local_mark(assessment),
        "rollups_differ": rollups.differs(assessment, computations) if computations else [],
        "assessment": assessment,
        "card": card,
        "review_card": review_card,
        "review_word": presentation.review_word(assessment),
        "groups": groups,
        "framework": framework,
        "can_edit": can_edit,
        "can_submit": assessment.is_editable and policy.can(user, "submit", assessment),
        "can_review": policy.can(user, "review", assessment),
        "can_lead": policy.can(user, "recognise", assessment),
        "return_comments": [c for c in comments if c.is_return_reason and not c.resolved],
        "reminders": found.reminders,  # the latest an office sent, newest first
        "evidence_count": len(evidence),
        "narrative": [
            (key, label, written.get(key, "") or start.get(key, ""))
            for key, label in REPORT_SECTIONS
        ],
        "narrative_from_last_year": bool(start),
        **_completeness(framework, card, {e.target_id for e in evidence}),
    }
    return context


def _last_years_narrative(assessment: Assessment, found: attachments.Attached) -> dict[str, str]:
    """Last year's report text, its school year moved on, offered as the start of this year's."""
    previous = found.last_narrative
    if previous is None or not previous[0]:
        return {}
    (narrative, old), new = previous, assessment.campaign.school_year
    return {key: str(text).replace(old, new) for key, text in narrative.items() if text}


def _local_mark(assessment: Assessment) -> Any:
    """The version's description when it is a local adaptation (marked on every screen)."""
    campaign = assessment.campaign
    info = registry.describe(campaign.framework_id, campaign.framework_version)
    return info if info.is_local else None


def _completeness(framework: Any, card: Any, targets: Collection[str]) -> dict[str, int]:
    """How many criteria have evidence (`targets`: what the evidence is attached to), and how
    many mandatory conditions are met."""
    criteria = framework.all_criteria
    covered = sum(1 for c in criteria if c.id in targets or any(i.id in targets for i in c.items))
    mandatory = [c for g in card.groups for c in g.criteria if c.kind == "mandatory"]
    return {
        "criteria_with_evidence": covered,
        "criteria_total": len(criteria),
        "mandatory_met": sum(1 for c in mandatory if c.met),
        "mandatory_total": len(mandatory),
    }


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk)
    if not policy.can(request.user, "edit", assessment) and policy.can(
        request.user, "review", assessment
    ):
        return redirect("assessments:review", pk=pk)
    context = _context(request, assessment)
    blocks = [b for _, _, group_blocks in context["groups"] for b in group_blocks]
    notice = request.session.pop(presentation.EVIDENCE_NOTICE, None)
    presentation.place_evidence_notice(notice, assessment.pk, blocks)
    _sections(request, context)
    context["body"] = fragments.render_form_body(request, context)
    context.update(following(request.user, assessment))
    context["mine"] = [
        (b.id, b.title)
        for _g, _r, blocks in context["groups"]
        for b in blocks
        if (assessment.assignees or {}).get(b.id) == request.user.pk
    ]
    return render(request, "assessments/detail.html", context)


def _sections(request: HttpRequest, context: dict[str, Any]) -> None:
    blocks = [b for _, _, group_blocks in context["groups"] for b in group_blocks]
    fragments.render_sections(request, context["assessment"], blocks, can_edit=context["can_edit"])


@login_required
@require_POST
def save_criterion(request: HttpRequest, pk: int, criterion_id: str) -> HttpResponse:
    """Save one criterion's facts and points; answer with the re-scored criterion (htmx) or redirect."""
    assessment = get_assessment_for_user(request.user, pk, action="edit")
    framework = scoring.framework_for(assessment)
    if not framework.has_criterion(criterion_id):
        return HttpResponse(status=404)
    criterion = framework.criterion(criterion_id)
    facts, awards = parse_criterion_post(framework, criterion, request.POST)
    error, stale = (
        " ".join(impossible_answers(framework, criterion, facts, assessment.facts)),
        False,
    )
    giving_way: dict[str, Any] = {}
    try:
        # The form sends its criterion's version; a client of the whole assessment's
        # version (scripts, the load generator) is checked against that instead.
        if not error:  # an impossible answer is refused before saving, its reason shown
            if "criterion_version" in request.POST or "version" not in request.POST:
                held = {criterion_id: int(request.POST.get("criterion_version") or "")}
                whole = None
            else:
                held, whole = None, int(request.POST["version"])
            giving_way = actions.whole_awards_giving_way(
                framework, assessment, facts, awards, held or [criterion_id]
            )
            assessment = actions.save_answers(
                assessment,
                facts=facts,
                awards=awards,
                expected_version=whole,
                criteria=held,
                by=request.user,
            )
    except ValueError:
        error = _("Thiếu số phiên bản của tiêu chí; hãy tải lại trang.")
    except actions.StaleCriterion as exc:
        error, stale = str(exc), True
        assessment = exc.current
    except actions.ActionRefused as exc:
        error = str(exc)
        assessment.refresh_from_db()
    notice = "" if error else gave_way_text(giving_way)
    if not request.headers.get("HX-Request"):
        if error:
            messages.error(request, error)
        elif notice:
            messages.info(request, notice)
        return redirect(f"{assessment.get_absolute_url()}#tc-{criterion_id}")
    return HttpResponse(
        _saved_answer(request, assessment, criterion_id, error, stale=stale, notice=notice)
    )


def gave_way_text(giving_way: dict[str, Any]) -> str:
    """What a save says when points held for a whole criterion gave way to its answers."""
    return " ".join(
        _(
            "Đã bỏ %(points)s điểm cho cả tiêu chí %(id)s (lấy từ báo cáo cũ) vì bạn vừa nhập câu "
            "trả lời: tiêu chí nay được chấm theo từng mục. Điểm cũ vẫn ghi trong Lịch sử."
        )
        % {"points": _points_text(points), "id": cid}
        for cid, points in giving_way.items()
    )


def _points_text(points: Any) -> str:
    try:
        return wording.number(float(str(points).replace(",", ".")))
    except ValueError:
        return str(points)


def _saved_answer(
    request: HttpRequest,
    assessment: Assessment,
    criterion_id: str,
    error: str,
    *,
    stale: bool,
    notice: str = "",
) -> str:
    """The answer to a save: the criterion's scored part (its evidence did not change), the
    summary and the groups' explanations; a fragment, so no page context is needed. A refused
    stale save redraws the criterion with the stored values and who saved them (`stale`)."""
    card = scoring.scorecard(assessment)
    # The answer shows no evidence (the section's evidence part did not change): what it is
    # attached to, for the summary's count, and the comments are all it reads.
    targets, comments = attachments.targets_and_comments(assessment)
    framework = scoring.framework_for(assessment)
    computations = rollups.compute(assessment) if framework.rollups else {}
    review_card = (
        scoring.scorecard(assessment, review=True)
        if presentation.review_visible(assessment)
        else None
    )
    groups = presentation.criterion_blocks(
        assessment, card, comments=comments, only=criterion_id,
        computations=computations, review_card=review_card,
    )  # fmt: skip
    block = next(b for _, _, blocks in groups for b in blocks)
    can_edit = assessment.is_editable and policy.can(request.user, "edit", assessment)
    context = {
        "assessment": assessment,
        "card": card,
        "review_card": review_card,
        "review_word": presentation.review_word(assessment),
        "block": block,
        "error": error,
        "stale": stale,
        "notice": notice,
        "can_edit": can_edit,
        "csrf_token": pages.csrf_token(request),
        # The saved criterion's part as the next page view shows it, kept for that view (an
        # answer with a message of its own is rendered for itself).
        "scored_html": ""
        if error or stale or notice
        else fragments.render_scored(request, assessment, block, can_edit=can_edit),
        **_completeness(framework, card, targets),
    }
    return render_to_string("assessments/_criterion_response.html", context)


@login_required
@require_POST
def refresh_rollups(request: HttpRequest, pk: int) -> HttpResponse:
    """An office takes the current figures of the institutions below it into its draft."""
    assessment = get_assessment_for_user(request.user, pk, action="edit")
    try:
        actions.refresh_rollups(assessment, by=request.user)
        messages.success(request, gettext("Đã cập nhật số liệu tổng hợp từ kết quả của các cơ sở."))
    except actions.ActionRefused as exc:
        messages.error(request, str(exc))
    return redirect(assessment.get_absolute_url())


@login_required
@require_POST
def save_council(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_assessment_for_user(request.user, pk, action="edit")
    data, problems = council_data(request.POST)
    if problems:
        for problem in problems:
            messages.error(request, problem)
        return redirect(f"{assessment.get_absolute_url()}#hoi-dong")
    try:
        actions.save_council(
            assessment,
            data=data,
            expected_version=int(request.POST.get("version", "0")),
            by=request.user,
        )
        messages.success(
            request, gettext("Đã lưu thông tin hội đồng, phê duyệt và nội dung báo cáo.")
        )
    except (actions.ActionRefused, ValueError) as exc:
        messages.error(request, str(exc))
    return redirect(f"{assessment.get_absolute_url()}#hoi-dong")


@login_required
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    """The checklist before submission, and the submission itself."""
    assessment = get_assessment_for_user(request.user, pk, action="view")
    check = actions.submission_check(assessment)
    if request.method == "POST":
        try:
            actions.submit(assessment, by=request.user)
        except actions.ActionRefused as exc:
            messages.error(request, str(exc))
            return redirect("assessments:submit", pk=pk)
        messages.success(request, gettext("Đã nộp bản đánh giá lên cơ quan quản lý."))
        return redirect(assessment.get_absolute_url())
    context = _context(request, assessment)
    context["check"] = check
    context["late"] = lateness.late_text(assessment)
    context["deadline"] = lateness.deadline(assessment)
    context["return_notes"] = presentation.return_notes(
        context["framework"], context["return_comments"]
    )
    return render(request, "assessments/submit.html", context)


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """The office's screen: self vs reviewer score per item, evidence inline, comments, decisions;
    for the unit itself, the same page read-only (what the office decided, and why)."""
    assessment = get_assessment_for_user(request.user, pk, action="view")
    reviewer = policy.can(request.user, "review", assessment)
    if request.method == "POST":
        if not reviewer:
            raise Http404
        if request.headers.get("HX-Request"):
            return _review_fragment(request, assessment)
        if request.POST.get("action") == "return":
            return _review_return(request, assessment)
        _review_action(request, assessment)
        return redirect("assessments:review", pk=pk)
    if not reviewer and assessment.status in (Assessment.Status.DRAFT, Assessment.Status.SUBMITTED):
        # The office's work in progress stays the office's until it decides.
        messages.info(
            request, _("Cơ quan quản lý chưa có kết luận thẩm định cho bản đánh giá này.")
        )
        return redirect(assessment.get_absolute_url())
    return _review_page(request, assessment)


def _review_page(
    request: HttpRequest, assessment: Assessment, refused: actions.ActionRefused | None = None
) -> HttpResponse:
    """The review screen; after a refused return, with what was typed and the reason beside
    the form and beside each item that lacks one."""
    context = _context(request, assessment, review=True)
    context["late"] = lateness.late_text(assessment)
    context.update(following(request.user, assessment))
    post = request.POST if refused is not None else None
    _keep_return_typing(context, assessment, post, set(getattr(refused, "missing", [])))
    context["return_error"] = str(refused) if refused is not None else ""
    context["typed_reason"] = post.get("reason", "") if post is not None else ""
    return render(request, "assessments/review.html", context)


def _keep_return_typing(
    context: dict[str, Any], assessment: Assessment, post: Any, missing: set[str]
) -> None:
    """What the reviewer typed for the return (notes, ticks) shown again on the criteria and
    the return form's rows, which list the items the review sends back as it stands now."""
    notes = {k.removeprefix("note_"): v for k, v in (post or {}).items() if k.startswith("note_")}
    flags = set(post.getlist("flag")) if post is not None else set()
    blocks = [b for _, _, group_blocks in context["groups"] for b in group_blocks]
    for block in blocks:
        block.return_note = notes.get(block.id, "")
        block.return_flag = block.id in flags
        block.return_missing = block.id in missing
    if assessment.status == Assessment.Status.SUBMITTED and context["can_review"]:
        context["return_rows"] = _return_rows(assessment, notes, missing)


def _return_rows(
    assessment: Assessment, notes: dict[str, str], missing: set[str]
) -> list[dict[str, Any]]:
    """The items the review sends back by itself (scored lower, a condition not recognised),
    each with the reason that goes to the school: the reviewer's own unless changed here."""
    flags = actions.review_flags(assessment)
    if not flags:
        return []
    framework = scoring.framework_for(assessment)
    own = scoring.scorecard(assessment, framework=framework)
    rows = []
    for key, why in flags.items():
        if framework.has_item(key):
            title = framework.item(key).title
            what = _("Tự chấm %(own)s → thẩm định %(review)s") % {
                "own": presentation.number(own.item(key).awarded),
                "review": _points_text(assessment.review_awards[key]["points"]),
            }
        else:
            title, what = framework.criterion(key).title, _("Không công nhận điều kiện")
        rows.append(
            {
                "id": key,
                "title": title,
                "what": what,
                "note": notes.get(key, why),
                "missing": key in missing,
            }
        )
    return rows


def _review_return(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    """Send the assessment back; refused, the page comes back with what was typed and why."""
    post = request.POST
    notes = {k.removeprefix("note_"): v for k, v in post.items() if k.startswith("note_")}
    try:
        actions.transition(
            assessment,
            "return",
            by=request.user,
            reason=post.get("reason", ""),
            item_comments=notes,
            flagged=post.getlist("flag"),
        )
    except actions.ActionRefused as exc:
        assessment.refresh_from_db()
        return _review_page(request, assessment, refused=exc)
    messages.success(request, DONE["return"])
    return redirect("assessments:review", pk=assessment.pk)


def _review_fragment(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    """One scoring, dispute or comment of the review screen, answered with its criterion's
    section re-rendered in place and the totals beside it (htmx: no reload, no jump)."""
    framework = scoring.framework_for(assessment)
    target = request.POST.get("item_id") or request.POST.get("criterion_id") or ""
    criterion_id = target if framework.has_criterion(target) else ".".join(target.split(".")[:2])
    if not framework.has_criterion(criterion_id):
        return HttpResponse(_("Mục không có trong bộ chỉ số."), status=400)
    error = ""
    try:
        _review_change(request, assessment)
    except actions.ActionRefused as exc:
        error = str(exc)
    assessment.refresh_from_db()
    context = _context(request, assessment, review=True, only=criterion_id)
    block = context["block"] = next(b for _, _, blocks in context["groups"] for b in blocks)
    _keep_return_typing(context, assessment, request.POST, set())
    item = next((i for i in block.items if i.id == target), None)
    if request.POST.get("action") == "score" and item is not None:
        # Only the row is swapped: what the reviewer is typing in the other rows stays.
        if error:  # what was typed stays, beside the reason it was refused
            item.review_points = request.POST.get("points", "")
            item.review_reason = request.POST.get("reason", "")
        html = render_to_string(
            "assessments/_review_item.html",
            {**context, "item": item, "item_error": error},
            request=request,
        )
        html += render_to_string("assessments/_review_score.html", {**context, "oob": True})
    else:
        context["error"] = error
        html = render_to_string("assessments/_review_criterion.html", context, request=request)
    html += render_to_string(
        "assessments/_review_totals.html", {**context, "oob": True}, request=request
    )
    if "return_rows" in context:
        html += render_to_string(
            "assessments/_return_items.html", {**context, "oob": True}, request=request
        )
    return HttpResponse(html)


def _review_change(request: HttpRequest, assessment: Assessment) -> None:
    """A reviewer's change that stays on the page: an item's score, a dispute, a comment."""
    verb, post = request.POST.get("action", ""), request.POST
    if verb == "score":
        actions.set_review_score(
            assessment,
            by=request.user,
            item_id=post.get("item_id", ""),
            points=post.get("points", ""),
            reason=post.get("reason", ""),
        )
    elif verb == "dispute":
        actions.dispute_condition(
            assessment,
            by=request.user,
            criterion_id=post.get("criterion_id", ""),
            disputed=bool(post.get("disputed")),
            reason=post.get("reason", ""),
        )
    elif verb == "comment":
        actions.add_comment(
            assessment, by=request.user, text=post.get("text", ""), item_id=post.get("item_id", "")
        )
    else:
        raise actions.ActionRefused(_("Thao tác không hợp lệ."))


DONE = {
    "score": gettext_lazy("Đã lưu điểm thẩm định."),
    "dispute": gettext_lazy("Đã lưu ý kiến về điều kiện bắt buộc."),
    "comment": gettext_lazy("Đã gửi nhận xét."),
    "return": gettext_lazy("Đã trả lại để cơ sở bổ sung."),
    "recognise": gettext_lazy("Đã công nhận kết quả."),
    "publish": gettext_lazy("Đã công bố kết quả."),
    "reopen": gettext_lazy("Đã mở lại kết quả."),
}
IN_PLACE = ("score", "dispute", "comment")


def _review_action(request: HttpRequest, assessment: Assessment) -> None:
    verb, post = request.POST.get("action", ""), request.POST
    try:
        if verb in IN_PLACE:
            _review_change(request, assessment)
        elif verb in DONE:
            notes = {k.removeprefix("note_"): v for k, v in post.items() if k.startswith("note_")}
            actions.transition(
                assessment,
                verb,
                by=request.user,
                reason=post.get("reason", ""),
                item_comments=notes,
            )
        else:
            messages.error(request, _("Thao tác không hợp lệ."))
            return
        messages.success(request, DONE[verb])
    except actions.ActionRefused as exc:
        messages.error(request, str(exc))


@login_required
@require_POST
def remind(request: HttpRequest, pk: int) -> HttpResponse:
    """An office that follows the unit reminds it to finish and submit."""
    assessment = get_assessment_for_user(request.user, pk, action="remind")
    try:
        actions.remind(assessment, by=request.user, text=request.POST.get("text", ""))
        messages.success(request, _("Đã gửi lời nhắc tới đơn vị."))
    except actions.ActionRefused as exc:
        messages.error(request, str(exc))
    return redirect("assessments:detail", pk=pk)


def following(user: Any, assessment: Assessment) -> dict[str, Any]:
    """Who reviews and recognises the assessment, and whether the user may remind the unit."""
    reviewer, recogniser = policy.reviewing_bodies(assessment)
    return {
        "reviewer": reviewer,
        "recogniser": recogniser,
        "can_remind": assessment.is_editable and policy.can(user, "remind", assessment),
    }


@login_required
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    """The council's shares of the work: the head assigns criteria; everyone sees the progress
    by member and by criterion, their own criteria first."""
    assessment = get_assessment_for_user(request.user, pk)
    can_assign = policy.can(request.user, "assign", assessment)
    if request.method == "POST":
        if not can_assign:
            raise Http404
        chosen = {
            key.removeprefix("giao_"): parse_id(value)
            for key, value in request.POST.items()
            if key.startswith("giao_")
        }
        try:
            actions.assign_criteria(assessment, by=request.user, assignees=chosen)
            messages.success(request, _("Đã lưu phân công."))
        except actions.ActionRefused as exc:
            messages.error(request, str(exc))
        return redirect("assessments:assign", pk=pk)
    framework = scoring.framework_for(assessment)
    evidence, _comments = attachments.evidence_and_comments(assessment)
    people = council.members(assessment)
    criteria, by_member = council.progress(
        assessment,
        framework,
        scoring.scorecard(assessment),
        {e.target_id for e in evidence},
        people,
        viewer=request.user,
    )
    context = {
        "assessment": assessment,
        "criteria": criteria,
        "by_member": by_member,
        "people": people,
        "can_assign": can_assign and assessment.is_editable,
    }
    return render(request, "assessments/assign.html", context)


@login_required
def history(request: HttpRequest, pk: int) -> HttpResponse:
    """Every change and transition in words, and the last two submissions side by side."""
    assessment = get_assessment_for_user(request.user, pk)
    framework = scoring.framework_for(assessment)
    rows = AuditEntry.objects.filter(
        target_type="assessments.assessment", target_id=assessment.pk
    ).select_related("actor")
    snapshots = list(assessment.snapshots.select_related("created_by"))
    submitted = [s for s in snapshots if s.status == Assessment.Status.SUBMITTED]
    pair = submitted[-2:] if len(submitted) >= 2 else snapshots[-2:]
    context = {
        "assessment": assessment,
        "entries": history_words.entries(framework, rows),
        "snapshots": history_words.snapshot_lines(snapshots),
        "compare": history_words.compare(framework, *pair) if len(pair) == 2 else [],
        "pair": [history_words.snapshot_lines([s])[0] for s in pair],
    }
    return render(request, "assessments/history.html", context)
