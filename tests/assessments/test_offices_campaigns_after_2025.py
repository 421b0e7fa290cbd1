"""Quyết định 3806's district half has no subject after 30/6/2025: an offices' campaign assesses
the Phòng until 2024-2025, only the Sở from 2025-2026, and never a commune."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from chiso.assessments import actions, queries
from chiso.assessments.models import Assessment, Campaign
from chiso.units.models import Membership, Unit
from chiso.units.services import create_unit
from tests.conftest import PASSWORD, make_user


def offices_campaign(world, school_year):
    return Campaign.objects.create(
        name="Tự đánh giá",
        school_year=school_year,
        owner=world.units["bo"],
        audience=Campaign.Audience.OFFICES,
        framework_id="qd3806-2024",
    )


def test_the_phong_are_assessed_until_2024_2025_and_the_so_after(world):
    u = world.units
    commune = create_unit(
        name="Ủy ban nhân dân phường Hưng Đạo", kind=Unit.Kind.COMMUNE, parent=u["so_a"]
    )
    before = set(queries.assessed_units(u["bo"], offices_campaign(world, "2024-2025")))
    after = set(queries.assessed_units(u["bo"], offices_campaign(world, "2025-2026")))
    assert before == {u["so_a"], u["so_b"], u["phong_a"], u["phong_b"]}
    assert after == {u["so_a"], u["so_b"]}
    assert commune not in before | after


def test_a_so_campaign_of_2025_2026_assesses_no_sub_office(world):
    campaign = offices_campaign(world, "2025-2026")
    campaign.owner = world.units["so_a"]
    assert list(queries.assessed_units(world.units["so_a"], campaign)) == []


def test_a_commune_is_neither_offered_nor_allowed_the_sos_self_assessment(client, world):
    """Its officers' home offers no 3806 self-assessment, and starting one is refused."""
    commune = create_unit(
        name="Ủy ban nhân dân phường Hưng Đạo", kind=Unit.Kind.COMMUNE, parent=world.units["so_a"]
    )
    officer = make_user(User, "xa_lanhdao", commune, Membership.Role.OFFICE_HEAD)
    campaign = offices_campaign(world, "2025-2026")
    assert client.login(username="xa_lanhdao", password=PASSWORD)
    home = client.get("/").content.decode()
    assert "Bắt đầu tự đánh giá" not in home and "Tự đánh giá" not in home
    with pytest.raises(actions.ActionRefused, match="không đánh giá"):
        actions.start(commune, campaign, by=officer)
    assert not Assessment.objects.filter(unit=commune).exists()
    # The Sở's own goes on: its head is offered it.
    assert client.login(username="so_head", password=PASSWORD)
    assert "Tự đánh giá" in client.get("/").content.decode()
