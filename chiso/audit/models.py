from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """Who did what to which object, when, from which value to which."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verb = models.CharField(max_length=64)
    target_type = models.CharField(max_length=64)
    target_id = models.BigIntegerField()
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]
        verbose_name = _("mục nhật ký")
        verbose_name_plural = _("nhật ký")

    def __str__(self) -> str:
        return f"{self.created_at:%d/%m/%Y %H:%M} {self.verb} {self.target_type}#{self.target_id}"
