# The two quick-start commands, and the benches. Python 3.11+ and pip are all it needs.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test lint install install-test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'

## Set up and run the bot (needs TELEGRAM_BOT_TOKEN in the environment or .env).
run: install
	$(BIN)/briefbot run

## Set up and run the tests.
test: install-test
	$(BIN)/python -m pytest

## Lint: ruff's rules and formatting, then mypy on the annotated packages (config in pyproject.toml).
lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

## Benchmarks print their figures; CORPUS points at an annotated corpus directory.
CORPUS ?= ../shared/corpora/polnear/dev
bench: install-test
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/attribution.py $(CORPUS)

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
