from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Evidence(models.Model):
    """A file or a link that proves one item (or criterion) of an assessment."""

    class Kind(models.TextChoices):
        FILE = "file", _("Tệp")
        LINK = "link", _("Đường link")

    assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.CASCADE, related_name="evidence"
    )
    target_id = models.CharField(_("tiêu chí/mục"), max_length=16)
    kind = models.CharField(max_length=4, choices=Kind.choices)
    title = models.CharField(_("mô tả"), max_length=255, blank=True)
    file = models.FileField(upload_to="evidence/%Y/%m/", blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    size = models.PositiveIntegerField(default=0)
    content_type = models.CharField(max_length=100, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    # What the link showed when the assessment was submitted.
    captured_at = models.DateTimeField(null=True, blank=True)
    captured_status = models.PositiveSmallIntegerField(null=True, blank=True)
    captured_title = models.CharField(max_length=300, blank=True)
    captured_error = models.CharField(max_length=300, blank=True)
    captured_file = models.FileField(upload_to="evidence/captures/%Y/%m/", blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["target_id", "created_at"]
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")

    def __str__(self) -> str:
        return self.title or self.original_name or self.url

    @property
    def label(self) -> str:
        return str(self)

    @property
    def viewable(self) -> bool:
        """A file the browser shows itself (PDF, image): opened in the page, not downloaded."""
        return self.kind == self.Kind.FILE and self.content_type in INLINE_TYPES

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


# The types a browser shows itself; uploads checked their content matches (uploads.py).
INLINE_TYPES = {"application/pdf", "image/png", "image/jpeg"}
