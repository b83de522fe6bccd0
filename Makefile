# ntsplan: two commands set up a fresh machine: `make build` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DATA ?= data
OUT ?= build

.PHONY: build validate test test-fast lint serve bench messages problems sizes clean help vsix .system-build .system-test .npm

help:
	@echo "make build     set up .venv and system packages, build the plan into $(OUT)/"
	@echo "make validate  check $(DATA)/ and report every problem"
	@echo "make test      run the test suite, in parallel on every CPU"
	@echo "make test-fast the fast stages only (no browser, PDF, LibreOffice), under 30 s"
	@echo "make lint      ruff, mypy (strict) and the layer contract (lint-imports)"
	@echo "make serve     live preview of the plan at http://127.0.0.1:8000/"
	@echo "make bench     speed and memory of validate, build and the lsp re-check"
	@echo "make messages  how well problems are located and name their fix (tests/cases,"
	@echo "               and the mutation corpus generated from data/: bench/mutations.py)"
	@echo "make problems  write docs/problems.md from the problem-code registry"
	@echo "make sizes     the longest modules (a guide for review, not a limit)"
	@echo "make vsix      package the VS Code extension into $(OUT)/ntsplan.vsix"
	@echo "make clean     remove $(OUT)/ and caches"

# The virtual environment, rebuilt when the project's dependencies change.
$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

.system-build:
	@scripts/system-packages.sh build

.system-test:
	@scripts/system-packages.sh test

build: .system-build $(BIN)/.installed
	$(BIN)/ntsplan build --data $(DATA) --out $(OUT)

validate: $(BIN)/.installed
	$(BIN)/ntsplan validate --data $(DATA)

# The npm packages of the tests, from the committed lockfiles: axe-core for the WCAG check
# of the HTML (package.json here), yaml-language-server (tests/lsp/node) and the VS Code
# extension's build tools (editors/vscode).
# Each folder installed once per change of its lockfile (a stamp in its node_modules/).
NPM_STAMPS := node_modules/.ntsplan-installed tests/lsp/node/node_modules/.ntsplan-installed \
	editors/vscode/node_modules/.ntsplan-installed

node_modules/.ntsplan-installed: package-lock.json package.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

%/node_modules/.ntsplan-installed: %/package-lock.json %/package.json
	cd $* && npm ci --no-audit --no-fund --loglevel=error
	touch $@

.npm: $(NPM_STAMPS)

# The VS Code extension as a .vsix (its contents are checked by tests/lsp/test_vscode_extension.py).
vsix: .npm
	mkdir -p $(OUT)
	cd editors/vscode && npx --no-install vsce package --skip-license --allow-missing-repository \
		--out ../../$(OUT)/ntsplan.vsix

# The whole suite on every CPU (pytest-xdist); each file's tests stay on one worker, so
# module and session fixtures (a build of the shipped plan) are made once.
test: .system-test .npm $(BIN)/.installed
	$(BIN)/python -m pytest -n auto --dist loadgroup

# The stages that need no browser, PDF, LibreOffice or npm: a quick check while editing.
test-fast: $(BIN)/.installed
	$(BIN)/python -m pytest -q -m "not slow"

lint: $(BIN)/.installed
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

serve: $(BIN)/.installed
	$(BIN)/ntsplan serve --data $(DATA)

bench: .system-build $(BIN)/.installed
	$(BIN)/python bench/run.py
	$(BIN)/python bench/messages.py

messages: $(BIN)/.installed
	$(BIN)/python bench/messages.py --verbose
	$(BIN)/python bench/mutations.py

# The longest modules, as a guide for review (not a limit).
sizes:
	$(PYTHON) scripts/module_sizes.py

problems: $(BIN)/.installed
	$(BIN)/python -m ntsplan.explain > docs/problems.md

clean:
	rm -rf $(OUT) .bench .pytest_cache .mypy_cache .ruff_cache
