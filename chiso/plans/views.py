"""Plan screens: the path to the next level of an assessment, the plan (targets, tasks, progress,
DOCX), the figures of the yearly report, and the office's effort weights. Thin: services decide."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from chiso.assessments import access, scoring
from chiso.inventory.views import check_year, unit_records
from chiso.lib.ids import parse_id
from chiso.plans import actions
from chiso.plans.actions import SECTION_KEYS
from chiso.plans.docx import render_plan_docx
from chiso.plans.models import SECTIONS, EffortWeights, Task
from chiso.reports.exports import unit_filename
from chiso.units import policy

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
@require_GET
def path(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = access.get_assessment_for_user(request.user, pk)
    view = actions.path_view(assessment)
    return render(
        request,
        "plans/path.html",
        {
            "assessment": assessment,
            "framework": scoring.framework_for(assessment),
            "view": view,
            "can_plan": policy.can_on_unit(request.user, "plan.edit", assessment.unit),
        },
    )


def _task_changes(post: Any) -> dict[int, dict[str, str]]:
    changes: dict[int, dict[str, str]] = {}
    for key in post:
        name, _sep, task_id = key.rpartition("-")
        if name in ("owner", "deadline", "status") and parse_id(task_id):
            changes.setdefault(int(task_id), {})[name] = post.get(key, "")
    return changes


def plan_unit(request: HttpRequest, unit_pk: int, school_year: str) -> tuple[Any, str, bool]:
    """The unit whose plan the user may read (an institution's or an office's own; offices above
    read it), the checked year, and whether the user may write it; a reader's POST is a 404."""
    unit = policy.get_unit_for_action(request.user, unit_pk, "plan.view")
    school_year = check_year(school_year)
    can_edit = policy.can_on_unit(request.user, "plan.edit", unit)
    if request.method == "POST" and not can_edit:
        raise Http404
    return unit, school_year, can_edit


@login_required
def plan(request: HttpRequest, unit_pk: int, school_year: str) -> HttpResponse:
    unit, school_year, can_edit = plan_unit(request, unit_pk, school_year)
    problems: list[str] = []
    if request.method == "POST":
        post, by = request.POST, request.user
        try:
            action = post.get("action", "")
            if action == "propose":
                _plan, added = actions.propose(unit, school_year, by=by)
                messages.success(request, _("Đã thêm %(n)s mục tiêu đề xuất.") % {"n": added})
            elif action == "add_target":
                actions.add_target(unit, school_year, post.get("text", ""), by=by)
            elif action == "add_task":
                actions.add_task(
                    unit,
                    school_year,
                    title=post.get("title", ""),
                    owner=post.get("owner", ""),
                    deadline=post.get("deadline", ""),
                    target_id=post.get("target", ""),
                    by=by,
                )
            elif action == "tasks":
                actions.update_tasks(unit, school_year, _task_changes(post), by=by)
            elif action == "header":
                actions.save_header(
                    unit,
                    school_year,
                    number=post.get("number", ""),
                    issued_on=post.get("issued_on", ""),
                    purpose=post.get("purpose", ""),
                    situation=post.get("situation", ""),
                    sections={key: post.get(key, "") for key in SECTION_KEYS if key in post},
                    by=by,
                )
            else:
                problems = [_("Thao tác không hợp lệ.")]
        except actions.PlanError as exc:
            problems = exc.problems
        if not problems:
            messages.success(request, _("Đã lưu kế hoạch."))
            return redirect("plans:plan", unit.pk, school_year)
    current = actions.plan_for(unit, school_year)
    # A plan not started yet shows what it will start from: last year's text, else S1's words.
    start = actions.starting_text(unit, school_year) if not current.pk and can_edit else {}
    return render(
        request,
        "plans/plan.html",
        {
            "unit": unit,
            "school_year": school_year,
            "plan": current,
            "targets": list(current.targets.all()) if current.pk else [],
            "tasks": _tasks(current, unit, school_year),
            "progress": actions.progress(current),
            "proposals": [
                p
                for p in (actions.proposals(unit, school_year) if can_edit else [])
                if not current.pk or not current.targets.filter(key=p[0]).exists()
            ],
            "statuses": Task.Status.choices,
            "sections": [
                (
                    key,
                    label,
                    (current.sections or {}).get(key, "") if current.pk else start.get(key, ""),
                )
                for key, label in SECTIONS
            ],
            "purpose": current.purpose if current.pk else start.get("purpose", ""),
            "can_edit": can_edit,
            "problems": problems,
        },
        status=400 if problems else 200,
    )


def _tasks(plan: Any, unit: Any, school_year: str) -> list[Any]:
    """The plan's tasks, each with its text as shown (an item's task says what it is worth now)."""
    if not plan.pk:
        return []
    assessment = actions.assessment_of(unit, school_year)
    worth = actions.worth_by_item(assessment) if assessment is not None else {}
    tasks = list(plan.tasks.select_related("target"))
    for task in tasks:
        task.text = actions.task_text(task.title, worth)
    return tasks


@login_required
@require_GET
def plan_docx(request: HttpRequest, unit_pk: int, school_year: str) -> HttpResponse:

    unit, school_year, _can_edit = plan_unit(request, unit_pk, school_year)
    current = actions.plan_for(unit, school_year)
    if not current.pk:
        raise Http404
    assessment = actions.assessment_of(unit, school_year)
    groups: Any = ()
    framework = None
    if assessment is not None:
        groups = actions.path_view(assessment).groups
        framework = scoring.framework_for(assessment)
    response = HttpResponse(
        render_plan_docx(current, path_groups=groups, framework=framework), content_type=DOCX
    )
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=unit_filename("ke-hoach", unit, school_year, "docx")
    )
    return response


@login_required
def figures(request: HttpRequest, unit_pk: int, school_year: str) -> HttpResponse:
    unit, school_year, can_edit = unit_records(request, unit_pk, school_year)
    problems: list[str] = []
    if request.method == "POST":
        try:
            actions.save_figures(unit, school_year, request.POST, by=request.user)
        except actions.PlanError as exc:
            problems = exc.problems
        else:
            messages.success(request, _("Đã lưu số liệu."))
            return redirect("plans:figures", unit.pk, school_year)
    current = actions.figures_for(unit, school_year)
    return render(
        request,
        "plans/figures.html",
        {
            "unit": unit,
            "school_year": school_year,
            "figures": current,
            "training": actions.training_rows(current),
            "cashless": actions.cashless_share(current),
            "cashless_answer": actions.cashless_answer(unit, school_year),
            "timing": actions.REPORT_TIMING,
            "can_edit": can_edit,
            "problems": problems,
            "form": request.POST if problems else None,
        },
        status=400 if problems else 200,
    )


@login_required
def effort(request: HttpRequest, unit_pk: int) -> HttpResponse:
    office = policy.get_unit_for_action(request.user, unit_pk, "catalogue.edit")
    framework_id = "qd4725-2022"
    problems: list[str] = []
    text = ""
    if request.method == "POST":
        text = request.POST.get("weights", "")
        try:
            actions.set_effort_weights(office, text, framework_id=framework_id, by=request.user)
        except actions.PlanError as exc:
            problems = exc.problems
        else:
            messages.success(request, _("Đã lưu trọng số công sức."))
            return redirect("plans:effort", office.pk)
    else:
        row = EffortWeights.objects.filter(unit=office, framework_id=framework_id).first()
        text = "\n".join(f"{k} = {v}" for k, v in (row.weights if row else {}).items())
    return render(
        request,
        "plans/effort.html",
        {"office": office, "text": text, "problems": problems},
        status=400 if problems else 200,
    )


@login_required
@require_GET
def office_figures(request: HttpRequest, unit_pk: int, school_year: str) -> HttpResponse:
    office = policy.get_unit_for_action(request.user, unit_pk, "records.consolidate")
    school_year = check_year(school_year)
    if not office.is_office:
        raise Http404
    rows, total, missing = actions.office_figures(office, school_year)
    return render(
        request,
        "plans/office_figures.html",
        {
            "office": office,
            "school_year": school_year,
            "rows": [r.cells() for r in rows],
            "total": total.cells(),
            "missing": missing,
            "skills": actions.SKILLS,
        },
    )
