"""Which keyword families a sentence holds: the classifier's keyword features (one 0/1 value per family).

Each family of ``corpora/tt124/families.json`` lists keyword patterns. A sentence is tested with cheap
substring tests first: the literal text a pattern's matches begin with, or the gates every match passes
(texts one of which it contains), both read by :mod:`extractor.criteria.required_text`. :func:`keyword_hits`
does this for all texts of a call at once: the texts are lower-cased and joined, and one regular
expression (the scanned strings as a trie) finds every place one of them stands, so each pattern is tried
only on the texts holding its strings. The answers are those of searching every pattern in every text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from extractor.criteria import catalogue, required_text
from extractor.criteria.required_text import Gate, leading_literal, most_telling_first

SEPARATOR = "\x00"  # joins a batch's texts for the keyword scan (no text holds it)


def _lowered_gates(pattern: re.Pattern[str]) -> tuple[Gate, ...]:
    """The gates (``required_text.gates``) of a pattern searched in lower-cased text: those of a case-sensitive
    pattern; none of one that ignores case (its gates are texts of ``fold(text)``, not of ``text.lower()``)."""
    return () if pattern.flags & re.IGNORECASE else required_text.gates(pattern.pattern, pattern.flags)


Search = tuple[str | None, tuple[Gate, ...], re.Pattern[str]]


@cache
def _lowercase_keywords(family: str) -> tuple[tuple[str, ...], tuple[Search, ...]]:
    """The family's catalogue keyword patterns for lower-cased text: ``(literals, searches)``.

    A pattern written in lower case is recompiled without ``re.IGNORECASE`` (same matches on lower-cased text,
    2.5× faster); one that is nothing but plain text ("tuyên truyền") is a substring test (``literals``). A
    search ``(literal, gates, pattern)`` runs only when the literal its matches begin with occurs in the text
    and each gate (``_lowered_gates``) has one of its texts there."""
    literals: list[str] = []
    searches: list[Search] = []
    for pattern in catalogue.families()[family].keywords:
        if pattern.pattern != pattern.pattern.lower() or pattern.flags & re.VERBOSE:
            searches.append((None, (), pattern))
            continue
        literal = leading_literal(pattern.pattern)
        if literal is not None and literal == pattern.pattern:
            literals.append(literal)
            continue
        lowercase = re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)
        searches.append((literal, _lowered_gates(lowercase) if literal is None else (), lowercase))
    return tuple(literals), tuple(searches)


def _found(lowered: str, literals: tuple[str, ...], searches: tuple[Search, ...]) -> bool:
    """Does any of a family's keywords (``_lowercase_keywords``) occur in ``lowered``? (Which one does not
    matter, so the cheap substring tests go first.)"""
    for text in literals:
        if text in lowered:
            return True
    for literal, gates, pattern in searches:
        if literal is not None and literal not in lowered:
            continue
        if any(not any(piece in lowered for piece in gate) for gate in gates):
            continue
        if pattern.search(lowered) is not None:
            return True
    return False


def keyword_row(text: str, families: list[str]) -> list[float]:
    """One 0/1 value per family: does any of its catalogue keywords occur in ``text``? (The text is
    lower-cased once, not once per family.)"""
    lowered = text.lower()
    return [1.0 if _found(lowered, *_lowercase_keywords(family)) else 0.0 for family in families]


class _Occurrences:
    """Which texts of a batch contain each scanned string (:class:`_ScanPlan`), found in one pass over all of
    them: the texts are lower-cased and joined, and one regular expression — the strings as a trie, which gives
    the longest string starting at a place, and so (as its prefixes) every string starting there — is searched
    at each place in turn. That replaces one ``in`` test per keyword per text: the per-text Python overhead of
    ~100 keyword tests was most of the keyword cost."""

    def __init__(self, lowered: list[str], plan: _ScanPlan) -> None:
        self.found: dict[str, set[int]] = {}
        if plan.trie is None:
            return
        joined = SEPARATOR.join(lowered)
        starts: list[int] = []
        position = 0
        for text in lowered:
            starts.append(position)
            position += len(text) + len(SEPARATOR)
        found, prefixes = self.found, plan.prefixes
        search = plan.trie.search
        hit = search(joined)
        while hit is not None:
            at = hit.start()
            row = bisect_right(starts, at) - 1
            for text in prefixes[hit.group()]:
                rows = found.get(text)
                if rows is None:
                    found[text] = {row}
                else:
                    rows.add(row)
            hit = search(joined, at + 1)

    def rows(self, text: str) -> set[int]:
        """Indices of the texts that contain ``text`` (a scanned string: it holds no separator, so no hit spans
        two texts)."""
        return self.found.get(text, _NOWHERE)


_NOWHERE: set[int] = set()

# a keyword pattern of a family (its column): the gate scanned for (None: none is, every text is a candidate),
# the gates then tested text by text, the pattern
PlannedSearch = tuple[int, Gate | None, tuple[Gate, ...], re.Pattern[str]]


@dataclass(frozen=True)
class _ScanPlan:
    """How :func:`keyword_hits` finds a list of families' keywords in a batch, worked out once per list."""

    trie: re.Pattern[str] | None  # the scanned strings (``_trie_pattern``); None when there is none
    # scanned string → the scanned strings it begins with, itself included
    prefixes: dict[str, tuple[str, ...]]
    plain: dict[str, tuple[int, ...]]  # scanned plain-text keyword → the families (columns) it belongs to
    unscanned: tuple[tuple[int, str], ...]  # (column, plain keyword holding the separator): tested per text
    searches: tuple[PlannedSearch, ...]


@lru_cache(maxsize=4)  # one family list per model
def _scan_plan(families: tuple[str, ...]) -> _ScanPlan:
    """The :class:`_ScanPlan` of ``families``: the strings scanned are the plain-text keywords and each
    pattern's most telling gate (the first of ``_batch_searches``: longest texts; a gate of " " or "/" would
    mark nearly every text)."""
    strings: set[str] = set()
    plain: dict[str, list[int]] = {}
    unscanned: list[tuple[int, str]] = []
    searches: list[PlannedSearch] = []
    for column, family in enumerate(families):
        for literal in _lowercase_keywords(family)[0]:
            if SEPARATOR in literal:
                unscanned.append((column, literal))
            else:
                strings.add(literal)
                plain.setdefault(literal, []).append(column)
        for gates, pattern in _batch_searches(family):
            if gates and not any(SEPARATOR in piece for piece in gates[0]):
                strings.update(gates[0])
                searches.append((column, gates[0], gates[1:], pattern))
            else:
                searches.append((column, None, gates, pattern))
    return _ScanPlan(
        re.compile(_trie_pattern(strings)) if strings else None,
        {text: tuple(other for other in strings if text.startswith(other)) for text in strings},
        {text: tuple(columns) for text, columns in plain.items()},
        tuple(unscanned),
        tuple(searches),
    )


def _trie_pattern(strings: set[str]) -> str:
    """A regular expression matching, at a place, the longest of ``strings`` that starts there: the strings as a
    trie ("công an |cơ quan" → "c(?:ông an |ơ quan)"), each node's tail optional (greedy) where a string ends."""
    trie: dict[str, Any] = {}
    for text in strings:
        node = trie
        for character in text:
            node = node.setdefault(character, {})
        node[""] = {}

    def pattern(node: dict[str, Any]) -> str:
        branches = [
            re.escape(character) + pattern(child) for character, child in sorted(node.items()) if character
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(trie)


@lru_cache(maxsize=256)
def _batch_searches(family: str) -> tuple[tuple[tuple[Gate, ...], re.Pattern[str]], ...]:
    """The family's keyword patterns (``_lowercase_keywords``) as ``(gates, pattern)``, most telling gate first:
    the leading literal and every gate ``_lowered_gates`` reads from the pattern — not only those of a pattern
    without a leading literal, since a batch scan for "hộ" or "công an " alone leaves many texts to search."""
    found = []
    for literal, _, pattern in _lowercase_keywords(family)[1]:
        leading: list[Gate] = [(literal,)] if literal is not None else []
        found.append((most_telling_first([*leading, *_lowered_gates(pattern)]), pattern))
    return tuple(found)


def keyword_hits(lowered: list[str], families: list[str]) -> list[tuple[int, int]]:
    """(text, family) index pairs, in that order, where one of the family's catalogue keywords occurs in the
    lower-cased text — :func:`keyword_row` for a whole batch. The plain-text keywords are found by one scan of
    the batch (``_Occurrences``); a pattern is searched only in the texts that hold each of its gates
    (``_batch_searches``), a pattern without any in every text."""
    plan = _scan_plan(tuple(families))
    scan = _Occurrences(lowered, plan)
    every = range(len(lowered))
    found: list[set[int]] = [set() for _ in families]
    for text, rows in scan.found.items():
        for column in plan.plain.get(text, ()):
            found[column] |= rows
    for column, literal in plan.unscanned:
        found[column].update(row for row in every if literal in lowered[row])
    for column, scanned, gates, pattern in plan.searches:
        hit = found[column]
        candidates = set(every) if scanned is None else set().union(*map(scan.rows, scanned))
        # the texts the family has not matched yet, each gate tested by plain loops (no generator per text)
        for row in candidates - hit:
            text = lowered[row]
            for gate in gates:
                for piece in gate:
                    if piece in text:
                        break
                else:
                    break  # no piece of this gate: the pattern cannot match
            else:
                if pattern.search(text) is not None:
                    hit.add(row)
    return sorted((row, column) for column, rows in enumerate(found) for row in rows)
