"""Sign-in with throttling: after repeated failures for one name or one address, wait.

The name is counted as Django reads it (NFKC) and without case, so that look-alike spellings
(fullwidth letters, capitals) of one account share its counter. A browser where a user has
signed in before carries a signed device cookie: its attempts for that user are counted on
their own, so that strangers' failures (at the school's shared address, or against the name)
never lock the user out of the browser they use (OWASP's "device cookies").
"""

from __future__ import annotations

import hashlib
import secrets
import unicodedata
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from chiso.units import accounts

MAX_FAILURES = 5  # for one user name, from browsers it has never signed in on
# For one address: a school's staff share one NAT address, so a colleague's typos must not
# lock everyone out; still low enough to stop guessing many names from one machine.
MAX_FAILURES_PER_ADDRESS = 50
MAX_FAILURES_PER_DEVICE = 5  # for one user on a browser where they signed in before
WINDOW_SECONDS = 15 * 60
DEVICE_COOKIE = "chiso_device"
DEVICE_SALT = "chiso.web.login.device"
DEVICE_DAYS = 180


def account_key(username: str) -> str:
    """The name as Django's sign-in form normalises it (NFKC), without case or spaces around."""
    return unicodedata.normalize("NFKC", username or "").strip().casefold()


def _address(request: Any) -> str:
    """The client's address; behind the reverse proxy, the one it appended to X-Forwarded-For
    (REMOTE_ADDR is then the proxy's own, shared by every user)."""
    if request is None:
        return ""
    if getattr(settings, "BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR", "")


def _device(request: Any, name: str) -> str:
    """The browser's device token for `name`, if it carries a valid one; "" otherwise."""
    if request is None:
        return ""
    try:
        value = request.get_signed_cookie(DEVICE_COOKIE, salt=DEVICE_SALT, default="")
    except signing.BadSignature:
        return ""
    owner, _sep, token = str(value).rpartition(":")
    return token if owner and owner == name else ""


def _keys(request: Any, username: str) -> dict[str, int]:
    """Cache keys of the failure counters that apply to this attempt, with the limit of each."""
    name = account_key(username)
    device = _device(request, name)
    if device:
        return {f"login-fail:device:{device}": MAX_FAILURES_PER_DEVICE}
    return {
        f"login-fail:user:{_digest(name)}": MAX_FAILURES,
        f"login-fail:ip:{_digest(_address(request))}": MAX_FAILURES_PER_ADDRESS,
    }


def _digest(text: str) -> str:
    """A short, safe cache key part for whatever was typed (any length, any character)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


class ThrottledAuthenticationForm(AuthenticationForm):
    def clean(self) -> dict[str, Any]:
        username = self.data.get("username", "")
        keys = _keys(self.request, username)
        if any((cache.get(key) or 0) >= limit for key, limit in keys.items()):
            raise ValidationError(
                _("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút."), code="throttled"
            )
        try:
            return super().clean()
        except ValidationError:
            for key in keys:
                cache.add(key, 0, WINDOW_SECONDS)
                cache.incr(key)
            raise


# Set at sign-in for a password someone else chose; until the user picks their own, every page
# leads to the password form (ForcePasswordChangeMiddleware reads only the session: no query).
MUST_CHANGE = "chiso_must_change_password"


class ThrottledLoginView(LoginView):
    form_class = ThrottledAuthenticationForm
    template_name = "web/login.html"

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        if accounts.must_change_password(form.get_user()):
            self.request.session[MUST_CHANGE] = True
            response = HttpResponseRedirect(reverse("web:password_change"))
        name = account_key(form.get_user().get_username())
        token = _device(self.request, name) or secrets.token_urlsafe(16)
        response.set_signed_cookie(
            DEVICE_COOKIE,
            f"{name}:{token}",
            salt=DEVICE_SALT,
            max_age=DEVICE_DAYS * 24 * 3600,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    """The user's own new password: the temporary one is gone (API tokens end with the old)."""

    success_url = "/doi-mat-khau/xong/"

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        accounts.password_changed(form.user)
        self.request.session.pop(MUST_CHANGE, None)
        return response


# Reached while a password must be changed: the form itself, signing out, the language switch.
OPEN_WHILE_CHANGING = ("/doi-mat-khau/", "/dang-xuat/", "/i18n/", "/static/", "/healthz", "/readyz")


class ForcePasswordChangeMiddleware:
    """After signing in with a temporary password, nothing but the password form until the
    user has chosen their own. Placed after the authentication and messages middleware."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        must_change = session is not None and session.get(MUST_CHANGE)
        if must_change and not request.path.startswith(OPEN_WHILE_CHANGING):
            messages.warning(
                request, _("Mật khẩu của bạn là mật khẩu tạm: hãy đặt mật khẩu mới trước.")
            )
            return HttpResponseRedirect(reverse("web:password_change"))
        return self.get_response(request)
