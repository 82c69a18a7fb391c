# Closer: `make serve` to read the site locally, `make test` to run every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test lint format bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.site-deps: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.test-deps: pyproject.toml $(VENV)/.site-deps
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

serve: $(VENV)/.site-deps  ## Set up and serve the site on http://127.0.0.1:8000/
	$(BIN)/mkdocs serve -a 127.0.0.1:8000

build: $(VENV)/.site-deps  ## A strict build into site/
	$(BIN)/mkdocs build --strict --clean

test: $(VENV)/.test-deps  ## Set up and run every test (installs the browsers when root)
	bash .ci/ensure-browsers
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -n auto

lint: $(VENV)/.test-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.test-deps
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(VENV)/.test-deps  ## Print build, page-weight and Lighthouse figures
	bash .ci/ensure-browsers
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf site .pytest_cache .ruff_cache .hypothesis
