"""Campaigns (one school year, one framework version) and each unit's assessment in them."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from chiso.units import naming


class Campaign(models.Model):
    """An assessment period: a school year scored on one pinned framework version."""

    class Audience(models.TextChoices):
        INSTITUTIONS = "institutions", _("Cơ sở giáo dục")
        OFFICES = "offices", _("Phòng, Sở GDĐT (tự đánh giá của cơ quan quản lý)")

    name = models.CharField(_("tên đợt đánh giá"), max_length=255)
    audience = models.CharField(
        _("đối tượng đánh giá"),
        max_length=16,
        choices=Audience.choices,
        default=Audience.INSTITUTIONS,
    )
    # For an offices' campaign: the institutions' campaign whose recognised results its roll-up
    # criteria read (the same school year).
    rollup_source = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đợt đánh giá của các cơ sở (số liệu tổng hợp)"),
    )
    school_year = models.CharField(_("năm học"), max_length=9, help_text="2024-2025")
    framework_id = models.CharField(_("bộ chỉ số"), max_length=64, default="qd4725-2022")
    framework_version = models.PositiveIntegerField(_("phiên bản bộ chỉ số"), default=1)
    owner = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="campaigns")
    submit_by = models.DateField(_("hạn nộp"), null=True, blank=True)
    review_by = models.DateField(_("hạn thẩm định"), null=True, blank=True)
    publish_by = models.DateField(_("hạn công bố"), null=True, blank=True)
    is_open = models.BooleanField(_("đang mở"), default=True)
    # Who reviews and recognises the results of commune-managed schools, by institution type
    # (units.ReviewMode; a type not listed: the commune does both).
    review_modes = models.JSONField(_("thẩm định, công nhận"), default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-school_year", "name"]
        verbose_name = _("đợt đánh giá")
        verbose_name_plural = _("đợt đánh giá")

    def __str__(self) -> str:
        return f"{self.name} ({self.school_year})"

    @property
    def for_offices(self) -> bool:
        return self.audience == self.Audience.OFFICES


class Deadline(models.Model):
    """Deadlines an office sets for its subtree in a campaign (the nearest office's wins)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="deadlines")
    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+")
    submit_by = models.DateField(_("hạn nộp"), null=True, blank=True)
    review_by = models.DateField(_("hạn thẩm định"), null=True, blank=True)
    publish_by = models.DateField(_("hạn công bố"), null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["campaign", "unit"], name="unique_deadline")]

    def __str__(self) -> str:
        return f"{self.campaign} — {self.unit_id}"


class Assessment(models.Model):
    """One unit's self-assessment in one campaign, with the office's review beside it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang soạn")
        SUBMITTED = "submitted", _("Đã nộp")
        RETURNED = "returned", _("Trả lại bổ sung")
        RECOGNISED = "recognised", _("Đã công nhận")
        PUBLISHED = "published", _("Đã công bố")

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="assessments")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="assessments")
    # The body that managed the unit in the campaign's school year (its Phòng in 2024-2025, its
    # UBND phường since): documents are headed by it and only it (or those above it) reviews.
    managing_body = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cơ quan quản lý trong năm học"),
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(default=1, help_text="optimistic concurrency")
    # Concurrency by criterion: criterion id -> {"version": n, "by": name, "at": ISO time} of the
    # latest save that changed what the criterion shows (its facts, its points). A form holds
    # its criterion's version; a save is refused only when that criterion moved since.
    criterion_saves = models.JSONField(default=dict, blank=True)
    # The council's shares of the work: criterion id -> the id of the member who answers it.
    assignees = models.JSONField(default=dict, blank=True)
    facts = models.JSONField(default=dict, blank=True)
    awards = models.JSONField(default=dict, blank=True)  # item id -> {"points": str, "reason": str}
    review_awards = models.JSONField(default=dict, blank=True)  # the office's own score per item
    # The scorecard's figures, kept beside the row for lists and dashboards.
    group1_points = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    group1_level = models.PositiveSmallIntegerField(null=True, blank=True)
    group2_points = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    group2_level = models.PositiveSmallIntegerField(null=True, blank=True)
    overall_level = models.PositiveSmallIntegerField(null=True, blank=True)
    completeness = models.PositiveSmallIntegerField(default=0)  # % of items answered
    criterion_points = models.JSONField(default=dict, blank=True)  # criterion id -> points
    # Council, minutes and approval.
    council_decision_number = models.CharField(
        _("số quyết định thành lập hội đồng"), max_length=64, blank=True
    )
    council_decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    council_members = models.JSONField(default=list, blank=True)  # [{"name", "title", "role"}]
    minutes_date = models.DateField(_("ngày họp hội đồng (biên bản)"), null=True, blank=True)
    minutes_summary = models.TextField(_("tóm tắt biên bản"), blank=True)
    # The meeting as its minutes record it: {"start": "14:00", "end": "16:30", "place": …,
    # "agree": 7, "against": 0, "opinions": …} (absent members are marked on the members).
    minutes_details = models.JSONField(default=dict, blank=True)
    approval_decision_number = models.CharField(
        _("số quyết định phê duyệt"), max_length=64, blank=True
    )
    approval_decision_date = models.DateField(_("ngày phê duyệt"), null=True, blank=True)
    # The report's narrative sections (REPORT_SECTIONS), written in the app.
    narrative = models.JSONField(default=dict, blank=True)
    # Workflow.
    return_reason = models.TextField(blank=True)
    reopen_reason = models.TextField(blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # Who made the latest submission: never the one who recognises or publishes it (policy).
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recognised_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "unit"], name="one_assessment_per_unit_and_campaign"
            )
        ]
        indexes = [models.Index(fields=["campaign", "status"])]
        verbose_name = _("bản đánh giá")
        verbose_name_plural = _("bản đánh giá")

    def __str__(self) -> str:
        return f"{self.unit} — {self.campaign.school_year}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._state.adding and self.managing_body_id is None:
            self.managing_body = naming.managing_body(self.unit, self.campaign.school_year)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("assessments:detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


# The scorecard's figures stored on the row (scoring.store_figures writes them; lists, dashboards
# and re-scoring read them).
FIGURE_FIELDS = (
    "group1_points",
    "group1_level",
    "group2_points",
    "group2_level",
    "overall_level",
    "completeness",
    "criterion_points",
)


# The narrative sections of the self-assessment report (seeds S0 and S2), in print order.
REPORT_SECTIONS = [
    ("situation", _("Đặc điểm tình hình, thuận lợi, khó khăn")),
    ("achievements", _("Những kết quả đã đạt được; ưu điểm, hạn chế")),
    ("lessons", _("Bài học kinh nghiệm")),
    ("next_tasks", _("Nhiệm vụ trọng tâm và giải pháp năm học tới")),
    ("proposals", _("Kiến nghị, đề xuất")),
]


class ItemComment(models.Model):
    """A reviewer's remark on one item (or on the whole assessment when item_id is empty)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="comments")
    item_id = models.CharField(max_length=16, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField()
    is_return_reason = models.BooleanField(default=False)
    resolved = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.item_id or '—'}: {self.text[:40]}"

    @property
    def anchor(self) -> str:
        """The page anchor of what the comment is about: a criterion (tc-1.4) or an item (muc-1.4.a)."""
        return f"tc-{self.item_id}" if self.item_id.count(".") == 1 else f"muc-{self.item_id}"


class Snapshot(models.Model):
    """The content of an assessment frozen at a submission (or recognition): kept for ever."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="snapshots")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=12)
    content = models.JSONField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "number"], name="unique_snapshot_number")
        ]

    def __str__(self) -> str:
        return f"#{self.number} {self.status}"
