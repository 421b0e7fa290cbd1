# chiso: `make demo` and `make test` are the two commands of the quick start (README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/chiso
PORT ?= 8000

.PHONY: help system-deps setup demo test lint fmt test-sqlite test-postgres e2e bench load soak fuzz backup-drill probe clean

help: ## list the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

$(BIN)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "chiso cần Python 3.11 trở lên (chiso needs Python 3.11 or later)."; exit 1; }
	@$(PYTHON) -c 'import ensurepip, venv' > /dev/null 2>&1 || { echo "Thiếu venv: sudo apt install python3-venv (venv is missing)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

system-deps: ## Debian packages for PDF documents and browser tests (as root; .ci/run does this)
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-writer-nogui fonts-liberation poppler-utils chromium postgresql-client

setup: $(BIN)/.installed ## create .venv and install chiso with its tools

demo: setup ## the web demo on http://127.0.0.1:$(PORT) (PORT=8000) with a Vietnamese province (SQLite under var/)
	DEBUG=1 $(BIN)/python manage.py migrate --noinput -v0
	DEBUG=1 $(BIN)/python manage.py seed_demo
	@printf "\nchiso: mở http://127.0.0.1:$(PORT) và đăng nhập bằng một tài khoản ở trên (Ctrl+C để dừng).\n"
	DEBUG=1 EMAIL_BACKEND=$${EMAIL_BACKEND:-django.core.mail.backends.console.EmailBackend} $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: setup ## ruff (lint + format check), mypy on the engine, import-linter (engine purity, layers)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

fmt: setup ## format and fix what ruff can
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test-sqlite: setup ## the suite on SQLite
	$(BIN)/pytest -q

test-postgres: setup ## the suite on the PostgreSQL server of this machine (PG_URL)
	@if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null || $(BIN)/python -c "import psycopg; psycopg.connect('$(PG_URL:chiso=postgres)').close()" 2>/dev/null; then \
		DATABASE_URL=$(PG_URL) $(BIN)/pytest -q; \
	elif [ -n "$$CI" ]; then echo "PostgreSQL is not reachable at 127.0.0.1:5432 (required in CI)"; exit 1; \
	else echo "PostgreSQL is not reachable at 127.0.0.1:5432: PostgreSQL leg skipped"; fi

e2e: setup ## browser journeys (Debian's Chromium through Playwright; also part of the suite)
	$(BIN)/pytest -q -m e2e tests/e2e

test: lint test-sqlite test-postgres ## everything: lint, then the suite on SQLite and on PostgreSQL

bench: setup ## speed figures: the engine, the reading of old files (share read exactly, wrong points), then the web screens on SQLite and PostgreSQL
	$(BIN)/chiso bench
	$(BIN)/chiso bench-paths
	$(BIN)/python -m tests.legacy.corpus var/import-corpus
	$(BIN)/chiso bench-import var/import-corpus
	@echo "-- hostile uploads (refused before they are parsed)"
	$(BIN)/python manage.py bench_uploads
	rm -f var/bench.sqlite3
	DATABASE_URL=sqlite:///$(CURDIR)/var/bench.sqlite3 $(BIN)/python manage.py migrate --noinput -v0
	@echo "-- SQLite"
	DATABASE_URL=sqlite:///$(CURDIR)/var/bench.sqlite3 $(BIN)/python manage.py bench_web
	@if pg_isready -q -h 127.0.0.1 -p 5432; then \
		psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS chiso_bench" -c "CREATE DATABASE chiso_bench" && \
		DATABASE_URL=$(PG_URL:chiso=chiso_bench) $(BIN)/python manage.py migrate --noinput -v0 && \
		echo "-- PostgreSQL" && DATABASE_URL=$(PG_URL:chiso=chiso_bench) $(BIN)/python manage.py bench_web && \
		echo "-- synthetic country on PostgreSQL (chiso synth: 55,000 institutions, 3 years)" && \
		DATABASE_URL=$(PG_URL:chiso=chiso_bench) $(BIN)/chiso synth && \
		DATABASE_URL=$(PG_URL:chiso=chiso_bench) $(BIN)/python manage.py bench_dashboard && \
		DATABASE_URL=$(PG_URL:chiso=chiso_bench) $(BIN)/python manage.py bench_rescore; fi

load: setup ## deadline-week load test: gunicorn + PostgreSQL on loopback, 60 s (LOAD_DB, LOAD_PORT, CONCURRENCY, RATE)
	deploy/load.sh load

soak: setup ## the same mix for 10 minutes, printing the gunicorn workers' memory
	deploy/load.sh soak

fuzz: setup ## schemathesis on the API's own schema: gunicorn on loopback, seeded demo, a token per role (FUZZ_DB, FUZZ_PORT, FUZZ_EXAMPLES, FUZZ_SEED)
	$(BIN)/python -m tests.api.fuzzing

backup-drill: setup ## 10 backups taken during a write load (gunicorn + PostgreSQL), each restored and compared (DRILL_PORT, PG_URL)
	DATABASE_URL=$(PG_URL) $(BIN)/python -m tests.ops.backup_drill --rounds $${ROUNDS:-10}

probe: setup ## the attack probe: every route × role of two provinces, hostile text, files and links (PROBE_DB)
	$(if $(PROBE_DB),DATABASE_URL=$(PROBE_DB)) $(BIN)/python -m tests.attack_probe

clean: ## remove the virtualenv and local data
	rm -rf $(VENV) var
