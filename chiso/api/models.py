import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def password_fingerprint(user: object) -> str:
    """Changes whenever the user's password does (set, changed, reset, made unusable)."""
    return hashlib.sha256(str(getattr(user, "password", "")).encode()).hexdigest()


def default_expiry() -> dt.datetime:
    return timezone.now() + dt.timedelta(days=settings.API_TOKEN_DAYS)


class ApiToken(models.Model):
    """A machine client's token: only its SHA-256 is kept; it acts as its user, with their roles."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("tên ứng dụng"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)
    # A token lasts API_TOKEN_DAYS and only as long as the password it was issued under.
    expires_at = models.DateTimeField(_("hết hạn"), default=default_expiry)
    password_fingerprint = models.CharField(max_length=64, default="")

    class Meta:
        verbose_name = _("khóa API")
        verbose_name_plural = _("khóa API")

    def __str__(self) -> str:
        return self.name

    @classmethod
    def issue(cls, user: object, name: str, days: int | None = None) -> tuple["ApiToken", str]:
        """A new token; the clear value is returned once and never stored."""
        token = "chiso_" + secrets.token_urlsafe(32)
        row = cls.objects.create(
            user=user,
            name=name,
            key_hash=digest(token),
            expires_at=timezone.now() + dt.timedelta(days=days or settings.API_TOKEN_DAYS),
            password_fingerprint=password_fingerprint(user),
        )
        return row, token

    def is_valid_for(self, user: object) -> bool:
        """Not revoked, not expired, and issued under the user's current password."""
        return (
            not self.revoked
            and self.expires_at > timezone.now()
            and self.password_fingerprint == password_fingerprint(user)
        )
