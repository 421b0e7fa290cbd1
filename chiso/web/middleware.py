"""A strict Content-Security-Policy: no inline script or style, nothing from elsewhere."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _

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


class RefuseNulCharactersMiddleware:
    """A NUL character in a query or form value is never typed by a person; PostgreSQL cannot
    store it (a server error deep in a view). Refuse the request up front with a message."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        sources = [request.GET]
        if request.method == "POST":
            sources.append(request.POST)
        for data in sources:
            for key, values in data.lists():
                if "\x00" in key or any("\x00" in value for value in values):
                    return HttpResponseBadRequest(
                        _("Nội dung gửi lên có ký tự không hợp lệ (NUL): hãy gõ lại rồi gửi lại."),
                        content_type="text/plain; charset=utf-8",
                    )
        return self.get_response(request)
