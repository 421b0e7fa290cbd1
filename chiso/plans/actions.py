"""Plan services: the path to the next level of an assessment (with the office's effort weights),
targets proposed from the gaps, tasks, progress, and the figures of the yearly report.
Every change is one transactional, audited function."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from chiso import audit
from chiso.assessments import scoring
from chiso.assessments.actions import previous_assessment
from chiso.assessments.models import Assessment
from chiso.audit import record
from chiso.frameworks import registry
from chiso.inventory import actions as inventory_actions
from chiso.plans.models import EffortWeights, Figures, Plan, Target, Task
from chiso.rubric import paths, wording
from chiso.rubric.definitions import Number
from chiso.units import policy
from chiso.units.models import Unit


class PlanError(ValueError):
    """Input that cannot be saved; `problems` says what and where, in Vietnamese."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def _require_edit(by: Any, unit: Unit) -> None:
    if not policy.can_on_unit(by, "records.edit", unit):
        raise PlanError(["Bạn không có quyền sửa kế hoạch, số liệu của đơn vị này."])


# -- the path to the next level ------------------------------------------------------------------


def effort_for(unit: Unit, framework_id: str) -> dict[str, Number]:
    """The effort weights of the nearest office above (or at) the unit that set any."""
    found = {
        w.unit_id: w.weights
        for w in EffortWeights.objects.filter(
            unit_id__in=unit.ancestor_ids, framework_id=framework_id
        )
    }
    for unit_id in reversed(unit.ancestor_ids):
        if unit_id in found:
            return {k: Fraction(str(v)) for k, v in found[unit_id].items()}
    return {}


@dataclass
class PathView:
    """What the path screen shows: each group's path, and what moved since last year."""

    groups: tuple[paths.GroupPath, ...]
    previous: Assessment | None
    changes: tuple[paths.Change, ...]
    weighted: bool


def path_view(assessment: Assessment) -> PathView:
    framework = scoring.framework_for(assessment)
    effort = effort_for(assessment.unit, framework.id)
    card = scoring.effective_scorecard(assessment)  # the office's score once recognised
    groups = paths.paths(framework, card, effort or None)
    previous = previous_assessment(assessment.unit, assessment.campaign)
    changes: tuple[paths.Change, ...] = ()
    if previous is not None:
        changes = paths.diff(scoring.effective_scorecard(previous), card)
    return PathView(groups, previous, changes, bool(effort))


@transaction.atomic
def set_effort_weights(office: Unit, text: str, *, framework_id: str, by: Any) -> EffortWeights:
    """Weights from lines "1.3.b = 3" (item or criterion id, positive number); audited."""
    if not policy.can_on_unit(by, "catalogue.edit", office):
        raise PlanError(["Bạn không có quyền đặt trọng số công sức cho đơn vị này."])

    framework = registry.latest_framework(framework_id)
    weights: dict[str, str] = {}
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        target, sep, value = line.partition("=")
        target, value = target.strip(), value.strip().replace(",", ".")
        if not sep or not (framework.has_item(target) or framework.has_criterion(target)):
            problems.append(
                gettext("Dòng %(number)s: «%(strip)s» phải có dạng «mã mục = trọng số»")
                % {"number": number, "strip": line.strip()}
            )
            continue
        try:
            weight = Fraction(value)
        except (ValueError, ZeroDivisionError):
            weight = Fraction(0)
        if weight <= 0:
            problems.append(
                gettext("Dòng %(number)s: trọng số «%(value)s» phải là số dương")
                % {"number": number, "value": value}
            )
            continue
        weights[target] = str(weight)
    if problems:
        raise PlanError(problems)
    row, _ = EffortWeights.objects.get_or_create(unit=office, framework_id=framework_id)
    before = dict(row.weights)
    row.weights = weights
    row.save()
    record(by, "plans.effort_weights", office, before=before, after=weights)
    return row


# -- targets proposed from the gaps --------------------------------------------------------------


def assessment_of(unit: Unit, school_year: str) -> Assessment | None:
    return (
        Assessment.objects.filter(unit=unit, campaign__school_year=school_year)
        .select_related("campaign", "unit")
        .order_by("-campaign__created_at")
        .first()
    )


def at_least_half(missing: int) -> int:
    """S1's targets: "bổ sung ít nhất 02/05 … ; 01/03 …" — half of what is missing, at least one."""
    return max(1, missing // 2)


def proposals(unit: Unit, school_year: str) -> list[tuple[str, str, list[str]]]:
    """(key, target text, task titles) proposed from the assessment's gaps and the inventory."""
    out: list[tuple[str, str, list[str]]] = []
    assessment = assessment_of(unit, school_year)
    if assessment is not None:
        framework = scoring.framework_for(assessment)
        for group in path_view(assessment).groups:
            if group.next_level is None:
                continue
            text = (
                f"Đưa nhóm tiêu chí «{group.title}» đạt Mức độ {group.next_level} – "
                f"{framework.level_name(group.next_level).lower()}"
            )
            tasks = [
                f"Đáp ứng điều kiện bắt buộc {r.criterion_id}: {r.title}"
                for r in group.requirements
            ]
            if group.best is not None:
                tasks += [
                    f"Mục {s.item_id}: {s.title} — cần đạt: {s.how} (+{wording.points(s.gain)})"
                    for s in group.best.steps
                ]
            out.append((f"group:{group.group_id}", text, tasks))
    inventory = inventory_actions.inventory_for(unit, school_year)
    if inventory.pk:
        totals = inventory_actions.totals(inventory_actions.lines_of(inventory))
        if totals.apps_missing:
            n = totals.apps_missing
            out.append(
                (
                    "inventory:apps",
                    f"Bổ sung ít nhất {at_least_half(n):02d}/{n:02d} phần mềm và ứng dụng cần được "
                    "trang bị nhưng còn thiếu",
                    [],
                )
            )
        if totals.equipment_missing:
            n = totals.equipment_missing
            out.append(
                (
                    "inventory:equipment",
                    f"Bổ sung ít nhất {at_least_half(n):02d}/{n:02d} trang thiết bị CNTT và hạ tầng "
                    "còn thiếu cần bổ sung",
                    [],
                )
            )
    return out


def plan_for(unit: Unit, school_year: str) -> Plan:
    """The unit's plan of the year (unsaved when there is none yet)."""
    return Plan.objects.filter(unit=unit, school_year=school_year).first() or Plan(
        unit=unit, school_year=school_year
    )


def _plan(unit: Unit, school_year: str, by: Any) -> Plan:
    _require_edit(by, unit)
    plan, created = Plan.objects.select_for_update().get_or_create(
        unit=unit, school_year=school_year
    )
    if created:
        record(by, "plans.create", plan)
    return plan


def _touch(plan: Plan, by: Any) -> None:
    plan.version += 1
    plan.updated_by = by
    plan.save(update_fields=["version", "updated_by", "updated_at"])


@transaction.atomic
def propose(unit: Unit, school_year: str, *, by: Any) -> tuple[Plan, int]:
    """Add the proposed targets (and their tasks) not yet in the plan; returns how many."""
    plan = _plan(unit, school_year, by)
    have = set(plan.targets.exclude(key="").values_list("key", flat=True))
    added = []
    position = plan.targets.count()
    for key, text, tasks in proposals(unit, school_year):
        if key in have:
            continue
        position += 1
        target = Target.objects.create(plan=plan, text=text, key=key, position=position)
        for n, title in enumerate(tasks):
            Task.objects.create(
                plan=plan, target=target, title=title[:500], position=position * 100 + n
            )
        added.append(text)
    if added:
        _touch(plan, by)
        record(by, "plans.propose", plan, after={"targets": added})
    return plan, len(added)


@transaction.atomic
def add_target(unit: Unit, school_year: str, text: str, *, by: Any) -> Target:
    text = text.strip()
    if not text or len(text) > 500:
        raise PlanError(["Mục tiêu: bắt buộc, tối đa 500 ký tự"])
    plan = _plan(unit, school_year, by)
    target = Target.objects.create(plan=plan, text=text, position=plan.targets.count() + 1)
    _touch(plan, by)
    record(by, "plans.add_target", plan, after={"text": text})
    return target


def _date(raw: str, where: str, problems: list[str]) -> dt.date | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(raw, pattern).date()  # noqa: DTZ007 (a date only)
        except ValueError:
            continue
    problems.append(
        gettext("%(where)s: ngày «%(raw)s» không hợp lệ (dd/mm/yyyy)")
        % {"where": where, "raw": raw}
    )
    return None


@transaction.atomic
def add_task(
    unit: Unit,
    school_year: str,
    *,
    title: str,
    owner: str = "",
    deadline: str = "",
    target_id: str = "",
    by: Any,
) -> Task:
    plan = _plan(unit, school_year, by)
    problems: list[str] = []
    title = title.strip()
    if not title or len(title) > 500:
        problems.append(gettext("Nhiệm vụ: bắt buộc, tối đa 500 ký tự"))
    day = _date(deadline, "Thời hạn", problems)
    target = None
    if target_id:
        target = plan.targets.filter(pk=int(target_id) if target_id.isdigit() else 0).first()
        if target is None:
            problems.append(gettext("Mục tiêu: không có trong kế hoạch này"))
    if problems:
        raise PlanError(problems)
    task = Task.objects.create(
        plan=plan,
        target=target,
        title=title,
        owner=owner.strip()[:255],
        deadline=day,
        position=plan.tasks.count() + 10_000,
    )
    _touch(plan, by)
    record(
        by,
        "plans.add_task",
        plan,
        after={"title": title, "owner": task.owner, "deadline": str(day or "")},
    )
    return task


@transaction.atomic
def update_tasks(
    unit: Unit, school_year: str, changes: Mapping[int, Mapping[str, str]], *, by: Any
) -> int:
    """Owner, deadline and status of existing tasks (task id → fields); all or nothing."""
    plan = _plan(unit, school_year, by)
    tasks = {t.pk: t for t in plan.tasks.all()}
    problems: list[str] = []
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for task_id, fields in changes.items():
        task = tasks.get(task_id)
        if task is None:
            problems.append(
                gettext("Nhiệm vụ số %(task_id)s không có trong kế hoạch này")
                % {"task_id": task_id}
            )
            continue
        where = f"Nhiệm vụ «{task.title[:60]}»"
        status = fields.get("status", task.status)
        if status not in Task.Status.values:
            problems.append(
                gettext("%(where)s: tình trạng «%(status)s» không hợp lệ")
                % {"where": where, "status": status}
            )
            continue
        deadline = (
            _date(fields["deadline"], f"{where}, thời hạn", problems)
            if "deadline" in fields
            else task.deadline
        )
        owner = fields.get("owner", task.owner).strip()[:255]
        old = (task.owner, task.deadline, task.status)
        if old != (owner, deadline, status):
            before[str(task.pk)] = [old[0], str(old[1] or ""), old[2]]
            after[str(task.pk)] = [owner, str(deadline or ""), status]
            task.owner, task.deadline, task.status = owner, deadline, status
    if problems:
        raise PlanError(problems)
    for key in after:
        tasks[int(key)].save(update_fields=["owner", "deadline", "status"])
    if after:
        _touch(plan, by)
        record(by, "plans.update_tasks", plan, before=before, after=after)
    return len(after)


@transaction.atomic
def save_header(
    unit: Unit,
    school_year: str,
    *,
    number: str,
    issued_on: str,
    purpose: str,
    situation: str,
    by: Any,
) -> Plan:
    plan = _plan(unit, school_year, by)
    problems: list[str] = []
    day = _date(issued_on, "Ngày ban hành", problems)
    if len(number) > 64:
        problems.append(gettext("Số kế hoạch: tối đa 64 ký tự"))
    if problems:
        raise PlanError(problems)
    new = {"number": number.strip(), "issued_on": day, "purpose": purpose, "situation": situation}
    if audit.save_changes(by, "plans.edit", plan, new):
        _touch(plan, by)
    return plan


@dataclass(frozen=True)
class Progress:
    done: int
    doing: int
    total: int

    @property
    def percent(self) -> str:
        return wording.ratio_percent(self.done, self.total) if self.total else "0%"


def progress(plan: Plan) -> Progress:
    if not plan.pk:
        return Progress(0, 0, 0)
    statuses = list(plan.tasks.values_list("status", flat=True))
    return Progress(
        statuses.count(Task.Status.DONE), statuses.count(Task.Status.DOING), len(statuses)
    )


# -- figures of the yearly report (S0 §2.2–2.5) --------------------------------------------------

SKILLS: list[tuple[str, str]] = [
    (
        "blended",
        "Giáo viên được tập huấn, bồi dưỡng kỹ năng tổ chức, quản lý các hoạt động dạy học kết hợp "
        "giữa trực tiếp và trực tuyến",
    ),
    (
        "elearning",
        "Giáo viên được tập huấn, bồi dưỡng kỹ năng thiết kế bài giảng e-Learning, video bài giảng, "
        "thiết bị dạy học số",
    ),
    (
        "management_software",
        "Cán bộ, giáo viên được tập huấn, bồi dưỡng kỹ năng quản lý, triển khai có hiệu quả các "
        "phần mềm quản trị",
    ),
    (
        "security",
        "Cán bộ, giáo viên được tập huấn, bồi dưỡng nâng cao nhận thức và kỹ năng về an toàn "
        "thông tin",
    ),
]
REPORT_TIMING = {"": "—", "on_time": "Đúng hạn", "late": "Trễ hạn"}


def figures_for(unit: Unit, school_year: str) -> Figures:
    return Figures.objects.filter(unit=unit, school_year=school_year).first() or Figures(
        unit=unit, school_year=school_year
    )


def training_rows(figures: Figures) -> list[tuple[str, str, int | None, str]]:
    """(key, label, count, "25,6%") per skill area, against all teachers."""
    rows = []
    total = figures.teachers_total
    for key, label in SKILLS:
        count = figures.trained.get(key)
        share = wording.ratio_percent(count, total) if count is not None and total else "—"
        rows.append((key, label, count, share))
    return rows


def cashless_share(figures: Figures) -> str:
    if figures.students_cashless is None or not figures.students_total:
        return "—"
    return wording.ratio_percent(figures.students_cashless, figures.students_total)


def _count(raw: object, where: str, problems: list[str]) -> int | None:
    text = str(raw or "").strip()
    if not text:
        return None
    if not text.isdigit():
        problems.append(
            gettext("%(where)s: «%(text)s» không phải số nguyên không âm")
            % {"where": where, "text": text}
        )
        return None
    return int(text)


@transaction.atomic
def save_figures(unit: Unit, school_year: str, data: Mapping[str, Any], *, by: Any) -> Figures:
    """Save the figures; counts may not exceed their totals. All or nothing, audited."""
    _require_edit(by, unit)
    problems: list[str] = []
    teachers = _count(data.get("teachers_total"), "Tổng số giáo viên", problems)
    trained = {}
    for key, label in SKILLS:
        value = _count(data.get(f"trained_{key}"), label, problems)
        if value is not None:
            if teachers is not None and value > teachers:
                problems.append(
                    gettext("%(label)s: %(value)s lớn hơn tổng số giáo viên (%(teachers)s)")
                    % {"label": label, "value": value, "teachers": teachers}
                )
            trained[key] = value
    signatures = _count(data.get("digital_signatures"), "Số giáo viên được cấp chữ ký số", problems)
    students = _count(data.get("students_total"), "Tổng số học sinh", problems)
    cashless = _count(
        data.get("students_cashless"), "Số học sinh nộp phí không dùng tiền mặt", problems
    )
    if cashless is not None and students is not None and cashless > students:
        problems.append(
            gettext(
                "Số học sinh nộp phí không dùng tiền mặt: %(cashless)s lớn hơn tổng số học sinh (%(students)s)"
            )
            % {"cashless": cashless, "students": students}
        )
    timing = {}
    for key, label in (
        ("stats_start", "Báo cáo thống kê kỳ đầu năm"),
        ("stats_end", "Báo cáo thống kê kỳ cuối năm"),
    ):
        value = str(data.get(key) or "")
        if value not in REPORT_TIMING:
            problems.append(gettext("%(label)s: chọn Đúng hạn hoặc Trễ hạn") % {"label": label})
        timing[key] = value
    if problems:
        raise PlanError(problems)
    figures, _ = Figures.objects.select_for_update().get_or_create(
        unit=unit, school_year=school_year
    )
    new = {
        "teachers_total": teachers,
        "trained": trained,
        "digital_signatures": signatures,
        "students_total": students,
        "students_cashless": cashless,
        "software": str(data.get("software") or "").strip(),
        **timing,
    }
    figures.updated_by = by
    audit.save_changes(by, "plans.figures", figures, new, also=("updated_by", "updated_at"))
    return figures


@dataclass
class FiguresRow:
    """One institution's figures (or the subtree's totals) as the office table shows them."""

    label: str
    teachers: int
    trained: dict[str, int]
    signatures: int
    stats_on_time: int
    stats_late: int
    students: int
    cashless: int
    software: str = ""

    def share(self, key: str) -> str:
        count = self.trained.get(key)
        if count is None or not self.teachers:
            return "—"
        return wording.ratio_percent(count, self.teachers)

    @property
    def cashless_share(self) -> str:
        return wording.ratio_percent(self.cashless, self.students) if self.students else "—"

    def cells(self) -> list[str]:
        """The row as the office table prints it."""
        trained = [
            "—" if k not in self.trained else f"{self.trained[k]} ({self.share(k)})"
            for k, _label in SKILLS
        ]
        return [
            self.label,
            str(self.teachers),
            *trained,
            str(self.signatures),
            f"{self.stats_on_time} / {self.stats_late}",
            self.cashless_share,
            self.software,
        ]


def office_figures(office: Unit, school_year: str) -> tuple[list[FiguresRow], FiguresRow, int]:
    """Each institution of the office's subtree that entered figures, the totals (shares over
    the summed totals), and how many institutions have entered none."""
    institutions = list(
        Unit.objects.filter(
            path__startswith=office.path, kind=Unit.Kind.INSTITUTION, is_active=True
        ).order_by("path")
    )
    found = {
        f.unit_id: f
        for f in Figures.objects.filter(
            unit_id__in=[u.pk for u in institutions], school_year=school_year
        )
    }
    rows = []
    for unit in institutions:
        fig = found.get(unit.pk)
        if fig is None:
            continue
        timings = [fig.stats_start, fig.stats_end]
        rows.append(
            FiguresRow(
                unit.name,
                fig.teachers_total or 0,
                {k: int(v) for k, v in fig.trained.items()},
                fig.digital_signatures or 0,
                timings.count("on_time"),
                timings.count("late"),
                fig.students_total or 0,
                fig.students_cashless or 0,
                "; ".join(x.strip() for x in fig.software.splitlines() if x.strip()),
            )
        )
    total = FiguresRow(
        "Tổng cộng",
        sum(r.teachers for r in rows),
        {k: sum(r.trained.get(k, 0) for r in rows) for k, _label in SKILLS},
        sum(r.signatures for r in rows),
        sum(r.stats_on_time for r in rows),
        sum(r.stats_late for r in rows),
        sum(r.students for r in rows),
        sum(r.cashless for r in rows),
    )
    return rows, total, len(institutions) - len(rows)
