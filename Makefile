# Two commands set up everything on a fresh machine:
#   make demo   creates .venv, installs easyread, renders data/ into build/
#   make test   sets up the same way, then runs every test
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: demo test system lint bench golden clean audit

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Debian packages the tests use (poppler-utils, chromium, zbar-tools).
system:
	bash scripts/install-system-deps

demo: $(STAMP)
	$(VENV)/bin/easyread build data/*.yaml --out build

# The accessibility checkers on every page demo made (needs `make system`).
audit: demo system
	$(VENV)/bin/easyread audit build/*.html build/*.pdf

test: $(STAMP) system
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check render tests scripts
	$(VENV)/bin/ruff format --check render tests scripts

golden: $(STAMP)
	$(PY) -m pytest tests/test_golden.py --update-golden

bench: $(STAMP)
	$(PY) scripts/bench.py

clean:
	rm -rf build $(VENV) *.egg-info .pytest_cache
