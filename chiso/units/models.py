"""The tree of units and who belongs where with which role.

Since 1/7/2025 (Nghị định 142/2025/NĐ-CP): Bộ → Sở → UBND cấp xã (xã, phường, đặc khu) → the
kindergartens, primary and lower-secondary schools it manages; upper-secondary schools and GDTX
centres sit directly under the Sở. The district offices (Phòng GDĐT) closed on 30/6/2025 and stay,
closed, with every result they recognised. The tree is today's; `Management` keeps who managed an
institution before it moved, and each assessment keeps the body that managed its unit that year.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewMode(models.TextChoices):
    """Who reviews and who recognises the results of the schools a commune manages: a setting of
    each campaign by institution type (no stored source settles it; provinces differ)."""

    COMMUNE = "xa", _("UBND cấp xã thẩm định và công nhận; Sở theo dõi")
    COMMUNE_THEN_SO = "xa_so", _("UBND cấp xã thẩm định, Sở công nhận")
    SO = "so", _("Sở thẩm định và công nhận; UBND cấp xã theo dõi")


def tree_order(unit: Unit) -> tuple[int, ...]:
    """A unit's place in the tree's pre-order, brothers and sisters in the order they were
    created: its path's ids as numbers. Text order would put "/1/10000/" before "/1/9999/", so a
    list, a table or a report's names would change order once the ids pass a power of ten."""
    return tuple(unit.ancestor_ids)


class Unit(models.Model):
    """An organisation in the tree. `path` is a materialised path ("/1/7/42/") for fast subtrees."""

    class Kind(models.TextChoices):
        MINISTRY = "bo", _("Bộ")
        DEPARTMENT = "so", _("Sở GDĐT")
        COMMUNE = "xa", _("UBND cấp xã (xã, phường, đặc khu)")
        DISTRICT = "phong", _("Phòng GDĐT (đến 30/6/2025)")
        INSTITUTION = "co_so", _("Cơ sở giáo dục")

    class InstitutionType(models.TextChoices):
        MN = "MN", _("Mầm non")
        TH = "TH", _("Tiểu học")
        THCS = "THCS", _("Trung học cơ sở")
        THPT = "THPT", _("Trung học phổ thông")
        TH_THCS = "TH_THCS", _("TH&THCS")
        THCS_THPT = "THCS_THPT", _("THCS&THPT")
        LIEN_CAP = "LIEN_CAP", _("Liên cấp")
        GDTX = "GDTX", _("GDTX")

    kind = models.CharField(_("loại đơn vị"), max_length=8, choices=Kind.choices)
    institution_type = models.CharField(
        _("loại hình"), max_length=12, choices=InstitutionType.choices, blank=True
    )
    code = models.CharField(_("mã đơn vị"), max_length=32, unique=True, null=True, blank=True)
    name = models.CharField(_("tên đơn vị"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=64, blank=True)
    place = models.CharField(_("địa danh"), max_length=100, blank=True)
    # A commune's office that acts for it in education (in practice its Phòng Văn hóa – Xã hội).
    acting_office = models.CharField(_("cơ quan tham mưu về giáo dục"), max_length=128, blank=True)
    # The unit's symbol in its documents' numbers ("12/BC-THHĐ"), set by its head (NĐ 30).
    document_symbol = models.CharField(
        _("chữ viết tắt tên đơn vị trong số, ký hiệu văn bản"), max_length=20, blank=True
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    # A Sở's default for its new campaigns: institution type → ReviewMode.
    review_modes = models.JSONField(_("mặc định thẩm định, công nhận"), default=dict, blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    closed_at = models.DateField(_("ngày giải thể/sáp nhập"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_from"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["path"]
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")

    def __str__(self) -> str:
        return self.name

    @property
    def is_office(self) -> bool:
        return self.kind != self.Kind.INSTITUTION

    @property
    def ancestor_ids(self) -> list[int]:
        """Ids from the root down to this unit, read from the path."""
        return [int(part) for part in self.path.strip("/").split("/") if part]

    def is_within(self, other: Unit) -> bool:
        """Whether this unit is `other` or below it."""
        return self.path.startswith(other.path)


class Management(models.Model):
    """A body that managed an institution before it moved (its Phòng until 30/6/2025): the
    institution's managing body is this row's `body` until `until`, then the next row's, and
    after the last row its parent in today's tree."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="past_management")
    body = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    until = models.DateField(_("quản lý đến ngày"))

    class Meta:
        ordering = ["unit", "until"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "until"], name="one_managing_body_per_date")
        ]
        verbose_name = _("cơ quan quản lý trước đây")
        verbose_name_plural = _("cơ quan quản lý trước đây")

    def __str__(self) -> str:
        return f"{self.unit} — {self.body} (đến {self.until:%d/%m/%Y})"


class Succession(models.Model):
    """A unit that took over from another on a date (a reorganisation): a merge (several
    predecessors, one successor) or a split (one predecessor, several successors). The
    predecessor closed the day before; its results stay with it, and whoever belongs to the
    successor reads them (policy.reads_history)."""

    predecessor = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="successions")
    successor = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="predecessions")
    effective = models.DateField(_("ngày hiệu lực"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["effective", "predecessor", "successor"]
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="one_succession_per_pair"
            ),
            models.CheckConstraint(
                condition=~models.Q(predecessor=models.F("successor")), name="succession_not_self"
            ),
        ]
        verbose_name = _("đơn vị kế thừa")
        verbose_name_plural = _("đơn vị kế thừa")

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.effective:%d/%m/%Y})"


class Membership(models.Model):
    """A user's role in a unit; it covers the unit and everything below it."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Thành viên cơ sở (nhập liệu)")
        HEAD = "head", _("Thủ trưởng cơ sở (phê duyệt, nộp)")
        REVIEWER = "reviewer", _("Chuyên viên thẩm định")
        OFFICE_HEAD = "office_head", _("Lãnh đạo phòng/sở (công nhận, công bố)")
        ADMIN = "admin", _("Quản trị hệ thống")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("vai trò"), max_length=16, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="unique_membership")
        ]
        verbose_name = _("vai trò")
        verbose_name_plural = _("vai trò")

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"


class TemporaryPassword(models.Model):
    """A password someone else set (a new account, a reset): its user must choose their own at
    the next sign-in before anything else (chiso.web.login)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="temporary_password",
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mật khẩu tạm")
        verbose_name_plural = _("mật khẩu tạm")

    def __str__(self) -> str:
        return str(self.user)
