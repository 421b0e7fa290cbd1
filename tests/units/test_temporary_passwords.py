"""A password someone else set (a new account, a reset) must be replaced at the first sign-in
before anything else can be opened."""

from __future__ import annotations

from chiso.audit.models import AuditEntry
from chiso.units import accounts
from chiso.units.models import Membership
from tests.conftest import PASSWORD

NEW = "mat-khau-cua-toi-2026"


def _new_account(world) -> str:
    _membership, password = accounts.add_account(
        world.users["office_head"], world.units["phong_a"], username="cva.gv2", full_name="Lê Lan",
        email="", unit_code="TH-CVA", role="member",
    )  # fmt: skip
    return password


def _sign_in(client, username, password):
    return client.post("/dang-nhap/", {"username": username, "password": password})


def test_a_new_account_must_choose_its_password_before_anything_else(client, world):
    temporary = _new_account(world)
    response = _sign_in(client, "cva.gv2", temporary)
    assert response.status_code == 302 and response["Location"] == "/doi-mat-khau/"
    for path in ("/", f"/danh-gia/{world.assessments['school'].pk}/", "/viec/"):
        assert client.get(path)["Location"] == "/doi-mat-khau/", path
    assert client.get("/doi-mat-khau/").status_code == 200
    changed = client.post(
        "/doi-mat-khau/",
        {"old_password": temporary, "new_password1": NEW, "new_password2": NEW},
    )
    assert changed["Location"] == "/doi-mat-khau/xong/"
    assert client.get("/").status_code == 200
    from chiso.units.models import TemporaryPassword

    assert not TemporaryPassword.objects.filter(user__username="cva.gv2").exists()
    assert AuditEntry.objects.filter(verb="account.password_change").count() == 1


def test_a_reset_password_must_be_replaced_too(client, world):
    membership = Membership.objects.get(user=world.users["member"])
    _username, temporary = accounts.reset_password(
        world.users["office_head"], world.units["phong_a"], membership.pk
    )
    assert _sign_in(client, "member", temporary)["Location"] == "/doi-mat-khau/"
    assert client.get("/")["Location"] == "/doi-mat-khau/"


def test_a_user_with_their_own_password_goes_straight_in(client, world):
    assert _sign_in(client, "member", PASSWORD)["Location"] == "/"
    assert client.get("/").status_code == 200
