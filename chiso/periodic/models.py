from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ReportOutline(models.Model):
    """An office's outline of a report: for its own periodic reports (S3), or for the units below
    it to follow, such as their yearly report (S4); without an owner, the national sample every
    unit may use. The text format is in chiso/periodic/outline.py."""

    owner = models.ForeignKey(
        "units.Unit", on_delete=models.CASCADE, null=True, blank=True, related_name="outlines"
    )
    title = models.CharField(_("tên đề cương"), max_length=255)
    subject = models.CharField(_("trích yếu (dòng tiêu đề báo cáo)"), max_length=500)
    recipient = models.CharField(_("kính gửi"), max_length=255, blank=True)
    for_subunits = models.BooleanField(_("dùng cho các đơn vị trực thuộc"), default=False)
    text = models.TextField(_("nội dung đề cương"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("đề cương báo cáo")
        verbose_name_plural = _("đề cương báo cáo")

    def __str__(self) -> str:
        return self.title


class PeriodicReport(models.Model):
    """One period's report of a unit (a month, a school year: an institution's yearly report is
    one too). It keeps the outline as it was, so old periods stay intact when the office changes
    its outline."""

    unit = models.ForeignKey(
        "units.Unit", on_delete=models.CASCADE, related_name="periodic_reports"
    )
    outline = models.ForeignKey(
        ReportOutline, on_delete=models.SET_NULL, null=True, related_name="reports"
    )
    campaign = models.ForeignKey(
        "assessments.Campaign", on_delete=models.SET_NULL, null=True, blank=True
    )
    period = models.CharField(_("kỳ báo cáo"), max_length=100)
    number = models.CharField(_("số, ký hiệu"), max_length=64, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    title = models.CharField(max_length=255)
    subject = models.CharField(max_length=500)
    recipient = models.CharField(max_length=255, blank=True)
    outline_text = models.TextField()
    writings = models.JSONField(default=dict, blank=True)  # slot index → text written in the app
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("báo cáo định kỳ")
        verbose_name_plural = _("báo cáo định kỳ")

    def __str__(self) -> str:
        return f"{self.title} — {self.period}"

    def get_absolute_url(self) -> str:
        return reverse("periodic:report", args=[self.pk])
