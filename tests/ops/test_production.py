"""Production settings pass Django's deployment checks; logs are JSON lines; /readyz answers."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# The environment docs/deploy.md tells a province to set (secrets as values here).
PRODUCTION_ENV = {
    "CHISO_PRODUCTION": "1",
    "SECRET_KEY": "k" * 20 + "-this-is-a-long-random-production-secret-0123456789",
    "ALLOWED_HOSTS": "chiso.haiphong.edu.vn",
    "CSRF_TRUSTED_ORIGINS": "https://chiso.haiphong.edu.vn",
}


def manage(*args: str, env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE"}}
    clean.update(env)
    clean["CHISO_VAR_DIR"] = str(tmp_path)
    clean.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_the_documented_production_environment(tmp_path):
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV, tmp_path=tmp_path
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_complains_without_them(tmp_path):
    result = manage("check", "--deploy", "--fail-level", "WARNING", env={}, tmp_path=tmp_path)
    assert result.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W009"):  # HSTS, SSL, secret key
        assert warning in result.stdout + result.stderr


def test_production_settings_values(tmp_path):
    code = (
        "import django,json;django.setup();from django.conf import settings as s;"
        "print(json.dumps([s.SECURE_HSTS_SECONDS,s.SECURE_SSL_REDIRECT,s.SESSION_COOKIE_SECURE,"
        "s.CSRF_COOKIE_SECURE,s.SECURE_PROXY_SSL_HEADER,s.STORAGES['staticfiles']['BACKEND'],"
        "s.LOG_FORMAT,s.DEBUG]))"
    )
    env = {**os.environ, **PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "chiso.settings"}
    env["CHISO_VAR_DIR"] = str(tmp_path)
    env.pop("DEBUG", None)
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    hsts, redirect, session, csrf, proxy, static, logs, debug = json.loads(out)
    assert hsts >= 31_536_000 and redirect and session and csrf
    assert proxy == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert static == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert logs == "json" and debug is False


def test_collectstatic_writes_hashed_compressed_vendored_files(tmp_path):
    result = manage("collectstatic", "--noinput", "-v0", env=PRODUCTION_ENV, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    static = tmp_path / "static"
    manifest = json.loads((static / "staticfiles.json").read_text())["paths"]
    assert "vendor/htmx.min.js" in manifest and "web/chiso.css" in manifest
    hashed = static / manifest["vendor/htmx.min.js"]
    assert hashed.exists() and Path(f"{hashed}.gz").exists()


def test_json_log_lines_carry_the_request_id(client, capsys, settings):
    from chiso.lib.logs import JsonFormatter, RequestIdFilter

    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    access = logging.getLogger("chiso.access")
    access.addHandler(handler)
    try:
        response = client.get("/dang-nhap/", HTTP_X_REQUEST_ID="abc12345-proxy")
    finally:
        access.removeHandler(handler)
    assert response["X-Request-ID"] == "abc12345-proxy"
    lines = [
        json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")
    ]
    line = next(entry for entry in lines if entry["logger"] == "chiso.access")
    assert line["request_id"] == "abc12345-proxy"
    assert line["path"] == "/dang-nhap/" and line["status"] == 200 and line["duration_ms"] >= 0


def test_a_request_without_an_id_gets_a_fresh_one(client, db):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz", HTTP_X_REQUEST_ID="bad id; injected")["X-Request-ID"]
    assert len(first) == 32 and len(second) == 32 and first != second


@pytest.mark.django_db
def test_readyz_reports_database_migrations_and_storage(client, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "migrations": "ok",
        "storage": "ok",
    }
    assert not any(tmp_path.rglob("*.txt"))  # the probe cleans up after itself


@pytest.mark.django_db
def test_readyz_is_unavailable_when_storage_cannot_be_written(client, settings, tmp_path):
    blocked = tmp_path / "file-not-dir"
    blocked.write_text("x")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(blocked)},
        },
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["storage"].startswith("error")
    assert response.json()["database"] == "ok"
