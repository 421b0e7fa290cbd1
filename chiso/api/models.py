import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiToken(models.Model):
    """A machine client's token: only its SHA-256 is kept; it acts as its user, with their roles."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("tên ứng dụng"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("khóa API")
        verbose_name_plural = _("khóa API")

    def __str__(self) -> str:
        return self.name

    @classmethod
    def issue(cls, user: object, name: str) -> tuple["ApiToken", str]:
        """A new token; the clear value is returned once and never stored."""
        token = "chiso_" + secrets.token_urlsafe(32)
        return cls.objects.create(user=user, name=name, key_hash=digest(token)), token
