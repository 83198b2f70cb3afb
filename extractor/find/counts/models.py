"""A number that may be a count, and a count's value (the shape ``corpora/gold/GUIDELINES.md`` scores)."""

from __future__ import annotations

from typing import Any, NamedTuple

from extractor import numbers_vi

EXTRACTOR = "counts"


class Number(NamedTuple):
    """A number that may be a count: "3.460", "05/05" (``total`` 5), "100%" (``percent`` 100), "bốn"."""

    start: int
    end: int
    value: int | float | None
    percent: int | float | None  # the value again when written as a percentage, else None
    total: int | None  # the total of a ratio ("05/05"), else None
    spelled: bool  # written in words


def count_value(
    *,
    value: int | float | None,
    unit: str | None,
    percent: bool = False,
    comparator: str | None = None,
    modality: str,
    total: int | None = None,
    scale: str | None = None,
) -> dict[str, Any]:
    """A count's value; with a scale word ("2,3 tỷ đồng") the value is multiplied out (2300000000,
    unit "đồng") and ``multiplier``/``surface_value`` keep what was written ("tỷ", 2.3)."""
    result: dict[str, Any] = {
        "value": value,
        "unit": unit,
        "percent": percent,
        "comparator": comparator,
        "modality": modality,
        "parent": None,
        "total": total,
    }
    if scale is not None and value is not None:
        result["value"] = numbers_vi.scaled(value, scale)
        result["multiplier"] = scale.lower()
        result["surface_value"] = value
    return result
