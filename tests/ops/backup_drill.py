"""Backups taken while people write must restore: the drill behind docs/deploy.md §7's figure.

`make backup-drill` (python -m tests.ops.backup_drill [--rounds 10] [--port 8311]): on the
PostgreSQL server at 127.0.0.1:5432 it seeds the demo province into a database of its own and
serves it with gunicorn on loopback. Each round runs a bounded write load against it (the
deadline-week mix of `manage.py loadtest`: saves of facts, evidence uploads, pages; a few
hundred requests) and, while it runs, `chiso backup`; then it restores the archive into an empty
migrated database and checks that the restore succeeds (it compares every table's row count with
the manifest) and that the restored dashboard figures equal those the backup read in its
snapshot. It prints one line per round and "N/N restored", and exits 1 unless every round did.
tests/ops/test_backup_under_load.py runs two rounds inside the PostgreSQL leg of the suite.

Its databases are named after the one in DATABASE_URL (default `chiso`): `<name>_drill_*`, all
dropped at the end. Needs PostgreSQL; starts and stops its own gunicorn (DRILL_PORT, 8311).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SERVER = "postgres://postgres@127.0.0.1:5432/"


def prefix() -> str:
    """The database name of DATABASE_URL when it is PostgreSQL's, else "chiso"."""
    url = os.environ.get("DATABASE_URL", "")
    return url.rsplit("/", 1)[-1] if url.startswith("postgres") else "chiso"


def fresh_database(name: str, template: str = "") -> str:
    with psycopg.connect(SERVER + "postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return SERVER + name


def drop_database(name: str) -> None:
    with psycopg.connect(SERVER + "postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def environment(url: str, var: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        DATABASE_URL=url,
        CHISO_VAR_DIR=str(var),
        MEDIA_ROOT=str(var / "media"),
        EVIDENCE_CAPTURE_ENABLED="0",
        CACHE_REDIS_URL="",
        **extra,
    )
    return env


def manage(*args: str, env: dict[str, str], check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if check and result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)}: {result.stdout}{result.stderr}")
    return result


def start_server(env: dict[str, str], port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "chiso.wsgi"],
        cwd=ROOT,
        env={
            **env,
            "CHISO_PRODUCTION": "1",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_COOKIES": "0",
            "BEHIND_PROXY": "0",
            "STATIC_MANIFEST": "0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECRET_KEY": "backup-drill-only-not-a-secret-0123456789abcdefghijkl",
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": "2",
            "GUNICORN_THREADS": "2",
            "ACCESS_LOG_LEVEL": "WARNING",
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2).read()
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("gunicorn did not answer /readyz")


@dataclass
class Round:
    number: int
    restored: bool
    figures_equal: bool
    load_requests: str
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.restored and self.figures_equal


def _figures_in(archive: Path) -> dict | None:
    with tarfile.open(archive) as tar:
        return json.load(tar.extractfile("manifest.json")).get("figures")  # type: ignore[arg-type]


def one_round(
    number: int, port: int, source_env: dict[str, str], template: str, tmp: Path
) -> Round:
    """A backup during a write load, then a restore into an empty database, then the checks."""
    load = subprocess.Popen(
        [sys.executable, "manage.py", "loadtest", "--url", f"http://127.0.0.1:{port}",
         "--duration", "12", "--concurrency", "4", "--rate", "30", "--max-requests", "400",
         "--report-every", "60"],
        cwd=ROOT, env=source_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    time.sleep(4)  # the users are signed in and saving
    archive = tmp / f"round-{number}.tar.gz"
    backup = manage("backup", str(archive), env=source_env, check=False)
    output, _ = load.communicate(timeout=300)
    requests = next((line for line in output.splitlines() if "req/s" in line), "?").strip()
    if backup.returncode != 0:
        return Round(number, False, False, requests, backup.stderr.strip()[-300:])
    target = f"{prefix()}_drill_r{number}"
    target_env = environment(fresh_database(target, template), tmp / f"r{number}")
    try:
        restored = manage("restore", str(archive), env=target_env, check=False)
        if restored.returncode != 0:
            return Round(number, False, False, requests, restored.stderr.strip()[-300:])
        now = json.loads(manage("dashboard_figures", env=target_env).stdout)
        expected = _figures_in(archive)
        equal = expected is not None and now == expected
        return Round(number, True, equal, requests, "" if equal else "figures differ")
    finally:
        drop_database(target)


def run(rounds: int, port: int, out=print) -> list[Round]:
    name = prefix()
    source, template = f"{name}_drill_src", f"{name}_drill_empty"
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        source_env = environment(fresh_database(source), tmp / "source")
        manage("migrate", "--noinput", "-v0", env=source_env)
        manage("seed_demo", env=source_env)
        manage("migrate", "--noinput", "-v0", env=environment(fresh_database(template), tmp / "t"))
        server = start_server(source_env, port)
        results = []
        try:
            for number in range(1, rounds + 1):
                result = one_round(number, port, source_env, template, tmp)
                results.append(result)
                verdict = "restored, figures equal" if result.ok else f"FAILED: {result.problem}"
                out(f"round {number}: {verdict} (load: {result.load_requests})")
        finally:
            server.terminate()
            server.wait(timeout=60)
            drop_database(source)
            drop_database(template)
    out(f"{sum(r.ok for r in results)}/{len(results)} restored with equal counts and figures")
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--port", type=int, default=int(os.environ.get("DRILL_PORT", 8311)))
    args = parser.parse_args()
    results = run(args.rounds, args.port)
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
