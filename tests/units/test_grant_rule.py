"""Who may grant, reset or revoke a role: only someone who could grant it, never on a role at or
above their own, never on their own account (policy.can_grant)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from chiso.audit.models import AuditEntry
from chiso.units import policy
from chiso.units.models import Membership, Unit
from tests.conftest import PASSWORD, make_user

Role = Membership.Role


def _post(client, world, office, **data):
    return client.post(f"/don-vi/{world.units[office].pk}/tai-khoan/", data)


def test_an_office_head_cannot_reset_an_administrators_password(client, world):
    admin = Membership.objects.get(user=world.users["admin"])
    client.login(username="so_head", password=PASSWORD)
    page = _post(client, world, "so_a", action="reset", membership=admin.pk).content.decode()
    assert "Mật khẩu tạm của" not in page
    assert "Không tìm thấy vai trò này trong phạm vi của bạn." in page
    assert client.login(username="admin", password=PASSWORD)  # the password is unchanged
    assert not AuditEntry.objects.filter(verb="account.reset_password").exists()


def test_an_office_head_cannot_revoke_an_administrator(client, world):
    admin = Membership.objects.get(user=world.users["admin"])
    client.login(username="so_head", password=PASSWORD)
    page = _post(client, world, "so_a", action="revoke", membership=admin.pk).content.decode()
    assert "Không tìm thấy vai trò này trong phạm vi của bạn." in page
    assert Membership.objects.filter(pk=admin.pk).exists()


def test_the_accounts_page_offers_no_action_on_roles_at_or_above_ones_own(client, world):
    admin = Membership.objects.get(user=world.users["admin"])
    reviewer = Membership.objects.get(user=world.users["so_reviewer"])
    client.login(username="so_head", password=PASSWORD)
    page = client.get(f"/don-vi/{world.units['so_a'].pk}/tai-khoan/").content.decode()
    assert f'name="membership" value="{reviewer.pk}"' in page
    assert f'name="membership" value="{admin.pk}"' not in page
    assert '<option value="admin"' not in page


def test_an_office_head_cannot_make_a_second_head_of_their_own_office(client, world):
    client.login(username="office_head", password=PASSWORD)
    page = _post(
        client, world, "phong_a", action="add", username="pa1.lanhdao2", unit_code="PA1",
        role="office_head",
    ).content.decode()  # fmt: skip
    assert "Vai trò không hợp lệ" in page
    assert not get_user_model().objects.filter(username="pa1.lanhdao2").exists()


def test_a_department_head_still_appoints_a_district_offices_head(client, world):
    client.login(username="so_head", password=PASSWORD)
    _post(
        client, world, "so_a", action="add", username="pa1.lanhdao2", unit_code="PA1",
        role="office_head",
    )  # fmt: skip
    assert Membership.objects.filter(
        user__username="pa1.lanhdao2", unit=world.units["phong_a"], role=Role.OFFICE_HEAD
    ).exists()


def test_an_office_head_cannot_give_himself_a_schools_head_role(client, world):
    client.login(username="office_head", password=PASSWORD)
    page = _post(
        client, world, "phong_a", action="add", username="office_head", unit_code="TH-CVA",
        role="head",
    ).content.decode()  # fmt: skip
    assert "Không thể tự giao vai trò cho chính mình" in page
    assert not Membership.objects.filter(
        user=world.users["office_head"], unit=world.units["school"]
    ).exists()


def test_a_password_reset_is_refused_when_the_user_holds_a_role_above_the_managers(client, world):
    # A school head who is also the Phòng's head: the Phòng's own head may not reset them.
    user = make_user(get_user_model(), "hai.vaitro", world.units["phong_a"], Role.OFFICE_HEAD)
    head = Membership.objects.create(user=user, unit=world.units["school"], role=Role.HEAD)
    client.login(username="office_head", password=PASSWORD)
    page = _post(client, world, "phong_a", action="reset", membership=head.pk).content.decode()
    assert "ngang hoặc cao hơn vai trò của bạn" in page
    assert client.login(username="hai.vaitro", password=PASSWORD)


def test_an_administrator_cannot_create_an_administrator_beside_himself(client, world):
    client.login(username="admin", password=PASSWORD)
    page = _post(
        client, world, "so_a", action="add", username="soa.quantri2", unit_code="SOA", role="admin"
    ).content.decode()
    assert "Vai trò không hợp lệ" in page
    assert not Membership.objects.filter(user__username="soa.quantri2").exists()


@pytest.mark.parametrize(
    ("manager", "role", "unit", "allowed"),
    [
        ("office_head", Role.MEMBER, "school", True),
        ("office_head", Role.HEAD, "school", True),
        ("office_head", Role.REVIEWER, "phong_a", True),
        ("office_head", Role.OFFICE_HEAD, "phong_a", False),
        ("office_head", Role.ADMIN, "phong_a", False),
        ("office_head", Role.HEAD, "other", False),
        ("office_head", Role.REVIEWER, "school", False),  # not a role of a school
        ("so_head", Role.OFFICE_HEAD, "phong_a", True),
        ("so_head", Role.OFFICE_HEAD, "so_a", False),
        ("so_head", Role.ADMIN, "phong_a", False),
        ("admin", Role.ADMIN, "phong_a", True),
        ("admin", Role.ADMIN, "so_a", False),
        ("admin", Role.OFFICE_HEAD, "so_a", True),
        ("reviewer", Role.MEMBER, "school", False),
        ("head", Role.MEMBER, "school", False),
    ],
)
def test_the_grant_rule(world, manager, role, unit, allowed):
    assert policy.can_grant(world.users[manager], role, world.units[unit]) is allowed


def test_the_form_offers_only_the_roles_one_may_grant(world):
    assert policy.grantable_roles(world.users["office_head"], world.units["phong_a"]) == [
        Role.MEMBER,
        Role.HEAD,
        Role.REVIEWER,
    ]
    assert Role.OFFICE_HEAD in policy.grantable_roles(world.users["so_head"], world.units["so_a"])
    assert Role.ADMIN in policy.grantable_roles(world.users["admin"], world.units["so_a"])
    assert Role.ADMIN not in policy.grantable_roles(world.users["so_head"], world.units["so_a"])


def test_every_role_a_unit_can_hold_is_ranked(world):
    for kind in Unit.Kind.values:
        assert set(policy.roles_of_unit(Unit(kind=kind))) <= set(policy.ROLE_RANK)
