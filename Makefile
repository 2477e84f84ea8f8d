# careercenter — the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DEV    := DEBUG=1 $(BIN)/python manage.py

.PHONY: help install run demo test test-pg e2e lint format audit check bench bench-quick bench-system bench-import bench-digests wrk clean

help:
	@echo "make run        start the demo site on http://127.0.0.1:8000 (SQLite, demo data)"
	@echo "make test       run the whole test suite (SQLite; set DATABASE_URL for PostgreSQL)"
	@echo "make test-pg    run the suite on the local PostgreSQL"
	@echo "make e2e        run only the real-browser tests (needs /usr/bin/chromium)"
	@echo "make lint       ruff check, ruff format --check, makemigrations --check"
	@echo "make format     apply ruff's fixes and formatting"
	@echo "make audit      look every installed dependency up in PyPI's advisory data (needs the network)"
	@echo "make bench      benchmark on PostgreSQL (campus tier); see README, Benchmarks"
	@echo "make bench-quick  the same on SQLite with 2 000 listings (a smoke run)"
	@echo "make bench-system the system tier: 100 000 listings, 500 000 students"
	@echo "make bench-import import throughput only: 6 000 and 100 000 feed rows on PostgreSQL"
	@echo "make bench-digests saved-search alert runs at the system tier's size (PostgreSQL)"
	@echo "make clean      remove the virtualenv, the SQLite database and collected static files"

# The virtualenv is rebuilt whenever pyproject.toml changes.
$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

install: $(BIN)/.installed

demo: install
	$(DEV) migrate --noinput
	$(DEV) createcachetable
	$(DEV) collectstatic --noinput --verbosity 0
	$(DEV) seed_demo

# The background worker runs beside the web server and stops with it.
run: demo
	@echo "Starting the background worker (manage.py db_worker) and the web server."
	@$(DEV) db_worker --verbosity 0 & worker=$$!; \
	trap 'pkill -TERM -P '$$worker' 2>/dev/null; kill '$$worker' 2>/dev/null' EXIT INT TERM; \
	$(DEV) runserver 127.0.0.1:8000

test: install
	$(BIN)/pytest

test-pg: install
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/careercenter} $(BIN)/pytest

e2e: install
	$(BIN)/pytest -m e2e tests/e2e

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(DEV) makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# pip-audit looks each installed package up in PyPI's advisory data. --strict makes a package it
# could not look up an error: without it, a machine that reaches no advisory source skips them
# all and still reports "No known vulnerabilities found". Not in .ci/run: CI reaches no source.
audit: install
	@$(BIN)/pip-audit --strict --skip-editable --progress-spinner off || { \
		echo "make audit FAILED: a dependency has a known vulnerability, or could not be" \
			"looked up (no advisory source reachable?): see above. Nothing is vouched for." >&2; \
		exit 1; }

# Benchmarks: seed (or reuse) the tier's database, serve it with gunicorn, load it with wrk.
# Results: a table on the terminal and a JSON file in bench/results/.
bench: install wrk
	$(BIN)/python -m bench.run --tier campus
	$(BIN)/python -m bench.imports
	$(BIN)/python -m bench.digests

bench-import: install
	$(BIN)/python -m bench.imports

# Alert runs over 20 000 saved searches, 500 000 students and 100 000 listings (bench/digests.py).
bench-digests: install
	$(BIN)/python -m bench.digests

bench-quick: install wrk
	$(BIN)/python -m bench.run --tier quick

bench-system: install wrk
	$(BIN)/python -m bench.run --tier system

wrk:
	@command -v wrk >/dev/null || { apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk; }

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache
