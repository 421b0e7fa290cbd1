"""API tokens expire, and end with the password they were issued under (changed by its user,
reset by an office head, or set any other way)."""

from __future__ import annotations

import datetime as dt
import io

from django.core.management import call_command
from django.utils import timezone

from chiso.api.models import ApiToken
from chiso.units import accounts
from chiso.units.models import Membership
from tests.conftest import PASSWORD

NEW = "mat-khau-moi-rat-dai-2026"


def _get(client, token):
    return client.get("/api/v1/units/", HTTP_AUTHORIZATION=f"Bearer {token}")


def test_a_token_ends_when_its_user_changes_the_password(client, world):
    row, token = ApiToken.issue(world.users["member"], "script")
    assert _get(client, token).status_code == 200
    client.login(username="member", password=PASSWORD)
    client.post(
        "/doi-mat-khau/", {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW}
    )
    response = _get(client, token)
    assert response.status_code == 401 and response.json()["error"]["code"] == "invalid_token"
    row.refresh_from_db()
    assert row.revoked


def test_a_token_ends_when_an_office_head_resets_the_password(client, world):
    _row, token = ApiToken.issue(world.users["member"], "script")
    membership = Membership.objects.get(user=world.users["member"])
    accounts.reset_password(world.users["office_head"], world.units["phong_a"], membership.pk)
    assert _get(client, token).status_code == 401


def test_a_token_expires(client, world, settings):
    row, token = ApiToken.issue(world.users["member"], "script")
    expected = timezone.now() + dt.timedelta(days=settings.API_TOKEN_DAYS)
    assert abs((row.expires_at - expected).total_seconds()) < 60
    ApiToken.objects.filter(pk=row.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    response = _get(client, token)
    assert response.status_code == 401 and "hết hạn" in response.json()["error"]["message"]


def test_the_command_issues_a_token_for_the_days_asked(world):
    out, err = io.StringIO(), io.StringIO()
    call_command("api_token", "member", "script", "--days", "7", stdout=out, stderr=err)
    row = ApiToken.objects.get(user=world.users["member"])
    assert out.getvalue().strip().startswith("chiso_")
    assert 6.9 < (row.expires_at - timezone.now()).total_seconds() / 86400 <= 7
    assert "hết hạn lúc" in err.getvalue()
