# dangvu: `make run` serves the app with the reference organization; `make test` runs every test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev install-bench lint typecheck migrations-check messages demo worker clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev
install-bench: install-dev  ## gunicorn and locust for bench/load.py
	$(BIN)/pip install --quiet -e ".[dev,bench]"

# axe-core for the accessibility checks of the browser tests (skipped where npm is absent, outside CI)
node_modules/.installed: package.json package-lock.json
	if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent && touch $@; fi

run: install
	DANGVU_DEBUG=true $(BIN)/dangvu migrate --no-input -v 0
	DANGVU_DEBUG=true $(BIN)/dangvu demo
	@echo ""
	@echo "  dangvu is serving http://$(HOST):$(PORT)/   (Ctrl+C stops it)"
	@echo ""
	DANGVU_DEBUG=true $(BIN)/dangvu runserver $(HOST):$(PORT)

test: install-dev node_modules/.installed  ## the whole suite, one worker per core (pytest-xdist)
	$(BIN)/pytest -n auto

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install-dev
	DANGVU_DEBUG=true $(BIN)/mypy dangvu

migrations-check: install-dev
	DANGVU_DEBUG=true $(BIN)/dangvu makemigrations --check --dry-run

messages: install-dev
	cd dangvu && DANGVU_DEBUG=true ../$(BIN)/dangvu makemessages -l en --no-obsolete --no-location --ignore "*/tests/*"
	cd dangvu && DANGVU_DEBUG=true ../$(BIN)/dangvu compilemessages -l en

demo: install
	DANGVU_DEBUG=true $(BIN)/dangvu migrate --no-input -v 0
	DANGVU_DEBUG=true $(BIN)/dangvu demo

worker: install
	DANGVU_DEBUG=true $(BIN)/dangvu db_worker

clean:
	rm -rf $(VENV) staticfiles
