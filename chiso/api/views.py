"""A thin JSON API over the same policy and actions as the screens (token or session auth):
units, campaigns, assessments, their facts and transitions."""

from __future__ import annotations

import math
from typing import Any

from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext, gettext_noop
from django.views.decorators.csrf import csrf_exempt

from chiso.api.http import (
    CONTROL_CHARACTERS,
    Problem,
    api,
    body,
    int_param,
    not_found,
    ok,
    page,
    refuse_nul,
)
from chiso.api.schema import MAX_COUNT, MAX_ITEMS, MAX_NUMBER, MAX_REASON, MAX_TEXT, SCHEMA
from chiso.assessments import access, actions, scoring
from chiso.assessments.models import Assessment, Campaign
from chiso.evidence.models import Evidence
from chiso.rubric.results import json_number
from chiso.rubric.scoring import parse_points
from chiso.units import policy
from chiso.units.models import Unit


def unit_json(u: Unit) -> dict[str, Any]:
    return {
        "id": u.pk,
        "code": u.code,
        "name": u.name,
        "kind": u.kind,
        "institution_type": u.institution_type,
        "parent_id": u.parent_id,
    }


def campaign_json(c: Campaign) -> dict[str, Any]:
    return {
        "id": c.pk,
        "name": c.name,
        "school_year": c.school_year,
        "framework": c.framework_id,
        "is_open": c.is_open,
        "owner_id": c.owner_id,
    }


def _summary(a: Assessment) -> dict[str, Any]:
    points = lambda v: float(v) if v is not None else None  # noqa: E731
    return {
        "id": a.pk, "unit_id": a.unit_id, "campaign_id": a.campaign_id, "status": a.status, "version": a.version,
        "group1_points": points(a.group1_points), "group1_level": a.group1_level,
        "group2_points": points(a.group2_points), "group2_level": a.group2_level,
        "overall_level": a.overall_level, "completeness": a.completeness,
    }  # fmt: skip


def evidence_json(e: Evidence) -> dict[str, Any]:
    base = f"/api/v1/assessments/{e.assessment_id}/evidence/{e.pk}"
    return {
        "id": e.pk,
        "target": e.target_id,
        "kind": e.kind,
        "title": e.label,
        "original_name": e.original_name,
        "content_type": e.content_type,
        "size": e.size,
        "url": e.url,
        "created_at": e.created_at.isoformat(),
        "captured_at": e.captured_at.isoformat() if e.captured_at else None,
        "captured_status": e.captured_status,
        "captured_title": e.captured_title,
        "captured_error": e.captured_error,
        "file": f"{base}/file" if e.file else None,
        "capture": f"{base}/capture" if e.captured_file else None,
    }


class _Forbidden(Exception):
    pass


def get_assessment(request: HttpRequest, pk: int, action: str = "view") -> Assessment:
    """The assessment through the screens' access function: 404 when missing or outside the
    user's scope, 403 when they may see it but their role does not allow the action."""
    try:
        return access.get_assessment_for_user(request.user, pk, action=action, refused=_Forbidden)
    except _Forbidden:
        raise Problem(
            403, "forbidden", gettext("Vai trò của bạn không cho phép thao tác này.")
        ) from None
    except Http404:
        raise not_found(gettext("bản đánh giá")) from None


def _only(data: dict[str, Any], allowed: set[str]) -> None:
    unknown = sorted(k for k in data if k not in allowed)
    if unknown:
        raise Problem(
            400,
            "invalid_field",
            gettext("Trường «%(value)s» không dùng ở đây (chỉ: %(join)s).")
            % {"value": unknown[0][:40], "join": ", ".join(sorted(allowed))},
            {k[:64]: "không dùng" for k in unknown[:20]},
        )


@api("GET")
def index(request: HttpRequest) -> JsonResponse:
    return ok(
        {
            "units": "/api/v1/units/",
            "campaigns": "/api/v1/campaigns/",
            "assessments": "/api/v1/assessments/",
            "dashboards": "/api/v1/dashboards/{unit}/",
            "exports": "/api/v1/exports/{unit}/",
            "schema": "/api/v1/schema.json",
        }
    )


def schema(request: HttpRequest) -> JsonResponse:
    return ok(SCHEMA)


@csrf_exempt  # any method gets the same JSON 404, not the CSRF page
def unknown(request: HttpRequest) -> JsonResponse:
    return not_found("đường dẫn API này").response


@api("GET")
def units(request: HttpRequest) -> JsonResponse:
    return page(request, policy.visible_units(request.user).order_by("path"), unit_json)


def visible_campaigns(user: Any) -> Any:
    """Campaigns run by a unit above (or at) any unit the user sees."""
    ancestors = {
        pk for u in policy.visible_units(user).filter(depth__lte=2) for pk in u.ancestor_ids
    }
    ancestors |= {pk for m in policy.memberships(user) for pk in m.unit.ancestor_ids}
    return Campaign.objects.filter(owner_id__in=ancestors)


@api("GET")
def campaigns(request: HttpRequest) -> JsonResponse:
    rows = visible_campaigns(request.user).order_by("-school_year", "pk")
    return page(request, rows, campaign_json)


@api("GET")
def assessments(request: HttpRequest) -> JsonResponse:
    rows = access.visible_assessments(request.user).order_by("pk")
    for name, field in (("campaign", "campaign_id"), ("unit", "unit_id")):
        value = int_param(request, name)
        if value is not None:
            rows = rows.filter(**{field: value})
    status = request.GET.get("status")
    if status is not None:
        if status not in Assessment.Status.values:
            raise Problem(
                400,
                "invalid_parameter",
                gettext("Trạng thái «%(value)s» không có.") % {"value": status[:40]},
                {"status": ", ".join(Assessment.Status.values)},
            )
        rows = rows.filter(status=status)
    return page(request, rows, _summary)


@api("GET")
def assessment(request: HttpRequest, pk: int) -> JsonResponse:
    a = get_assessment(request, pk)
    return ok(
        {
            **_summary(a),
            "facts": a.facts,
            "criteria": {
                c.id: actions.criterion_version(a, c.id)
                for c in scoring.framework_for(a).all_criteria
            },
            "awards": {k: _award(v) for k, v in a.awards.items()},
            "scorecard": scoring.effective_scorecard(a).to_dict(),
            "evidence": [evidence_json(e) for e in Evidence.objects.filter(assessment=a)],
        }
    )


def _award(stored: Any) -> dict[str, Any]:
    """An awarded score as stored ({"points": "6,5", "reason"} or bare points) as JSON numbers."""
    points, reason = (
        (stored.get("points"), stored.get("reason", ""))
        if isinstance(stored, dict)
        else (stored, "")
    )
    return {"points": json_number(parse_points(points)), "reason": str(reason or "")}


def _fact_is_valid(spec: Any, value: Any) -> bool:
    """Exactly the JSON types the schema documents (null clears a fact)."""
    if value is None:
        return True
    if spec.type == "bool":
        return isinstance(value, bool)
    if spec.type == "count":
        return type(value) is int and 0 <= value <= MAX_COUNT
    if spec.type == "choice":
        return isinstance(value, str) and value in {key for key, _ in spec.options}
    if spec.type == "figure":  # roll-ups are computed, not entered
        return False
    if spec.type == "number":
        return (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and math.isfinite(value)
            and abs(value) <= MAX_NUMBER
        )
    return isinstance(value, str) and len(value) <= MAX_TEXT and "\x00" not in value


FACT_HINTS = {
    "bool": "true/false",
    "count": f"số nguyên từ 0 đến {MAX_COUNT:,}".replace(",", "."),
    "choice": "một lựa chọn",
    "number": "số",
    "text": f"chuỗi tối đa {MAX_TEXT} ký tự",
    "figure": "số liệu tổng hợp: tính từ các đơn vị trực thuộc, không nhập",
}


def _check_facts(framework: Any, values: dict[str, Any]) -> None:
    # Well-formed by the schema, which covers every index; not fitting this assessment's own
    # index is a 422.
    unknown = [k for k in values if not framework.has_fact(k)]
    if unknown:
        raise Problem(
            422,
            "unknown_fact",
            gettext("Có mã dữ kiện không thuộc bộ chỉ số."),
            {k[:64]: "không có" for k in unknown[:20]},
        )
    bad = {
        k: framework.fact(k) for k, v in values.items() if not _fact_is_valid(framework.fact(k), v)
    }
    if bad:
        first = next(iter(bad.values()))
        raise Problem(
            422,
            "invalid_fact",
            gettext("Giá trị của dữ kiện «%(id)s» (%(label)s) không đúng kiểu: cần %(get)s.")
            % {
                "id": first.id,
                "label": first.label,
                "get": FACT_HINTS.get(first.type, "giá trị khác"),
            },
            {k: FACT_HINTS.get(spec.type, "giá trị") for k, spec in list(bad.items())[:20]},
        )


@api("POST")
def facts(request: HttpRequest, pk: int) -> JsonResponse:
    data = body(request)
    a = get_assessment(request, pk, "edit")
    _only(data, {"version", "criteria", "facts"})
    version, held, values = data.get("version"), data.get("criteria"), data.get("facts")
    if held is None and (type(version) is not int or not 1 <= version <= 2**31 - 1):
        raise Problem(
            400,
            "invalid_field",
            gettext(
                "Thiếu «version» (số nguyên dương, phiên bản đang sửa) hoặc «criteria» "
                "(mã tiêu chí → phiên bản của tiêu chí đang sửa)."
            ),
            {"version": "số nguyên", "criteria": "đối tượng"},
        )
    if held is not None and (
        version is not None
        or not isinstance(held, dict)
        or not held
        or not all(type(v) is int and 0 <= v <= 2**31 - 1 for v in held.values())
    ):
        raise Problem(
            400,
            "invalid_field",
            gettext(
                "«criteria» phải là một đối tượng mã tiêu chí → phiên bản (số nguyên không âm), "
                "gửi thay cho «version»."
            ),
            {"criteria": "đối tượng"},
        )
    if not isinstance(values, dict):
        raise Problem(
            400,
            "invalid_field",
            gettext("«facts» phải là một đối tượng mã dữ kiện → giá trị."),
            {"facts": "đối tượng"},
        )
    framework = scoring.framework_for(a)
    unknown = [c for c in held or {} if not framework.has_criterion(c)]
    if unknown:
        raise Problem(
            422,
            "unknown_criterion",
            gettext("Tiêu chí «%(value)s» không có trong bộ chỉ số của bản đánh giá.")
            % {"value": unknown[0][:40]},
            {k[:64]: "không có" for k in unknown[:20]},
        )
    _check_facts(framework, values)
    try:
        a = actions.save_answers(
            a, facts=values, expected_version=version, criteria=held, by=request.user
        )
    except actions.StaleCriterion as exc:
        current = _current(exc.current, exc.criteria)
        raise Problem(409, "stale_version", str(exc), current=current) from None
    except actions.StaleVersion as exc:
        a.refresh_from_db()
        touched = [
            c.id
            for c in framework.all_criteria
            if actions.criterion_keys(framework, c)[0] & set(values)
        ]
        raise Problem(409, "stale_version", str(exc), current=_current(a, touched)) from None
    except actions.ActionRefused as exc:
        raise Problem(409, "refused", str(exc)) from None
    return ok(_summary(a))


def _current(a: Assessment, criteria: list[str]) -> dict[str, Any]:
    """What a stale save met: the stored version, and for each criterion concerned its
    version, who saved it and when, its facts and its points."""
    framework = scoring.framework_for(a)
    out = {}
    for cid in criteria:
        save = (a.criterion_saves or {}).get(cid) or {}
        fact_ids = actions.criterion_keys(framework, framework.criterion(cid))[0]
        points = (a.criterion_points or {}).get(cid)
        out[cid] = {
            "version": actions.criterion_version(a, cid),
            "saved_by": save.get("by", ""),
            "saved_at": save.get("at") or None,
            "facts": {k: a.facts[k] for k in sorted(fact_ids) if k in a.facts},
            "points": float(points) if points is not None else None,
        }
    return {"version": a.version, "criteria": out}


TRANSITIONS = ("submit", "return", "recognise", "publish", "reopen")


def _text(value: str) -> str:
    """Text sent in: a NUL is a 400, C0 controls other than tab and newlines are dropped."""
    refuse_nul(value)
    return CONTROL_CHARACTERS.sub("", value)


def _reason(data: dict[str, Any], action: str) -> str:
    reason = data.get("reason", "")
    if not isinstance(reason, str) or len(reason) > MAX_REASON:
        raise Problem(
            400,
            "invalid_field",
            gettext("«reason» phải là chuỗi tối đa %(MAX_REASON)s ký tự.")
            % {"MAX_REASON": MAX_REASON},
            {"reason": "chuỗi"},
        )
    reason = _text(reason)
    if action in REASON_REQUIRED and not reason.strip():
        message, hint = REASON_REQUIRED[action]
        raise Problem(400, "invalid_field", gettext(message), {"reason": gettext(hint)})
    return reason


# The verbs that need a written reason: what the 400 says, and its hint for the field.
REASON_REQUIRED = {
    "return": (
        gettext_noop("Phải ghi lý do trả lại («reason») để cơ sở biết cần bổ sung gì."),
        gettext_noop("bắt buộc khi trả lại"),
    ),
    "reopen": (
        gettext_noop("Phải ghi lý do mở lại («reason») kết quả đã công nhận."),
        gettext_noop("bắt buộc khi mở lại"),
    ),
}


def _item_reasons(data: dict[str, Any]) -> dict[str, str]:
    """A return's `items`: item or criterion id → the reason it is sent back (as the review
    screen's notes). Which ids the assessment's index has is the action's own check (409)."""
    items = data.get("items", {})
    if (
        not isinstance(items, dict)
        or len(items) > MAX_ITEMS
        or not all(isinstance(v, str) and len(v) <= MAX_REASON for v in items.values())
    ):
        raise Problem(
            400,
            "invalid_field",
            gettext(
                "«items» phải là một đối tượng mã mục hoặc tiêu chí → lý do cần bổ sung (chuỗi "
                "tối đa %(MAX_REASON)s ký tự), tối đa %(MAX_ITEMS)s mục."
            )
            % {"MAX_REASON": MAX_REASON, "MAX_ITEMS": MAX_ITEMS},
            {"items": gettext("đối tượng mã mục → lý do")},
        )
    return {k: _text(v) for k, v in items.items()}


def _flagged(data: dict[str, Any]) -> list[str]:
    """A return's `flagged`: the ids ticked «Cần bổ sung», each needing a reason (in `items`,
    or the review's own reason)."""
    flagged = data.get("flagged", [])
    if (
        not isinstance(flagged, list)
        or len(flagged) > MAX_ITEMS
        or not all(isinstance(v, str) for v in flagged)
    ):
        raise Problem(
            400,
            "invalid_field",
            gettext(
                "«flagged» phải là một danh sách mã mục hoặc tiêu chí cần bổ sung (chuỗi), tối đa "
                "%(MAX_ITEMS)s mục."
            )
            % {"MAX_ITEMS": MAX_ITEMS},
            {"flagged": gettext("danh sách mã mục")},
        )
    return flagged


@api("POST")
def transition(request: HttpRequest, pk: int) -> JsonResponse:
    data = body(request)
    action = data.get("action")
    if not isinstance(action, str) or action not in TRANSITIONS:
        raise Problem(
            400,
            "invalid_field",
            gettext("«action» phải là submit, return, recognise, publish hoặc reopen."),
            {"action": "|".join(TRANSITIONS)},
        )
    # A return may name the items it sends back, with their reasons, as the review screen does.
    _only(
        data,
        {"action", "reason", "items", "flagged"} if action == "return" else {"action", "reason"},
    )
    reason = _reason(data, action)
    item_comments, flagged = _item_reasons(data), _flagged(data)
    a = get_assessment(request, pk, action)
    try:
        a = actions.transition(
            a, action, by=request.user, reason=reason, item_comments=item_comments, flagged=flagged
        )
    except actions.MissingReasons as exc:
        raise Problem(
            409,
            "missing_reasons",
            str(exc),
            {"items": gettext("thiếu lý do: %(items)s") % {"items": ", ".join(exc.missing)}}
            if exc.missing
            else None,
            missing=exc.missing,
        ) from None
    except actions.ActionRefused as exc:
        raise Problem(409, "refused", str(exc)) from None
    return ok(_summary(a))
