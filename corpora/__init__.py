"""Versioned reference data: the law's criteria, lexicons, issuers, abbreviations, gold annotations.

Everything here is data. Code reads it through :func:`load_json` / :func:`path`.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

CORPORA_DIR = Path(__file__).resolve().parent


def path(*parts: str) -> Path:
    """Absolute path of a file inside ``corpora/``."""
    return CORPORA_DIR.joinpath(*parts)


@cache
def load_json(*parts: str) -> Any:
    """Parse a JSON file from ``corpora/`` once per process."""
    with path(*parts).open(encoding="utf-8") as handle:
        return json.load(handle)
