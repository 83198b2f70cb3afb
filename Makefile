# Minh Chứng — the two set-up commands are `make run` and `make test` (see README).
# `make run` installs the runtime packages (requirements.lock); `make test` adds the development
# tools (requirements-dev.lock: pytest, ruff, mypy, Playwright). Each install happens once, and
# again only when its lock (or pyproject.toml) changes: a stamp file in .venv/ records it.
VENV        := .venv
BIN         := $(VENV)/bin
STAMP       := $(VENV)/.installed-runtime
DEV_STAMP   := $(VENV)/.installed-dev
PYTHON      ?= python3
PIP         := $(BIN)/pip install -q --disable-pip-version-check

.PHONY: run test setup setup-runtime bytecode system-deps system-deps-dev lint evaluate bench clean

# Runtime: re-installed when requirements.lock or pyproject.toml changes.
$(STAMP): pyproject.toml requirements.lock
	@echo "Minh Chứng: đang cài các gói Python chạy dịch vụ vào $(VENV)/ (lần đầu mất vài phút; các lần sau tức thì)"
	@echo "Minh Chứng: installing the runtime Python packages into $(VENV)/ (the first time takes several minutes; later runs are instant)"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) -r requirements.lock
	$(PIP) --no-deps -e .
	touch $(STAMP)
	@echo "Minh Chứng: đã cài xong / installed."

# Development tools on top: re-installed when requirements-dev.lock changes, and after any runtime
# re-install (the runtime stamp is then newer than this one).
$(DEV_STAMP): $(STAMP) requirements-dev.lock
	@echo "Minh Chứng: đang cài công cụ phát triển (pytest, ruff, mypy, Playwright; lần đầu vài phút; các lần sau tức thì)"
	@echo "Minh Chứng: installing the development tools (pytest, ruff, mypy, Playwright; the first time takes a few minutes; later runs are instant)"
	$(PIP) -r requirements-dev.lock
	touch $(DEV_STAMP)
	@echo "Minh Chứng: đã cài xong / installed."

# Debian packages: LibreOffice, Tesseract (vie), poppler-utils; the development set adds Chromium.
system-deps:
	./scripts/install-system-deps.sh

system-deps-dev:
	./scripts/install-system-deps.sh --dev

setup-runtime: system-deps $(STAMP) bytecode

setup: system-deps-dev $(DEV_STAMP) bytecode

# Python's bytecode for the project's own modules, written now (compileall writes it even where
# PYTHONDONTWRITEBYTECODE is set) so that no command compiles them again at start-up (≈ 0.1 s of
# CPU); only changed files are compiled.
bytecode: $(STAMP)
	@$(BIN)/python -m compileall -q extractor api corpora models

run: setup-runtime
	$(BIN)/minhchung serve $(ARGS)

test: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest -q $(ARGS)

evaluate: setup-runtime
	$(BIN)/minhchung evaluate

bench: setup-runtime
	$(BIN)/minhchung bench

clean:
	rm -rf $(VENV) tests/fixtures/generated .pytest_cache .ruff_cache
