"""Offices manage the accounts of their subtree: add, grant, reset, revoke; never outside it."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from chiso.audit.models import AuditEntry
from chiso.units.models import Membership
from tests.conftest import PASSWORD


def _post(client, world, office="phong_a", **data):
    return client.post(f"/don-vi/{world.units[office].pk}/tai-khoan/", data)


def test_an_office_head_creates_a_school_account_shown_once_that_can_sign_in(client, world):
    client.login(username="office_head", password=PASSWORD)
    page = _post(
        client,
        world,
        action="add",
        username="cva.giaovien",
        full_name="Nguyễn Thị Lan",
        email="lan@example.edu.vn",
        unit_code="TH-CVA",
        role="member",
    ).content.decode()
    assert "Mật khẩu tạm của" in page and "cva.giaovien" in page
    password = page.split('<code class="big">')[1].split("</code>")[0]
    user = get_user_model().objects.get(username="cva.giaovien")
    assert (user.first_name, user.last_name) == ("Nguyễn Thị", "Lan")
    assert Membership.objects.filter(user=user, unit=world.units["school"], role="member").exists()
    assert AuditEntry.objects.filter(verb="account.create").count() == 1
    assert (
        password
        not in client.get(f"/don-vi/{world.units['phong_a'].pk}/tai-khoan/").content.decode()
    )
    client.logout()
    assert client.login(username="cva.giaovien", password=password)
    response = client.post(
        "/doi-mat-khau/",
        {
            "old_password": password,
            "new_password1": "mat-khau-moi-rat-dai-2026",
            "new_password2": "mat-khau-moi-rat-dai-2026",
        },
    )
    assert response["Location"] == "/doi-mat-khau/xong/"
    client.logout()
    assert client.login(username="cva.giaovien", password="mat-khau-moi-rat-dai-2026")


def test_roles_must_fit_the_unit_and_stay_inside_the_subtree(client, world):
    client.login(username="office_head", password=PASSWORD)
    wrong_role = _post(
        client, world, action="add", username="x1", unit_code="TH-CVA", role="reviewer"
    )
    assert "Vai trò không hợp lệ" in wrong_role.content.decode()
    outside = _post(client, world, action="add", username="x2", unit_code="TH-BVD", role="head")
    assert "Không có đơn vị mã «TH-BVD» trong phạm vi" in outside.content.decode()
    admin = _post(client, world, action="add", username="x3", unit_code="PA1", role="admin")
    assert "Vai trò không hợp lệ" in admin.content.decode()
    taken = _post(
        client, world, action="add", username="other_head", unit_code="TH-CVA", role="member"
    )
    assert "đã được dùng ở đơn vị khác" in taken.content.decode()
    assert not get_user_model().objects.filter(username__in=["x1", "x2", "x3"]).exists()
    assert not Membership.objects.filter(
        user__username="other_head", unit=world.units["school"]
    ).exists()


def test_reset_and_revoke_only_within_the_subtree(client, world):
    member = Membership.objects.get(user=world.users["member"])
    other = Membership.objects.get(user=world.users["other_head"])
    so_reviewer = Membership.objects.get(user=world.users["so_reviewer"])
    client.login(username="office_head", password=PASSWORD)
    page = _post(client, world, action="reset", membership=member.pk).content.decode()
    assert "Mật khẩu tạm của" in page
    assert not client.login(username="member", password=PASSWORD)  # the old password is gone
    client.login(username="office_head", password=PASSWORD)
    for membership in (other, so_reviewer):
        for action in ("reset", "revoke"):
            page = _post(client, world, action=action, membership=membership.pk).content.decode()
            assert "Không tìm thấy vai trò này trong phạm vi của bạn." in page
    assert Membership.objects.filter(pk__in=[other.pk, so_reviewer.pk]).count() == 2
    _post(client, world, action="revoke", membership=member.pk)
    assert not Membership.objects.filter(pk=member.pk).exists()
    assert (
        AuditEntry.objects.filter(verb__in=["account.revoke", "account.reset_password"]).count()
        == 2
    )


def test_only_office_heads_and_administrators_open_the_accounts_page(client, world):
    for username, office, expected in [
        ("office_head", "phong_a", 200),
        ("admin", "phong_a", 200),
        ("so_head", "phong_a", 404),
        ("reviewer", "phong_a", 404),
        ("head", "phong_a", 404),
        ("other_office_head", "phong_a", 404),
        ("so_head", "so_a", 200),
    ]:
        client.login(username=username, password=PASSWORD)
        assert client.get(f"/don-vi/{world.units[office].pk}/tai-khoan/").status_code == expected, (
            username
        )
