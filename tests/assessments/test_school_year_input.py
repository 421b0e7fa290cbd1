"""A school year is written in ASCII digits, two consecutive years in a sane range: a fullwidth
year sorted above all the others and became every school's current campaign."""

from __future__ import annotations

import pytest

from chiso.assessments import queries
from chiso.assessments.models import Campaign
from tests.assessments.test_campaigns import post
from tests.conftest import PASSWORD

# (The form trims spaces around what is typed.)
ODD_YEARS = ["２０２６-２０２７", "٢٠٢٦-٢٠٢٧", "0000-0001", "9998-9999", "2026–2027", "2026-2028"]


@pytest.mark.parametrize("year", ODD_YEARS)
def test_an_odd_school_year_opens_no_campaign(client, world, year):
    page = post(
        client, world, "so_head",
        {"name": "Đợt lạ", "school_year": year, "audience": "institutions",
         "framework": "qd4725-2022@1"},
    ).content.decode()  # fmt: skip
    assert "Năm học: viết dạng 2026-2027" in page
    assert not Campaign.objects.filter(name="Đợt lạ").exists()
    assert queries.current_campaign(world.units["school"]) == world.campaign


def test_records_of_an_odd_school_year_are_not_found(client, world):
    client.login(username="member", password=PASSWORD)
    school = world.units["school"].pk
    assert client.get(f"/hien-trang-cntt/{school}/２０２６-２０２７/").status_code == 404
    assert client.get(f"/hien-trang-cntt/{school}/2026-2027/").status_code == 200


def test_the_rule():
    from chiso.assessments.campaigns import is_school_year

    assert is_school_year("2026-2027")
    assert not any(is_school_year(year) for year in [*ODD_YEARS, "2026-2027\n", " 2026-2027"])
