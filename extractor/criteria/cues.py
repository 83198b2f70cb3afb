"""Cue lists that skip the patterns a sentence cannot match.

Every cue of ``corpora/tt124/*.json`` is a regular expression, and most sentences match none of a list's
patterns. A :class:`CueList` knows, for each pattern, words that any match must contain
(:func:`extractor.criteria.required_text.needles`: "phấn đấu" in ``(?<!đăng ký )phấn đấu``, one of "hộ" or
"gia đình" in ``(?:hộ|gia đình)…``). A sentence is searched only by the patterns whose words it holds: a substring test
costs a small fraction of a regular-expression search, so a cue list is read with one case-folding of the
sentence and a few substring tests, and the answers stay exactly those of searching every pattern.

(One alternation ``(?:p1)|(?:p2)|…`` per list was measured first: Python's ``re`` tries every branch at
every position and loses each pattern's own prefix scan, so it was no faster than the loop.)

A :class:`WordMap` answers what a long list's cues tell (the incident kinds a sentence names) from the
words alone. (Gating every list by its shortest words, or by the characters of its words, was measured
and was slower: a substring test is cheaper than the Python work of skipping one.)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

from extractor.criteria.required_text import Gate, fold, needles

try:  # CPython's own regular-expression parser (3.11+), for the patterns anchored at one end
    from re import _constants, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another Python: every pattern is searched whole
    _parser = None


class CueList(tuple):  # type: ignore[type-arg]
    """A tuple of compiled cues (iterated, compared and hashed as one) that searches a text only with
    the cues whose words the text holds."""

    _checks: tuple[tuple[re.Pattern[str], str | None, Gate | None, bool], ...]
    _pairs: tuple[tuple[re.Pattern[str], str], ...] | None  # (cue, one of its words) when all ignore case
    _repeats: bool  # a cue has several words (several pairs)
    _folds: bool

    def __new__(cls, patterns: Iterable[re.Pattern[str]] = ()) -> CueList:
        self = super().__new__(cls, patterns)
        checks = []
        for pattern in self:
            words = needles(pattern)
            single = words[0] if words is not None and len(words) == 1 else None
            ignore_case = bool(pattern.flags & re.IGNORECASE)
            checks.append((pattern, single, None if single is not None else words, ignore_case))
        self._checks = tuple(checks)
        self._folds = any(ignore_case for *_, ignore_case in checks)
        self._pairs = None
        if all(ignore_case for *_, ignore_case in checks):
            # the empty word is in every text: a cue without known words is always searched
            self._pairs = tuple(
                (pattern, word)
                for pattern, single, words, _ in checks
                for word in ((single,) if single is not None else words or ("",))
            )
        self._repeats = self._pairs is not None and len(self._pairs) > len(checks)
        return self

    def _possible(self, text: str) -> list[re.Pattern[str]]:
        """The cues, in list order, whose words ``text`` holds (those that may match)."""
        folded = fold(text) if self._folds else text
        if self._pairs is not None:  # the catalogue's lists: one substring test per cue word
            possible = [pattern for pattern, word in self._pairs if word in folded]
            return list(dict.fromkeys(possible)) if self._repeats else possible
        possible = []
        for pattern, word, words, ignore_case in self._checks:
            haystack = folded if ignore_case else text
            if word is not None:
                if word not in haystack:
                    continue
            elif words is not None:
                for each in words:
                    if each in haystack:
                        break
                else:
                    continue
            possible.append(pattern)
        return possible

    def possible(self, text: str) -> list[re.Pattern[str]]:
        """The cues, in list order, whose words ``text`` holds: any cue that matches is among them."""
        return self._possible(text)

    def may_match(self, text: str) -> bool:
        """Does ``text`` hold the words of some cue? (False: no cue matches; True: one may.)"""
        return bool(self._possible(text))

    def blanked(self, text: str) -> str:
        """``text`` with each cue's matches, cue after cue, replaced by as many spaces (a cue whose words
        the text does not hold, as it stands then, changes nothing and is not run)."""
        for pattern, word, words, ignore_case in self._checks:
            haystack = fold(text) if ignore_case else text
            if (word is not None and word not in haystack) or (
                words is not None and not any(each in haystack for each in words)
            ):
                continue
            text = pattern.sub(_spaces_for, text)
        return text

    def searches(self, text: str) -> list[re.Match[str] | None]:
        """``[pattern.search(text) for pattern in self]``."""
        possible = set(map(id, self._possible(text)))
        return [pattern.search(text) if id(pattern) in possible else None for pattern in self]

    def earliest(self, text: str) -> re.Match[str] | None:
        """The earliest match of any cue (the first listed on a tie)."""
        best: re.Match[str] | None = None
        for pattern in self._possible(text):
            found = pattern.search(text)
            if found is not None and (best is None or found.start() < best.start()):
                best = found
        return best

    def first(self, text: str) -> re.Match[str] | None:
        """The match of the first cue, in list order, that matches anywhere."""
        for pattern in self._possible(text):
            found = pattern.search(text)
            if found is not None:
                return found
        return None

    def found_in(self, text: str) -> bool:
        """Does any cue match ``text``?"""
        return self.first(text) is not None


class WordMap:
    """What the cues of a list tell (the incident kinds each names, say), read off the words a text holds
    without searching any cue: each word is tested once however many cues need it, and a word holding a
    shorter one of the list ("mắc tệ nạn xã hội", "tệ nạn xã hội") only when that one is in the text, so
    most texts, which hold few, cost one substring test per shortest word. The answer is what the cues a
    text may match (``CueList.possible``) tell together."""

    def __init__(self, cues: CueList, meaning: Callable[[re.Pattern[str]], Iterable[str]]) -> None:
        self._cues = cues
        self._meanings = {id(pattern): frozenset(meaning(pattern)) for pattern in cues}
        self._plan: tuple[tuple[str, frozenset[str], tuple[tuple[str, frozenset[str]], ...]], ...] | None = (
            None
        )
        if cues._pairs is None:
            return  # a cue that keeps case: read through the list
        told: dict[str, frozenset[str]] = {}
        for pattern, word in cues._pairs:
            told[word] = told.get(word, frozenset()) | self._meanings[id(pattern)]
        shortest = [word for word in told if not any(other != word and other in word for other in told)]
        holders: dict[str, list[tuple[str, frozenset[str]]]] = {word: [] for word in shortest}
        for word, meanings in told.items():
            if (
                word not in holders
            ):  # it holds a shortest word: tested only when the longest one it holds is there
                holders[max((short for short in shortest if short in word), key=len)].append((word, meanings))
        self._plan = tuple((word, told[word], tuple(holders[word])) for word in shortest)

    def found_in(self, text: str) -> frozenset[str]:
        """What the cues whose words ``text`` holds tell."""
        if self._plan is None:
            return frozenset(
                value for pattern in self._cues.possible(text) for value in self._meanings[id(pattern)]
            )
        folded = fold(text)
        found: set[str] = set()
        for word, meanings, longer in self._plan:
            if word in folded:
                found |= meanings
                for other, more in longer:
                    if other in folded:
                        found |= more
        return frozenset(found)


def _spaces_for(found: re.Match[str]) -> str:
    return " " * len(found.group(0))


@lru_cache(maxsize=64)
def _alone(pattern: re.Pattern[str]) -> CueList:
    return CueList([pattern])


def may_match(pattern: re.Pattern[str], text: str) -> bool:
    """Does ``text`` hold the words ``pattern`` needs? (False: it does not match; True: it may.)"""
    return _alone(pattern).may_match(text)


def as_cues(patterns: Iterable[re.Pattern[str]]) -> CueList:
    """``patterns`` as a :class:`CueList` (the catalogue's own lists already are one)."""
    return patterns if isinstance(patterns, CueList) else CueList(patterns)


def first_words(patterns: Iterable[re.Pattern[str]], text: str) -> str | None:
    """The words of the first cue, in list order, found in ``text`` (a cue list searches only with the
    cues whose words the text holds). Not remembered: nine in ten of these questions are new in their
    document (measured on the development texts), and remembering them cost more than the repeats."""
    found = as_cues(patterns).first(text)
    return found.group(0) if found else None


def cue_list(patterns: Iterable[str] | None, flags: int = re.IGNORECASE) -> CueList:
    """Compile ``patterns`` (data from ``corpora/``) into a :class:`CueList`."""
    return CueList(re.compile(pattern, flags) for pattern in patterns or ())


# Patterns read against the text before or after a position ("đạt 91,6%": is the share restating the one
# before it?). Searching ``text[:position]`` for each position would read a long line once per share; a
# pattern anchored at that end ("…\s*$", "^\s*…") reaches only a bounded way back, past the run of
# spaces, so the search starts there and gives the same answer.

_PLAIN: frozenset[Any] = frozenset()  # parsed items that only consume characters
_REPEATS: frozenset[Any] = frozenset()
if _parser is not None:
    _PLAIN = frozenset(
        {_constants.LITERAL, _constants.NOT_LITERAL, _constants.IN, _constants.ANY, _constants.BRANCH}
    )
    _REPEATS = frozenset({_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT})


def _plain(items: Any) -> bool:
    """Does the parsed sequence only consume characters (no anchors, look-arounds, group references)?"""
    for op, value in items:
        if op is _constants.BRANCH:
            if not all(_plain(branch) for branch in value[1]):
                return False
        elif op is _constants.SUBPATTERN:
            if value[1] or value[2] or not _plain(value[3]):
                return False
        elif op in _REPEATS:
            if not _plain(value[2]):
                return False
        elif op not in _PLAIN:
            return False
    return True


def _spaces(item: Any) -> bool:
    """Is the parsed item ``\\s*`` (any run of white space, none included)?"""
    op, value = item
    return (
        op in _REPEATS
        and value[0] == 0
        and value[1] == _constants.MAXREPEAT
        and list(value[2]) == [(_constants.IN, [(_constants.CATEGORY, _constants.CATEGORY_SPACE)])]
    )


@lru_cache(maxsize=64)
def _reach(pattern: re.Pattern[str], anchor: Any) -> tuple[int, bool] | None:
    """``(width, spaces)`` when ``pattern`` is ``core`` then ``anchor`` at its end (``$``), or ``anchor`` then
    ``core`` (``^``), with ``\\s*`` between when ``spaces``, and ``core`` consumes at most ``width``
    characters; None for any other pattern."""
    if _parser is None or pattern.flags & (re.MULTILINE | re.VERBOSE):
        return None
    items = list(_parser.parse(pattern.pattern, pattern.flags).data)
    at_end = anchor is _constants.AT_END
    edge = -1 if at_end else 0
    if not items or items[edge] != (_constants.AT, anchor):
        return None
    items = items[:-1] if at_end else items[1:]
    spaces = bool(items) and _spaces(items[edge])
    if spaces:
        items = items[:-1] if at_end else items[1:]
    if not _plain(items):
        return None
    sub = _parser.SubPattern(_parser.State(), items)
    width = sub.getwidth()[1]
    return (width, spaces) if width < _constants.MAXREPEAT else None


def found_before(pattern: re.Pattern[str], text: str, position: int) -> bool:
    """``bool(pattern.search(text[:position]))``, reading only what an end-anchored pattern can reach."""
    reach = _reach(pattern, _constants.AT_END) if _parser is not None else None
    if reach is None:
        return pattern.search(text, 0, position) is not None
    width, spaces = reach
    edge = position - 1  # "$" also matches before a last newline
    if spaces:
        edge = position
        while edge > 0 and text[edge - 1].isspace():  # the core ends inside or after this run
            edge -= 1
    return pattern.search(text, max(0, edge - width), position) is not None


def found_after(pattern: re.Pattern[str], text: str, position: int) -> bool:
    """``bool(pattern.search(text[position:]))``, copying only what a start-anchored pattern can reach."""
    reach = _reach(pattern, _constants.AT_BEGINNING) if _parser is not None else None
    if reach is None:
        return pattern.search(text[position:]) is not None
    width, spaces = reach
    edge = position
    if spaces:
        while edge < len(text) and text[edge].isspace():  # the core starts inside or after this run
            edge += 1
    return pattern.search(text[position : edge + width + 1]) is not None
