"""An office's system syncs its dashboard and files through the API: the screens' figures and
files, the screens' scope."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document
from openpyxl import load_workbook

from chiso.assessments import actions
from chiso.assessments.models import Campaign
from chiso.dashboards.services import dashboard
from tests.api.test_api import bearer
from tests.conftest import COMPLETE_FACTS, PASSWORD, fill


@pytest.fixture
def recognised(world, settings):
    """The school recognised, its sibling submitted, the others untouched."""
    settings.EVIDENCE_CAPTURE_ENABLED = False
    a = fill(world.assessments["school"], world.users["member"])
    actions.submit(a, by=world.users["head"])
    actions.recognise(a, by=world.users["office_head"])
    b = fill(
        world.assessments["sibling"],
        world.users["sibling_head"],
        {**COMPLETE_FACTS, "studio_room": True},
    )
    actions.submit(b, by=world.users["sibling_head"])
    return world


def test_the_dashboard_has_the_figures_of_the_screen(client, recognised):
    world = recognised
    office = world.units["so_a"]
    body = client.get(f"/api/v1/dashboards/{office.pk}/", **bearer(world, "so_head")).json()
    board = dashboard(office, world.campaign)
    assert body["office"]["id"] == office.pk and body["campaign"]["id"] == world.campaign.pk
    assert body["overall"]["total"] == board.overall.total == 3
    assert body["overall"]["statuses"] == {
        "not_started": 0, "draft": 1, "submitted": 1, "returned": 0, "recognised": 1, "published": 0,
    }  # fmt: skip
    school = world.assessments["school"]
    school.refresh_from_db()
    assert body["overall"]["counted"] == 1
    assert body["overall"]["levels"]["group1"][str(school.group1_level)] == 1
    assert body["overall"]["levels"]["overall"] == {
        str(k): v for k, v in board.overall.levels["overall_level"].items()
    }
    types = {line["institution_type"]: line["total"] for line in body["by_type"]}
    assert types == {"TH": 1, "THCS": 1, "THPT": 1}
    subs = {line["label"]: line["total"] for line in body["by_sub_unit"]}
    assert subs == {"Phòng GDĐT A1": 2, "Trực thuộc Sở GDĐT A": 1}
    assert [c["id"] for c in body["weakest_criteria"]] == [c.id for c in board.criteria]
    assert body["years"][0]["school_year"] == "2024-2025"


def test_lateness_follows_the_deadline(client, recognised):
    world = recognised
    Campaign.objects.filter(pk=world.campaign.pk).update(submit_by=dt.date(2000, 1, 1))
    office = world.units["phong_a"]
    body = client.get(f"/api/v1/dashboards/{office.pk}/", **bearer(world, "office_head")).json()
    assert body["overall"]["late"] == 0  # the school is recognised, the sibling submitted
    body = client.get(
        f"/api/v1/dashboards/{world.units['so_a'].pk}/", **bearer(world, "so_head")
    ).json()
    assert body["overall"]["late"] == 1  # the directly attached school is still a draft


def test_a_campaign_is_chosen_by_id_or_school_year(client, recognised):
    world = recognised
    older = Campaign.objects.create(
        name="Đánh giá CĐS", school_year="2023-2024", owner=world.units["bo"], is_open=False
    )
    auth = bearer(world, "office_head")
    url = f"/api/v1/dashboards/{world.units['phong_a'].pk}/"
    assert client.get(url, **auth).json()["campaign"]["id"] == world.campaign.pk
    assert client.get(f"{url}?campaign={older.pk}", **auth).json()["campaign"]["id"] == older.pk
    by_year = client.get(f"{url}?school_year=2023-2024", **auth).json()
    assert by_year["campaign"]["id"] == older.pk and by_year["overall"]["counted"] == 0
    for query, status, code in [
        ("?school_year=2030-2031", 404, "not_found"),
        ("?school_year=2023-2025", 404, "not_found"),  # well formed, no such campaign
        ("?school_year=năm nay", 400, "invalid_parameter"),
        (f"?campaign={older.pk}&school_year=2024-2025", 404, "not_found"),
        ("?campaign=0", 400, "invalid_parameter"),
        ("?campaign=99999999999", 400, "invalid_parameter"),
    ]:
        response = client.get(url + query, **auth)
        assert response.status_code == status and response.json()["error"]["code"] == code, query


def test_a_campaign_of_another_province_is_not_found(client, recognised):
    world = recognised
    theirs = Campaign.objects.create(
        name="Đợt riêng của Sở B", school_year="2024-2025", owner=world.units["so_b"]
    )
    url = f"/api/v1/dashboards/{world.units['phong_a'].pk}/?campaign={theirs.pk}"
    assert client.get(url, **bearer(world, "office_head")).status_code == 404


def _sheet(content: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(values_only=True))


def _text(content: bytes) -> list[str]:
    document = Document(io.BytesIO(content))
    return [p.text for p in document.paragraphs] + [
        c.text for t in document.tables for r in t.rows for c in r.cells
    ]


@pytest.mark.parametrize(
    "api_path, screen_path",
    [
        ("consolidated/", "tong-hop"),
        ("level-statistics/", "thong-ke"),
    ],
)
def test_office_files_are_the_screens_files(client, recognised, api_path, screen_path):
    world = recognised
    office = world.units["phong_a"]
    client.login(username="office_head", password=PASSWORD)
    auth = bearer(world, "office_head")
    for extension, read in (("xlsx", _sheet), ("docx", _text)):
        api = client.get(f"/api/v1/exports/{office.pk}/{api_path}?format={extension}", **auth)
        screen = client.get(f"/don-vi/{office.pk}/{screen_path}.{extension}")
        assert api.status_code == 200 and api["Content-Type"] == screen["Content-Type"]
        assert api["Content-Disposition"] == screen["Content-Disposition"]
        assert read(api.content) == read(screen.content)
    default = client.get(f"/api/v1/exports/{office.pk}/{api_path}", **auth)
    assert default["Content-Type"].endswith("spreadsheetml.sheet")
    names = [row[1] for row in _sheet(default.content) if row and row[1]]
    assert any("Chu Văn An" in str(n) or "Toàn đơn vị" in str(n) for n in names)
    bad = client.get(f"/api/v1/exports/{office.pk}/{api_path}?format=pdf", **auth)
    assert bad.status_code == 400 and bad.json()["error"]["fields"] == {"format": "xlsx|docx"}


def test_the_consolidated_table_of_an_older_year_is_that_years(client, recognised):
    world = recognised
    older = Campaign.objects.create(
        name="Đánh giá CĐS", school_year="2023-2024", owner=world.units["bo"], is_open=False
    )
    response = client.get(
        f"/api/v1/exports/{world.units['phong_a'].pk}/consolidated/?campaign={older.pk}",
        **bearer(world, "office_head"),
    )
    assert "2023-2024" in response["Content-Disposition"]
    # Every unit of the scope is listed, none with this year's results: nothing was started.
    rows = [row for row in _sheet(response.content)[3:] if row and row[1]]
    school = next(row for row in rows if "Chu Văn An" in str(row[1]))
    assert school[3] == "Chưa bắt đầu" and all(v is None for v in school[4:])
