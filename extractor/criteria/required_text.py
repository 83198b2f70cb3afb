"""What text a regular expression needs in order to match: read once from Python's own parse of the pattern.

Both readers of the catalogue's patterns skip a search when the text cannot hold a match: the cue lists
(:mod:`extractor.criteria.cues`) and the classifier's keyword scan (:mod:`extractor.criteria.keywords`).
What they test is read here:

- :func:`gates` — every *gate* a match passes: texts one of which any match contains (a run of plain
  characters, the spellings of a group of plain alternatives, the most telling gate of each alternative of
  a "|" together), most telling first (the longest shortest text, then the fewest texts);
- :func:`needles` — the most telling gate alone;
- :func:`leading_literal` — the plain text every match begins with.

A pattern that ignores case has its gates in folded form (:func:`fold`): they are tested in ``fold(text)``,
which brings every letter ``re`` takes as the same under IGNORECASE to one. Nothing a match may skip is a
gate: an optional or repeated-from-zero part, a class, a look-around (its text is not in the match), a
back-reference, a group with flags of its own.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

try:  # CPython's own regular-expression parser and case tables (3.11+)
    from _sre import unicode_iscased, unicode_tolower  # type: ignore[import-not-found]
    from re import _casefix, _constants, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another Python: no pattern is analysed, every one is searched
    _parser = None

Gate = tuple[str, ...]  # any match of the pattern holds at least one of these texts


def _canonical_table() -> dict[int, int | None]:
    """Characters ``re`` treats as the same letter under IGNORECASE beyond lower-casing ("ſ" and "s",
    "ı" and "i", "ς" and "σ"…), each mapped to one of its class; the combining dot that "İ".lower()
    leaves after its "i" is dropped (``re`` folds "İ" to a plain "i")."""
    if _parser is None:
        return {}
    table: dict[int, int | None] = {}
    for code, others in _casefix._EXTRA_CASES.items():
        canonical = min((code, *others))
        for member in (code, *others):
            if member != canonical:
                table[member] = canonical
    table[0x0307] = None
    return table


_CANONICAL = _canonical_table()
_UNUSUAL = (
    re.compile("[" + "".join(re.escape(chr(code)) for code in _CANONICAL) + "]") if _CANONICAL else None
)


SHORT_TEXT = 4000  # a sentence's length, folded once and remembered; a whole document is not kept


def fold(text: str) -> str:
    """``text`` lower-cased as ``re`` compares letters under IGNORECASE (the rare letters with several
    lower-case forms brought to one), so that a folded pattern word found by ``in`` is a word ``re`` may match."""
    return _fold_sentence(text) if len(text) <= SHORT_TEXT else _fold(text)


@lru_cache(maxsize=256)
def _fold_sentence(text: str) -> str:
    """``fold`` remembered: a sentence is read by many cue lists in a row."""
    return _fold(text)


def _fold(text: str) -> str:
    lowered = text.lower()
    if _UNUSUAL is not None and _UNUSUAL.search(lowered):
        return lowered.translate(_CANONICAL)
    return lowered


def _folded_char(code: int, ignore_case: bool) -> str | None:
    """The character a literal of the pattern is found as in the (folded) text; None when it cannot be."""
    if not ignore_case:
        return chr(code)
    if unicode_iscased(code):
        code = unicode_tolower(code)
    if code in _CANONICAL:
        code = _CANONICAL[code]  # type: ignore[assignment]
        if code is None:
            return None
    return chr(code)


def _telling(gate: Gate) -> tuple[int, int]:
    """How little text a gate lets through, as a sort key: the longer its shortest text, then the fewer texts."""
    return -min(map(len, gate)), len(gate)


def most_telling_first(found: list[Gate] | tuple[Gate, ...]) -> tuple[Gate, ...]:
    """``found`` ordered most telling first (found order on a tie), each gate once."""
    return tuple(sorted(dict.fromkeys(found), key=_telling))


def _parsed(pattern: str, flags: int) -> tuple[list[Any], bool] | None:
    """The parsed items of ``pattern`` and whether it ignores case (an inline "(?i)" counts); None when it is
    not analysed (no parser; an ASCII-only pattern, whose letters do not fold as ``fold`` folds them)."""
    if _parser is None:
        return None
    tree = _parser.parse(pattern, flags)
    if tree.state.flags & re.ASCII:
        return None
    return list(tree.data), bool(tree.state.flags & re.IGNORECASE)


@lru_cache(maxsize=4096)
def gates(pattern: str, flags: int = 0) -> tuple[Gate, ...]:
    """Gates every match of ``pattern`` (compiled with ``flags``) passes, most telling first; empty when none
    is known. "(phòng|tổ) (trực thuộc|thuộc sở)" gives ("trực thuộc", "thuộc sở"), ("phòng", "tổ"), (" ",);
    "gây thương tích.{0,40}học sinh|học sinh.{0,60}gây thương tích" gives ("gây thương tích",)."""
    parsed = _parsed(pattern, flags)
    if parsed is None:
        return ()
    return most_telling_first(_gates(*parsed))


def needles(pattern: re.Pattern[str]) -> Gate | None:
    """The most telling gate of ``pattern`` (:func:`gates`): texts one of which every match contains, as
    found in ``fold(text)`` when the pattern ignores case (else in the text itself); None when none is known."""
    if not isinstance(pattern.pattern, str):
        return None
    found = gates(pattern.pattern, pattern.flags)
    return found[0] if found else None


def _gates(items: list[Any], ignore_case: bool) -> list[Gate]:
    """The gates of a parsed sequence (each item of which a match passes through once), in pattern order."""
    found: list[Gate] = []
    run: list[str] = []
    for op, value in [*items, (None, None)]:
        if op is _constants.LITERAL:
            char = _folded_char(value, ignore_case)
            if char is not None:
                run.append(char)
                continue
        if run:
            found.append(("".join(run),))
            run = []
        if op is _constants.SUBPATTERN:
            _, added, removed, inner = value
            if not (added or removed):  # an inline flag changes what the texts must look like
                spellings = _spellings(list(inner), ignore_case)
                found.extend([spellings] if spellings else _gates(list(inner), ignore_case))
        elif op is _constants.ATOMIC_GROUP:
            found.extend(_gates(list(value), ignore_case))
        elif op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT):
            low, _, inner = value
            if low >= 1:  # the first repetition is in the match
                found.extend(_gates(list(inner), ignore_case))
        elif op is _constants.BRANCH:
            best = [most_telling_first(_gates(list(branch), ignore_case))[:1] for branch in value[1]]
            if all(best):
                found.append(tuple(dict.fromkeys(text for (gate,) in best for text in gate)))
        # anything else (classes, any character, anchors, look-arounds, back-references) needs no text
    return found


def _spellings(items: list[Any], ignore_case: bool) -> Gate | None:
    """Every text a group of plain alternatives matches ("t(?:rực thuộc|huộc sở)" → "trực thuộc", "thuộc sở");
    ``None`` when it is anything else or may match nothing."""
    prefix: list[str] = []
    for index, (op, value) in enumerate(items):
        if op is _constants.LITERAL:
            char = _folded_char(value, ignore_case)
            if char is None:
                return None
            prefix.append(char)
            continue
        if op is not _constants.BRANCH or index != len(items) - 1:
            return None
        tails = [_spellings(list(branch), ignore_case) for branch in value[1]]
        if not all(tails):
            return None
        return tuple(
            dict.fromkeys("".join(prefix) + tail for spellings in tails if spellings for tail in spellings)
        )
    return ("".join(prefix),) if prefix else None


def leading_literal(pattern: str) -> str | None:
    """The plain text every match of ``pattern`` begins with ("kế hoạch " for "kế hoạch (số|về)", "nổ" for
    "\\bnổ\\b"); ``None`` when there is none of two characters or more to rely on (a top-level "|", a class,
    group or repeat first, a case-insensitive or verbose pattern)."""
    if _parser is None:
        return None
    parsed = _parser.parse(pattern)
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    literal: list[str] = []
    for op, value in parsed:
        if op is _constants.AT and not literal:
            continue  # \b, ^: zero-width, the literal still follows
        if op is not _constants.LITERAL:
            break
        literal.append(chr(value))
    return "".join(literal) if len(literal) >= 2 else None
