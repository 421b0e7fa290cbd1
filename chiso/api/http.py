"""The API's plumbing: token or session authentication, allowed methods, parameters, JSON errors.

Every error is {"error": {"code", "message", "fields"?}} in Vietnamese; nothing raised by a
request's input reaches Django's 500 page.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from chiso.api.models import ApiToken, digest, password_fingerprint
from chiso.api.schema import MAX_ID

PAGE = 100
View = Callable[..., HttpResponse]


def error(
    status: int,
    code: str,
    message: str,
    fields: dict[str, str] | None = None,
    current: dict[str, Any] | None = None,
    missing: list[str] | None = None,
) -> JsonResponse:
    body: dict[str, Any] = {"error": {"code": code, "message": message}}
    if fields:
        body["error"]["fields"] = fields
    if current is not None:  # a stale save: what is stored now, to redraw and retry from
        body["error"]["current"] = current
    if missing is not None:  # a return refused: the items sent back that have no reason yet
        body["error"]["missing"] = missing
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def ok(data: Any, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


class Problem(Exception):
    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        fields: dict[str, str] | None = None,
        current: dict[str, Any] | None = None,
        missing: list[str] | None = None,
    ):
        super().__init__(message)
        self.response = error(status, code, message, fields, current, missing)


def not_found(what: str) -> Problem:
    return Problem(404, "not_found", _("Không tìm thấy %(what)s.") % {"what": what})


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
        raise Problem(401, "invalid_token", _("Khóa API không hợp lệ hoặc đã bị thu hồi."))
    if not token.is_valid_for(token.user):
        if token.password_fingerprint != password_fingerprint(token.user):
            # The password changed since it was issued: the token ends with it, for good.
            ApiToken.objects.filter(pk=token.pk).update(revoked=True)
        raise Problem(
            401,
            "invalid_token",
            _("Khóa API đã hết hạn hoặc đã bị thu hồi (mật khẩu đã đổi): hãy xin khóa mới."),
        )
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


def api(*methods: str) -> Callable[[View], View]:
    """Authentication, allowed methods and the JSON error shape for one endpoint."""

    def decorate(view: View) -> View:
        @csrf_exempt  # tokens carry no cookies; session writes are refused below
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method not in methods:
                response = error(
                    405,
                    "method_not_allowed",
                    f"Phương thức {str(request.method)[:20]} không dùng được ở đây.",
                )
                response["Allow"] = ", ".join(methods)
                return response
            try:
                user = _token_user(request)
                if user is None:
                    if not request.user.is_authenticated:
                        raise Problem(
                            401,
                            "unauthenticated",
                            _("Cần khóa API (Authorization: Bearer …) hoặc đăng nhập."),
                        )
                    if request.method != "GET":
                        raise Problem(
                            403, "token_required", _("Thao tác ghi qua API cần khóa API.")
                        )
                    user = request.user
                request.user = user
                return view(request, *args, **kwargs)
            except Problem as problem:
                return problem.response

        return wrapper

    return decorate


def _bad_parameter(name: str, message: str, hint: str) -> Problem:
    return Problem(400, "invalid_parameter", message, {name: hint})


def int_param(request: HttpRequest, name: str) -> int | None:
    """A positive whole number in ASCII digits, or None when the parameter is absent."""
    raw = request.GET.get(name)
    if raw is None:
        return None
    if not raw.isascii() or not raw.isdigit() or len(raw) > 10 or not 1 <= int(raw) <= MAX_ID:
        raise _bad_parameter(
            name,
            _("Tham số «%(name)s» phải là số nguyên dương.") % {"name": name},
            _("số nguyên từ 1 trở lên"),
        )
    return int(raw)


def choice_param(request: HttpRequest, name: str, choices: tuple[str, ...], default: str) -> str:
    raw = request.GET.get(name)
    if raw is None:
        return default
    if raw not in choices:
        raise _bad_parameter(
            name,
            _("Tham số «%(name)s» phải là một trong: %(join)s.")
            % {"name": name, "join": ", ".join(choices)},
            "|".join(choices),
        )
    return raw


SCHOOL_YEAR = re.compile(r"^[0-9]{4}-[0-9]{4}$")


def school_year_param(request: HttpRequest) -> str | None:
    raw = request.GET.get("school_year")
    if raw is None:
        return None
    if not SCHOOL_YEAR.match(raw):  # a well-formed year without a campaign is a 404
        raise _bad_parameter(
            "school_year",
            _("Năm học «%(value)s» không hợp lệ (dạng 2025-2026).") % {"value": raw[:20]},
            _("năm-năm sau, ví dụ 2025-2026"),
        )
    return raw


def page(request: HttpRequest, rows: Any, render: Callable[[Any], dict[str, Any]]) -> JsonResponse:
    number = int_param(request, "page") or 1
    paginator = Paginator(rows, PAGE)
    if number > max(1, paginator.num_pages):
        raise Problem(404, "not_found", _("Không có trang %(number)s.") % {"number": number})
    current = paginator.page(number)
    return ok(
        {
            "count": paginator.count,
            "page": number,
            "pages": paginator.num_pages,
            "results": [render(r) for r in current],
        }
    )


def body(request: HttpRequest) -> dict[str, Any]:
    """The request's JSON object (anything else is a 400 saying so)."""
    if request.content_type != "application/json":
        raise Problem(
            415,
            "unsupported_media_type",
            _("Nội dung gửi lên phải là JSON (Content-Type: application/json)."),
        )
    try:
        raw = request.body
    except RequestDataTooBig:
        raise Problem(400, "too_large", _("Nội dung gửi lên quá lớn (tối đa 2,5 MB).")) from None
    try:
        data = json.loads(raw or b"{}")
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise Problem(400, "invalid_json", _("Nội dung gửi lên không phải JSON hợp lệ.")) from None
    if not isinstance(data, dict):
        raise Problem(400, "invalid_json", _("Nội dung gửi lên phải là một đối tượng JSON."))
    return data


# C0 controls other than tab and newlines: they cannot go into a DOCX/XLSX document.
CONTROL_CHARACTERS = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f]")


def refuse_nul(text: str) -> None:
    """A NUL (PostgreSQL cannot store it) is a 400, as it is for forms (chiso.web.middleware)."""
    if "\x00" in text:
        raise Problem(
            400,
            "invalid_character",
            _("Nội dung gửi lên có ký tự không hợp lệ (NUL): hãy gõ lại rồi gửi lại."),
        )


def download(content: bytes, content_type: str, filename: str) -> HttpResponse:

    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=filename
    )
    return response
