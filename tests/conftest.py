"""Shared fixtures: paths of the seed documents as TXT, PDF and DOCX."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fixtures.files import SEED_NAMES, seed_file  # noqa: E402


@pytest.fixture(scope="session")
def seed_names() -> list[str]:
    return SEED_NAMES


@pytest.fixture(scope="session")
def seed_path():
    """``seed_path(name, fmt)`` → a real file of that seed (txt, pdf, docx, odt, doc)."""
    return seed_file
