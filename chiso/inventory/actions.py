"""Inventory services: the catalogue a unit sees, totals as S1 counts them, saving (audited), and
feeding the answers that are also index facts into the assessment of the same school year."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from chiso.assessments import actions as assessment_actions
from chiso.assessments import scoring, yearfacts
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
    """Every catalogue entry the unit sees, with its saved answer or an empty one. The có/không
    of a line that is also an index fact is read from its one place: the year's assessment
    when it holds the fact (`line.place` then says so), the line otherwise."""
    saved = (
        {line.entry_id: line for line in inventory.lines.select_related("entry")}
        if inventory.pk
        else {}
    )
    assessment = yearfacts.assessment_of(inventory.unit, inventory.school_year)
    out = []
    for entry in catalogue_for(inventory.unit):
        line = saved.get(entry.pk) or Line(inventory=inventory, entry=entry, available=None)
        line.entry = entry
        line.place, line.locked = "", False
        if entry.fact and yearfacts.holds(assessment, entry.fact):
            line.available = yearfacts.value(assessment, entry.fact, line.available)
            line.place = yearfacts.where_used(assessment, entry.fact)
            # An answer of a submitted assessment stays as submitted: read only here.
            line.locked = yearfacts.writes_to_assessment(assessment, entry.fact) and not (
                assessment is not None and assessment.is_editable
            )
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
        problems.append(_("%(where)s: chọn Có hoặc Không") % {"where": where})
    numbers: dict[str, int | None] = {}
    for name, label in (("quantity", "số lượng"), ("second_quantity", entry.second_label)):
        text = str(raw.get(name) or "").strip()
        if not text:
            numbers[name] = None
        elif text.isdigit():
            numbers[name] = int(text)
        else:
            problems.append(
                _("%(where)s: %(value)s «%(text)s» không phải số nguyên không âm")
                % {"where": where, "value": label or "số lượng", "text": text}
            )
            numbers[name] = None
    quantity = numbers["quantity"]
    if available and quantity == 0:
        problems.append(
            _("%(where)s: đã chọn Có thì số lượng phải từ 1 trở lên") % {"where": where}
        )
    acquisition = str(raw.get("acquisition") or "")
    if acquisition not in {"", *Acquisition.values}:
        problems.append(
            _("%(where)s: hình thức «%(acquisition)s» không hợp lệ")
            % {"where": where, "acquisition": acquisition}
        )
    product, link = str(raw.get("product") or "").strip(), str(raw.get("link") or "").strip()
    if len(product) > 255 or len(link) > 500:
        problems.append(
            _("%(where)s: tên sản phẩm (tối đa 255 ký tự) hoặc đường link (500) quá dài")
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
    """Save the answers (entry id → fields) of a unit's inventory, audited. The có/không of a
    line that is an index fact is saved once: into the year's assessment when it holds the fact
    (through its audited save), in the line otherwise. Nothing is saved if one line is wrong.

    Returns the inventory and messages about the assessment."""
    if not policy.can_on_unit(by, "records.edit", unit):
        raise InventoryError(["Bạn không có quyền sửa hiện trạng CNTT của đơn vị này."])
    entries = {e.pk: e for e in catalogue_for(unit)}
    problems: list[str] = []
    cleaned: dict[int, dict[str, Any]] = {}
    for entry_id, raw in answers.items():
        entry = entries.get(int(entry_id))
        if entry is None:
            problems.append(
                _("Mục số %(entry_id)s không có trong danh mục của đơn vị") % {"entry_id": entry_id}
            )
            continue
        cleaned[entry.pk] = _clean(entry, raw, problems)
    if problems:
        raise InventoryError(problems)
    assessment = yearfacts.assessment_of(unit, school_year)
    current = {line.entry_id: line.available for line in lines_of(inventory_for(unit, school_year))}
    # The có/không of a line that is an index fact goes to the assessment that holds it.
    to_assessment = {}
    for entry_id, values in cleaned.items():
        fact = entries[entry_id].fact
        if fact and yearfacts.writes_to_assessment(assessment, fact):
            if values["available"] != current.get(entry_id):
                to_assessment[fact] = values["available"]
            values["available"] = None
    if to_assessment and assessment is not None:
        if not assessment.is_editable:
            raise InventoryError(
                [
                    f"Bản đánh giá năm học {school_year} đã nộp: "
                    f"{', '.join(sorted(to_assessment))} được giữ như đã nộp, không sửa được ở đây"
                ]
            )
        if not policy.can(by, "edit", assessment):
            raise InventoryError(
                ["Bạn không được sửa bản đánh giá, nơi lưu các câu trả lời Có/Không của bộ chỉ số"]
            )
    inventory, _created = Inventory.objects.select_for_update().get_or_create(
        unit=unit, school_year=school_year
    )
    saved = {line.entry_id: line for line in inventory.lines.all()}
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for entry_id, values in cleaned.items():
        if entry_id not in saved and values == EMPTY:
            continue  # a line left blank is not an answer (or its answer is the assessment's)
        line = saved.get(entry_id) or Line(inventory=inventory, entry_id=entry_id)
        old = {f: getattr(line, f) for f in FIELDS} if line.pk else {}
        if old == values:
            continue
        for field, value in values.items():
            setattr(line, field, value)
        line.save()
        before[str(entry_id)], after[str(entry_id)] = old, values
    notes = []
    if to_assessment and assessment is not None:
        notes = _write_facts(assessment, to_assessment, by=by, school_year=school_year)
    if not after:
        return inventory, notes
    inventory.version += 1
    inventory.updated_by = by
    inventory.save(update_fields=["version", "updated_by", "updated_at"])
    record(by, "inventory.edit", inventory, before=before, after=after)
    return inventory, notes


def _write_facts(
    assessment: Assessment, facts: dict[str, Any], *, by: Any, school_year: str
) -> list[str]:
    """The index answers of the inventory, saved into the assessment (its audited save)."""
    framework = scoring.framework_for(assessment)
    touched = [c.id for c in framework.all_criteria if set(scoring.criterion_facts(c)) & set(facts)]
    try:
        assessment_actions.save_answers(
            assessment,
            facts=facts,
            criteria={c: assessment_actions.criterion_version(assessment, c) for c in touched}
            if touched
            else None,
            expected_version=None if touched else assessment.version,
            by=by,
        )
    except assessment_actions.ActionRefused as exc:
        raise InventoryError([f"Chưa cập nhật được bản đánh giá: {exc}"]) from None
    return [f"Đã cập nhật {len(facts)} dữ kiện vào bản đánh giá năm học {school_year}."]


def assessment_of(inventory: Inventory) -> Assessment | None:
    return yearfacts.assessment_of(inventory.unit, inventory.school_year)


def take_into_assessment(assessment: Assessment, *, by: Any) -> None:
    """A draft just started takes the index answers kept in the year's inventory; the lines keep
    none of them from then on (audited on the inventory). Receives `yearfacts.started`."""
    inventory = Inventory.objects.filter(
        unit_id=assessment.unit_id, school_year=assessment.campaign.school_year
    ).first()
    if inventory is None:
        return
    before, after = {}, {}
    for line in inventory.lines.select_related("entry"):
        fact = line.entry.fact
        if not fact or line.available is None or not yearfacts.holds(assessment, fact):
            continue
        assessment.facts[fact] = line.available
        before[str(line.entry_id)], after[str(line.entry_id)] = line.available, None
        line.available = None
        line.save(update_fields=["available"])
    if after:
        note = f"chuyển vào bản đánh giá năm học {assessment.campaign.school_year}"
        record(by, "inventory.moved", inventory, before=before, after=after, note=note)


@transaction.atomic
def add_entry(
    office: Unit, *, kind: str, name: str, quantity_label: str = "", by: Any
) -> CatalogueEntry:
    """An office adds a line to the catalogue of its subtree (audited)."""
    if not policy.can_on_unit(by, "catalogue.edit", office):
        raise InventoryError(["Bạn không có quyền bổ sung danh mục cho đơn vị này."])
    name = name.strip()
    problems = []
    if kind not in Kind.values:
        problems.append(_("Nhóm: chọn một trong ba nhóm của danh mục"))
    if not name or len(name) > 255:
        problems.append(_("Tên: bắt buộc, tối đa 255 ký tự"))
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
        # The có/không is the assessment's answer when it has one (its one place).
        if not yearfacts.value(assessment, line.entry.fact, line.available):
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
