# Closer: `make serve` to read the site locally, `make test` to run every test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test test-fast lint format bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.site-deps: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.test-deps: pyproject.toml $(VENV)/.site-deps
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# Biome, the Nu Html Checker and HTML_CodeSniffer, at the versions package-lock.json names.
# (Not `npm ci`: npm 11 refuses a lock file that lacks the optional packages of other platforms.)
node_modules/.installed: package.json package-lock.json
	npm install --no-save --no-audit --no-fund --loglevel=error
	touch $@

serve: $(VENV)/.site-deps  ## Set up and serve the site on http://127.0.0.1:8000/
	$(BIN)/mkdocs serve -a 127.0.0.1:8000

build: $(VENV)/.site-deps  ## A strict build into site/
	$(BIN)/mkdocs build --strict --clean

test: $(VENV)/.test-deps  ## Set up and run every test (installs the browsers and tools when root)
	bash .ci/ensure-tools
	$(MAKE) --no-print-directory node_modules/.installed lint
	@# Tracing every browser test costs a fifth of the run: the whole suite runs without it, and
	@# only if something fails are those tests run again with a trace kept (in test-results/).
	$(BIN)/python -m pytest -n auto --tracing=off || { \
	  echo "Running the failed tests again, keeping a trace of each browser test that fails:"; \
	  $(BIN)/python -m pytest -n auto --last-failed --tracing=retain-on-failure; exit 1; }

test-fast: $(VENV)/.test-deps node_modules/.installed  ## Every test that needs no browser
	$(BIN)/python -m pytest -n auto -m "not browser"

lint: $(VENV)/.test-deps node_modules/.installed  ## Ruff for Python, Biome for JavaScript and CSS
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	node_modules/.bin/biome ci --reporter=summary

format: $(VENV)/.test-deps node_modules/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	node_modules/.bin/biome check --write

bench: $(VENV)/.test-deps  ## Print build, page-weight and Lighthouse figures
	bash .ci/ensure-tools
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf site test-results .pytest_cache .ruff_cache .hypothesis
