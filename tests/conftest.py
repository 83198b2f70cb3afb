"""Shared fixtures: paths of the seed documents as TXT, PDF and DOCX."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fixtures.files import SEED_NAMES, seed_file  # noqa: E402

_OWN_CACHE: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    """Commands the tests start keep their compiled patterns (``extractor.regex_cache``) in a folder of this
    run, never in the user's ``~/.cache``."""
    if "MINHCHUNG_CACHE_DIR" not in os.environ:
        _OWN_CACHE.append(tempfile.mkdtemp(prefix="minhchung-test-cache-"))
        os.environ["MINHCHUNG_CACHE_DIR"] = _OWN_CACHE[0]


def pytest_unconfigure(config: pytest.Config) -> None:
    for folder in _OWN_CACHE:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def seed_names() -> list[str]:
    return SEED_NAMES


@pytest.fixture(scope="session")
def seed_path():
    """``seed_path(name, fmt)`` → a real file of that seed (txt, pdf, docx, odt, doc)."""
    return seed_file
