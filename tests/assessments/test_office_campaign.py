"""Which campaign an office's screens, exports and API are about: the institutions' campaign of
a school year by default, any past campaign by its id, `?school_year=` and `?campaign=` alike."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from chiso.assessments import queries
from chiso.assessments.models import Campaign
from chiso.dashboards.services import dashboard
from tests.api.test_api import bearer
from tests.conftest import PASSWORD

SCHOOLS = {"Trường Tiểu học Chu Văn An", "Trường THCS Lê Lợi"}


@pytest.fixture
def years(world):
    """Besides the institutions' 2024-2025 campaign: the offices' 3806 campaign of the same year
    (newer, so it comes first by id) and a closed institutions' campaign of 2023-2024."""
    world.offices = Campaign.objects.create(
        name="Tự đánh giá của Phòng, Sở", audience=Campaign.Audience.OFFICES,
        school_year=world.campaign.school_year, framework_id="qd3806-2024", owner=world.units["bo"],
    )  # fmt: skip
    world.older = Campaign.objects.create(
        name="Đánh giá CĐS", school_year="2023-2024", owner=world.units["bo"], is_open=False
    )
    return world


def _names(content: bytes) -> set[str]:
    rows = load_workbook(io.BytesIO(content)).active.iter_rows(min_row=4, values_only=True)
    return {row[1] for row in rows if row[1]}


def test_a_school_year_names_the_institutions_campaign_not_the_offices_own(years):
    phong = years.units["phong_a"]
    assert queries.office_campaign(phong, school_year="2024-2025") == years.campaign
    assert queries.office_campaign(phong) == years.campaign  # nothing named: the current one
    assert queries.office_campaign(phong, campaign_id=years.offices.pk) == years.offices
    assert queries.office_campaign(phong, campaign_id=years.older.pk) == years.older
    assert queries.office_campaign(phong, school_year="2019-2020") is None
    # An id and a year that disagree name nothing.
    assert (
        queries.office_campaign(phong, campaign_id=years.older.pk, school_year="2024-2025") is None
    )
    assert queries.campaign_from_params(phong, {"school_year": "2023-2024"}) == (years.older, True)
    assert queries.campaign_from_params(phong, {"dot": "x1"}) == (None, True)


def test_the_dashboard_of_a_school_year_shows_the_institutions(client, years):
    client.login(username="office_head", password=PASSWORD)
    phong = years.units["phong_a"]
    page = client.get(f"/tong-quan/{phong.pk}/?school_year=2024-2025").content.decode()
    assert "Tiến độ: 2 cơ sở giáo dục" in page
    older = client.get(f"/tong-quan/{phong.pk}/?campaign={years.older.pk}").content.decode()
    assert f'<option value="{years.older.pk}" selected>' in older
    missing = client.get(f"/tong-quan/{phong.pk}/?school_year=2019-2020").content.decode()
    assert "Không có đợt đánh giá đã chọn; đang hiện đợt hiện hành." in missing
    assert f'<option value="{years.campaign.pk}" selected>' in missing


@pytest.mark.parametrize("parameter", ["school_year=2024-2025", "campaign={campaign}"])
def test_the_consolidated_table_of_a_school_year_lists_the_schools_on_screen_and_api(
    client, years, parameter
):
    phong = years.units["phong_a"]
    query = parameter.format(campaign=years.campaign.pk)
    client.login(username="office_head", password=PASSWORD)
    screen = client.get(f"/don-vi/{phong.pk}/tong-hop.xlsx?{query}")
    assert screen.status_code == 200 and _names(screen.content) == SCHOOLS
    api = client.get(
        f"/api/v1/exports/{phong.pk}/consolidated/?{query}", **bearer(years, "office_head")
    )
    assert api.status_code == 200 and _names(api.content) == SCHOOLS


def test_a_past_campaign_is_exported_from_the_screens(client, years):
    phong = years.units["phong_a"]
    client.login(username="office_head", password=PASSWORD)
    for path in ("tong-hop.xlsx", "thong-ke.xlsx", "tong-hop.docx", "thong-ke.docx"):
        response = client.get(f"/don-vi/{phong.pk}/{path}?school_year=2023-2024")
        assert response.status_code == 200, path
        assert "2023-2024" in response["Content-Disposition"], path
    listing = client.get(f"/don-vi/{phong.pk}/?school_year=2023-2024").content.decode()
    assert f"tong-hop.xlsx?dot={years.older.pk}&amp;basis=checked" in listing


def test_the_offices_own_campaign_is_had_by_its_id(client, years):
    so = years.units["so_a"]
    client.login(username="so_head", password=PASSWORD)
    response = client.get(f"/don-vi/{so.pk}/tong-hop.xlsx?campaign={years.offices.pk}")
    assert _names(response.content) == {"Phòng GDĐT A1"}  # the offices it assesses


def test_a_past_year_on_the_dashboard_keeps_its_units_that_never_started(years):
    board = dashboard(years.units["phong_a"], years.campaign)
    past = dict((c.school_year, line) for c, line in board.years)["2023-2024"]
    assert (past.total, past.statuses["not_started"], past.counted) == (2, 2, 0)
