"""Sign-in with throttling: after repeated failures for one name or one address, wait.

The name is counted as Django reads it (NFKC) and without case, so that look-alike spellings
(fullwidth letters, capitals) of one account share its counter. A browser where a user has
signed in before carries a signed device cookie: its attempts for that user are counted on
their own, so that strangers' failures (at the school's shared address, or against the name)
never lock the user out of the browser they use (OWASP's "device cookies").
"""

from __future__ import annotations

import secrets
import unicodedata
from typing import Any

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext as _

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
        f"login-fail:user:{name}": MAX_FAILURES,
        f"login-fail:ip:{_address(request)}": MAX_FAILURES_PER_ADDRESS,
    }


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


class ThrottledLoginView(LoginView):
    form_class = ThrottledAuthenticationForm
    template_name = "web/login.html"

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
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
