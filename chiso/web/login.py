"""Sign-in with throttling: after repeated failures for one name or one address, wait."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.core.cache import cache
from django.core.exceptions import ValidationError

MAX_FAILURES = 5  # for one user name
# For one address: a school's staff share one NAT address, so a colleague's typos must not
# lock everyone out; still low enough to stop guessing many names from one machine.
MAX_FAILURES_PER_ADDRESS = 50
WINDOW_SECONDS = 15 * 60


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


def _keys(request: Any, username: str) -> dict[str, int]:
    """Cache keys of the failure counters, with the limit of each."""
    return {
        f"login-fail:user:{username.strip().lower()}": MAX_FAILURES,
        f"login-fail:ip:{_address(request)}": MAX_FAILURES_PER_ADDRESS,
    }


class ThrottledAuthenticationForm(AuthenticationForm):
    def clean(self) -> dict[str, Any]:
        username = self.data.get("username", "")
        keys = _keys(self.request, username)
        if any((cache.get(key) or 0) >= limit for key, limit in keys.items()):
            raise ValidationError(
                "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.", code="throttled"
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
