"""An office's table of many units (one row per school with 1.1 … 2.4) loaded into the units'
drafts: a dry run first, each row matched to a unit of the office's subtree by its code or its
name (matched, unmatched, ambiguous), then, once confirmed, each unit saved on its own through
`actions.start` and `actions.save_answers` (transactional and audited there).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _

from chiso.assessments import actions, queries, scoring
from chiso.assessments.models import Assessment, Campaign
from chiso.legacy.importing import UnitImport
from chiso.legacy.text import fold
from chiso.units import policy
from chiso.units.models import Unit

# The same school type written long or short: "Trường Tiểu học Kim Đồng" = "TH Kim Đồng".
TYPE_WORDS = (
    ("trung hoc pho thong", "thpt"),
    ("trung hoc co so", "thcs"),
    ("tieu hoc", "th"),
    ("pho thong dan toc ban tru", "ptdtbt"),
    ("pho thong dan toc noi tru", "ptdtnt"),
    ("giao duc thuong xuyen", "gdtx"),
    ("mam non", "mn"),
)


def name_key(name: str) -> str:
    """A unit's name as compared: no diacritics, no "Trường", school types abbreviated."""
    key = " " + re.sub(r"[^a-z0-9 ]", " ", fold(name)) + " "
    for long, short in TYPE_WORDS:
        key = key.replace(f" {long} ", f" {short} ")
    key = re.sub(r"^ (?:truong|trung tam) ", " ", key)
    return " ".join(key.split())


@dataclass
class Row:
    """One unit row of the file and what the dry run decided for it."""

    number: int
    name: str
    code: str
    status: str  # "ready" | "unmatched" | "ambiguous" | "refused"
    reason: str = ""
    unit: Unit | None = None
    points: dict[str, str] = field(default_factory=dict)
    answers: dict[str, Any] = field(default_factory=dict)
    uncertain: int = 0


@dataclass
class BulkPlan:
    name: str
    rows: list[Row] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.rows)

    def to_session(self) -> dict[str, Any]:
        ready = [r for r in self.rows if r.status == "ready" and r.unit is not None]
        return {
            "name": self.name,
            "rows": [{"unit": r.unit.pk, "points": r.points, "answers": r.answers} for r in ready],  # type: ignore[union-attr]
        }


def dry_run(
    office: Unit, campaign: Campaign, user: Any, name: str, units: list[UnitImport]
) -> BulkPlan:
    """What the file would change, row by row; nothing is saved."""
    plan = BulkPlan(name)
    candidates = list(queries.assessed_units(office, campaign))
    assessments = {
        a.unit_id: a
        for a in Assessment.objects.filter(campaign=campaign, unit__in=candidates).select_related(
            "unit", "campaign"
        )
    }
    for number, unit in enumerate(units, start=1):
        plan.rows.append(_row(number, unit, candidates, assessments, user, campaign))
    _refuse_twice_matched(plan)
    return plan


def _row(
    number: int,
    unit: UnitImport,
    candidates: list[Unit],
    assessments: dict[int, Assessment],
    user: Any,
    campaign: Campaign,
) -> Row:
    row = Row(
        number,
        unit.unit_name,
        unit.reading.unit_code,
        "ready",
        uncertain=len(unit.reading.uncertain),
    )
    matches = _matches(row.code, row.name, candidates)
    if not matches:
        return _refused(row, "unmatched", _("không có đơn vị nào trong phạm vi có mã hay tên này"))
    if len(matches) > 1:
        names = "; ".join(f"{u.code or '—'} {u.name}" for u in matches[:4])
        return _refused(
            row,
            "ambiguous",
            _("khớp %(n)s đơn vị: %(names)s") % {"n": len(matches), "names": names},
        )
    row.unit = matches[0]
    row.points = {k: _plain(v) for k, v in unit.awarded.items()}
    row.answers = {k: v for k, v in unit.facts.items() if _answerable(unit, k)}
    if unit.card is None:
        return _refused(row, "refused", unit.not_scored)
    if not row.points and not row.answers:
        return _refused(row, "refused", _("dòng này không có điểm nào đọc được chắc chắn"))
    return _permitted(row, assessments.get(row.unit.pk), user, campaign)


def _answerable(unit: UnitImport, fact: str) -> bool:
    framework = unit.framework
    return framework.has_fact(fact) and framework.fact(fact).type != "figure"


def _permitted(row: Row, assessment: Assessment | None, user: Any, campaign: Campaign) -> Row:
    assert row.unit is not None
    if assessment is None:
        if not campaign.is_open:
            return _refused(row, "refused", _("đợt đã đóng, đơn vị chưa có bản đánh giá"))
        if not policy.can_start(user, row.unit, on_behalf=True):
            return _refused(row, "refused", _("bạn không có quyền mở bản đánh giá cho đơn vị này"))
        return row
    if not policy.can(user, "import", assessment):
        return _refused(row, "refused", _("bạn không có quyền nhập dữ liệu cho đơn vị này"))
    if not assessment.is_editable:
        return _refused(
            row,
            "refused",
            _("bản đánh giá đang «%(status)s»") % {"status": assessment.get_status_display()},
        )
    return row


def _refused(row: Row, status: str, reason: str) -> Row:
    row.status, row.reason = status, reason
    return row


def _matches(code: str, name: str, candidates: list[Unit]) -> list[Unit]:
    if code.strip():
        by_code = [
            u for u in candidates if u.code and u.code.strip().casefold() == code.strip().casefold()
        ]
        if by_code:
            return by_code
    key = name_key(name)
    return [u for u in candidates if key and name_key(u.name) == key]


def _refuse_twice_matched(plan: BulkPlan) -> None:
    """Two rows for one unit: neither is certain."""
    seen: dict[int, list[Row]] = {}
    for row in plan.rows:
        if row.status == "ready" and row.unit is not None:
            seen.setdefault(row.unit.pk, []).append(row)
    for rows in seen.values():
        if len(rows) > 1:
            numbers = ", ".join(str(r.number) for r in rows)
            for row in rows:
                _refused(
                    row, "ambiguous", _("các dòng %(rows)s cùng là đơn vị này") % {"rows": numbers}
                )


def _plain(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else str(float(value))


# -- applying ------------------------------------------------------------------------------------


@dataclass
class BulkResult:
    saved: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def apply(office: Unit, campaign: Campaign, user: Any, kept: dict[str, Any]) -> BulkResult:
    """Save each planned unit on its own: a unit refused now never stops the others."""
    result = BulkResult()
    reason = _("Theo bảng tổng hợp «%(name)s»") % {"name": kept["name"]}
    allowed = {
        u.pk: u
        for u in queries.assessed_units(office, campaign).filter(
            pk__in=[r["unit"] for r in kept["rows"]]
        )
    }
    for planned in kept["rows"]:
        unit = allowed.get(planned["unit"])
        if unit is None:
            result.failed.append(_("một đơn vị không còn trong phạm vi"))
            continue
        try:
            _save_unit(unit, campaign, user, planned, reason)
        except actions.ActionRefused as exc:
            result.failed.append(f"{unit.name}: {exc}")
            continue
        result.saved.append(unit.name)
    return result


def _save_unit(
    unit: Unit, campaign: Campaign, user: Any, planned: dict[str, Any], reason: str
) -> None:
    assessment = (
        Assessment.objects.filter(campaign=campaign, unit=unit)
        .select_related("unit", "campaign")
        .first()
    )
    if assessment is None:
        assessment = actions.start(unit, campaign, by=user, on_behalf=True)
    framework = scoring.framework_for(assessment)
    awards = {
        k: {"points": v, "reason": reason}
        for k, v in planned["points"].items()
        if _known(framework, k)
    }
    actions.save_answers(
        assessment,
        facts=planned["answers"] or None,
        awards=awards or None,
        expected_version=assessment.version,
        by=user,
        on_behalf=True,
    )


def _known(framework: Any, target: str) -> bool:
    return bool(framework.has_criterion(target) or framework.has_item(target))
