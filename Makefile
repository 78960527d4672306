# Three commands matter: `make play`, `make test` (the fast suite) and `make test-all` (everything, as CI runs it). All create .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: play test test-all lint format bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@ $(VENV)/.installed

play: $(VENV)/.installed
	$(BIN)/brinkmanship

test: $(VENV)/.installed-test
	$(BIN)/ruff check game tests benchmarks
	$(BIN)/ruff format --check game tests benchmarks
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(BIN)/python -m pytest -q -m "not slow"

test-all: $(VENV)/.installed-test
	$(BIN)/ruff check game tests benchmarks
	$(BIN)/ruff format --check game tests benchmarks
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(BIN)/python -m pytest -q

lint: $(VENV)/.installed-test
	$(BIN)/ruff check game tests benchmarks
	$(BIN)/ruff format --check game tests benchmarks

format: $(VENV)/.installed-test
	$(BIN)/ruff format game tests benchmarks
	$(BIN)/ruff check --fix game tests benchmarks

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/bench_engine.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
