"""The forms' settings and wording, read from ``corpora/forms/`` (data, not code)."""

from __future__ import annotations

from typing import Any

from corpora import load_json


def scorecard_form() -> dict[str, Any]:
    """``corpora/forms/scorecard.json``: the DOCX form (``docx``) and the XLSX working sheet (``xlsx``)."""
    return load_json("forms", "scorecard.json")
