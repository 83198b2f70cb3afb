"""Bound pathological character runs before anything costly looks at the text.

Two shapes of damaged or hostile text make later stages slow or crash:

* long runs of combining marks ("Zalgo" text, a corrupt font map): Unicode normalisation sorts the
  marks after a base letter by insertion, so NFC is quadratic in the run's length. Vietnamese needs
  at most two marks on a letter (``ệ`` = e + circumflex + dot below); marks beyond
  :attr:`~extractor.ingest.limits.Limits.max_combining_marks` in a row are dropped;
* digit runs longer than :attr:`~extractor.ingest.limits.Limits.max_digit_run` (a barcode, a
  broken number): Python refuses to turn more than 4,300 digits into an ``int`` and number
  patterns backtrack over the run. No figure of a report is that long; such a run is broken into
  pieces by a space every ``max_digit_run`` digits (nothing is lost, the digits stay).

Every function works in one pass (linear time) and returns, when characters were dropped or
inserted, the source index of each output character (``-1`` for an inserted space) so character
boxes and offset maps stay exact.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import cache

from extractor.ingest.limits import Limits

_DEFAULTS = Limits()


@cache
def _marks_class() -> str:
    """A regex character class of every code point with a non-zero canonical combining class."""
    ranges: list[tuple[int, int]] = []
    for code in range(sys.maxunicode + 1):
        if unicodedata.combining(chr(code)):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    parts = [re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges]
    return "[" + "".join(parts) + "]"


@cache
def _mark_run(limit: int) -> re.Pattern[str]:
    return re.compile(f"{_marks_class()}{{{limit + 1},}}")


@cache
def _digit_run(limit: int) -> re.Pattern[str]:
    # digits, possibly grouped by single dots or commas ("1.250.000"): what number patterns read as one
    return re.compile(rf"\d(?:[.,]?\d){{{limit},}}")


def bound_marks(text: str, limit: int = _DEFAULTS.max_combining_marks) -> tuple[str, list[int] | None, int]:
    """Keep at most ``limit`` combining marks in a row. Returns the text, the index map (``None``
    when nothing was dropped) and how many marks were dropped."""
    if text.isascii():
        return text, None, 0
    runs = list(_mark_run(limit).finditer(text))
    if not runs:
        return text, None, 0
    pieces: list[str] = []
    index_map: list[int] = []
    position = dropped = 0
    for run in runs:
        keep_end = run.start() + limit
        pieces.append(text[position:keep_end])
        index_map.extend(range(position, keep_end))
        dropped += run.end() - keep_end
        position = run.end()
    pieces.append(text[position:])
    index_map.extend(range(position, len(text)))
    return "".join(pieces), index_map, dropped


def break_digit_runs(text: str, limit: int = _DEFAULTS.max_digit_run) -> tuple[str, list[int] | None, int]:
    """Insert a space after every ``limit`` digits of an over-long digit run. Returns the text, the
    index map (``None`` when unchanged; ``-1`` marks an inserted space) and how many runs were broken."""
    runs = list(_digit_run(limit).finditer(text))
    if not runs:
        return text, None, 0
    pieces: list[str] = []
    index_map: list[int] = []
    position = 0
    for run in runs:
        pieces.append(text[position : run.start()])
        index_map.extend(range(position, run.start()))
        digits = 0
        for index in range(run.start(), run.end()):
            char = text[index]
            if char.isdigit():
                if digits == limit:
                    pieces.append(" ")
                    index_map.append(-1)
                    digits = 0
                digits += 1
            pieces.append(char)
            index_map.append(index)
        position = run.end()
    pieces.append(text[position:])
    index_map.extend(range(position, len(text)))
    return "".join(pieces), index_map, len(runs)


def safe_nfc(text: str, limit: int = _DEFAULTS.max_combining_marks) -> str:
    """Unicode NFC in linear time: runs of combining marks are bounded first."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", bound_marks(text, limit)[0])


def compose(first: list[int] | None, second: list[int] | None) -> list[int] | None:
    """The index map of two steps applied one after the other (``-1`` stays ``-1``)."""
    if first is None:
        return second
    if second is None:
        return first
    return [first[i] if i >= 0 else -1 for i in second]
