"""A thin JSON API over the same policy and actions as the screens (token or session auth)."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from chiso.api.models import ApiToken, digest
from chiso.api.schema import SCHEMA
from chiso.assessments import actions, scoring
from chiso.assessments.models import Assessment, Campaign
from chiso.evidence.models import Evidence
from chiso.units import policy
from chiso.units.models import Unit

PAGE = 100
View = Callable[..., JsonResponse]


def error(
    status: int, code: str, message: str, fields: dict[str, str] | None = None
) -> JsonResponse:
    body: dict[str, Any] = {"error": {"code": code, "message": message}}
    if fields:
        body["error"]["fields"] = fields
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def ok(data: Any, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


class Problem(Exception):
    def __init__(self, status: int, code: str, message: str, fields: dict[str, str] | None = None):
        super().__init__(message)
        self.response = error(status, code, message, fields)


def _token_user(request: HttpRequest) -> Any:
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=digest(header[7:].strip()), revoked=False)
        .first()
    )
    if token is None or not token.user.is_active:
        raise Problem(401, "invalid_token", "Khóa API không hợp lệ hoặc đã bị thu hồi.")
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


def api(*methods: str) -> Callable[[View], View]:
    """Authentication, allowed methods and the JSON error shape for one endpoint."""

    def decorate(view: View) -> View:
        @csrf_exempt  # tokens carry no cookies; session writes are refused below
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
            if request.method not in methods:
                return error(
                    405,
                    "method_not_allowed",
                    f"Phương thức {request.method} không dùng được ở đây.",
                )
            try:
                user = _token_user(request)
                if user is None:
                    if not request.user.is_authenticated:
                        raise Problem(
                            401,
                            "unauthenticated",
                            "Cần khóa API (Authorization: Bearer …) hoặc đăng nhập.",
                        )
                    if request.method != "GET":
                        raise Problem(403, "token_required", "Thao tác ghi qua API cần khóa API.")
                    user = request.user
                request.user = user
                return view(request, *args, **kwargs)
            except Problem as problem:
                return problem.response

        return wrapper

    return decorate


def _int(request: HttpRequest, name: str) -> int | None:
    raw = request.GET.get(name, "")
    if raw == "":
        return None
    if not raw.isascii() or not raw.isdigit() or len(raw) > 12:
        raise Problem(
            400,
            "invalid_parameter",
            f"Tham số «{name}» phải là số nguyên dương.",
            {name: "số nguyên"},
        )
    return int(raw)


def _page(request: HttpRequest, rows: Any, render: Callable[[Any], dict[str, Any]]) -> JsonResponse:
    number = _int(request, "page") or 1
    paginator = Paginator(rows, PAGE)
    if number > max(1, paginator.num_pages):
        raise Problem(404, "not_found", f"Không có trang {number}.")
    page = paginator.page(number)
    return ok(
        {
            "count": paginator.count,
            "page": number,
            "pages": paginator.num_pages,
            "results": [render(r) for r in page],
        }
    )


def _unit(u: Unit) -> dict[str, Any]:
    return {
        "id": u.pk,
        "code": u.code,
        "name": u.name,
        "kind": u.kind,
        "institution_type": u.institution_type,
        "parent_id": u.parent_id,
    }


def _summary(a: Assessment) -> dict[str, Any]:
    points = lambda v: float(v) if v is not None else None  # noqa: E731
    return {
        "id": a.pk, "unit_id": a.unit_id, "campaign_id": a.campaign_id, "status": a.status, "version": a.version,
        "group1_points": points(a.group1_points), "group1_level": a.group1_level,
        "group2_points": points(a.group2_points), "group2_level": a.group2_level,
        "overall_level": a.overall_level, "completeness": a.completeness,
    }  # fmt: skip


def _assessment(request: HttpRequest, pk: int, action: str = "view") -> Assessment:
    assessment = Assessment.objects.select_related("unit", "campaign").filter(pk=pk).first()
    if assessment is None or not policy.can(request.user, action, assessment):
        if assessment is not None and policy.can(request.user, "view", assessment):
            raise Problem(403, "forbidden", "Vai trò của bạn không cho phép thao tác này.")
        raise Problem(404, "not_found", "Không tìm thấy bản đánh giá.")
    return assessment


def _body(request: HttpRequest) -> dict[str, Any]:
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        raise Problem(400, "invalid_json", "Nội dung gửi lên không phải JSON hợp lệ.") from None
    if not isinstance(data, dict):
        raise Problem(400, "invalid_json", "Nội dung gửi lên phải là một đối tượng JSON.")
    return data


@api("GET")
def index(request: HttpRequest) -> JsonResponse:
    return ok(
        {
            "units": "/api/v1/units/",
            "campaigns": "/api/v1/campaigns/",
            "assessments": "/api/v1/assessments/",
            "schema": "/api/v1/schema.json",
        }
    )


def schema(request: HttpRequest) -> JsonResponse:
    return ok(SCHEMA)


@api("GET")
def units(request: HttpRequest) -> JsonResponse:
    return _page(request, policy.visible_units(request.user).order_by("path"), _unit)


@api("GET")
def campaigns(request: HttpRequest) -> JsonResponse:
    ancestors = {
        pk for u in policy.visible_units(request.user).filter(depth__lte=2) for pk in u.ancestor_ids
    }
    ancestors |= {pk for m in policy.memberships(request.user) for pk in m.unit.ancestor_ids}
    rows = Campaign.objects.filter(owner_id__in=ancestors).order_by("-school_year", "pk")
    return _page(
        request,
        rows,
        lambda c: {
            "id": c.pk,
            "name": c.name,
            "school_year": c.school_year,
            "framework": c.framework_id,
            "is_open": c.is_open,
            "owner_id": c.owner_id,
        },
    )


@api("GET")
def assessments(request: HttpRequest) -> JsonResponse:
    rows = policy.visible_assessments(request.user).order_by("pk")
    for name, field in (("campaign", "campaign_id"), ("unit", "unit_id")):
        value = _int(request, name)
        if value is not None:
            rows = rows.filter(**{field: value})
    status = request.GET.get("status", "")
    if status:
        if status not in Assessment.Status.values:
            raise Problem(
                400,
                "invalid_parameter",
                f"Trạng thái «{status[:40]}» không có.",
                {"status": ", ".join(Assessment.Status.values)},
            )
        rows = rows.filter(status=status)
    return _page(request, rows, _summary)


@api("GET")
def assessment(request: HttpRequest, pk: int) -> JsonResponse:
    a = _assessment(request, pk)
    evidence = [
        {
            "id": e.pk,
            "target": e.target_id,
            "kind": e.kind,
            "title": e.label,
            "url": e.url,
            "size": e.size,
            "captured_status": e.captured_status,
        }
        for e in Evidence.objects.filter(assessment=a)
    ]
    return ok(
        {
            **_summary(a),
            "facts": a.facts,
            "awards": a.awards,
            "scorecard": scoring.effective_scorecard(a).to_dict(),
            "evidence": evidence,
        }
    )


@api("POST")
def facts(request: HttpRequest, pk: int) -> JsonResponse:
    a = _assessment(request, pk, "edit")
    data = _body(request)
    version, values = data.get("version"), data.get("facts")
    if not isinstance(version, int) or isinstance(version, bool):
        raise Problem(
            400,
            "invalid_field",
            "Thiếu «version» (số nguyên, phiên bản đang sửa).",
            {"version": "số nguyên"},
        )
    if not isinstance(values, dict) or not all(isinstance(k, str) for k in values):
        raise Problem(
            400,
            "invalid_field",
            "«facts» phải là một đối tượng mã dữ kiện → giá trị.",
            {"facts": "đối tượng"},
        )
    framework = scoring.framework_for(a)
    unknown = [k for k in values if not framework.has_fact(k)]
    if unknown:
        raise Problem(
            400,
            "unknown_fact",
            "Có mã dữ kiện không thuộc bộ chỉ số.",
            {k[:64]: "không có" for k in unknown[:20]},
        )
    try:
        a = actions.save_answers(a, facts=values, expected_version=version, by=request.user)
    except actions.StaleVersion as exc:
        raise Problem(409, "stale_version", str(exc)) from None
    except actions.ActionRefused as exc:
        raise Problem(400, "refused", str(exc)) from None
    return ok(_summary(a))


TRANSITIONS = {
    "submit": lambda a, user, data: actions.submit(a, by=user),
    "return": lambda a, user, data: actions.return_for_supplement(
        a, by=user, reason=str(data.get("reason", ""))[:2000]
    ),
    "recognise": lambda a, user, data: actions.recognise(a, by=user),
    "publish": lambda a, user, data: actions.publish(a, by=user),
}


@api("POST")
def transition(request: HttpRequest, pk: int) -> JsonResponse:
    data = _body(request)
    action = data.get("action")
    if action not in TRANSITIONS:
        raise Problem(
            400,
            "invalid_field",
            "«action» phải là submit, return, recognise hoặc publish.",
            {"action": "|".join(TRANSITIONS)},
        )
    a = _assessment(request, pk, str(action))
    try:
        a = TRANSITIONS[str(action)](a, request.user, data)
    except actions.ActionRefused as exc:
        raise Problem(400, "refused", str(exc)) from None
    return ok(_summary(a))
