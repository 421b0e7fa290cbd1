"""Outlines and periodic reports: create, fill from the data, save what people write (audited)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q

from chiso.assessments import queries
from chiso.audit import record
from chiso.periodic import figures, outline
from chiso.periodic.models import PeriodicReport, ReportOutline
from chiso.units.models import Unit


class Refused(Exception):
    """The change is not possible; the message (Vietnamese) says why."""


def parse(text: str) -> outline.Outline:
    return outline.parse(text, set(figures.FIGURES), set(figures.TABLES))


def available_outlines(unit: Unit) -> list[ReportOutline]:
    """The unit's own outlines, and those that offices above it set for their units."""
    ancestors = [int(p) for p in unit.path.strip("/").split("/") if p and int(p) != unit.pk]
    return list(
        ReportOutline.objects.filter(
            Q(owner=unit) | Q(owner_id__in=ancestors, for_subunits=True)
        ).select_related("owner")
    )


@transaction.atomic
def save_outline(
    owner: Unit, data: dict[str, Any], *, by: Any, existing: ReportOutline | None = None
) -> ReportOutline:
    parsed = parse(data.get("text", ""))
    problems = list(parsed.problems)
    for key, label in (("title", "Tên đề cương"), ("subject", "Trích yếu")):
        if not str(data.get(key, "")).strip():
            problems.insert(0, f"{label}: không được để trống.")
    if problems:
        raise Refused("\n".join(problems))
    item = existing or ReportOutline(owner=owner)
    before = {
        f: getattr(item, f) for f in ("title", "subject", "recipient", "for_subunits", "text")
    }
    for key in before:
        value = data.get(key, False if key == "for_subunits" else "")
        setattr(item, key, value.strip() if isinstance(value, str) else bool(value))
    item.updated_by = by
    item.save()
    after = {f: getattr(item, f) for f in before}
    changed = {k for k in before if before[k] != after[k]}
    record(
        by,
        "outline.edit" if existing else "outline.create",
        item,
        before={k: before[k] for k in changed},
        after={k: after[k] for k in changed},
    )
    return item


@transaction.atomic
def start_report(unit: Unit, chosen: ReportOutline, period: str, *, by: Any) -> PeriodicReport:
    """A new period's report; what was written last period is carried over as a starting text."""
    period = period.strip()
    if not period:
        raise Refused("Hãy ghi kỳ báo cáo (ví dụ: tháng 02/2025, năm học 2024-2025).")
    if chosen not in available_outlines(unit):
        raise Refused("Đề cương này không dùng được cho đơn vị.")
    last = PeriodicReport.objects.filter(unit=unit, outline=chosen).order_by("-created_at").first()
    report = PeriodicReport.objects.create(
        unit=unit,
        outline=chosen,
        campaign=queries.current_campaign(unit),
        period=period[:100],
        title=chosen.title,
        subject=chosen.subject,
        recipient=chosen.recipient,
        outline_text=chosen.text,
        writings=dict(last.writings) if last and last.outline_text == chosen.text else {},
        created_by=by,
    )
    record(by, "periodic.create", report, after={"period": report.period, "title": report.title})
    return report


@transaction.atomic
def save_report(
    report: PeriodicReport, data: dict[str, Any], *, expected_version: int, by: Any
) -> PeriodicReport:
    report = PeriodicReport.objects.select_for_update().get(pk=report.pk)
    if report.version != expected_version:
        raise Refused(
            "Báo cáo vừa được người khác lưu. Hãy tải lại trang để xem thay đổi của họ; không có gì bị ghi đè."
        )
    slots = len(parse(report.outline_text).slots)
    writings = {str(i): str(data.get(f"slot_{i}", "")).strip()[:20_000] for i in range(slots)}
    writings = {k: v for k, v in writings.items() if v}
    fields = {
        "number": str(data.get("number", "")).strip()[:64],
        "period": str(data.get("period", report.period)).strip()[:100] or report.period,
    }
    before = {"writings": report.writings, **{k: getattr(report, k) for k in fields}}
    report.writings = writings
    for key, value in fields.items():
        setattr(report, key, value)
    report.version += 1
    report.save()
    after = {"writings": report.writings, **fields}
    changed = [k for k in before if before[k] != after[k]]
    if changed:
        record(
            by,
            "periodic.edit",
            report,
            before={k: before[k] for k in changed},
            after={k: after[k] for k in changed},
        )
    return report


@dataclass
class Section:
    kind: str
    text: str = ""
    depth: int = 0
    slot: int | None = None
    hint: str = ""
    table: figures.Table | None = None
    title: str = ""


@dataclass
class Filled:
    report: PeriodicReport
    subject: str
    sections: list[Section] = field(default_factory=list)


def filled(report: PeriodicReport) -> Filled:
    """The report with every figure and table computed from today's data."""
    scope = figures.scope_for(report.unit, report.campaign, report.period)
    values = figures.values(scope)
    sections: list[Section] = []
    slot = 0
    for block in parse(report.outline_text).blocks:
        if block.kind == "heading":
            sections.append(Section("heading", outline.fill(block.text, values), block.depth))
        elif block.kind == "text":
            sections.append(Section("text", outline.fill(block.text, values)))
        elif block.kind == "table" and block.text in figures.TABLES:
            title, build = figures.TABLES[block.text]
            sections.append(Section("table", table=build(scope), title=title))
        elif block.kind == "write":
            sections.append(
                Section("write", report.writings.get(str(slot), ""), slot=slot, hint=block.text)
            )
            slot += 1
    return Filled(report, outline.fill(report.subject, values), sections)
