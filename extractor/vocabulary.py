"""The one vocabulary: status names, their order and their Vietnamese labels.

Every value Minh Chứng emits to a person — a criterion's status, the overall proposal, a review state, an
evidence kind, a kind of unit — is listed once in ``corpora/vocabulary/labels.json`` in display order.
Code reads it here; the web UI reads it from the API. Nothing else keeps a label table.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache

from corpora import load_json


class Status(StrEnum):
    """A criterion's proposed status (TT124 Điều 4–7), most decisive first."""

    MET = "met"
    NOT_MET = "not_met"
    UNCLEAR = "unclear"
    MISSING = "missing"


@cache
def _groups() -> dict[str, list[dict[str, str]]]:
    data = load_json("vocabulary", "labels.json")
    return {key: value for key, value in data.items() if isinstance(value, list)}


def groups() -> dict[str, list[dict[str, str]]]:
    """Every group (``criterion_status``, ``overall_proposal``…) with its entries in display order."""
    return _groups()


def keys(group: str) -> tuple[str, ...]:
    """The keys of ``group`` in display order."""
    return tuple(entry["key"] for entry in _groups()[group])


def label(group: str, key: str | None, default: str = "") -> str:
    """The Vietnamese label of ``key`` in ``group`` (``default`` for an unknown or empty key)."""
    for entry in _groups()[group]:
        if entry["key"] == key:
            return entry["vi"]
    return default if default else (key or "")


def status_label(status: str | None) -> str:
    """Vietnamese label of a criterion status ("met" → "Đạt")."""
    return label("criterion_status", status)


def order(group: str, key: str) -> int:
    """Position of ``key`` in ``group`` (unknown keys sort last)."""
    found = keys(group)
    return found.index(key) if key in found else len(found)


def source_mark(source_part: str | None, footnote: int | None) -> str:
    """How a quote names where it was read, in the vocabulary's words (group ``source_part``, its
    ``cite_vi``): "(chú thích 2)" for footnote 2, "" for the body (or an unknown part)."""
    for entry in _groups()["source_part"]:
        if entry["key"] == source_part and entry.get("cite_vi"):
            return f"({entry['cite_vi'].format(number=footnote if footnote is not None else '?')})"
    return ""
