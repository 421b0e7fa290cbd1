"""/readyz: can this process serve real traffic (database, storage, schema up to date)? And the
bare page the load test measures every other page against."""

from __future__ import annotations

import logging
import uuid

from django.contrib.auth.decorators import login_required
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

log = logging.getLogger(__name__)
_migrations_done = False  # once applied they stay applied until the next deploy restarts us


def check_database() -> str:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def check_migrations() -> str:
    global _migrations_done
    if not _migrations_done:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if plan:
            return f"{len(plan)} migration(s) not applied"
        _migrations_done = True
    return "ok"


def check_storage() -> str:
    """Write, read back and delete a tiny file where evidence goes."""
    name = default_storage.save(f"readyz/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    try:
        with default_storage.open(name, "rb") as handle:
            if handle.read() != b"ok":
                return "read back differs"
    finally:
        default_storage.delete(name)
    return "ok"


@never_cache
def ready(request: HttpRequest) -> JsonResponse:
    checks = {}
    for key, check in (
        ("database", check_database),
        ("migrations", check_migrations),
        ("storage", check_storage),
    ):
        try:
            checks[key] = check()
        except Exception as exc:  # a probe reports, it never raises
            log.warning("readiness check %s failed: %s", key, exc)
            checks[key] = f"error: {type(exc).__name__}"
    ok = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if ok else "unavailable", **checks}, status=200 if ok else 503
    )


@login_required
def bare(request: HttpRequest) -> HttpResponse:
    """A signed-in page with a one-line template: what every request costs before its own work
    (middleware, session, user). `make load` prints the mix's CPU per request against it."""
    return render(request, "ops/bare.html")
