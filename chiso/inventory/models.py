"""An institution's IT inventory for a school year (S1 §1.2): applications and equipment."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    MANAGEMENT = "management", _("Ứng dụng CNTT phục vụ quản lý, điều hành")
    TEACHING = (
        "teaching",
        _("Ứng dụng CNTT đổi mới nội dung, phương pháp dạy học và kiểm tra đánh giá"),
    )
    EQUIPMENT = "equipment", _("Trang thiết bị CNTT và hạ tầng mạng")


class CatalogueEntry(models.Model):
    """A line of the inventory. National entries have no owner; an office adds its own."""

    kind = models.CharField(_("nhóm"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("tên"), max_length=255)
    quantity_label = models.CharField(_("đơn vị đếm"), max_length=64, blank=True)
    second_label = models.CharField(_("đơn vị đếm phụ"), max_length=64, blank=True)
    fact = models.CharField(_("dữ kiện của bộ chỉ số"), max_length=64, blank=True)
    owner = models.ForeignKey(
        "units.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["kind", "position", "pk"]
        verbose_name = _("mục danh mục CNTT")

    def __str__(self) -> str:
        return self.name


class Acquisition(models.TextChoices):
    BUILT = "built", _("Tự xây dựng")
    BOUGHT = "bought", _("Mua")
    RENTED = "rented", _("Thuê")
    FREE = "free", _("Miễn phí / được cấp")


class Inventory(models.Model):
    """One institution's inventory for one school year."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="inventories")
    school_year = models.CharField(_("năm học"), max_length=9)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "school_year"], name="unique_inventory")
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.school_year}"


class Line(models.Model):
    """The answer for one catalogue entry: có/không, how many, which product, where."""

    inventory = models.ForeignKey(Inventory, on_delete=models.CASCADE, related_name="lines")
    entry = models.ForeignKey(CatalogueEntry, on_delete=models.PROTECT, related_name="+")
    available = models.BooleanField(_("có"), null=True)
    quantity = models.PositiveIntegerField(_("số lượng"), default=1)
    second_quantity = models.PositiveIntegerField(_("số lượng phụ"), null=True, blank=True)
    product = models.CharField(_("tên sản phẩm"), max_length=255, blank=True)
    link = models.CharField(_("đường link"), max_length=500, blank=True)
    acquisition = models.CharField(
        _("hình thức"), max_length=8, choices=Acquisition.choices, blank=True
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["inventory", "entry"], name="unique_inventory_line")
        ]

    def __str__(self) -> str:
        return f"{self.entry_id}: {self.available}"
