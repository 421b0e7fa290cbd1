"""Inventory services: the catalogue a unit sees, totals as S1 counts them, saving (audited), and
feeding the answers that are also index facts into the assessment of the same school year."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext

from chiso.assessments import actions as assessment_actions
from chiso.assessments.models import Assessment
from chiso.audit import record
from chiso.inventory.models import Acquisition, CatalogueEntry, Inventory, Kind, Line
from chiso.reports import data as report_data
from chiso.units import policy
from chiso.units.models import Unit


class InventoryError(ValueError):
    """Input that cannot be saved; `problems` names each line and what is wrong."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def catalogue_for(unit: Unit) -> QuerySet[CatalogueEntry]:
    """National entries and those added by the unit's offices (and itself)."""
    return CatalogueEntry.objects.filter(Q(owner__isnull=True) | Q(owner_id__in=unit.ancestor_ids))


@dataclass(frozen=True)
class Totals:
    """S1's four totals: applications in use and missing, equipment present and missing."""

    apps_in_use: int
    apps_missing: int
    equipment_present: int
    equipment_missing: int


def totals(lines: Iterable[Line]) -> Totals:
    """As S1 counts them: an answered "có" counts its quantity (2 mailboxes = 2, a computer room
    of 21 machines = 1 room); each "không" counts one missing; unanswered lines count nothing."""
    counts = {"apps_in": 0, "apps_out": 0, "eq_in": 0, "eq_out": 0}
    for line in lines:
        if line.available is None:
            continue
        prefix = "eq" if line.entry.kind == Kind.EQUIPMENT else "apps"
        if line.available:
            counts[prefix + "_in"] += line.quantity
        else:
            counts[prefix + "_out"] += 1
    return Totals(counts["apps_in"], counts["apps_out"], counts["eq_in"], counts["eq_out"])


def lines_of(inventory: Inventory) -> list[Line]:
    """Every catalogue entry the unit sees, with its saved answer or an empty one."""
    saved = {line.entry_id: line for line in inventory.lines.select_related("entry")}
    out = []
    for entry in catalogue_for(inventory.unit):
        line = saved.get(entry.pk) or Line(inventory=inventory, entry=entry, available=None)
        line.entry = entry
        out.append(line)
    return out


def inventory_for(unit: Unit, school_year: str) -> Inventory:
    """The unit's inventory of the year (unsaved and empty when there is none yet)."""
    found = Inventory.objects.filter(unit=unit, school_year=school_year).first()
    return found or Inventory(unit=unit, school_year=school_year)


EMPTY = {
    "available": None,
    "quantity": 1,
    "second_quantity": None,
    "product": "",
    "link": "",
    "acquisition": "",
}
FIELDS = ("available", "quantity", "second_quantity", "product", "link", "acquisition")


def _clean(entry: CatalogueEntry, raw: Mapping[str, Any], problems: list[str]) -> dict[str, Any]:
    where = f"Dòng «{entry.name}»"
    value = raw.get("available")
    available = {"1": True, "0": False, "": None, None: None, True: True, False: False}.get(value)
    if value not in ("1", "0", "", None, True, False):
        problems.append(gettext("%(where)s: chọn Có hoặc Không") % {"where": where})
    numbers: dict[str, int | None] = {}
    for name, label in (("quantity", "số lượng"), ("second_quantity", entry.second_label)):
        text = str(raw.get(name) or "").strip()
        if not text:
            numbers[name] = None
        elif text.isdigit():
            numbers[name] = int(text)
        else:
            problems.append(
                gettext("%(where)s: %(value)s «%(text)s» không phải số nguyên không âm")
                % {"where": where, "value": label or "số lượng", "text": text}
            )
            numbers[name] = None
    quantity = numbers["quantity"]
    if available and quantity == 0:
        problems.append(
            gettext("%(where)s: đã chọn Có thì số lượng phải từ 1 trở lên") % {"where": where}
        )
    acquisition = str(raw.get("acquisition") or "")
    if acquisition not in {"", *Acquisition.values}:
        problems.append(
            gettext("%(where)s: hình thức «%(acquisition)s» không hợp lệ")
            % {"where": where, "acquisition": acquisition}
        )
    product, link = str(raw.get("product") or "").strip(), str(raw.get("link") or "").strip()
    if len(product) > 255 or len(link) > 500:
        problems.append(
            gettext("%(where)s: tên sản phẩm (tối đa 255 ký tự) hoặc đường link (500) quá dài")
            % {"where": where}
        )
    return {
        "available": available,
        "quantity": quantity if quantity is not None else 1,
        "second_quantity": numbers["second_quantity"],
        "product": product,
        "link": link,
        "acquisition": acquisition,
    }


@transaction.atomic
def save(
    unit: Unit, school_year: str, answers: Mapping[int, Mapping[str, Any]], *, by: Any
) -> tuple[Inventory, list[str]]:
    """Save the answers (entry id → fields) of a unit's inventory, audited; then feed the index
    facts into the assessment of the same school year. Nothing is saved if one line is wrong.

    Returns the inventory and messages about the assessment (fed, or why not)."""
    if not policy.can_on_unit(by, "records.edit", unit):
        raise InventoryError([gettext("Bạn không có quyền sửa hiện trạng CNTT của đơn vị này.")])
    entries = {e.pk: e for e in catalogue_for(unit)}
    problems: list[str] = []
    cleaned: dict[int, dict[str, Any]] = {}
    for entry_id, raw in answers.items():
        entry = entries.get(int(entry_id))
        if entry is None:
            problems.append(
                gettext("Mục số %(entry_id)s không có trong danh mục của đơn vị")
                % {"entry_id": entry_id}
            )
            continue
        cleaned[entry.pk] = _clean(entry, raw, problems)
    if problems:
        raise InventoryError(problems)
    inventory, _ = Inventory.objects.select_for_update().get_or_create(
        unit=unit, school_year=school_year
    )
    saved = {line.entry_id: line for line in inventory.lines.all()}
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for entry_id, values in cleaned.items():
        if entry_id not in saved and values == EMPTY:
            continue  # a line left blank is not an answer
        line = saved.get(entry_id) or Line(inventory=inventory, entry_id=entry_id)
        old = {f: getattr(line, f) for f in FIELDS} if line.pk else {}
        if old == values:
            continue
        for field, value in values.items():
            setattr(line, field, value)
        line.save()
        before[str(entry_id)], after[str(entry_id)] = old, values
    if not after:
        return inventory, []
    inventory.version += 1
    inventory.updated_by = by
    inventory.save(update_fields=["version", "updated_by", "updated_at"])
    record(by, "inventory.edit", inventory, before=before, after=after)
    return inventory, feed_assessment(inventory, by=by)


def index_facts(inventory: Inventory) -> dict[str, bool]:
    """The index facts the inventory answers (only lines answered có or không)."""
    return {
        line.entry.fact: bool(line.available)
        for line in inventory.lines.select_related("entry")
        if line.entry.fact and line.available is not None
    }


def assessment_of(inventory: Inventory) -> Assessment | None:
    return (
        Assessment.objects.filter(unit=inventory.unit, campaign__school_year=inventory.school_year)
        .select_related("campaign", "unit")
        .order_by("-campaign__created_at")
        .first()
    )


def feed_assessment(inventory: Inventory, *, by: Any) -> list[str]:
    """Write the inventory's index facts into the same year's assessment, through its audited
    save (nothing when the assessment is not a draft the user may edit)."""
    facts = index_facts(inventory)
    assessment = assessment_of(inventory)
    if not facts or assessment is None:
        return []
    changed = {k: v for k, v in facts.items() if assessment.facts.get(k) != v}
    if not changed:
        return []
    if not (assessment.is_editable and policy.can(by, "edit", assessment)):
        return [
            gettext(
                "Bản đánh giá năm học này đã nộp hoặc bạn không được sửa: %(count)s dữ kiện từ "
                "hiện trạng CNTT chưa được cập nhật vào bản đánh giá."
            )
            % {"count": len(changed)}
        ]
    try:
        assessment_actions.save_answers(
            assessment, facts=changed, expected_version=assessment.version, by=by
        )
    except assessment_actions.ActionRefused as exc:
        return [
            gettext("Chưa cập nhật được dữ kiện vào bản đánh giá: %(reason)s") % {"reason": exc}
        ]
    return [
        gettext("Đã cập nhật %(count)s dữ kiện vào bản đánh giá năm học %(year)s.")
        % {"count": len(changed), "year": inventory.school_year}
    ]


@transaction.atomic
def add_entry(
    office: Unit, *, kind: str, name: str, quantity_label: str = "", by: Any
) -> CatalogueEntry:
    """An office adds a line to the catalogue of its subtree (audited)."""
    if not policy.can_on_unit(by, "catalogue.edit", office):
        raise InventoryError([gettext("Bạn không có quyền bổ sung danh mục cho đơn vị này.")])
    name = name.strip()
    problems = []
    if kind not in Kind.values:
        problems.append(gettext("Nhóm: chọn một trong ba nhóm của danh mục"))
    if not name or len(name) > 255:
        problems.append(gettext("Tên: bắt buộc, tối đa 255 ký tự"))
    if problems:
        raise InventoryError(problems)
    if catalogue_for(office).filter(kind=kind, name__iexact=name).exists():
        raise InventoryError([f"Tên: «{name}» đã có trong danh mục"])
    entry = CatalogueEntry.objects.create(
        kind=kind,
        name=name,
        quantity_label=quantity_label.strip()[:64],
        owner=office,
        position=1000,
    )
    record(by, "inventory.catalogue_add", office, after={"kind": kind, "name": name})
    return entry


def report_supplement(assessment: Assessment) -> report_data.Supplement:
    """The solution names the result report cites per index fact ("Có hệ thống LMS/LCMS
    (K12Online, thuê)"), from the inventory of the assessment's school year (2 queries)."""
    inventory = Inventory.objects.filter(
        unit_id=assessment.unit_id, school_year=assessment.campaign.school_year
    ).first()
    if inventory is None:
        return report_data.Supplement()
    solutions: dict[str, str] = {}
    for line in inventory.lines.select_related("entry").exclude(entry__fact=""):
        if not line.available:
            continue
        parts = [
            line.product or "",
            str(line.get_acquisition_display()).lower() if line.acquisition else "",
            line.link or "",
        ]
        text = ", ".join(p for p in parts if p)
        if text and line.entry.fact not in solutions:
            solutions[line.entry.fact] = text
    return report_data.Supplement(solutions=solutions)
