# conflictwatch: `make run` and `make test` set everything up from scratch.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export CONFLICTWATCH_DATA_DIR ?= $(CURDIR)/var

.PHONY: install run test lint bench schema docs clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/pip install -q --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/conflictwatch demo

test: install
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python -m bench

schema: install
	$(BIN)/python -m conflictwatch.schema docs/schema

clean:
	rm -rf $(VENV) var
