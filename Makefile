# Missiemonitor. `make demo` and `make test` each work as the first command on a fresh machine.
SHELL := /bin/bash
PYTHON ?= $(shell scripts/find-python)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# uv installs the packages pip would (same resolver inputs: pyproject.toml), in a seventh of the
# time; see docs/decisions/0007-uv-installs-the-venv.md. Without uv (no index that has it), pip.
UV := uv==0.9.30
LOCALE_PO := $(wildcard src/missiemonitor/locale/*/LC_MESSAGES/django.po)
LOCALE_MO := $(LOCALE_PO:.po=.mo)
# Design-system CSS and htmx, copied from node_modules by scripts/build-assets (no Node at run time).
ASSETS := src/missiemonitor/web/static/web/vendor/.built

.PHONY: demo test test-sqlite test-postgres lint bench messages clean venv openapi

venv: $(STAMP) $(LOCALE_MO) $(ASSETS)

$(ASSETS): package.json package-lock.json scripts/build-assets
	scripts/build-assets

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed (set MM_PYTHON)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet '$(UV)' && \
	  $(BIN)/uv pip install --quiet --python $(BIN)/python --compile-bytecode -e '.[test,dev]' || \
	  $(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $(STAMP)

%.mo: %.po
	msgfmt --check -o $@ $<

demo: venv
	$(BIN)/missiemonitor demo

# Both passes run on every core (pytest-xdist, one database per worker) and end with their 15
# slowest tests, so that slowness stays visible. MM_TEST_WORKERS=0 runs in one process.
MM_TEST_WORKERS ?= auto
PYTEST := $(BIN)/pytest -q -n $(MM_TEST_WORKERS) --durations=15

test: venv
	$(PYTEST)
	$(MAKE) --no-print-directory test-postgres

test-postgres: venv
	$(PYTEST) --postgres

lint: venv
	$(BIN)/ruff check src bench scripts
	$(BIN)/lint-imports

bench: venv
	@for script in bench/[!_]*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

# Msgids are English, so only the Dutch catalogue exists; the JavaScript has no texts to translate
# (no djangojs domain). File-only locations keep the .po stable when code moves within a file.
messages: venv
	cd src/missiemonitor && MM_VAR_DIR=$(CURDIR)/var ../../$(BIN)/missiemonitor makemessages -l nl --no-obsolete --add-location=file
	$(MAKE) --no-print-directory $(LOCALE_MO)

clean:
	rm -rf $(VENV) var out test-artifacts

openapi: venv
	$(BIN)/missiemonitor spectacular --lang en --file docs/openapi.yaml
