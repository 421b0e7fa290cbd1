"""The password rules, worded in the site's language (Django's Vietnamese catalogue has no
plural forms for the length rule, so its message came out in English)."""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.utils.translation import gettext as _


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return _("Mật khẩu quá ngắn: cần ít nhất %(min_length)d ký tự.") % {
            "min_length": self.min_length
        }

    def get_help_text(self) -> str:
        return _("Mật khẩu có ít nhất %(min_length)d ký tự.") % {"min_length": self.min_length}
