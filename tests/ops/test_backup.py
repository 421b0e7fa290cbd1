"""`chiso backup` then `chiso restore` into an empty database: identical data, files, figures.

Each leg runs the real commands in subprocesses against databases of their own (the demo province
with evidence files), on SQLite and, when the server is reachable, on PostgreSQL.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import psycopg
import pytest

from tests.ops import backup_drill

ROOT = Path(__file__).resolve().parents[2]
PG = "postgres://postgres@127.0.0.1:5432/"
CHISO = str(Path(sys.executable).with_name("chiso"))


def run(
    args: list[str], url: str, var: Path, check: bool = True
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE"}}
    env.update(DATABASE_URL=url, CHISO_VAR_DIR=str(var), EVIDENCE_CAPTURE_ENABLED="0")
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def manage(*args: str, url: str, var: Path) -> str:
    return run([sys.executable, "manage.py", *args], url, var).stdout


def pg_reachable() -> bool:
    try:
        psycopg.connect(PG + "postgres", connect_timeout=2).close()
    except psycopg.Error:
        return False
    return True


def fresh_pg(name: str) -> str:
    with psycopg.connect(PG + "postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return PG + name


def drop_pg(name: str) -> None:
    with psycopg.connect(PG + "postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def files_under(var: Path) -> dict[str, bytes]:
    media = var / "media"
    return {
        str(p.relative_to(media)): p.read_bytes()
        for p in media.rglob("*")
        if p.is_file() and "readyz" not in p.parts
    }


def dump(url: str, var: Path) -> list[dict]:
    text = manage(
        "dumpdata", "--format", "json-exact", "--natural-foreign", "-e", "contenttypes", "-e", "auth.permission",
        "-e", "sessions", url=url, var=var,
    )  # fmt: skip
    return sorted(json.loads(text), key=lambda o: (o["model"], str(o["pk"])))


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_backup_restores_identical_data_files_and_dashboard_figures(backend, tmp_path):
    if backend == "sqlite":
        source = f"sqlite:///{tmp_path / 'source.sqlite3'}"
        target = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    else:
        if not pg_reachable():
            pytest.skip("PostgreSQL is not reachable on 127.0.0.1:5432")
        suffix = f"{backup_drill.prefix()}_{os.getpid()}"  # apart from others' databases
        source = fresh_pg(f"{suffix}_ops_backup")
        target = fresh_pg(f"{suffix}_ops_restore")
    var_a, var_b = tmp_path / "a", tmp_path / "b"
    try:
        manage("migrate", "-v0", url=source, var=var_a)
        manage("seed_demo", url=source, var=var_a)
        archive = tmp_path / "chiso.tar.gz"
        out = run([CHISO, "backup", str(archive)], source, var_a).stdout
        assert "Đã sao lưu" in out

        with tarfile.open(archive) as tar:
            names = tar.getnames()
        assert "manifest.json" in names and "data.json" in names
        assert any(n.startswith("files/evidence/") for n in names)

        out = run([CHISO, "restore", str(archive)], target, var_b).stdout
        assert "Đã khôi phục" in out

        assert dump(target, var_b) == dump(source, var_a)
        before, after = files_under(var_a), files_under(var_b)
        assert before and after == before
        figures_a = json.loads(manage("dashboard_figures", url=source, var=var_a))
        figures_b = json.loads(manage("dashboard_figures", url=target, var=var_b))
        assert figures_a and figures_b == figures_a
        assert any(f["status_counts"] for f in figures_a.values())

        # A second restore into the now-filled database is refused and changes nothing.
        again = run([CHISO, "restore", str(archive)], target, var_b, check=False)
        assert again.returncode == 2 and "cơ sở dữ liệu trống" in again.stderr
        assert dump(target, var_b) == dump(source, var_a)
    finally:
        if backend == "postgresql":
            drop_pg(source.rsplit("/", 1)[1])
            drop_pg(target.rsplit("/", 1)[1])


def test_restore_of_something_else_is_a_clear_message(tmp_path):
    bogus = tmp_path / "not-a-backup.tar.gz"
    bogus.write_bytes(b"hello")
    url = f"sqlite:///{tmp_path / 'x.sqlite3'}"
    result = run([CHISO, "restore", str(bogus)], url, tmp_path, check=False)
    assert result.returncode == 2
    assert "Không đọc được tệp sao lưu" in result.stderr and "Traceback" not in result.stderr
