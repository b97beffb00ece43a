# The README's two commands are `make run` and `make test`; .ci/run calls `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
# The first interpreter >= 3.12 we find: $(PYTHON) if given, the pinned pyenv version, others.
PYTHON ?= $(shell for c in python3.13 python3.12 python3.14 $(wildcard $(HOME)/.pyenv/versions/3.1[2-9]*/bin/python3) python3; do \
	if command -v $$c >/dev/null 2>&1 && $$c -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then command -v $$c; break; fi; done)
LOCAL_DATABASE_URL := postgres://postgres@127.0.0.1:5432/minden_integration
# The development server's port: `make run PORT=8001`. Not taken from the environment (`PORT` is
# often set for other tools); the settings derive PORTAL_BASE_URL from it unless that is set.
PORT := 8000

.PHONY: help install system-deps browser-deps run serve test lint format messages bench load clean backup restore

help:
	@echo "make run    – set up and serve the portal with Minden's data on SQLite (http://127.0.0.1:$(PORT); PORT=… for another port)"
	@echo "make test   – set up and run ruff and the whole test suite on PostgreSQL"
	@echo "make serve  – the production configuration (gunicorn, WhiteNoise, the task worker) on PostgreSQL at http://127.0.0.1:$(PORT)"
	@echo "make backup [BACKUP_DIR=…] | make restore FILE=… – see README, Backup and restore"
	@echo "make bench  – every public page cold and warm at 1x and 10x, the exports, a stored download (README, Benchmarks)"
	@echo "make load   – gunicorn with the production settings at 10x under wrk, with writers (LOAD_SECONDS=60; README, Benchmarks)"
	@echo "make lint | format | messages | clean"

$(PY):
	@if [ -z "$(PYTHON)" ]; then \
		echo "Error: Python 3.12 or newer is required (Django 6). Install it (e.g. 'pyenv install 3.13') or call 'make PYTHON=/path/to/python3.12'." >&2; \
		exit 1; \
	fi
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 12))' || { \
		echo "Error: $(PYTHON) is older than Python 3.12; Django 6 needs 3.12 or newer." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(PY)
	@$(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))' || { \
		echo "Error: $(VENV) was made with Python older than 3.12; remove it ('make clean') and retry." >&2; exit 1; }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(VENV)/.installed

# Debian packages the project needs beyond Python: gettext (compilemessages), and for the tests
# WeasyPrint's font subsetting (libharfbuzz-subset0, for the PDF exports); for the tests
# Chromium (browser tests), Java (Nu HTML checker), Node's npm (axe-core, vnu-jar) and
# poppler-utils (pdftotext reads the PDF exports back).
APT_INSTALL := DEBIAN_FRONTEND=noninteractive apt-get install -y -qq
define need
	@command -v $(1) >/dev/null 2>&1 || { \
		echo "Installing $(2) (Debian) ..."; \
		{ [ "$$(id -u)" = 0 ] && (apt-get update -qq && $(APT_INSTALL) $(2) >/dev/null); } || { \
			echo "Error: '$(1)' is missing; install the Debian package '$(2)' (as root: apt-get install $(2))." >&2; exit 1; }; }
endef
# The same for a shared library, which has no command to look for.
define need_lib
	@ldconfig -p | grep -q '$(1)' || { \
		echo "Installing $(2) (Debian) ..."; \
		{ [ "$$(id -u)" = 0 ] && (apt-get update -qq && $(APT_INSTALL) $(2) >/dev/null); } || { \
			echo "Error: the library '$(1)' is missing; install the Debian package '$(2)' (as root: apt-get install $(2))." >&2; exit 1; }; }
endef

system-deps:
	$(call need,msgfmt,gettext)
	$(call need_lib,libharfbuzz-subset.so.0,libharfbuzz-subset0)

browser-deps: tests/browser/node_modules/.installed
	$(call need,chromium,chromium)
	$(call need,java,default-jre-headless)
	$(call need,pdftotext,poppler-utils)

tests/browser/node_modules/.installed: tests/browser/package.json tests/browser/package-lock.json
	$(call need,npm,npm)
	cd tests/browser && npm ci --no-audit --no-fund --silent
	@touch $@

messages: install system-deps
	$(PY) manage.py compilemessages --ignore=.venv -v0

# The local admin's box comes last, after the demo data's output, right before the server's.
RUN_ENV := env -u DATABASE_URL PORTAL_PORT=$(PORT)
run: install messages
	@[[ "$(PORT)" =~ ^[0-9]+$$ ]] && (( $(PORT) >= 1 && $(PORT) <= 65535 )) || { \
		echo "Error: PORT must be a port number (1-65535), not '$(PORT)'." >&2; exit 1; }
	$(RUN_ENV) $(PY) manage.py migrate --noinput -v0
	$(RUN_ENV) $(PY) manage.py load_minden --demo --if-empty
	$(RUN_ENV) $(PY) manage.py create_local_admin
	$(RUN_ENV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

# The production configuration on this machine, for a trial: see deploy/serve-local.
serve: install messages
	@[[ "$(PORT)" =~ ^[0-9]+$$ ]] && (( $(PORT) >= 1 && $(PORT) <= 65535 )) || { \
		echo "Error: PORT must be a port number (1-65535), not '$(PORT)'." >&2; exit 1; }
	PORT=$(PORT) PY=$(PY) bash deploy/serve-local

# The suite runs on one pytest-xdist worker per core (at most 4; `make test PYTEST_WORKERS=0`
# runs it in one process): each worker has its own test database (test_<name>_gw0, ...) and its
# own Chromium; a test module stays on one worker, and the order of tests/conftest.py (the
# longest modules first) is kept.
PYTEST_WORKERS := auto
PARALLEL = $(if $(filter 0,$(PYTEST_WORKERS)),,-n $(PYTEST_WORKERS) --maxprocesses=4 --dist loadfile --no-loadscope-reorder)
test: install messages lint browser-deps
	@url="$$(bash .ci/postgres-url)" || exit 1; export DATABASE_URL="$$url"; \
	echo "Testing against $${DATABASE_URL}"; \
	DJANGO_SETTINGS_MODULE=minden_integration.settings.test $(PY) manage.py check --fail-level WARNING \
	&& $(PY) -m pytest $(PARALLEL) $(PYTEST_ARGS) \
	&& echo "== the bottom layers on their own: without measures, then concept alone" \
	&& $(PY) -m pytest -q $(PARALLEL) --ds=tests.standalone.settings_without_measures \
		tests/concept tests/exports tests/core tests/workgroups \
	&& $(PY) -m pytest -q $(PARALLEL) --ds=tests.standalone.settings_concept_only \
		tests/concept tests/exports tests/core

# Backups of whatever database the environment names (DATABASE_URL; without it the SQLite file of
# `make run`) and of MEDIA_ROOT, encrypted with PORTAL_BACKUP_KEY (README, "Backup and restore").
BACKUP_DIR ?= $(or $(PORTAL_BACKUP_DIR),backups)
# PostgreSQL's client tools, in the server's major version or newer.
define need_pg_tools
	@case "$$DATABASE_URL" in postgres*) for tool in pg_dump pg_restore psql; do \
		command -v $$tool >/dev/null 2>&1 || { \
			echo "Error: '$$tool' is missing; install the Debian package 'postgresql-client' (as root: apt-get install postgresql-client), in the server's major version or newer." >&2; exit 1; }; \
		done;; esac
endef

backup: install
	$(need_pg_tools)
	$(PY) manage.py backup --dir "$(BACKUP_DIR)"

ifneq ($(filter restore,$(MAKECMDGOALS)),)
ifeq ($(strip $(FILE)),)
$(error name the backup: make restore FILE=$(BACKUP_DIR)/<time>-<database>.mintbak)
endif
endif
restore: install
	$(need_pg_tools)
	$(PY) manage.py restore "$(FILE)"

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Throw-away databases minden_bench_* on the server DATABASE_URL names (README, Benchmarks).
# BENCH_REQUESTS=20 timed requests per page and mode, BENCH_FACTORS=1,10.
bench: install
	@url="$$(bash .ci/postgres-url)" || exit 1; export DATABASE_URL="$$url"; \
	for b in bench/bench_*.py; do [ -e "$$b" ] || continue; $(PY) "$$b" || exit 1; done

# Not part of the tests: the production configuration under load (bench/load/run.py), in the
# database minden_bench_load. LOAD_SECONDS=60 FLOOR_SECONDS=10 PAGE_SECONDS=5 LOAD_WORKERS=5 ...
load: install messages
	$(call need,wrk,wrk)
	@url="$$(bash .ci/postgres-url)" || exit 1; \
	DATABASE_URL="$$url" $(PY) bench/load/run.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
