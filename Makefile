# Minh Chứng — the two set-up commands are `make run` and `make test` (see README).
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PYTHON ?= python3

.PHONY: run test setup system-deps lint evaluate bench clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install -q --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

system-deps:
	./scripts/install-system-deps.sh

setup: system-deps $(STAMP)

run: setup
	$(BIN)/minhchung serve $(ARGS)

test: setup
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest -q $(ARGS)

evaluate: setup
	$(BIN)/minhchung evaluate

bench: setup
	$(BIN)/minhchung bench

clean:
	rm -rf $(VENV) tests/fixtures/generated .pytest_cache .ruff_cache
