"""The office dashboard against an independent count over the rows, and its query budget."""

from __future__ import annotations

from collections import Counter

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from chiso.assessments.models import Assessment, Campaign
from chiso.dashboards.services import dashboard
from chiso.demo.synth import generate
from chiso.units.models import Unit
from tests.conftest import PASSWORD

COUNTED = {"recognised", "published"}


@pytest.fixture
def country(db):
    generate(
        provinces=4,
        communes=16,
        districts=8,
        institutions=400,
        seed=7,
        prefix="T",
        say=lambda _: None,
    )
    return Unit.objects.get(code="T-BO"), Campaign.objects.get(school_year="2026-2027")


def _independent(office: Unit, campaign: Campaign) -> dict[str, Counter]:
    """The same figures counted one row at a time, in plain Python."""
    units = [u for u in Unit.objects.filter(kind="co_so") if u.path.startswith(office.path)]
    by_unit = {a.unit_id: a for a in Assessment.objects.filter(campaign=campaign)}
    out: dict[str, Counter] = {"status": Counter(), "overall": Counter(), "g1_by_type": Counter()}
    for unit in units:
        a = by_unit.get(unit.pk)
        out["status"][a.status if a else "not_started"] += 1
        if a and a.status in COUNTED:
            out["overall"][a.overall_level] += 1
            out["g1_by_type"][(unit.institution_type, a.group1_level)] += 1
    return out


def test_the_national_and_a_province_dashboard_match_an_independent_count(country):
    bo, campaign = country
    commune = Unit.objects.filter(kind="xa").order_by("code").first()
    for office in (bo, Unit.objects.get(code="T-S02"), commune):
        board = dashboard(office, campaign)
        expected = _independent(office, campaign)
        assert {k: v for k, v in board.overall.statuses.items() if v} == dict(expected["status"])
        assert {k: v for k, v in board.overall.levels["overall_level"].items() if v} == dict(
            expected["overall"]
        )
        labels = dict(Unit.InstitutionType.choices)
        got = Counter()
        for line in board.by_type:
            code = next(k for k, v in labels.items() if str(v) == line.label)
            for level, n in line.levels["group1_level"].items():
                if n:
                    got[(code, level)] = n
        assert got == expected["g1_by_type"]
        assert sum(line.total for line in board.by_sub_unit) == (
            board.overall.total if board.by_sub_unit else 0
        )


def test_the_query_count_does_not_grow_with_the_subtree(country, django_assert_max_num_queries):
    bo, campaign = country
    with django_assert_max_num_queries(20):
        dashboard(bo, campaign)
    generate(
        provinces=2,
        communes=8,
        districts=4,
        institutions=300,
        seed=8,
        prefix="U",
        say=lambda _: None,
    )
    with django_assert_max_num_queries(20):
        dashboard(bo, campaign)


def test_the_number_of_queries_is_the_same_for_the_ministry_a_province_and_a_commune(country):
    bo, campaign = country
    province = Unit.objects.get(code="T-S02")
    commune = Unit.objects.filter(parent=province, kind="xa").first()
    assert Unit.objects.filter(parent=province, kind="xa").count() > 1
    counts = []
    for office in (bo, province, commune):
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            dashboard(office, campaign)
        counts.append(len(queries))
    assert counts[0] == counts[1] == counts[2], counts


def test_years_side_by_side_follow_the_published_levels(country):
    bo, campaign = country
    years = dashboard(bo, campaign).years
    assert [c.school_year for c, _ in years] == ["2024-2025", "2025-2026", "2026-2027"]
    first = years[0][1]
    rows = Assessment.objects.filter(campaign=years[0][0], status__in=COUNTED)
    assert first.levels["overall_level"][3] == rows.filter(overall_level=3).count()


def test_office_staff_open_their_dashboard_and_nobody_else(client, world):
    for username, office, expected in [
        ("reviewer", "phong_a", 200),
        ("so_head", "phong_a", 200),
        ("so_head", "so_a", 200),
        ("reviewer", "so_a", 404),
        ("other_reviewer", "phong_a", 404),
        ("head", "phong_a", 404),
        ("member", "school", 404),
    ]:
        client.login(username=username, password=PASSWORD)
        assert client.get(f"/tong-quan/{world.units[office].pk}/").status_code == expected, (
            username,
            office,
        )
    client.login(username="so_head", password=PASSWORD)
    page = client.get(f"/tong-quan/{world.units['so_a'].pk}/").content.decode()
    assert "Phòng GDĐT A1" in page and "Trực thuộc Sở GDĐT A" in page and "<svg" in page
    assert "Lên cấp trên" not in page  # the Bộ is not theirs to see


def test_the_weakest_criteria_are_the_lowest_average_against_their_cap(country):
    bo, campaign = country
    board = dashboard(bo, campaign, "submitted")  # averaged over the results the basis counts
    rows = list(Assessment.objects.filter(campaign=campaign, status__in=["submitted", *COUNTED]))
    for figure in board.criteria:
        values = [a.criterion_points[figure.id] for a in rows if figure.id in a.criterion_points]
        assert figure.average == pytest.approx(sum(values) / len(values))
    percents = [f.percent for f in board.criteria]
    assert percents == sorted(percents) and len(percents) == 7  # 1.3–1.7, 2.3, 2.4
