"""The yearly report of an institution on its office's outline: figures filled from data, fields
written in the app, DOCX/PDF in the NĐ 30 layout."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from docx import Document

from chiso.assessments import scoring
from chiso.audit import record
from chiso.inventory import actions as inventory_actions
from chiso.plans import actions, outline
from chiso.plans.docx import _table, closing
from chiso.plans.models import ReportOutline, YearlyReport
from chiso.reports.docx_export import (
    _header,
    _paragraph,
    _save,
    _setup,
    _text_block,
    _title,
)
from chiso.rubric import wording
from chiso.units import policy
from chiso.units.models import Unit


def outline_for(unit: Unit) -> ReportOutline:
    """The newest outline of the nearest office above (or the national sample, seed S4)."""
    found = list(
        ReportOutline.objects.filter(Q(owner__isnull=True) | Q(owner_id__in=unit.ancestor_ids))
    )
    rank = {uid: n for n, uid in enumerate(unit.ancestor_ids)}
    found.sort(key=lambda o: (rank.get(o.owner_id, -1), o.created_at), reverse=True)
    return found[0]


@transaction.atomic
def save_outline(office: Unit, *, title: str, body: str, by: Any) -> ReportOutline:
    """A new outline for the office's subtree (earlier ones stay for reports made on them)."""
    if not policy.can_on_unit(by, "catalogue.edit", office):
        raise actions.PlanError(["Bạn không có quyền đặt đề cương báo cáo cho đơn vị này."])
    problems = []
    title = title.strip()
    if not title or len(title) > 500:
        problems.append("Tên báo cáo: bắt buộc, tối đa 500 ký tự")
    try:
        outline.parse(body)
    except outline.OutlineError as exc:
        problems += exc.problems
    if problems:
        raise actions.PlanError(problems)
    created = ReportOutline.objects.create(owner=office, title=title, body=body)
    record(by, "plans.outline", office, after={"title": title, "outline": created.pk})
    return created


def report_for(unit: Unit, school_year: str) -> YearlyReport:
    found = YearlyReport.objects.filter(unit=unit, school_year=school_year).first()
    return found or YearlyReport(unit=unit, school_year=school_year, outline=outline_for(unit))


def _yes(value: Any) -> str:
    return "—" if value is None else wording.yes_no(value is True)


def figures(unit: Unit, school_year: str) -> dict[str, Any]:
    """Every figure an outline may name, as text (tables as rows), from the unit's data."""
    assessment = actions.assessment_of(unit, school_year)
    facts = assessment.facts if assessment else {}
    fig = actions.figures_for(unit, school_year)
    plan = actions.plan_for(unit, school_year)
    inventory = inventory_actions.inventory_for(unit, school_year)
    lines = inventory_actions.lines_of(inventory) if inventory.pk else []
    lms_line = next((x for x in lines if x.entry.fact == "lms_deployed" and x.available), None)
    out: dict[str, Any] = {
        "online_teaching_plan": _yes(facts.get("online_teaching_plan")),
        "plan_number": (
            f"Kế hoạch số {plan.number}"
            + (f", {wording.long_date(plan.issued_on)}" if plan.issued_on else "")
            if plan.pk and plan.number
            else "—"
        ),
        "lms": _yes(facts.get("lms_deployed"))
        + (
            f" ({lms_line.product or lms_line.link})"
            if lms_line and (lms_line.product or lms_line.link)
            else ""
        ),
        "digital_materials": (
            f"{facts['approved_digital_materials']} học liệu"
            if "approved_digital_materials" in facts
            else "—"
        ),
        "computer_exams": _yes(facts.get("computer_room_exams")),
        "e_records": f"sổ điểm điện tử: {_yes(facts.get('e_gradebook'))}; "
        f"học bạ điện tử: {_yes(facts.get('e_transcript'))}",
        "stats_reports": f"kỳ đầu năm: {actions.REPORT_TIMING[fig.stats_start]}; "
        f"kỳ cuối năm: {actions.REPORT_TIMING[fig.stats_end]}",
        "cashless_percent": actions.cashless_share(fig),
        "software": "; ".join(x.strip() for x in fig.software.splitlines() if x.strip()) or "—",
        "digital_signatures": "—"
        if fig.digital_signatures is None
        else f"{fig.digital_signatures} giáo viên",
        "dcs_levels": "—",
        "training": [
            [label, "" if count is None else str(count), share]
            for _key, label, count, share in actions.training_rows(fig)
        ],
        "inventory_totals": [],
    }
    if assessment is not None:
        card = scoring.effective_scorecard(assessment)
        out["dcs_levels"] = "; ".join(
            f"nhóm {g.id}: {wording.number(g.points)} điểm, {wording.level(g.level)}"
            for g in card.groups
        )
    if lines:
        t = inventory_actions.totals(lines)
        out["inventory_totals"] = [
            ["Phần mềm và ứng dụng đang sử dụng", f"{t.apps_in_use:02d}"],
            ["Phần mềm và ứng dụng cần được trang bị nhưng còn thiếu", f"{t.apps_missing:02d}"],
            ["Trang thiết bị CNTT và hạ tầng đã có", f"{t.equipment_present:02d}"],
            ["Trang thiết bị CNTT và hạ tầng còn thiếu cần bổ sung", f"{t.equipment_missing:02d}"],
        ]
    return out


def fill(text: str, values: dict[str, Any]) -> str:
    """A line with its [figure] placeholders replaced by their values."""
    return outline.PLACEHOLDER.sub(
        lambda m: values[m[1]] if isinstance(values[m[1]], str) else "(bảng)", text
    )


def blocks(report: YearlyReport, values: dict[str, Any]) -> list[dict[str, Any]]:
    """What the screen and the DOCX show: each block, filled, with the answer of each field."""
    out = []
    for block in outline.parse(report.outline.body):
        item: dict[str, Any] = {"kind": block.kind, "level": block.level, "key": block.text}
        item["text"] = fill(block.text, values)
        if block.kind == "field":
            item["answer"] = report.answers.get(block.text, "")
        if block.kind == "figure":
            item["rows"] = values[block.figures[0]]
            item["figure"] = block.figures[0]
        out.append(item)
    return out


@transaction.atomic
def save_report(unit: Unit, school_year: str, answers: dict[str, str], *, by: Any) -> YearlyReport:
    """Save the written fields (only those the outline has); audited."""
    if not policy.can_on_unit(by, "records.edit", unit):
        raise actions.PlanError(["Bạn không có quyền sửa báo cáo của đơn vị này."])
    report = report_for(unit, school_year)
    fields = {b.text for b in outline.parse(report.outline.body) if b.kind == "field"}
    new = {k: v.strip() for k, v in answers.items() if k in fields and v.strip()}
    if report.pk and new == report.answers:
        return report
    before = dict(report.answers) if report.pk else {}
    report.answers = new
    report.updated_by = by
    report.save()
    changed = sorted(set(before) | set(new))
    record(
        by,
        "plans.yearly_report",
        report,
        before={k: before.get(k, "") for k in changed if before.get(k) != new.get(k)},
        after={k: new.get(k, "") for k in changed if before.get(k) != new.get(k)},
    )
    return report


def render_docx(report: YearlyReport) -> bytes:
    unit = report.unit
    values = figures(unit, report.school_year)
    parent = unit.parent.name if unit.parent_id else ""
    place = unit.place or (unit.parent.place if unit.parent_id else "")
    document = Document()
    _setup(document)

    code = (unit.code or "").replace(" ", "")
    _header(document, parent, unit.name, place, timezone.localdate(), f"      /BC-{code}")
    _title(document, "BÁO CÁO", report.outline.title.replace("{year}", report.school_year))
    for block in blocks(report, values):
        if block["kind"] == "heading":
            _paragraph(document, block["text"], 14 if block["level"] == 1 else 13, bold=True)
        elif block["kind"] == "text":
            _paragraph(document, block["text"], indent=True)
        elif block["kind"] == "field":
            _paragraph(document, f"- {block['text']}", indent=True)
            _text_block(document, block["answer"])
        elif block["rows"]:
            if block["figure"] == "training":
                _table(document, ["Nội dung", "Số lượng", "Tỉ lệ"], block["rows"], [11.0, 2.5, 3.0])
            else:
                _table(document, ["Nội dung", "Số lượng"], block["rows"], [13.0, 3.5])
    closing(
        document,
        [f"- {parent or 'Cơ quan quản lý'} (t/h);", "- Cổng/trang TTĐT đơn vị (tt);", "- Lưu: VT."],
        "THỦ TRƯỞNG ĐƠN VỊ",
    )
    return _save(document)
