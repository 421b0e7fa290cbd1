"""Quyết định 3806's district half has no subject after 30/6/2025: an offices' campaign assesses
the Phòng until 2024-2025, only the Sở from 2025-2026, and never a commune."""

from __future__ import annotations

from chiso.assessments import queries
from chiso.assessments.models import Campaign
from chiso.units.models import Unit
from chiso.units.services import create_unit


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
