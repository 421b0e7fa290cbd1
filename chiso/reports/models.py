"""The register of issued documents (sổ văn bản đi): what a unit issued, as it was issued."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class IssuedDocument(models.Model):
    """One issued document: its number, date and signer, the figures it states and its file,
    kept unchanged; a correction is a new issue naming the one it replaces."""

    class Kind(models.TextChoices):
        CONSOLIDATED = "consolidated", _("Bảng tổng hợp kết quả")
        LEVEL_STATISTICS = "level_statistics", _("Báo cáo thống kê mức độ")
        PERIODIC = "periodic", _("Báo cáo định kỳ")
        ASSESSMENT = "assessment", _("Văn bản tự đánh giá")

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="issued")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(_("trích yếu"), max_length=500)
    number = models.CharField(_("số, ký hiệu"), max_length=64)
    issued_on = models.DateField(_("ngày ban hành"))
    signer = models.CharField(_("người ký"), max_length=200)
    campaign = models.ForeignKey(
        "assessments.Campaign", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The periodic report or the assessment whose document was issued.
    source_id = models.PositiveIntegerField(null=True, blank=True)
    figures = models.JSONField(default=dict, blank=True)
    file = models.FileField(upload_to="issued/%Y/%m/")
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=120)
    sha256 = models.CharField(max_length=64)
    replaces = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by"
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("văn bản đã ban hành")
        verbose_name_plural = _("sổ văn bản đi")
        indexes = [models.Index(fields=["unit", "number"], name="issued_unit_number")]

    def __str__(self) -> str:
        return f"{self.number} — {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("reports:issued_file", args=[self.pk])
