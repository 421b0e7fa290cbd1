# chiso: `make demo` and `make test` are the two commands of the quick start (README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/chiso

.PHONY: help setup demo test lint fmt test-sqlite test-postgres bench clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

setup: $(BIN)/.installed ## create .venv and install chiso with its tools

demo: setup ## score the seed schools in the terminal (the web demo arrives with the workflow)
	$(BIN)/chiso score examples/s1_chu_van_an.yaml
	@echo
	$(BIN)/chiso check examples/s0_be_van_dan.yaml || true

lint: setup ## ruff (lint + format check), mypy on the engine, the purity contract
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

test: lint test-sqlite test-postgres ## everything: lint, then the suite on SQLite and on PostgreSQL

bench: setup ## speed figures
	$(BIN)/chiso bench

clean: ## remove the virtualenv and local data
	rm -rf $(VENV) var
