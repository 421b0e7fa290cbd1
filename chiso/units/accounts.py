"""Accounts of a unit's subtree, managed by its office head or administrator (audited).

New accounts and password resets get a temporary password shown once to the person who made it;
the user changes it after signing in. Roles follow the unit: member/head on an institution,
reviewer/office_head/admin on an office. Who may grant, reset or revoke which role is one rule,
`policy.can_grant`: a managing role that outranks it; nobody acts on their own account's roles.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from chiso.audit import record
from chiso.units import policy
from chiso.units.models import Membership, TemporaryPassword, Unit, tree_order

Role = Membership.Role
WORDS = [
    "mai",
    "dao",
    "lan",
    "cuc",
    "truc",
    "tung",
    "sen",
    "hoa",
    "nang",
    "gio",
    "song",
    "nui",
    "bien",
    "trang",
    "sao",
]


class AccountRefused(Exception):
    """The change is not allowed or the input is wrong; the message says what, in Vietnamese."""


def can_manage(user: Any, unit: Unit) -> bool:
    return policy.leads_office(user, unit)


def temporary_password() -> str:
    """Easy to read aloud on the phone to a school: three words and four digits."""
    words = [secrets.choice(WORDS) for _ in range(3)]
    return "-".join(words) + f"-{secrets.randbelow(10_000):04d}"


def _target_unit(manager: Any, office: Unit, code: str) -> Unit:
    unit = Unit.objects.filter(
        code=code.strip(), path__startswith=office.path, is_active=True
    ).first()
    if unit is None:
        raise AccountRefused(
            gettext("Không có đơn vị mã «%(code)s» trong phạm vi của %(name)s.")
            % {"code": code, "name": office.name}
        )
    return unit


@transaction.atomic
def add_account(
    manager: Any,
    office: Unit,
    *,
    username: str,
    full_name: str,
    email: str,
    unit_code: str,
    role: str,
) -> tuple[Any, str]:
    """Give `username` a role on a unit below `office`; a new user gets a temporary password."""
    if not can_manage(manager, office):
        raise AccountRefused(gettext("Bạn không có quyền quản lý tài khoản của đơn vị này."))
    unit = _target_unit(manager, office, unit_code)
    allowed = [r for r in policy.roles_of_unit(unit) if policy.can_grant(manager, r, unit)]
    if role not in allowed:
        labels = ", ".join(str(Role(r).label) for r in allowed) or _("không có")
        raise AccountRefused(
            _(
                "Vai trò không hợp lệ cho %(unit)s: chọn một trong %(labels)s "
                "(chỉ giao được vai trò thấp hơn vai trò của mình)."
            )
            % {"unit": unit.name, "labels": labels}
        )
    username = username.strip().lower()
    if not username or not username.replace(".", "").replace("_", "").replace("-", "").isalnum():
        raise AccountRefused(
            gettext("Tên đăng nhập chỉ gồm chữ không dấu, số và . _ - (ví dụ: hungdao.hieutruong).")
        )
    users = get_user_model()
    user = users.objects.filter(username=username).first()
    if user is not None and user.pk == manager.pk:
        raise AccountRefused(_("Không thể tự giao vai trò cho chính mình: hãy nhờ cấp trên."))
    password = ""
    if user is None:
        password = temporary_password()
        first, _space, last = full_name.strip().rpartition(" ")
        user = users.objects.create_user(
            username, email=email.strip(), password=password, first_name=first, last_name=last
        )
        TemporaryPassword.objects.create(user=user, issued_by=manager)
        record(manager, "account.create", unit, after={"username": username})
    elif user.memberships.exclude(unit__path__startswith=office.path).exists():
        raise AccountRefused(
            gettext("Tên đăng nhập «%(username)s» đã được dùng ở đơn vị khác: hãy chọn tên khác.")
            % {"username": username}
        )
    membership, created = Membership.objects.get_or_create(user=user, unit=unit, role=role)
    if not created:
        raise AccountRefused(
            gettext("«%(username)s» đã có vai trò này ở %(name)s.")
            % {"username": username, "name": unit.name}
        )
    record(manager, "account.grant", unit, after={"username": username, "role": role})
    return membership, password


def _managed_membership(manager: Any, office: Unit, membership_id: int) -> Membership:
    membership = Membership.objects.select_related("unit", "user").filter(pk=membership_id).first()
    if (
        membership is None
        or not membership.unit.path.startswith(office.path)
        or not can_manage(manager, office)
        or not policy.can_grant(manager, membership.role, membership.unit)
    ):
        # A role the manager could not grant is as invisible as a missing one.
        raise AccountRefused(_("Không tìm thấy vai trò này trong phạm vi của bạn."))
    return membership


@transaction.atomic
def revoke(manager: Any, office: Unit, membership_id: int) -> None:
    membership = _managed_membership(manager, office, membership_id)
    if membership.user_id == manager.pk:
        raise AccountRefused(gettext("Không thể tự gỡ vai trò của chính mình."))
    record(
        manager,
        "account.revoke",
        membership.unit,
        before={"username": membership.user.username, "role": membership.role},
    )
    membership.delete()


@transaction.atomic
def reset_password(manager: Any, office: Unit, membership_id: int) -> tuple[str, str]:
    """A new temporary password for a user who holds a role in the manager's subtree only."""
    membership = _managed_membership(manager, office, membership_id)
    user = membership.user
    outside = user.memberships.exclude(unit__path__startswith=office.path).exists()
    if outside:
        raise AccountRefused(
            gettext(
                "«%(username)s» còn có vai trò ở đơn vị ngoài phạm vi: hãy nhờ quản trị viên cấp trên."
            )
            % {"username": user.username}
        )
    if user.pk == manager.pk:
        raise AccountRefused(gettext("Hãy đổi mật khẩu của chính mình ở mục «Đổi mật khẩu»."))
    if not policy.can_act_on_account(manager, list(user.memberships.select_related("unit"))):
        raise AccountRefused(
            _(
                "«%(username)s» có vai trò ngang hoặc cao hơn vai trò của bạn: "
                "hãy nhờ quản trị viên cấp trên."
            )
            % {"username": user.username}
        )
    password = temporary_password()
    try:
        validate_password(password, user)
    except ValidationError:  # pragma: no cover - the generated passwords are long enough
        password = temporary_password() + temporary_password()
    user.set_password(password)
    user.save(update_fields=["password"])  # its API tokens end with the old password
    TemporaryPassword.objects.update_or_create(user=user, defaults={"issued_by": manager})
    record(manager, "account.reset_password", membership.unit, after={"username": user.username})
    return user.username, password


def must_change_password(user: Any) -> bool:
    """Whether the user signs in with a password someone else set (and must replace it)."""
    return TemporaryPassword.objects.filter(user_id=getattr(user, "pk", None)).exists()


@transaction.atomic
def password_changed(user: Any) -> None:
    """The user chose their own password: it is no longer a temporary one (audited). Their API
    tokens already ended with the old password (chiso.api.models.ApiToken.is_valid_for)."""
    temporary = TemporaryPassword.objects.filter(user=user).delete()[0] > 0
    record(user, "account.password_change", user, after={"was_temporary": temporary})


def memberships_under(office: Unit, manager: Any) -> list[Membership]:
    """The roles held in the office's subtree, each marked with whether `manager` may act on it."""
    rows = sorted(
        Membership.objects.filter(unit__path__startswith=office.path).select_related(
            "unit", "user"
        ),
        key=lambda m: (tree_order(m.unit), m.role, m.user.username),
    )
    for m in rows:
        m.manageable = m.user_id != manager.pk and policy.can_grant(manager, m.role, m.unit)
    return rows
