"""Sign-in with throttling: after repeated failures for one name or one address, wait."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.core.cache import cache
from django.core.exceptions import ValidationError

MAX_FAILURES = 5
WINDOW_SECONDS = 15 * 60


def _keys(request: Any, username: str) -> list[str]:
    address = request.META.get("REMOTE_ADDR", "") if request else ""
    return [f"login-fail:user:{username.strip().lower()}", f"login-fail:ip:{address}"]


class ThrottledAuthenticationForm(AuthenticationForm):
    def clean(self) -> dict[str, Any]:
        username = self.data.get("username", "")
        keys = _keys(self.request, username)
        if any((cache.get(key) or 0) >= MAX_FAILURES for key in keys):
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
