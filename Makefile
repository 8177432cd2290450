# Ratusz — the only entry points a newcomer needs: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev
HOST ?= 127.0.0.1
PORT ?= 8000

# The lock files (requirements/*.txt, pinned with hashes) are generated from the ranges in
# pyproject.toml by `make lock`; installs take exact versions from them.
LOCK_TOOL := uv>=0.13,<0.14
LOCK = $(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 --generate-hashes \
	--quiet --custom-compile-command "make lock" $(if $(UPGRADE),--upgrade) \
	$(if $(UPGRADE_PACKAGE),--upgrade-package $(UPGRADE_PACKAGE))

.PHONY: run test test-fast lint format bench chromium install install-dev lock prod-smoke backup-test cluster-test clean screenshots messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(RUN_STAMP): pyproject.toml requirements/run.txt | $(BIN)/python
	$(BIN)/pip install -q --require-hashes -r requirements/run.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $@

$(DEV_STAMP): pyproject.toml requirements/dev.txt | $(BIN)/python
	$(BIN)/pip install -q --require-hashes -r requirements/dev.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $@ $(RUN_STAMP)

install: $(RUN_STAMP)
install-dev: $(DEV_STAMP)

## make run: the Mysłowice demo portal on SQLite at http://127.0.0.1:8000
run: $(RUN_STAMP)
	$(BIN)/python manage.py migrate --noinput -v0
	$(BIN)/python manage.py demo --accounts
	@echo "Portal: http://$(HOST):$(PORT)/  ·  panel redakcyjny: http://$(HOST):$(PORT)/admin/"
	@echo "Drugie miasto w tej samej instalacji: http://tychy.localhost:$(PORT)/"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## make test: everything, browser tests in Debian's Chromium included
test: $(DEV_STAMP) chromium
	$(BIN)/ruff check ratusz tests bench
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=ratusz.settings.test -v0
	$(BIN)/pytest -q -p no:cacheprovider

test-fast: $(DEV_STAMP)
	$(BIN)/pytest -q -p no:cacheprovider -m "not browser"

chromium:
	@if [ -x /usr/bin/chromium ] || [ -n "$$RATUSZ_CHROMIUM" ]; then exit 0; fi; \
	if [ "$$(id -u)" = "0" ]; then \
		echo "Instaluję Chromium z pakietów Debiana…"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "Testy przeglądarkowe potrzebują Chromium. Zainstaluj je: sudo apt-get install chromium"; \
		echo "(albo wskaż inną przeglądarkę Chromium zmienną RATUSZ_CHROMIUM)."; \
		exit 1; \
	fi

lint: $(DEV_STAMP)
	$(BIN)/ruff check ratusz tests bench
	$(BIN)/ruff format --check ratusz tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy

format: $(DEV_STAMP)
	$(BIN)/ruff check --fix ratusz tests bench
	$(BIN)/ruff format ratusz tests bench

## make bench: every benchmark in bench/, one table at the end
bench: $(DEV_STAMP)
	$(BIN)/python bench/run_all.py

## make lock: regenerate requirements/{dev,run,production}.txt from pyproject.toml.
## Versions already pinned are kept; `make lock UPGRADE=1` moves every pin to the newest allowed,
## `make lock UPGRADE_PACKAGE=name` only that package.
lock: | $(BIN)/python
	$(BIN)/pip install -q '$(LOCK_TOOL)'
	$(LOCK) --extra dev -o requirements/dev.txt
	$(LOCK) -c requirements/dev.txt -o requirements/run.txt
	$(LOCK) --extra production -c requirements/dev.txt -o requirements/production.txt

## make messages: collect every marked string (gettext, ngettext, N_ of the plain modules)
## into the catalogues, then compile them. Strings of cooperation and search go to their own
## locale/, the rest to ratusz/core/locale; ratusz/core/locale_upstream (our Polish for
## Wagtail) is kept by hand. Needs GNU gettext (apt-get install gettext).
messages: $(DEV_STAMP)
	cd ratusz && $(CURDIR)/$(BIN)/python $(CURDIR)/manage.py makemessages -l pl -l en -l de -l cs \
		--ignore='demo/*' --add-location=file --no-obsolete -v0
	$(BIN)/python manage.py compilemessages -v0 --ignore=.venv --ignore=var

## make screenshots: every page type at 390 and 1366 px, one contact sheet in var/screenshots/index.html
screenshots: $(DEV_STAMP) chromium
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf var/ db.sqlite3 .pytest_cache

## make prod-smoke: production profile on loopback, demo, checks, short load
prod-smoke: $(DEV_STAMP)
	bash scripts/prod_smoke.sh

## make backup-test: dump, restore into a fresh database, compare
backup-test: $(DEV_STAMP)
	bash scripts/backup_test.sh

## make cluster-test: several hosts on loopback (two app servers behind nginx, PostgreSQL
## primary + streaming replica, PgBouncer, Redis, worker); needs root and pgbouncer
cluster-test: $(DEV_STAMP)
	timeout 900 $(BIN)/pytest -q -s -p no:cacheprovider -m cluster tests/cluster
