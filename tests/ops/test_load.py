"""The load generator's users and its deadline-week mix, against a live server for two seconds."""

from __future__ import annotations

import asyncio

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from chiso.ops import loadgen
from chiso.ops.load_users import pick_targets
from chiso.units.models import Membership


def test_load_users_are_made_for_existing_units_and_left_alone_the_second_time(world):
    targets = pick_targets(institutions=5, offices=2, password="tai-thu-nghiem-2026")
    schools = [t for t in targets if t.assessment_pk]
    offices = [t for t in targets if t.office_pk]
    assert schools and offices
    user = get_user_model().objects.get(username=schools[0].username)
    assert user.check_password("tai-thu-nghiem-2026")
    assert Membership.objects.filter(user=user, role=Membership.Role.MEMBER).exists()
    hashed = user.password
    pick_targets(institutions=5, offices=2, password="tai-thu-nghiem-2026")
    user.refresh_from_db()
    assert user.password == hashed  # sessions of a running test stay logged in


@pytest.mark.django_db(transaction=True)
def test_the_mix_runs_against_a_live_server_without_errors(world, live_server, settings):
    settings.EVIDENCE_CAPTURE_ENABLED = False
    # The live server speaks plain HTTP: cookies must not be marked secure for the client to send them.
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    targets = pick_targets(institutions=3, offices=1, password="tai-thu-nghiem-2026")
    # Django's live server shares one in-memory SQLite connection between its threads, so there
    # the users take turns; on PostgreSQL they run at once.
    groups = [targets] if connection.vendor == "postgresql" else [[t] for t in targets]
    lines: list[str] = []
    kinds: set[str] = set()
    for group in groups:
        stats = asyncio.run(
            loadgen.run(
                live_server.url,
                group,
                "tai-thu-nghiem-2026",
                duration=2,
                max_requests=40,
                concurrency=len(group),
                master_pid=None,
                report_every=1,
                out=lines.append,
            )
        )
        assert not stats.errors, stats.errors
        kinds |= {name for name, values in stats.latencies.items() if values}
    assert {"save fact (htmx)", "assessment page"} <= kinds
    assert kinds & {"district list", "district dashboard", "province list (a district)"}
    assert any("req/s" in line for line in lines)
    assert any(line.startswith("CPU per request:") and "generator" in line for line in lines)
    assert any(line.startswith("at the nominal mix") for line in lines) == bool(
        any(line.startswith("server CPU per request: mix") for line in lines)
    )


def test_the_generator_speaks_http_with_cookies_and_keep_alive(live_server):
    async def twice() -> list[int]:
        conn = loadgen.Connection(live_server.url)
        first = await conn.request("GET", "/dang-nhap/")
        writer = conn.writer
        second = await conn.request("GET", "/dang-nhap/")
        kept = conn.writer is writer and writer is not None
        conn.close()
        assert "csrftoken" in conn.cookies and loadgen.CSRF.search(first.body)
        return [first.status, second.status, kept]

    assert asyncio.run(twice()) == [200, 200, True]


def test_offices_above_the_institutions_are_districts_provinces_and_the_ministry(world):
    targets = pick_targets(institutions=4, offices=4, password="tai-thu-nghiem-2026")
    offices = {t.level: t for t in targets if t.office_pk}
    assert set(offices) == {"district", "province", "national"}
    assert offices["national"].office_pk == world.units["bo"].pk
    assert offices["province"].sub_unit_pk == world.units["phong_a"].pk


def test_the_nominal_mix_gives_every_user_the_same_number_of_turns():
    shares = loadgen.nominal_mix(["", "", "national"])
    assert sum(shares.values()) == pytest.approx(1)
    # Two of three users are institutions: they save 7 times in 10.2 actions and their uploads
    # are followed by a page view; the national user only opens the dashboard.
    per_user = 1 + 0.2 / 10.2  # an upload sends two requests
    assert shares["save fact (htmx)"] == pytest.approx(
        2 / 3 * 7 / 10.2 / (2 / 3 * per_user + 1 / 3)
    )
    assert shares["national dashboard"] == pytest.approx(1 / 3 / (2 / 3 * per_user + 1 / 3))
    assert "district list" not in shares
