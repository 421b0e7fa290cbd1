"""Schemathesis against the API's own OpenAPI schema, on a real server on loopback.

`make fuzz` (python -m tests.api.fuzzing): a fresh database seeded with the demo province, a
Bearer token for each of several roles, gunicorn on FUZZ_PORT, then one schemathesis run per
role (every check, every phase: examples, coverage, fuzzing, stateful). It prints the number of
requests, the responses by status and the failures by kind, and exits 1 on any failure, any
5xx, or fewer requests than FUZZ_MIN_REQUESTS. tests/api/test_fuzz.py runs a small budget of
the same against the live test server inside the suite.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
# The failures schemathesis can report, as its checks name them.
SCHEMA_VIOLATIONS = {
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
    "response_headers_conformance",
}


@dataclass
class FuzzResult:
    requests: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)  # check name → failing cases
    errors: list[str] = field(default_factory=list)  # schemathesis' own errors (network, schema)
    examples: list[str] = field(default_factory=list)  # a few failure messages to read
    report: str = ""

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)

    @property
    def schema_violations(self) -> int:
        return sum(n for name, n in self.failures.items() if name in SCHEMA_VIOLATIONS)

    def add(self, other: FuzzResult) -> None:
        self.requests += other.requests
        self.statuses.update(other.statuses)
        self.failures.update(other.failures)
        self.errors += other.errors
        self.examples += other.examples


def _schemathesis() -> str:
    found = Path(sys.executable).parent / "schemathesis"
    return str(found) if found.exists() else shutil.which("schemathesis") or "schemathesis"


def run_schemathesis(
    base_url: str,
    token: str,
    ids: dict[str, Any],
    *,
    max_examples: int,
    seed: int,
    phases: str = "examples,coverage,fuzzing,stateful",
    timeout: int = 1800,
) -> FuzzResult:
    """One schemathesis run with `token`; the outcome read from its NDJSON report."""
    report = Path(tempfile.mkdtemp(prefix="chiso-fuzz-"))
    env = {
        **os.environ,
        "SCHEMATHESIS_HOOKS": "tests.api.fuzz_hooks",
        "CHISO_FUZZ_IDS": json.dumps(ids),
        "CHISO_FUZZ_BASE": base_url,
        "CHISO_FUZZ_TOKEN": token,
        "PYTHONPATH": str(ROOT),
    }
    command = [
        _schemathesis(), "--config-file", str(ROOT / "tests" / "api" / "schemathesis.toml"),
        "run", f"{base_url}/api/v1/schema.json",
        "--header", f"Authorization: Bearer {token}",
        "--checks", "all",
        "--phases", phases,
        "--max-examples", str(max_examples),
        "--seed", str(seed),
        "--workers", "1",
        "--request-timeout", "120",
        "--suppress-health-check", "all",
        "--report", "ndjson", "--report-dir", str(report),
        "--output-truncate", "true",
        "--no-color",
    ]  # fmt: skip
    # Run in the report's folder: schemathesis keeps a cache (.schemathesis/) where it runs.
    done = subprocess.run(
        command, env=env, cwd=report, capture_output=True, text=True, timeout=timeout, check=False
    )
    try:
        result = read_report(report)
    finally:
        if not os.environ.get("FUZZ_KEEP_REPORTS"):
            shutil.rmtree(report, ignore_errors=True)
    result.report = str(report)
    if result.requests == 0:
        result.errors.append(
            f"schemathesis ran no request: {done.stdout[-3000:]}{done.stderr[-2000:]}"
        )
    elif result.failures and not result.examples:
        result.examples.append(done.stdout[-4000:])
    return result


def read_report(folder: Path) -> FuzzResult:
    result = FuzzResult()
    for path in glob.glob(str(folder / "*.ndjson")):
        with open(path, encoding="utf-8") as file:
            for line in file:
                event = json.loads(line)
                kind, data = next(iter(event.items()))
                if kind in ("NonFatalError", "FatalError"):
                    result.errors.append(json.dumps(data, ensure_ascii=False)[:2000])
                if kind != "ScenarioFinished":
                    continue
                recorder = data["recorder"]
                for interaction in (recorder.get("interactions") or {}).values():
                    result.requests += 1
                    if interaction.get("response"):
                        result.statuses[interaction["response"]["status_code"]] += 1
                for checks in (recorder.get("checks") or {}).values():
                    for check in checks:
                        if check["status"] == "failure":
                            result.failures[check["name"]] += 1
                            if len(result.examples) < 8:
                                failure = check["failure_info"]["failure"]
                                result.examples.append(
                                    f"{failure.get('operation')}: {failure.get('title')}: "
                                    f"{failure.get('message', '')[:600]}"
                                )
    return result


def summary_lines(label: str, result: FuzzResult) -> list[str]:
    statuses = ", ".join(f"{s}: {n}" for s, n in sorted(result.statuses.items()))
    failures = ", ".join(f"{k}: {n}" for k, n in sorted(result.failures.items())) or "none"
    return [
        f"{label}: {result.requests} requests; 5xx: {result.server_errors}; "
        f"schema violations: {result.schema_violations}",
        f"  responses by status: {statuses}",
        f"  failures by kind: {failures}",
    ]


# -- make fuzz -----------------------------------------------------------------------------------

ROLES = [
    "hungdao.hieutruong",  # a primary school's head: saves facts, submits
    "hungdao.giaovien",  # its teacher: saves facts, may not submit
    "dk.lanhdao",  # a district office's head: dashboards, exports, recognises, publishes
    "dk.chuyenvien",  # its reviewer: returns
    "so.lanhdao",  # the province's head
    "quantri",  # the administrator
]


def _prepare(database_url: str, media: Path) -> tuple[dict[str, str], dict[str, Any]]:
    """A fresh database with the demo province; a token per role; ids of what exists."""
    os.environ["DATABASE_URL"] = database_url
    os.environ["MEDIA_ROOT"] = str(media)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chiso.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if database_url.startswith("sqlite:///"):
        Path(database_url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    else:
        _recreate_postgres(database_url)
    call_command("migrate", "--noinput", verbosity=0)
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    from django.contrib.auth import get_user_model

    from chiso.api.models import ApiToken
    from chiso.assessments.models import Assessment
    from chiso.evidence.models import Evidence
    from chiso.units.models import Unit

    users = get_user_model().objects
    tokens = {
        user.username: ApiToken.issue(user, "fuzz")[1] for user in users.filter(username__in=ROLES)
    }
    from chiso.assessments.models import Campaign
    from chiso.units import policy

    offices = list(Unit.objects.exclude(kind=Unit.Kind.INSTITUTION).values_list("pk", flat=True))
    everything = list(Assessment.objects.order_by("pk").values_list("pk", flat=True))
    ids: dict[str, Any] = {}
    for user in users.filter(username__in=ROLES):
        own = list(policy.visible_assessments(user).values_list("pk", flat=True))
        seen_offices = [u.pk for u in policy.visible_units(user) if u.is_office]
        # Their own objects twice as often as anyone's (other units' must be 404s).
        ids[user.username] = {
            "assessment": own * 2 + everything[:: max(1, len(everything) // 30)],
            "office": seen_offices * 2 + offices,
            **{
                f"evidence_{kind}": [
                    list(p)
                    for p in Evidence.objects.filter(assessment_id__in=own or everything)
                    .exclude(**{field: ""})
                    .values_list("assessment_id", "pk")
                ]
                for kind, field in (("file", "file"), ("capture", "captured_file"))
            },
            "campaign": list(Campaign.objects.values_list("pk", flat=True)),
            "school_year": sorted(set(Campaign.objects.values_list("school_year", flat=True))),
        }
    connection.close()
    return tokens, ids


def _recreate_postgres(url: str) -> None:
    """An empty database of that name (migrations then add their reference data)."""
    import psycopg
    from psycopg import sql

    server, name = url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _serve(port: int, log: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_THREADS": "2",
        "GUNICORN_TIMEOUT": "120",
        "EVIDENCE_CAPTURE_ENABLED": "0",
        "JOBS_BACKEND": "thread",
    }
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "chiso.wsgi"],
        cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit(f"gunicorn stopped: {log.read_text()[-2000:]}") from None
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not answer on /healthz in 20 s")


def _server_counts(log: Path) -> tuple[int, int]:
    """Requests and 5xx as the server logged them (chiso.access: one line per request)."""
    requests = errors = 0
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        if "chiso.access" not in line or "/api/v1/" not in line:
            continue
        requests += 1
        status = line.rsplit(" ", 1)[-1]
        errors += status.startswith("5")
    return requests, errors


def main() -> int:
    database_url = os.environ.get("FUZZ_DB", f"sqlite:///{ROOT / 'var' / 'fuzz.sqlite3'}")
    port = int(os.environ.get("FUZZ_PORT", "8110"))
    examples = int(os.environ.get("FUZZ_EXAMPLES", "40"))
    seed = int(os.environ.get("FUZZ_SEED", str(int(time.time()) % 100_000)))
    minimum = int(os.environ.get("FUZZ_MIN_REQUESTS", "3000"))
    var = ROOT / "var"
    var.mkdir(exist_ok=True)
    media = var / "fuzz-media"
    shutil.rmtree(media, ignore_errors=True)
    started = time.monotonic()
    roles = os.environ.get("FUZZ_ROLES", ",".join(ROLES)).split(",")
    tokens, ids = _prepare(database_url, media)
    log = var / "fuzz-server.log"
    print(f"fuzz: {database_url.split('@')[-1]}, gunicorn on 127.0.0.1:{port}, seed {seed}, "
          f"{examples} examples per operation and phase, roles: {', '.join(roles)}")  # fmt: skip
    server = _serve(port, log)
    total = FuzzResult()
    try:
        for offset, role in enumerate(roles):
            result = run_schemathesis(
                f"http://127.0.0.1:{port}", tokens[role], ids[role], max_examples=examples,
                seed=seed + offset,
            )  # fmt: skip
            print("\n".join(summary_lines(role, result)), flush=True)
            if os.environ.get("FUZZ_KEEP_REPORTS"):
                print(f"  report kept in {result.report}")
            total.add(result)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    served, served_errors = _server_counts(log)
    print("\n".join(summary_lines("total", total)))
    print(f"  server log: {served} API requests, {served_errors} with 5xx; "
          f"{time.monotonic() - started:.0f} s")  # fmt: skip
    for line in total.examples[:8] + total.errors[:5]:
        print(f"  ! {line}")
    failed = (
        total.failures or total.errors or total.server_errors or served_errors
        or total.requests < minimum
    )  # fmt: skip
    if total.requests < minimum:
        print(f"fuzz: only {total.requests} requests (at least {minimum} expected)")
    print("fuzz: FAILED" if failed else "fuzz: passed")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
