"""Outlines and reports on them (an office's periodic reports, an institution's yearly report):
create, fill from the data, save what people write (audited)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from chiso import audit
from chiso.assessments import queries
from chiso.audit import record
from chiso.periodic import builtin, figures, outline
from chiso.periodic.models import PeriodicReport, ReportOutline
from chiso.units import naming
from chiso.units.models import Unit


class Refused(Exception):
    """The change is not possible; the message (Vietnamese) says why."""


def parse(text: str) -> outline.Outline:
    return outline.parse(text, set(figures.FIGURES), set(figures.TABLES))


def available_outlines(unit: Unit) -> list[ReportOutline]:
    """The unit's own outlines, those that offices above it set for their units, and the
    national samples."""
    ancestors = [pk for pk in unit.ancestor_ids if pk != unit.pk]
    return list(
        ReportOutline.objects.filter(
            Q(owner=unit)
            | Q(owner_id__in=ancestors, for_subunits=True)
            | Q(owner__isnull=True, for_subunits=True)
        ).select_related("owner")
    )


def yearly_outline(unit: Unit) -> ReportOutline | None:
    """The outline of the yearly report: the newest one the nearest office above sets for its
    units, else the national sample (seed S4)."""
    ancestors = [pk for pk in unit.ancestor_ids if pk != unit.pk]
    found = list(
        ReportOutline.objects.filter(
            Q(owner_id__in=ancestors) | Q(owner__isnull=True), for_subunits=True
        ).order_by("-updated_at", "-pk")
    )
    nearest = {pk: depth for depth, pk in enumerate(ancestors)}
    found.sort(key=lambda o: nearest.get(o.owner_id, -1), reverse=True)
    return found[0] if found else None


def register_national_samples(*, using: str = "default") -> None:
    """The national sample of the yearly report (S4) exists in every database (idempotent)."""
    outlines = ReportOutline.objects.using(using)
    # The sample is nobody's: it follows the code (reports already started keep their copy).
    outlines.filter(owner__isnull=True, for_subunits=True, title=builtin.YEARLY_TITLE).exclude(
        text=builtin.YEARLY
    ).update(text=builtin.YEARLY, subject=builtin.YEARLY_SUBJECT)
    if not outlines.filter(owner__isnull=True, for_subunits=True).exists():
        outlines.create(
            owner=None,
            title=builtin.YEARLY_TITLE,
            subject=builtin.YEARLY_SUBJECT,
            for_subunits=True,
            text=builtin.YEARLY,
        )


def yearly_period(school_year: str) -> str:
    return f"năm học {school_year}"


def yearly_report(unit: Unit, school_year: str) -> PeriodicReport | None:
    """The unit's report of a school year, if it was started."""
    return (
        PeriodicReport.objects.filter(unit=unit, period=yearly_period(school_year))
        .order_by("-created_at")
        .first()
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
    for key, label in (
        ("title", "Tên đề cương"),
        ("subject", "Trích yếu"),
        ("recipient", "Kính gửi"),
    ):
        longest = ReportOutline._meta.get_field(key).max_length
        if len(str(data.get(key, "")).strip()) > longest:
            problems.insert(0, f"{label}: dài quá {longest} ký tự.")
    if problems:
        raise Refused("\n".join(problems))
    item = existing or ReportOutline(owner=owner)
    values = {}
    for key in ("title", "subject", "recipient", "for_subunits", "text"):
        value = data.get(key, False if key == "for_subunits" else "")
        values[key] = value.strip() if isinstance(value, str) else bool(value)
    item.updated_by = by
    verb = "outline.edit" if existing else "outline.create"
    audit.save_changes(by, verb, item, values, also=("updated_by", "updated_at"))
    return item


@transaction.atomic
def start_report(
    unit: Unit,
    chosen: ReportOutline,
    period: str,
    *,
    by: Any,
    campaign: Any = None,
) -> PeriodicReport:
    """A new period's report; what was written last period is carried over as a starting text.
    Its figures are those of `campaign` (the current one by default)."""
    period = period.strip()
    if not period:
        raise Refused(_("Hãy ghi kỳ báo cáo (ví dụ: tháng 02/2025, năm học 2024-2025)."))
    if chosen not in available_outlines(unit):
        raise Refused(_("Đề cương này không dùng được cho đơn vị."))
    last = PeriodicReport.objects.filter(unit=unit, outline=chosen).order_by("-created_at").first()
    campaign = campaign or queries.current_campaign(unit)
    # Addressed as the outline says; an institution's, else to the body that managed it in that
    # school year (an office's falls back to its People's Committee when printed).
    recipient = chosen.recipient
    if not recipient and unit.kind == Unit.Kind.INSTITUTION:
        year = campaign.school_year if campaign else None
        recipient = naming.issuer(unit, school_year=year).superior
    report = PeriodicReport.objects.create(
        unit=unit,
        outline=chosen,
        campaign=campaign,
        period=period[:100],
        title=chosen.title,
        subject=chosen.subject,
        recipient=recipient[:255],
        outline_text=chosen.text,
        writings=dict(last.writings) if last and last.outline_text == chosen.text else {},
        created_by=by,
    )
    record(by, "periodic.create", report, after={"period": report.period, "title": report.title})
    return report


def start_yearly_report(unit: Unit, school_year: str, *, by: Any) -> PeriodicReport:
    """The unit's report of a school year on its office's outline (started once)."""
    existing = yearly_report(unit, school_year)
    if existing is not None:
        return existing
    chosen = yearly_outline(unit)
    if chosen is None:
        raise Refused(_("Chưa có đề cương báo cáo năm cho đơn vị."))
    campaign = queries.campaign_of_year(unit, school_year)
    return start_report(unit, chosen, yearly_period(school_year), by=by, campaign=campaign)


@transaction.atomic
def save_report(
    report: PeriodicReport, data: dict[str, Any], *, expected_version: int, by: Any
) -> PeriodicReport:
    report = PeriodicReport.objects.select_for_update().get(pk=report.pk)
    if report.version != expected_version:
        raise Refused(
            _(
                "Báo cáo vừa được người khác lưu. Hãy tải lại trang để xem thay đổi của họ; không có gì bị ghi đè."
            )
        )
    slots = len(parse(report.outline_text).slots)
    writings = {str(i): str(data.get(f"slot_{i}", "")).strip()[:20_000] for i in range(slots)}
    writings = {k: v for k, v in writings.items() if v}
    fields = {
        "number": str(data.get("number", "")).strip()[:64],
        "period": str(data.get("period", report.period)).strip()[:100] or report.period,
    }
    raw_day = str(data.get("issued_on", "")).strip()
    try:
        issued_on = dt.date.fromisoformat(raw_day) if raw_day else None
    except ValueError:
        raise Refused(
            _("Ngày ban hành: «%(value)s» không phải ngày hợp lệ (ngày/tháng/năm).")
            % {"value": raw_day[:20]}
        ) from None
    values = {"writings": writings, "issued_on": issued_on, **fields}
    if any(getattr(report, k) != v for k, v in values.items()):
        report.version += 1
        audit.save_changes(by, "periodic.edit", report, values, also=("version", "updated_at"))
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
    values: dict[str, str] = field(default_factory=dict)  # the figures the outline names


def filled(report: PeriodicReport) -> Filled:
    """The report with every figure and table computed from today's data."""
    scope = figures.scope_for(report.unit, report.campaign, report.period)
    parsed = parse(report.outline_text)
    named = {n for b in parsed.blocks for n in outline.PLACEHOLDER.findall(b.text)}
    named |= set(outline.PLACEHOLDER.findall(report.subject))
    values = figures.values(scope, named)
    sections: list[Section] = []
    slot = 0
    for block in parsed.blocks:
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
    return Filled(report, outline.fill(report.subject, values), sections, values)
