"""Two server processes over the same PostgreSQL and Redis: a change made through one of them
(or by anyone else) applies at the next request in the other. Nothing about who is asking, or
which units they reach, is kept by a process between requests.

Runs on the PostgreSQL leg of the suite (the processes share the test database, which an
in-memory SQLite database cannot be).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from django.conf import settings
from django.db import connection

from chiso.units import services
from chiso.units.models import Membership
from tests.conftest import PASSWORD

pytestmark = [
    pytest.mark.skipif(
        not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
        reason="two processes share the database: the PostgreSQL leg of the suite",
    ),
    pytest.mark.django_db(transaction=True),
]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SIGNED_IN = ("reviewer", "office_head", "member", "other_office_head")
GUNICORN = [sys.executable, "-m", "gunicorn", "chiso.wsgi", "--workers", "1", "--threads", "2"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _environment(tmp_path: Path) -> dict[str, str]:
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    return {
        **os.environ,
        "DATABASE_URL": url,
        "CACHE_REDIS_URL": "redis://127.0.0.1:6379/2",
        "CACHE_KEY_PREFIX": f"two-processes-{uuid.uuid4().hex}",
        "SECRET_KEY": "two-processes-test-key-0123456789abcdefghijklmnopqrstuvwxyz",
        "DEBUG": "0",
        "SECURE_COOKIES": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "CHISO_VAR_DIR": str(tmp_path),
        "EVIDENCE_CAPTURE_ENABLED": "0",
        "JOBS_BACKEND": "inline",
    }


@pytest.fixture
def browsers() -> Iterator[list[httpx.Client]]:
    """Every client a test opens, closed after it."""
    opened: list[httpx.Client] = []
    yield opened
    for client in opened:
        client.close()


@pytest.fixture
def servers(tmp_path: Path, world: Any, settings: Any) -> Iterator[tuple[str, str]]:
    """Two gunicorn processes (one worker each) serving the test database; the world's users
    get passwords the servers' own hasher reads (the suite's fast one is not theirs)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    for name in SIGNED_IN:
        user = world.users[name]
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    env = _environment(tmp_path)
    # This process writes too (the tests change users and units directly): the same shared cache.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env["CACHE_REDIS_URL"],
            "KEY_PREFIX": env["CACHE_KEY_PREFIX"],
        }
    }
    ports = [_free_port(), _free_port()]
    processes = [
        subprocess.Popen(
            [*GUNICORN, "-b", f"127.0.0.1:{port}"],
            env=env,
            cwd=settings.BASE_DIR,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    try:
        bases = [f"http://127.0.0.1:{port}" for port in ports]
        for base in bases:
            _wait_until_up(base)
        yield bases[0], bases[1]
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)


def _wait_until_up(base: str) -> None:
    for _ in range(100):
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    pytest.fail(f"the server at {base} did not start")


def _session(browsers: list[httpx.Client], base: str, username: str) -> httpx.Client:
    """A browser signed in through the server at `base`."""
    client = httpx.Client(base_url=base, timeout=10)
    browsers.append(client)
    page = client.get("/dang-nhap/")
    token = CSRF.search(page.text)
    assert token is not None
    answer = client.post(
        "/dang-nhap/",
        data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token[1]},
    )
    assert answer.status_code == 302, answer.text[:300]
    return client


def _on(browsers: list[httpx.Client], client: httpx.Client, base: str) -> httpx.Client:
    """The same browser (its cookies) talking to another server process."""
    other = httpx.Client(base_url=base, cookies=client.cookies, timeout=10)
    browsers.append(other)
    return other


def test_a_role_revoked_through_one_process_stops_working_in_the_other(world, servers, browsers):
    first, second = servers
    office = world.units["phong_a"]
    reviewer = _session(browsers, first, "reviewer")
    elsewhere = _on(browsers, reviewer, second)
    assert reviewer.get(f"/don-vi/{office.pk}/").status_code == 200
    assert elsewhere.get(f"/don-vi/{office.pk}/").status_code == 200  # both processes warm
    head = _session(browsers, first, "office_head")
    page = head.get(f"/don-vi/{office.pk}/tai-khoan/")
    membership = Membership.objects.get(user=world.users["reviewer"], unit=office)
    revoked = head.post(
        f"/don-vi/{office.pk}/tai-khoan/",
        data={
            "action": "revoke",
            "membership": membership.pk,
            "csrfmiddlewaretoken": CSRF.search(page.text)[1],
        },
    )
    assert revoked.status_code == 200 and not Membership.objects.filter(pk=membership.pk).exists()
    assert elsewhere.get(f"/don-vi/{office.pk}/").status_code == 404
    assert reviewer.get(f"/don-vi/{office.pk}/").status_code == 404


def test_a_deactivated_user_is_signed_out_of_both_processes(world, servers, browsers):
    first, second = servers
    member = _session(browsers, first, "member")
    elsewhere = _on(browsers, member, second)
    assessment = world.assessments["school"]
    assert elsewhere.get(f"/danh-gia/{assessment.pk}/").status_code == 200
    user = world.users["member"]
    user.is_active = False
    user.save(update_fields=["is_active"])
    for client in (elsewhere, member):
        answer = client.get(f"/danh-gia/{assessment.pk}/")
        assert answer.status_code == 302 and "/dang-nhap/" in answer.headers["location"]


def test_a_moved_unit_is_reached_from_its_new_office_at_the_next_request(world, servers, browsers):
    first, second = servers
    school = world.units["school"]
    old_office, new_office = world.units["phong_a"], world.units["phong_b"]
    leaving = _on(browsers, _session(browsers, first, "office_head"), second)
    arriving = _on(browsers, _session(browsers, first, "other_office_head"), second)
    assert school.name in leaving.get(f"/don-vi/{old_office.pk}/").text
    assert school.name not in arriving.get(f"/don-vi/{new_office.pk}/").text
    services.move_unit(school, new_office)
    # A result stays with the body that managed the school that year (the old office keeps its
    # history); the unit itself is listed under its new office at the next request.
    assert school.name in arriving.get(f"/don-vi/{new_office.pk}/").text
    assert school.name not in leaving.get(f"/don-vi/{old_office.pk}/").text
