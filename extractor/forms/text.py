"""Text made safe for the writers: no XML-illegal characters (XLSX and DOCX are XML), no spreadsheet formulas.

Unit names, file names and quotes come from uploads and are hostile until cleaned: ``\\x0b`` in a unit name
made openpyxl and python-docx raise, and ``=HYPERLINK(…)`` as a file name became a live formula.
"""

from __future__ import annotations

import re
from typing import Any

# XML 1.0 allows \t \n \r among the C0 controls; not the rest, not the surrogates, not U+FFFE/U+FFFF.
_SPACE_LIKE = re.compile(r" ?[\x0b\x0c]+ ?")  # vertical tab / form feed: Word's soft breaks, kept as a space
_ILLEGAL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet may read as a formula (CSV too)


def clean_text(value: str) -> str:
    """``value`` without the characters XML cannot hold; vertical tab and form feed become spaces."""
    return _ILLEGAL.sub("", _SPACE_LIKE.sub(" ", value))


def clean_tree(value: Any) -> Any:
    """Every string inside dicts, lists and tuples cleaned with :func:`clean_text` (a new structure)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {key: clean_tree(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [clean_tree(item) for item in value]
    return value


def csv_safe(value: Any) -> Any:
    """A CSV field that a spreadsheet will not run: text starting like a formula gets a leading apostrophe."""
    if not isinstance(value, str):
        return value
    value = clean_text(value)
    return "'" + value if value.startswith(FORMULA_START) else value
