"""Assessment screens: the form by criterion (live score), submission, review, history."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chiso.assessments import actions, attachments, fragments, presentation, rollups, scoring
from chiso.assessments.access import get_assessment_for_user
from chiso.assessments.forms import council_data, parse_criterion_post
from chiso.assessments.models import REPORT_SECTIONS, Assessment
from chiso.audit.models import AuditEntry
from chiso.evidence.models import Evidence
from chiso.frameworks import registry
from chiso.units import policy


def _context(
    request: HttpRequest, assessment: Assessment, *, only: str | None = None, review: bool = False
) -> dict[str, Any]:
    card = scoring.scorecard(assessment)
    review_card = scoring.scorecard(assessment, review=True) if review else None
    evidence, comments = attachments.evidence_and_comments(assessment)
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
    context = {
        "framework_applies": presentation.framework_applies(framework, assessment.unit),
        "framework_mark": _local_mark(assessment),
        "rollups_differ": rollups.differs(assessment, computations) if computations else [],
        "assessment": assessment,
        "card": card,
        "review_card": review_card,
        "groups": groups,
        "framework": framework,
        "can_edit": assessment.is_editable and policy.can(user, "edit", assessment),
        "can_submit": assessment.is_editable and policy.can(user, "submit", assessment),
        "can_review": policy.can(user, "review", assessment),
        "can_lead": policy.can(user, "recognise", assessment),
        "return_comments": [c for c in comments if c.is_return_reason and not c.resolved],
        "evidence_count": len(evidence),
        "narrative": [
            (key, label, (assessment.narrative or {}).get(key, ""))
            for key, label in REPORT_SECTIONS
        ],
        **_completeness(framework, card, evidence),
    }
    return context


def _local_mark(assessment: Assessment) -> Any:
    """The version's description when it is a local adaptation (marked on every screen)."""
    campaign = assessment.campaign
    info = registry.describe(campaign.framework_id, campaign.framework_version)
    return info if info.is_local else None


def _completeness(framework: Any, card: Any, evidence: list[Evidence]) -> dict[str, int]:
    """How many criteria have evidence, and how many mandatory conditions are met."""
    targets = {e.target_id for e in evidence}
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
    _sections(request, context)
    context["body"] = fragments.render_form_body(request, context)
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
    facts, awards = parse_criterion_post(framework, framework.criterion(criterion_id), request.POST)
    error = ""
    try:
        expected = int(request.POST.get("version") or request.POST.get("version_form") or "")
        assessment = actions.save_answers(
            assessment, facts=facts, awards=awards, expected_version=expected, by=request.user
        )
    except ValueError:
        error = gettext("Thiếu số phiên bản của bản đánh giá; hãy tải lại trang.")
    except actions.ActionRefused as exc:
        error = str(exc)
        assessment.refresh_from_db()
    if not request.headers.get("HX-Request"):
        if error:
            messages.error(request, error)
        return redirect(f"{assessment.get_absolute_url()}#tc-{criterion_id}")
    return HttpResponse(_saved_answer(request, assessment, criterion_id, error))


def _saved_answer(
    request: HttpRequest, assessment: Assessment, criterion_id: str, error: str
) -> str:
    """The answer to a save: the criterion's scored part (its evidence did not change), the
    summary and the groups' explanations; a fragment, so no page context is needed."""
    card = scoring.scorecard(assessment)
    evidence, comments = attachments.evidence_and_comments(assessment)
    framework = scoring.framework_for(assessment)
    computations = rollups.compute(assessment) if framework.rollups else {}
    groups = presentation.criterion_blocks(
        assessment, card, evidence=evidence, comments=comments, only=criterion_id,
        computations=computations,
    )  # fmt: skip
    context = {
        "assessment": assessment,
        "card": card,
        "block": next(b for _, _, blocks in groups for b in blocks),
        "error": error,
        "can_edit": assessment.is_editable and policy.can(request.user, "edit", assessment),
        "csrf_token": get_token(request),
        **_completeness(framework, card, evidence),
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
    return render(request, "assessments/submit.html", context)


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """The office's screen: self vs reviewer score per item, evidence inline, comments, decisions."""
    assessment = get_assessment_for_user(request.user, pk, action="review")
    if request.method == "POST":
        _review_action(request, assessment)
        return redirect("assessments:review", pk=pk)
    return render(request, "assessments/review.html", _context(request, assessment, review=True))


DONE = {
    "return": gettext_lazy("Đã trả lại để cơ sở bổ sung."),
    "recognise": gettext_lazy("Đã công nhận kết quả."),
    "publish": gettext_lazy("Đã công bố kết quả."),
    "reopen": gettext_lazy("Đã mở lại kết quả."),
}


def _review_action(request: HttpRequest, assessment: Assessment) -> None:
    verb, post = request.POST.get("action", ""), request.POST
    try:
        if verb == "score":
            actions.set_review_score(
                assessment,
                by=request.user,
                item_id=post.get("item_id", ""),
                points=post.get("points", ""),
                reason=post.get("reason", ""),
            )
            messages.success(request, _("Đã lưu điểm thẩm định."))
        elif verb == "comment":
            actions.add_comment(
                assessment,
                by=request.user,
                text=post.get("text", ""),
                item_id=post.get("item_id", ""),
            )
        elif verb in DONE:
            notes = {k.removeprefix("note_"): v for k, v in post.items() if k.startswith("note_")}
            actions.transition(
                assessment,
                verb,
                by=request.user,
                reason=post.get("reason", ""),
                item_comments=notes,
            )
            messages.success(request, DONE[verb])
        else:
            messages.error(request, _("Thao tác không hợp lệ."))
    except actions.ActionRefused as exc:
        messages.error(request, str(exc))


@login_required
def history(request: HttpRequest, pk: int) -> HttpResponse:
    """Every change and transition, and the frozen submissions side by side."""
    assessment = get_assessment_for_user(request.user, pk)
    entries = AuditEntry.objects.filter(
        target_type="assessments.assessment", target_id=assessment.pk
    ).select_related("actor")
    snapshots = list(assessment.snapshots.all())
    compare = _compare_snapshots(snapshots[-2:]) if len(snapshots) >= 2 else []
    return render(
        request,
        "assessments/history.html",
        {"assessment": assessment, "entries": entries, "snapshots": snapshots, "compare": compare},
    )


def _compare_snapshots(pair: list[Any]) -> list[dict[str, Any]]:
    """Criterion points of two snapshots, side by side, with what changed."""
    rows = []
    left, right = pair
    lcrit = {c["id"]: c for g in left.content["scorecard"]["groups"] for c in g["criteria"]}
    rcrit = {c["id"]: c for g in right.content["scorecard"]["groups"] for c in g["criteria"]}
    for cid in rcrit:
        a, b = lcrit.get(cid, {}).get("points"), rcrit[cid].get("points")
        rows.append({"id": cid, "left": a, "right": b, "changed": a != b})
    facts = sorted(set(left.content["facts"]) | set(right.content["facts"]))
    for fact in facts:
        a, b = left.content["facts"].get(fact), right.content["facts"].get(fact)
        if a != b:
            rows.append({"id": fact, "left": a, "right": b, "changed": True})
    return rows
