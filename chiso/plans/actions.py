"""Plan services: the path to the next level of an assessment (with the office's effort weights),
targets proposed from the gaps, tasks, progress, and the figures of the yearly report.
Every change is one transactional, audited function."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from chiso import audit
from chiso.assessments import actions as assessment_actions
from chiso.assessments import scoring, yearfacts
from chiso.assessments.actions import previous_assessment
from chiso.assessments.models import Assessment
from chiso.audit import record
from chiso.frameworks import registry
from chiso.inventory import actions as inventory_actions
from chiso.plans import tasks as plan_tasks
from chiso.plans.models import SECTIONS, EffortWeights, Figures, Plan, Target, Task
from chiso.reports import data as report_data
from chiso.reports import legal
from chiso.rubric import paths, wording
from chiso.rubric.definitions import Number
from chiso.units import policy
from chiso.units.models import Unit, tree_order


class PlanError(ValueError):
    """Input that cannot be saved; `problems` says what and where, in Vietnamese."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def _require_edit(by: Any, unit: Unit, action: str = "records.edit") -> None:
    if not policy.can_on_unit(by, action, unit):
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


def worth_by_item(assessment: Assessment) -> dict[str, paths.Step]:
    """What raising each item is worth now, as the path to the next level counts it: the step
    of the first route (best first) that raises it. The one answer the path screen, the plan's
    tasks and its document give (a task names its item: «Mục 1.4.a: …»)."""
    found: dict[str, paths.Step] = {}
    for group in path_view(assessment).groups:
        for route in group.routes:
            for step in route.steps:
                found.setdefault(step.item_id, step)
    return found


TASK_ITEM = re.compile(r"^Mục ([0-9]+\.[0-9]+(?:\.[A-Za-z0-9]+)?): ")
# Tasks proposed before the worth was read live ended with it: " (+7 điểm)".
STORED_WORTH = re.compile(r" \(\+[0-9.,]+ điểm\)$")


def task_text(title: str, worth: Mapping[str, paths.Step]) -> str:
    """A task's title with what its item is worth now ("(+7 điểm)"), or "(đã đạt)" when the
    path no longer needs it; other tasks as written."""
    match = TASK_ITEM.match(title)
    if match is None:
        return title
    base = STORED_WORTH.sub("", title)
    step = worth.get(match.group(1))
    if step is None:
        return f"{base} (đã đạt hoặc không còn cần để lên mức)"
    return f"{base} (+{wording.points(step.gain)})"


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
                _("Dòng %(number)s: «%(strip)s» phải có dạng «mã mục = trọng số»")
                % {"number": number, "strip": line.strip()}
            )
            continue
        try:
            weight = Fraction(value)
        except (ValueError, ZeroDivisionError):
            weight = Fraction(0)
        if weight <= 0:
            problems.append(
                _("Dòng %(number)s: trọng số «%(value)s» phải là số dương")
                % {"number": number, "value": value}
            )
            continue
        weights[target] = str(weight)
    if problems:
        raise PlanError(problems)
    row, _created = EffortWeights.objects.get_or_create(unit=office, framework_id=framework_id)
    before = dict(row.weights)
    row.weights = weights
    row.save()
    record(by, "plans.effort_weights", office, before=before, after=weights)
    return row


# -- targets proposed from the gaps --------------------------------------------------------------


def assessment_of(unit: Unit, school_year: str) -> Assessment | None:
    return yearfacts.assessment_of(unit, school_year)


def at_least_half(missing: int) -> int:
    """S1's targets: "bổ sung ít nhất 02/05 … ; 01/03 …" — half of what is missing, at least one."""
    return max(1, missing // 2)


def _fact_of(framework: Any, item_id: str) -> str:
    """The fact an item turns on (the one beside "lms_deployed" for an LMS function; the
    numerator of a share); "" for a whole-criterion award."""
    try:
        rule = framework.item(item_id).rule
    except KeyError:
        return ""
    numerator = getattr(rule, "numerator", "")
    inputs = tuple(getattr(rule, "inputs", ()))
    return numerator or (inputs[-1] if inputs else "")


def proposals(unit: Unit, school_year: str) -> list[tuple[str, str, list[plan_tasks.TaskWords]]]:
    """(key, target text, tasks) proposed from the assessment's gaps and the inventory; each task
    in a school's words with who does it and by when."""
    out: list[tuple[str, str, list[plan_tasks.TaskWords]]] = []
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
                plan_tasks.task_for(r.fact, r.title, "Có", unit, school_year)
                for r in group.requirements
            ]
            if group.best is not None:
                tasks += [
                    plan_tasks.task_for(
                        _fact_of(framework, s.item_id), s.title, s.how, unit, school_year
                    )
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
    _require_edit(by, unit, "plan.edit")
    plan, created = Plan.objects.select_for_update().get_or_create(
        unit=unit, school_year=school_year
    )
    if created:
        start = starting_text(unit, school_year)
        plan.purpose, plan.sections = start.pop("purpose"), start
        plan.save(update_fields=["purpose", "sections"])
        record(by, "plans.create", plan)
    return plan


SECTION_KEYS = [key for key, _label in SECTIONS]


def previous_plan(unit: Unit, school_year: str) -> Plan | None:
    """The unit's plan of the school year before (its text is offered as a start)."""
    first = int(school_year[:4])
    return Plan.objects.filter(unit=unit, school_year=f"{first - 1}-{first}").first()


def starting_text(unit: Unit, school_year: str) -> dict[str, str]:
    """What a new plan starts from: last year's plan with its years moved on, else S1's wording
    with the unit's bases (its charter, the index decision, its office's guidance to complete)."""
    last = previous_plan(unit, school_year)
    if last is not None:
        first = int(school_year[:4])
        old, new = f"{first - 1}-{first}", school_year

        def moved(text: str) -> str:
            return text.replace(old, new).replace(old.replace("-", " - "), new.replace("-", " - "))

        texts = {key: moved(str(value)) for key, value in (last.sections or {}).items()}
        texts["purpose"] = moved(last.purpose)
        for key in SECTION_KEYS:
            texts.setdefault(key, "")
        return texts
    return default_text(unit, school_year)


def default_text(unit: Unit, school_year: str) -> dict[str, str]:
    head, _deputy = plan_tasks.titles(unit)
    parent = unit.parent.name if unit.parent_id else "cơ quan quản lý cấp trên"
    assessment = assessment_of(unit, school_year)
    decision = scoring.framework_for(assessment).decision if assessment is not None else None
    bases = [f"Căn cứ {legal.charter(unit)};"]
    if decision is not None:
        who = (
            "của Bộ trưởng Bộ Giáo dục và Đào tạo"
            if decision.issuer in ("", "Bộ Giáo dục và Đào tạo")
            else f"của {decision.issuer}"
        )
        day = wording.long_date(dt.date.fromisoformat(str(decision.date)))
        bases.append(
            f"Căn cứ Quyết định số {decision.number} {day} {who} ban hành {decision.title};"
        )
    bases += [
        f"Căn cứ văn bản số ……… ngày ……… của {parent} về việc hướng dẫn thực hiện nhiệm vụ "
        f"ứng dụng công nghệ thông tin, chuyển đổi số năm học {school_year};",
        f"Căn cứ Kế hoạch số ……… ngày ……… của {unit.name} về thực hiện nhiệm vụ năm học "
        f"{school_year};",
    ]
    return {
        "purpose": "Nâng cao nhận thức, trách nhiệm của cán bộ, giáo viên, nhân viên về vai trò "
        "của công nghệ thông tin, chuyển đổi số và bảo đảm an toàn thông tin mạng.\n"
        "Ứng dụng công nghệ thông tin, chuyển đổi số liên tục và hiệu quả trong dạy, học và "
        "quản trị của đơn vị.",
        "bases": "\n".join(bases),
        "requirements": "Kế hoạch có lộ trình cụ thể, dựa trên các văn bản hướng dẫn, chỉ đạo "
        "của cấp trên.\nKế hoạch cụ thể hóa nhiệm vụ trọng tâm của năm học; mỗi nhiệm vụ có người "
        "thực hiện và thời hạn.\nTriển khai từng bước, có trọng tâm, trọng điểm, hiệu quả.",
        "staffing": "",
        "strengths": "",
        "weaknesses": "",
        "focus": "Ứng dụng công nghệ thông tin gắn với cải cách hành chính, giảm thời gian và "
        "chi phí.\nTăng cường kết nối thông tin giữa đơn vị với cấp trên, giáo viên và phụ huynh."
        "\nBảo đảm an toàn thông tin, an toàn dữ liệu.\nĐầu tư hạ tầng, thiết bị phục vụ dạy, "
        "học và quản lý.",
        "solutions": "Kiện toàn bộ phận phụ trách CNTT, chuyển đổi số và thống kê giáo dục; bồi "
        "dưỡng đội ngũ.\nBảo đảm nguồn lực: rà soát, mua sắm bổ sung thiết bị, đường truyền "
        "Internet.\nĐẩy mạnh thông tin, tuyên truyền; hưởng ứng Ngày Chuyển đổi số quốc gia 10/10."
        "\nTự kiểm tra, tự đánh giá theo Bộ chỉ số để bổ sung những chỉ số còn thiếu.",
        "organisation": f"{head} chỉ đạo chung, phân công nhiệm vụ và kiểm tra việc thực hiện.\n"
        "Cán bộ phụ trách CNTT làm đầu mối, hướng dẫn, hỗ trợ các tổ thực hiện.\n"
        "Các tổ chuyên môn, tổ Văn phòng căn cứ kế hoạch chủ động thực hiện các nhiệm vụ được "
        "giao.",
        "reporting": f"Báo cáo kết quả tự đánh giá mức độ chuyển đổi số, kèm minh chứng, về {parent} "
        "theo quy định; báo cáo sơ kết học kỳ I và tổng kết năm học đúng hạn.",
    }


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
        for n, task in enumerate(tasks):
            Task.objects.create(
                plan=plan,
                target=target,
                title=task.title[:500],
                owner=task.owner[:255],
                deadline=task.deadline,
                position=position * 100 + n,
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
        _("%(where)s: ngày «%(raw)s» không hợp lệ (dd/mm/yyyy)") % {"where": where, "raw": raw}
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
        problems.append(_("Nhiệm vụ: bắt buộc, tối đa 500 ký tự"))
    day = _date(deadline, "Thời hạn", problems)
    target = None
    if target_id:
        target = plan.targets.filter(pk=int(target_id) if target_id.isdigit() else 0).first()
        if target is None:
            problems.append(_("Mục tiêu: không có trong kế hoạch này"))
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
                _("Nhiệm vụ số %(task_id)s không có trong kế hoạch này") % {"task_id": task_id}
            )
            continue
        where = f"Nhiệm vụ «{task.title[:60]}»"
        status = fields.get("status", task.status)
        if status not in Task.Status.values:
            problems.append(
                _("%(where)s: tình trạng «%(status)s» không hợp lệ")
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
    sections: Mapping[str, str] | None = None,
) -> Plan:
    plan = _plan(unit, school_year, by)
    problems: list[str] = []
    day = _date(issued_on, "Ngày ban hành", problems)
    if len(number) > 64:
        problems.append(_("Số kế hoạch: tối đa 64 ký tự"))
    written = dict(plan.sections or {})
    for key, label in SECTIONS:
        if sections is not None and key in sections:
            text = str(sections[key]).replace("\x00", "").strip()
            if len(text) > 20_000:
                problems.append(_("%(label)s: tối đa 20.000 ký tự") % {"label": label})
            written[key] = text
    if problems:
        raise PlanError(problems)
    new = {
        "number": number.strip(),
        "issued_on": day,
        "purpose": purpose,
        "situation": situation,
        "sections": written,
    }
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


# The report figures the institutions' index also has: field of Figures → fact of the index.
# Each is stored once: in the year's assessment (see assessments.yearfacts), and in Figures only
# while the year has no assessment that can hold it.
SHARED = {
    "teachers_total": "teachers_total",
    "digital_signatures": "teachers_with_digital_signature",
    "stats_start": "stats_report_start_of_year",
    "stats_end": "stats_report_end_of_year",
}
UNSET: dict[str, Any] = {
    "teachers_total": None,
    "digital_signatures": None,
    "stats_start": "",
    "stats_end": "",
}


def _as_field(name: str, value: Any) -> Any:
    """A fact's stored value as the Figures field holds it."""
    if value is None:
        return UNSET[name]
    return str(value) if name in ("stats_start", "stats_end") else value


def _overlay(figures: Figures, assessment: Assessment | None) -> Figures:
    """The figures with each shared value read from its one place; `figures.places` says, per
    shared field, where else it is used (empty when Figures holds it)."""
    figures.places, figures.locked = {}, set()
    for name, fact in SHARED.items():
        kept = getattr(figures, name)
        setattr(figures, name, _as_field(name, yearfacts.value(assessment, fact, kept)))
        figures.places[name] = yearfacts.where_used(assessment, fact)
        if yearfacts.writes_to_assessment(assessment, fact) and not assessment.is_editable:
            figures.locked.add(name)  # as submitted: read only here
    return figures


def figures_for(unit: Unit, school_year: str) -> Figures:
    """The unit's report figures of the year, the shared ones read from the year's assessment."""
    figures = Figures.objects.filter(unit=unit, school_year=school_year).first() or Figures(
        unit=unit, school_year=school_year
    )
    return _overlay(figures, yearfacts.assessment_of(unit, school_year))


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


def cashless_answer(unit: Unit, school_year: str) -> str:
    """The assessment's answer to «thu phí không dùng tiền mặt» beside the cashless share."""
    assessment = yearfacts.assessment_of(unit, school_year)
    if not yearfacts.holds(assessment, "cashless_fees"):
        return ""
    value = yearfacts.value(assessment, "cashless_fees", None)
    return {True: _("Có"), False: _("Không")}.get(value, _("chưa trả lời"))


def _count(raw: object, where: str, problems: list[str]) -> int | None:
    text = str(raw or "").strip()
    if not text:
        return None
    if not text.isdigit():
        problems.append(
            _("%(where)s: «%(text)s» không phải số nguyên không âm")
            % {"where": where, "text": text}
        )
        return None
    return int(text)


@transaction.atomic
def save_figures(unit: Unit, school_year: str, data: Mapping[str, Any], *, by: Any) -> Figures:
    """Save the figures; counts may not exceed their totals. All or nothing, audited.

    A shared figure (SHARED) absent from `data` is left as it is; one present is written to its
    one place: the year's assessment (through its audited save) when it can hold it."""
    _require_edit(by, unit)
    assessment = yearfacts.assessment_of(unit, school_year)
    current = figures_for(unit, school_year)
    problems: list[str] = []
    teachers = (
        _count(data.get("teachers_total"), "Tổng số giáo viên", problems)
        if "teachers_total" in data
        else current.teachers_total
    )
    trained = {}
    for key, label in SKILLS:
        value = _count(data.get(f"trained_{key}"), label, problems)
        if value is not None:
            if teachers is not None and value > teachers:
                problems.append(
                    _("%(label)s: %(value)s lớn hơn tổng số giáo viên (%(teachers)s)")
                    % {"label": label, "value": value, "teachers": teachers}
                )
            trained[key] = value
    signatures = (
        _count(data.get("digital_signatures"), "Số giáo viên được cấp chữ ký số", problems)
        if "digital_signatures" in data
        else current.digital_signatures
    )
    if signatures is not None and teachers is not None and signatures > teachers:
        problems.append(
            _(
                "Số giáo viên được cấp chữ ký số: %(signatures)s lớn hơn tổng số giáo viên (%(teachers)s)"
            )
            % {"signatures": signatures, "teachers": teachers}
        )
    students = _count(data.get("students_total"), "Tổng số học sinh", problems)
    cashless = _count(
        data.get("students_cashless"), "Số học sinh nộp phí không dùng tiền mặt", problems
    )
    if cashless is not None and students is not None and cashless > students:
        problems.append(
            _(
                "Số học sinh nộp phí không dùng tiền mặt: %(cashless)s lớn hơn tổng số học sinh (%(students)s)"
            )
            % {"cashless": cashless, "students": students}
        )
    timing = {}
    for key, label in (
        ("stats_start", "Báo cáo thống kê kỳ đầu năm"),
        ("stats_end", "Báo cáo thống kê kỳ cuối năm"),
    ):
        value = str(data.get(key) or "") if key in data else getattr(current, key)
        if value not in REPORT_TIMING:
            problems.append(_("%(label)s: chọn Đúng hạn hoặc Trễ hạn") % {"label": label})
        timing[key] = value
    shared = {
        "teachers_total": teachers,
        "digital_signatures": signatures,
        **timing,
    }
    to_assessment = {
        SHARED[name]: (value if value not in (None, "") else None)
        for name, value in shared.items()
        if yearfacts.writes_to_assessment(assessment, SHARED[name])
        and value != getattr(current, name)
    }
    if to_assessment and assessment is not None and not assessment.is_editable:
        problems.append(
            _(
                "Bản đánh giá năm học %(year)s đã nộp: %(what)s được giữ như đã nộp, không sửa "
                "được ở đây."
            )
            % {"year": school_year, "what": ", ".join(sorted(to_assessment))}
        )
    if problems:
        raise PlanError(problems)
    if to_assessment and assessment is not None:
        touched = [
            c.id
            for c in scoring.framework_for(assessment).all_criteria
            if set(scoring.criterion_facts(c)) & set(to_assessment)
        ]
        try:
            assessment_actions.save_answers(
                assessment,
                facts=to_assessment,
                criteria={c: assessment_actions.criterion_version(assessment, c) for c in touched}
                if touched
                else None,
                expected_version=None if touched else assessment.version,
                by=by,
            )
        except assessment_actions.ActionRefused as exc:
            raise PlanError([str(exc)]) from None
    figures, _created = Figures.objects.select_for_update().get_or_create(
        unit=unit, school_year=school_year
    )
    new = {
        **{
            name: UNSET[name] if yearfacts.writes_to_assessment(assessment, fact) else shared[name]
            for name, fact in SHARED.items()
        },
        "trained": trained,
        "students_total": students,
        "students_cashless": cashless,
        "software": str(data.get("software") or "").strip(),
    }
    figures.updated_by = by
    audit.save_changes(by, "plans.figures", figures, new, also=("updated_by", "updated_at"))
    return _overlay(figures, yearfacts.assessment_of(unit, school_year))


def take_into_assessment(assessment: Assessment, *, by: Any) -> None:
    """A draft just started takes the shared figures kept for its year; Figures keeps none of
    them from then on (audited on the figures). Receives `yearfacts.started`."""
    figures = Figures.objects.filter(
        unit_id=assessment.unit_id, school_year=assessment.campaign.school_year
    ).first()
    if figures is None:
        return
    moved = {}
    for name, fact in SHARED.items():
        kept = getattr(figures, name)
        if kept in (None, "") or not yearfacts.holds(assessment, fact):
            continue
        assessment.facts[fact] = kept
        moved[name] = kept
    if moved:
        audit.save_changes(
            by,
            "plans.figures.moved",
            figures,
            {name: UNSET[name] for name in moved},
            note=_("chuyển vào bản đánh giá năm học %(year)s")
            % {"year": assessment.campaign.school_year},
        )


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
    institutions = sorted(
        Unit.objects.filter(
            path__startswith=office.path, kind=Unit.Kind.INSTITUTION, is_active=True
        ),
        key=tree_order,
    )
    found = {
        f.unit_id: f
        for f in Figures.objects.filter(
            unit_id__in=[u.pk for u in institutions], school_year=school_year
        )
    }
    assessments = {
        a.unit_id: a  # the newest campaign's, as yearfacts.assessment_of picks it
        for a in Assessment.objects.filter(
            unit_id__in=list(found), campaign__school_year=school_year
        )
        .select_related("campaign")
        .order_by("campaign__created_at")
    }
    rows = []
    for unit in institutions:
        fig = found.get(unit.pk)
        if fig is None:
            continue
        _overlay(fig, assessments.get(unit.pk))
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


def report_supplement(assessment: Assessment) -> report_data.Supplement:
    """S0's «Nội dung / Trả lời» rows the result report takes from the year's report figures:
    teachers trained per skill (count and share), students paying without cash, software."""
    found = Figures.objects.filter(
        unit_id=assessment.unit_id, school_year=assessment.campaign.school_year
    ).first()
    if found is None:
        return report_data.Supplement()
    answers: list[tuple[str, str]] = []
    for _key, label, count, share in training_rows(found):
        if count is not None:
            answers.append((label, f"{count}/{found.teachers_total or '—'} giáo viên ({share})"))
    if found.students_total:
        answers.append(
            (
                "Tỉ lệ học sinh nộp các khoản thu không dùng tiền mặt",
                f"{found.students_cashless or 0}/{found.students_total} học sinh "
                f"({cashless_share(found)})",
            )
        )
    software = "; ".join(x.strip() for x in found.software.splitlines() if x.strip())
    if software:
        answers.append(("Phần mềm đang sử dụng và đơn vị cung cấp", software))
    return report_data.Supplement(answers=answers)
