# Ratusz — the only entry points a newcomer needs: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-fast lint format bench chromium install install-dev prod-smoke backup-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'
	touch $@ $(RUN_STAMP)

install: $(RUN_STAMP)
install-dev: $(DEV_STAMP)

## make run: the Mysłowice demo portal on SQLite at http://127.0.0.1:8000
run: $(RUN_STAMP)
	$(BIN)/python manage.py migrate --noinput -v0
	$(BIN)/python manage.py demo --accounts
	@echo "Portal: http://$(HOST):$(PORT)/  ·  panel redakcyjny: http://$(HOST):$(PORT)/admin/"
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

clean:
	rm -rf var/ db.sqlite3 .pytest_cache

## make prod-smoke: production profile on loopback, demo, checks, short load
prod-smoke: $(DEV_STAMP)
	bash scripts/prod_smoke.sh

## make backup-test: dump, restore into a fresh database, compare
backup-test: $(DEV_STAMP)
	bash scripts/backup_test.sh
