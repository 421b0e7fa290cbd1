"""An institution's yearly IT / digital-transformation plan (S1's structure), the office's effort
weights for the path to the next level, and the figures the yearly report needs (S0 §2, S4)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Plan(models.Model):
    """Kế hoạch ứng dụng CNTT, chuyển đổi số of one institution for one school year."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="plans")
    school_year = models.CharField(_("năm học"), max_length=9)
    number = models.CharField(_("số kế hoạch"), max_length=64, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    purpose = models.TextField(_("mục đích, yêu cầu"), blank=True)
    situation = models.TextField(_("thực trạng"), blank=True)
    # The other sections S1 writes in prose (SECTIONS): key → text, one paragraph per line.
    sections = models.JSONField(default=dict, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "school_year"], name="unique_plan")]

    def __str__(self) -> str:
        return f"{self.unit} — {self.school_year}"


# The sections of the plan written in the app besides its purpose and situation, in S1's order.
SECTIONS = [
    ("bases", _("Căn cứ (mỗi văn bản một dòng)")),
    ("requirements", _("I.2. Yêu cầu")),
    ("staffing", _("II.1. Nguồn nhân lực phụ trách CNTT, chuyển đổi số")),
    ("strengths", _("II.2. Ưu điểm")),
    ("weaknesses", _("II.2. Hạn chế")),
    ("focus", _("III.1. Nội dung các nhiệm vụ trọng tâm")),
    ("solutions", _("IV. Một số giải pháp cơ bản")),
    ("organisation", _("V. Tổ chức thực hiện (phân công)")),
    ("reporting", _("V. Chế độ thông tin báo cáo")),
]


class Target(models.Model):
    """A target of the plan (mục tiêu), proposed from a gap or written by hand."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets")
    text = models.CharField(_("mục tiêu"), max_length=500)
    key = models.CharField(max_length=64, blank=True)  # "group:1", "inventory:apps" when proposed
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text


class Task(models.Model):
    """A task (nhiệm vụ) with who does it, by when, and how far it is."""

    class Status(models.TextChoices):
        TODO = "todo", _("Chưa thực hiện")
        DOING = "doing", _("Đang thực hiện")
        DONE = "done", _("Đã hoàn thành")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    target = models.ForeignKey(
        Target, null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks"
    )
    title = models.CharField(_("nhiệm vụ"), max_length=500)
    owner = models.CharField(_("người/bộ phận thực hiện"), max_length=255, blank=True)
    deadline = models.DateField(_("thời hạn"), null=True, blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=8, choices=Status.choices, default=Status.TODO
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class EffortWeights(models.Model):
    """An office's effort weight per item (or criterion) for the path to the next level; the
    nearest office above an institution wins."""

    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+")
    framework_id = models.CharField(max_length=64, default="qd4725-2022")
    weights = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "framework_id"], name="unique_effort_weights")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.framework_id}"


class Figures(models.Model):
    """Figures beyond the index for one institution and year (S0 §2.2–2.5, S4)."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    school_year = models.CharField(_("năm học"), max_length=9)
    teachers_total = models.PositiveIntegerField(_("tổng số giáo viên"), null=True, blank=True)
    trained = models.JSONField(default=dict)  # skill key -> count
    digital_signatures = models.PositiveIntegerField(null=True, blank=True)
    stats_start = models.CharField(max_length=8, blank=True)  # on_time | late
    stats_end = models.CharField(max_length=8, blank=True)
    students_total = models.PositiveIntegerField(null=True, blank=True)
    students_cashless = models.PositiveIntegerField(null=True, blank=True)
    software = models.TextField(blank=True)  # one line each: name - provider
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "school_year"], name="unique_figures")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.school_year}"
