"""What an office's system syncs: its dashboard figures and its files (consolidated table,
level statistics), with the same scope as the office screens and the same builders."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext

from chiso.api.http import api, choice_param, download, int_param, not_found, ok, school_year_param
from chiso.api.schema import MAX_ID
from chiso.api.views import campaign_json, unit_json
from chiso.assessments import queries, tally
from chiso.assessments.models import Campaign
from chiso.dashboards import services
from chiso.reports import exports
from chiso.units import policy
from chiso.units.models import Unit

MEASURE_KEYS = {"group1_level": "group1", "group2_level": "group2", "overall_level": "overall"}


def get_office(request: HttpRequest, pk: int) -> Unit:
    """An office the user sees as office staff (or administrator); 404 otherwise, as on screen."""
    office = policy.visible_units(request.user).filter(pk=pk).first() if pk <= MAX_ID else None
    if office is None or not office.is_office or not policy.office_units(request.user):
        raise not_found(gettext("đơn vị"))
    return office


def get_campaign(request: HttpRequest, office: Unit) -> Campaign:
    """?campaign= (id, any audience) or ?school_year= (the institutions' campaign of that year)
    among the campaigns run above the office; else the current open one, else the latest (as
    the screens choose: queries.office_campaign)."""
    chosen, year = int_param(request, "campaign"), school_year_param(request)
    if chosen is None and year is None:
        campaign, _named = queries.campaign_from_params(office, {})
    else:
        campaign = queries.office_campaign(office, campaign_id=chosen, school_year=year)
    if campaign is None:
        raise not_found(gettext("đợt đánh giá"))
    return campaign


def get_basis(request: HttpRequest) -> str:
    """?basis= checked (default: what the office has checked) | submitted | all."""
    return choice_param(request, "basis", tuple(tally.BASES), tally.DEFAULT_BASIS)


def _levels(levels: dict[int, int]) -> dict[str, int]:
    return {str(level): levels[level] for level in services.LEVELS}


def line_json(line: services.Line) -> dict[str, Any]:
    return {
        "label": line.label,
        "unit_id": line.unit.pk if line.unit else None,
        "institution_type": line.key or None,
        "total": line.total,
        "counted": line.counted,
        "sentence": line.sentence(),
        "late": line.late,
        "statuses": dict(line.statuses),
        "levels": {MEASURE_KEYS[m]: _levels(line.levels[m]) for m, _ in services.MEASURES},
    }


def _year_json(campaign: Campaign, line: services.Line) -> dict[str, Any]:
    return {
        "campaign_id": campaign.pk,
        "school_year": campaign.school_year,
        "total": line.total,
        "counted": line.counted,
        "statuses": dict(line.statuses),
        "overall_levels": _levels(line.levels["overall_level"]),
    }


@api("GET")
def dashboard(request: HttpRequest, pk: int) -> JsonResponse:
    office = get_office(request, pk)
    board = services.dashboard(office, get_campaign(request, office), get_basis(request))
    return ok(
        {
            "office": unit_json(office),
            "campaign": campaign_json(board.campaign),
            "basis": board.basis,
            "basis_note": board.note,
            "counted_statuses": list(tally.BASES[board.basis]),
            "overall": line_json(board.overall),
            "by_type": [line_json(line) for line in board.by_type],
            "by_sub_unit": [line_json(line) for line in board.by_sub_unit],
            "years": [_year_json(c, line) for c, line in board.years],
            "weakest_criteria": [
                {
                    "id": c.id,
                    "title": c.title,
                    "average": round(c.average, 2),
                    "maximum": c.maximum,
                    "percent": round(c.percent, 1),
                }
                for c in board.criteria
            ],
        }
    )


def _office_file(request: HttpRequest, pk: int, build: Any) -> HttpResponse:
    office = get_office(request, pk)
    extension = choice_param(request, "format", exports.OFFICE_FORMATS, "xlsx")
    campaign = get_campaign(request, office)
    export = build(request.user, office, campaign, extension, get_basis(request))
    return download(export.content, export.content_type, export.filename)


@api("GET")
def consolidated(request: HttpRequest, pk: int) -> HttpResponse:
    return _office_file(request, pk, exports.consolidated_export)


@api("GET")
def level_statistics(request: HttpRequest, pk: int) -> HttpResponse:
    return _office_file(request, pk, exports.level_statistics_export)
