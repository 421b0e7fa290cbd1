"""Who does not want reminder emails, and which reminders went out (never twice a day)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Preference(models.Model):
    """A user's choice about reminder emails; no row means the emails are on."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preference"
    )
    emails = models.BooleanField(_("nhận email nhắc hạn"), default=True)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("lựa chọn nhắc hạn")
        verbose_name_plural = _("lựa chọn nhắc hạn")

    def __str__(self) -> str:
        return f"{self.user}: {'bật' if self.emails else 'tắt'}"


class Sent(models.Model):
    """One reminder email to one user about one unit's submission in one campaign, on a day."""

    class Kind(models.TextChoices):
        BEFORE = "before", _("sắp đến hạn nộp")
        LATE = "late", _("quá hạn nộp")
        OFFICE = "office", _("cơ quan quản lý nhắc")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    campaign = models.ForeignKey("assessments.Campaign", on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    day = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "campaign", "unit", "kind", "day"], name="one_reminder_a_day"
            )
        ]
        verbose_name = _("email nhắc hạn đã gửi")
        verbose_name_plural = _("email nhắc hạn đã gửi")

    def __str__(self) -> str:
        return f"{self.user} — {self.unit} — {self.get_kind_display()} — {self.day}"
