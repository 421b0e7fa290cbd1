"""Frameworks (indices) as versioned data: one row per (framework id, version), the YAML inside."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class FrameworkVersion(models.Model):
    """One version of one index. Published versions never change: a change is a new version."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Bản nháp")
        PUBLISHED = "published", _("Đã ban hành")
        RETIRED = "retired", _("Ngừng áp dụng")

    framework_id = models.CharField(_("mã bộ chỉ số"), max_length=64)
    version = models.PositiveIntegerField(_("phiên bản"))
    text = models.TextField(_("nội dung (YAML)"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    title = models.CharField(_("tên bộ chỉ số"), max_length=500, blank=True)
    # The legal basis, copied from the YAML's `decision:` for lists (the YAML stays the source).
    decision_number = models.CharField(_("số quyết định"), max_length=64, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    is_local = models.BooleanField(_("điều chỉnh tại địa phương"), default=False)
    derived_from = models.CharField(_("dựa trên"), max_length=80, blank=True)  # "qd4725-2022@1"
    # None: a national index, managed by administrators; else the office that owns it.
    owner = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="framework_versions",
        verbose_name=_("đơn vị sở hữu"),
    )
    is_shipped = models.BooleanField(default=False)  # a file of chiso/rubric/frameworks
    revision = models.PositiveIntegerField(default=1, help_text="optimistic concurrency")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["framework_id", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework_id", "version"], name="unique_framework_version"
            )
        ]
        verbose_name = _("phiên bản bộ chỉ số")
        verbose_name_plural = _("phiên bản bộ chỉ số")

    def __str__(self) -> str:
        return f"{self.framework_id}@{self.version}"

    def get_absolute_url(self) -> str:
        return reverse("frameworks:detail", args=[self.pk])

    @property
    def label(self) -> str:
        """ "qd4725-2022@2", as `derived_from` names versions."""
        return f"{self.framework_id}@{self.version}"

    @property
    def shown(self) -> str:
        """ "qd4725-2022, phiên bản 2": the version as screens name it (`label` is the key)."""
        return _("%(name)s, phiên bản %(version)s") % {
            "name": self.framework_id,
            "version": self.version,
        }

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def unit_id(self) -> int | None:
        """The unit the audit trail files this row under (its owner; none when national)."""
        return self.owner_id
