"""A strict Content-Security-Policy: no inline script or style, nothing from elsewhere."""

import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.views import redirect_to_login
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    JsonResponse,
)
from django.utils.translation import gettext as _

from chiso.lib.ids import within_range

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", POLICY)
        return response


class VietnameseFirstMiddleware:
    """Vietnamese unless the user chose another language (cookie), whatever the browser says.

    Many school computers run browsers set to English; their users still expect Vietnamese.
    Placed before LocaleMiddleware, which then only sees the language cookie.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


# C0 control characters other than tab, newline and carriage return: pasted from Word or a PDF,
# they cannot be written into a DOCX or XLSX document (a server error at every download).
CONTROL_CHARACTERS = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f]")


def _refuse_nul(request: HttpRequest) -> HttpResponse:
    message = _("Nội dung gửi lên có ký tự không hợp lệ (NUL): hãy gõ lại rồi gửi lại.")
    if request.path.startswith("/api/"):  # the API's errors are JSON, in its one shape
        body = {"error": {"code": "invalid_character", "message": str(message)}}
        return JsonResponse(body, status=400, json_dumps_params={"ensure_ascii": False})
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


class RefuseNulCharactersMiddleware:
    """A NUL character in a query or form value is never typed by a person; PostgreSQL cannot
    store it (a server error deep in a view). Refuse the request up front with a message.
    Other control characters are dropped from the values."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        sources = {"GET": request.GET}
        if request.method == "POST":
            sources["POST"] = request.POST
        for attribute, data in sources.items():
            for key, values in data.lists():
                if "\x00" in key or any("\x00" in value for value in values):
                    return _refuse_nul(request)
            if any(CONTROL_CHARACTERS.search(v) for _k, values in data.lists() for v in values):
                cleaned = data.copy()
                for key, values in data.lists():
                    cleaned.setlist(key, [CONTROL_CHARACTERS.sub("", v) for v in values])
                cleaned._mutable = False
                setattr(request, attribute, cleaned)
        return self.get_response(request)


class RequestBodyLimitMiddleware:
    """Refuse a body larger than any upload allows before anything reads it (413), so that a
    client cannot make a worker read gigabytes. The bulk ZIP of appendices has its own, larger
    limit; every other request is limited to one evidence file and a little more."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:

        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        bulk = request.path.endswith("/nhap-phu-luc/") and request.path.startswith("/don-vi/")
        limit = settings.BULK_UPLOAD_MAX_BYTES if bulk else settings.REQUEST_MAX_BYTES
        if length > limit:
            message = _("Tệp gửi lên quá lớn (tối đa %(mb)s MB). Hãy chia nhỏ hoặc nén lại.") % {
                "mb": -(-limit // (1024 * 1024))  # rounded up
            }
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


# Enough for any form an anonymous visitor sends (sign-in, language); uploads are larger.
ANONYMOUS_MAX_BYTES = 64 * 1024


class RefuseAnonymousUploadsMiddleware:
    """A body larger than a sign-in form is read only for someone signed in (or an API token):
    Django spools uploaded files to disk as soon as anything (the CSRF check, the view) reads
    the form. An anonymous one is answered before that, its body never read: sent to sign in
    (the API: its JSON 401). Placed after the session middleware, before the CSRF middleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _body_length(request) > ANONYMOUS_MAX_BYTES and not _signed_in(request):
            if request.path.startswith("/api/"):
                message = str(_("Cần khóa API (Authorization: Bearer …) hoặc đăng nhập."))
                body = {"error": {"code": "unauthenticated", "message": message}}
                return JsonResponse(body, status=401, json_dumps_params={"ensure_ascii": False})
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return self.get_response(request)


def _body_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _signed_in(request: HttpRequest) -> bool:
    session = getattr(request, "session", None)
    return bool(session is not None and session.get(SESSION_KEY)) or bool(
        request.headers.get("Authorization")
    )


class BoundedIdsMiddleware:
    """An id in a URL beyond a database key's range is a missing page (404), not a server error
    (SQLite cannot compare a column with a number of 2^63 or more)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: dict[str, Any]
    ) -> HttpResponse | None:
        if all(within_range(v) for v in (*args, *kwargs.values())):
            return None
        if request.path.startswith("/api/"):  # the API's errors are JSON, in its one shape
            body = {"error": {"code": "not_found", "message": str(_("Không tìm thấy."))}}
            return JsonResponse(body, status=404, json_dumps_params={"ensure_ascii": False})
        raise Http404
