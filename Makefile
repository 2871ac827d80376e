# newsdesk — `make run` serves the demo site, `make test` runs the whole test suite.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export HOST PORT
STAMP := $(VENV)/.installed

.PHONY: install run test lint format typecheck browser axe varnish bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: install
	DJANGO_SETTINGS_MODULE=newsdesk.settings.dev $(BIN)/newsdesk migrate --noinput -v0
	DJANGO_SETTINGS_MODULE=newsdesk.settings.dev $(BIN)/newsdesk demo --if-empty
	DJANGO_SETTINGS_MODULE=newsdesk.settings.dev $(BIN)/newsdesk collectstatic --noinput -v0
	DJANGO_SETTINGS_MODULE=newsdesk.settings.dev $(BIN)/newsdesk serve --host $(HOST) --port $(PORT)

# Debian's Chromium for the browser tests (Playwright drives it; its own download cannot work).
browser:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  elif command -v sudo >/dev/null; then sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is not installed: the browser tests will be skipped"; fi; }

# axe-core (npm) for the accessibility browser test, pinned in tests/axe/package.json.
AXE := tests/axe/node_modules/axe-core/axe.min.js
$(AXE): tests/axe/package.json
	@command -v npm >/dev/null && npm install --prefix tests/axe --no-audit --no-fund --silent \
	  || echo "npm is not installed: the accessibility browser test will be skipped"

axe: $(AXE)

# Debian's Varnish for the CDN tests (deploy/varnish.vcl in front of a real server).
varnish:
	@command -v varnishd >/dev/null || [ -x /usr/sbin/varnishd ] || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq varnish >/dev/null; \
	  elif command -v sudo >/dev/null; then sudo apt-get update -qq && sudo apt-get install -y -qq varnish >/dev/null; \
	  else echo "varnish is not installed: the CDN tests will be skipped"; fi; }

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# mypy with django-stubs over the service and API code (pyproject.toml lists the modules).
typecheck: install
	$(BIN)/mypy

test: install browser axe varnish
	$(BIN)/ruff check .
	DJANGO_SETTINGS_MODULE=newsdesk.settings.test $(BIN)/newsdesk makemigrations --check --dry-run -v0
	$(BIN)/pytest $(PYTEST_ARGS)

# The benchmark (docs/benchmark.md): builds var/bench/ once per size, installs wrk and nginx
# when missing, prints the table. E.g. BENCH_ARGS="--articles 1000 --comments 10000".
bench: install
	$(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
