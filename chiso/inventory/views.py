"""Inventory screens: the unit's inventory of a year (edit for its staff, read for offices above),
and the catalogue an office extends for its subtree."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from chiso.assessments.campaigns import is_school_year
from chiso.inventory import actions
from chiso.inventory.export import inventory_filename, render_inventory_xlsx
from chiso.inventory.models import Acquisition, Kind
from chiso.lib.ids import parse_id
from chiso.units import policy

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def check_year(school_year: str) -> str:
    """A school year "2024-2025" (consecutive years, ASCII digits), or 404."""
    if not is_school_year(school_year):
        raise Http404
    return school_year


def _answers(post: Any) -> dict[int, dict[str, str]]:
    answers: dict[int, dict[str, str]] = {}
    for key in post:
        name, _sep, entry_id = key.rpartition("-")
        if name in actions.FIELDS and parse_id(entry_id):
            answers.setdefault(int(entry_id), {})[name] = post.get(key, "")
    return answers


def unit_records(request: HttpRequest, unit_pk: int, school_year: str) -> tuple[Any, str, bool]:
    """The unit whose records of the year the user may read (404 otherwise), the checked year,
    and whether the user may also write them; a POST by a reader is a 404 too."""
    unit = policy.get_unit_for_action(request.user, unit_pk, "records.view")
    school_year = check_year(school_year)
    can_edit = policy.can_on_unit(request.user, "records.edit", unit)
    if request.method == "POST" and not can_edit:
        raise Http404
    return unit, school_year, can_edit


@login_required
def edit(request: HttpRequest, unit_pk: int, school_year: str) -> HttpResponse:
    unit, school_year, can_edit = unit_records(request, unit_pk, school_year)
    problems: list[str] = []
    if request.method == "POST":
        try:
            _inventory, notes = actions.save(
                unit, school_year, _answers(request.POST), by=request.user
            )
        except actions.InventoryError as exc:
            problems = exc.problems
        else:
            messages.success(request, _("Đã lưu hiện trạng CNTT."))
            for note in notes:
                messages.info(request, note)
            return redirect("inventory:edit", unit.pk, school_year)
    inventory = actions.inventory_for(unit, school_year)
    lines = actions.lines_of(inventory)
    sections = [
        (value, label, [line for line in lines if line.entry.kind == value])
        for value, label in Kind.choices
    ]
    return render(
        request,
        "inventory/edit.html",
        {
            "unit": unit,
            "school_year": school_year,
            "inventory": inventory,
            "sections": sections,
            "totals": actions.totals(lines),
            "can_edit": can_edit,
            "problems": problems,
            "acquisitions": Acquisition.choices,
            "extend_office": next(
                (
                    office
                    for office in policy.office_units(request.user)
                    if unit.is_within(office)
                    and policy.can_on_unit(request.user, "catalogue.edit", office)
                ),
                None,
            ),
        },
        status=400 if problems else 200,
    )


@login_required
def workbook(request: HttpRequest, unit_pk: int, school_year: str) -> HttpResponse:
    """The inventory of the year as a workbook, for whoever may read it."""
    if request.method != "GET":
        raise Http404
    unit, school_year, _can_edit = unit_records(request, unit_pk, school_year)
    lines = actions.lines_of(actions.inventory_for(unit, school_year))
    response = HttpResponse(render_inventory_xlsx(unit, school_year, lines), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=inventory_filename(unit, school_year)
    )
    return response


@login_required
def catalogue(request: HttpRequest, unit_pk: int) -> HttpResponse:
    office = policy.get_unit_for_action(request.user, unit_pk, "catalogue.edit")
    problems: list[str] = []
    if request.method == "POST":
        try:
            entry = actions.add_entry(
                office,
                kind=request.POST.get("kind", ""),
                name=request.POST.get("name", ""),
                quantity_label=request.POST.get("quantity_label", ""),
                by=request.user,
            )
        except actions.InventoryError as exc:
            problems = exc.problems
        else:
            messages.success(request, _("Đã thêm «%(name)s» vào danh mục.") % {"name": entry.name})
            return redirect("inventory:catalogue", office.pk)
    entries = list(actions.catalogue_for(office).select_related("owner"))
    return render(
        request,
        "inventory/catalogue.html",
        {"office": office, "entries": entries, "kinds": Kind.choices, "problems": problems},
        status=400 if problems else 200,
    )
