"""The TF-IDF blocks of the criterion classifier's features, computed for a batch of texts at once: a fitted
vectorizer as a vocabulary and IDF weights (:class:`TfidfBlock`), the batch's words split once
(:class:`Words`), each distinct word analysed once and remembered (its character n-grams' columns, its syllables' ids), and the
n-grams of all texts counted at once (:func:`distinct`)."""

from __future__ import annotations

import re
from array import array
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from itertools import compress, repeat
from operator import is_, is_not
from typing import TypeGuard, cast

import numpy as np

from extractor.criteria.ngrams import char_ngrams, syllable_ngrams

# the same syllables as SYLLABLE_PATTERN (a maximal run of word characters has \b at both ends; sre finds
# it faster without the \b tests)
_SYLLABLE_RUN = re.compile(r"\w+")
WORD_CACHE = 100_000


# a vocabulary column (0 included), not a miss; a C callable, so that filter() stays in C
_known: Callable[[int | None], TypeGuard[int]] = partial(is_not, None)  # type: ignore[assignment]


@dataclass(frozen=True)
class Words:
    """The whitespace-separated words of a batch of lower-cased texts, in order, and the text (row) of each:
    split once per call and shared by the blocks (character n-grams never cross a word; syllables never
    cross one either, as no whitespace character is a word character)."""

    words: list[str]
    rows: np.ndarray  # the row of each word
    texts: int

    @classmethod
    def of(cls, lowered: list[str]) -> Words:
        """The words of all texts by one split of the texts joined by a space (a space adds no word and ends
        the word before it), each text's count from its own split: no list per text is kept alive, which would
        set off the garbage collector's full passes inside this call on a long document."""
        counts = np.fromiter(map(len, map(str.split, lowered)), dtype=np.int64, count=len(lowered))
        return cls(" ".join(lowered).split(), np.repeat(np.arange(len(lowered)), counts), len(lowered))


@dataclass(frozen=True)
class _SyllableIndex:
    """The syllable vocabulary as arrays: every syllable of a term gets an id (an unknown syllable the id
    ``unknown``), a unigram's column is ``unigram_columns[id]`` and a bigram's is found by a binary search of
    its id pair (``first × (unknown + 1) + second``) in ``bigram_keys`` — so that a batch's bigrams are looked
    up by one ``np.searchsorted``, not one dictionary look-up (and one new tuple) each."""

    ids: dict[str, int]
    unknown: int
    unigram_columns: np.ndarray  # id → column, -1 for a syllable that is not a unigram of the vocabulary
    bigram_keys: np.ndarray  # ascending
    bigram_columns: np.ndarray  # the column of each key

    @classmethod
    def of(cls, vocabulary: dict[str, int]) -> _SyllableIndex:
        ids: dict[str, int] = {}
        for term in vocabulary:
            for syllable in term.split(" "):
                ids.setdefault(syllable, len(ids))
        unknown = len(ids)
        unigram_columns = np.full(unknown + 1, -1, dtype=np.int64)
        keys: list[int] = []
        columns: list[int] = []
        for term, column in vocabulary.items():
            parts = term.split(" ")
            if len(parts) == 1:
                unigram_columns[ids[term]] = column
            else:
                first, second = parts
                keys.append(ids[first] * (unknown + 1) + ids[second])
                columns.append(column)
        order = np.argsort(np.asarray(keys, dtype=np.int64), kind="stable")
        return cls(
            ids,
            unknown,
            unigram_columns,
            np.asarray(keys, dtype=np.int64)[order],
            np.asarray(columns, dtype=np.int64)[order],
        )


@dataclass
class TfidfBlock:
    """One fitted TF-IDF vectorizer as a vocabulary and its IDF weights (sublinear tf, l2 rows).

    Neither kind of n-gram's unit crosses a whitespace-separated word, so each distinct word is analysed once
    and the result kept (at most ``WORD_CACHE`` words): a document repeats its few thousand syllables. For
    character n-grams that is the word's vocabulary columns (``word_columns``); for syllables, the ids of its
    syllables (``word_syllables``), whose unigrams and bigrams (which do cross words) are then looked up for
    the whole batch at once (``_SyllableIndex``).
    """

    analyzer: str  # "syllables" | "chars"
    vocabulary: dict[str, int]
    idf: np.ndarray
    weight: float = 1.0
    word_columns: dict[str, bytes] = field(default_factory=dict, repr=False, compare=False)
    word_syllables: dict[str, bytes] = field(default_factory=dict, repr=False, compare=False)
    _index: list[_SyllableIndex] = field(default_factory=list, repr=False, compare=False)

    def analyze(self, text: str) -> list[str]:
        return syllable_ngrams(text) if self.analyzer == "syllables" else char_ngrams(text)

    def counts(self, text: str) -> tuple[list[int], list[int]]:
        """Column indices and raw counts of the vocabulary's n-grams in ``text`` (text by text, in the
        analyzer's order: the reference the batch path, :meth:`entries`, is tested against)."""
        # distinct n-grams have distinct columns: counting the columns keeps the n-grams' first-seen order
        counted = Counter(filter(_known, map(self.vocabulary.get, self.analyze(text))))
        return list(counted), list(counted.values())

    def forget_words(self) -> None:
        """Empty the per-word caches."""
        self.word_columns.clear()
        self.word_syllables.clear()

    def _word_columns(self, word: str) -> bytes:
        """The vocabulary columns of a word's character n-grams as int64 bytes (kept in ``word_columns``):
        bytes, so that a batch's columns are one ``b"".join`` read by ``np.frombuffer``."""
        cache = self.word_columns
        if len(cache) >= WORD_CACHE:
            cache.clear()
        columns = list(filter(_known, map(self.vocabulary.get, char_ngrams(word))))
        found = cache[word] = array("q", columns).tobytes()  # int64
        return found

    def _syllable_index(self) -> _SyllableIndex:
        if not self._index:
            self._index.append(_SyllableIndex.of(self.vocabulary))
        return self._index[0]

    def _word_syllables(self, word: str) -> bytes:
        """The ids (``_SyllableIndex``) of a word's syllables as int64 bytes (kept in ``word_syllables``)."""
        cache = self.word_syllables
        if len(cache) >= WORD_CACHE:
            cache.clear()
        index = self._syllable_index()
        ids = [index.ids.get(syllable, index.unknown) for syllable in _SYLLABLE_RUN.findall(word)]
        found = cache[word] = array("q", ids).tobytes()  # int64
        return found

    @staticmethod
    def _per_word(words: list[str], cache: dict[str, bytes], analyse: Callable[[str], bytes]) -> list[bytes]:
        """Each word's cached bytes (one C-level look-up per word), the missing ones made by ``analyse`` once per
        distinct word (a document's new words recur in it: 50 pages of unseen text hold 2,045 distinct new
        words at 21,397 places), then every word looked up again in C. Python loops only over the distinct
        new words, not over every place."""
        cached = list(map(cache.get, words))
        if None not in cached:
            return cast(list[bytes], cached)
        new = {word: analyse(word) for word in dict.fromkeys(compress(words, map(is_, cached, repeat(None))))}
        found = list(map(cache.get, words))
        if None in found:  # the cache was emptied while the new words were analysed (it is bounded)
            found = [
                known if known is not None else new[word] for word, known in zip(words, cached, strict=True)
            ]
        return cast(list[bytes], found)

    def _syllable_occurrences(self, batch: Words) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`occurrences` of the syllable block: the syllable ids of all words (cached per word) in one
        array, then every unigram's column by one gather and every bigram's by one binary search; a bigram
        joins two syllables of the same text (across words, not across texts)."""
        index = self._syllable_index()
        found = self._per_word(batch.words, self.word_syllables, self._word_syllables)
        ids = np.frombuffer(b"".join(found), dtype=np.int64)
        lengths = np.fromiter(map(len, found), dtype=np.int64, count=len(found)) // 8  # 8 bytes an id
        token_rows = np.repeat(batch.rows, lengths)
        unigrams = index.unigram_columns[ids]
        keys = ids[:-1] * (index.unknown + 1) + ids[1:]
        places = np.minimum(np.searchsorted(index.bigram_keys, keys), max(len(index.bigram_keys) - 1, 0))
        bigrams = np.full(len(keys), -1, dtype=np.int64)
        if len(index.bigram_keys):
            paired = (index.bigram_keys[places] == keys) & (token_rows[:-1] == token_rows[1:])
            bigrams[paired] = index.bigram_columns[places[paired]]
        rows = np.concatenate([token_rows, token_rows[:-1]])
        columns = np.concatenate([unigrams, bigrams])
        known = np.flatnonzero(columns >= 0)
        return rows[known], columns[known]

    def _char_occurrences(self, batch: Words) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`occurrences` of the character block: the columns of all words (cached per word) in one
        array."""
        found = self._per_word(batch.words, self.word_columns, self._word_columns)
        columns = np.frombuffer(b"".join(found), dtype=np.int64)
        lengths = np.fromiter(map(len, found), dtype=np.int64, count=len(found)) // 8  # 8 bytes a column
        return np.repeat(batch.rows, lengths), columns

    def occurrences(self, lowered: list[str] | Words) -> tuple[np.ndarray, np.ndarray]:
        """(row, column) of every vocabulary n-gram of each lower-cased text, repeats included: a text's
        n-grams in its analyzer's order (for syllables, all texts' unigrams come before all bigrams, which
        keeps each text's unigrams before its bigrams). The n-grams of all texts are looked up in one pass."""
        batch = lowered if isinstance(lowered, Words) else Words.of(lowered)
        if self.analyzer == "chars":
            return self._char_occurrences(batch)
        return self._syllable_occurrences(batch)

    def entries(self, lowered: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(row, column, count) of every distinct vocabulary n-gram of each lower-cased text — rows ascending,
        a row's columns in first-seen order, as :meth:`counts` gives them text by text."""
        return distinct(*self.occurrences(lowered), len(self.vocabulary))


def distinct(rows: np.ndarray, columns: np.ndarray, width: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row, column, count) of the distinct (row, column) pairs of an occurrence stream (columns below
    ``width``): rows ascending, a row's columns in the order the stream first shows them — what a
    ``Counter`` per row gives, for all rows at once.

    The pairs are grouped by a stable sort on (row, column): with rows and columns below 2¹⁶ (every model and
    document so far), two stable ``uint16`` argsorts — numpy sorts 16-bit integers by radix, in linear time —
    and otherwise one ``np.unique`` of ``row × width + column``."""
    if not len(rows) or width > 1 << 16 or int(rows.max()) >= 1 << 16:
        keys, first, counted = np.unique(rows * width + columns, return_index=True, return_counts=True)
        order = np.lexsort((first, keys // width))
        keys = keys[order]
        return keys // width, keys % width, counted[order]
    short_rows, short_columns = rows.astype(np.uint16), columns.astype(np.uint16)
    by_column = np.argsort(short_columns, kind="stable")
    order = by_column[np.argsort(short_rows[by_column], kind="stable")]  # by (row, column), stable
    sorted_rows, sorted_columns = short_rows[order], short_columns[order]
    starts_group = np.empty(len(order), dtype=bool)
    starts_group[0] = True
    np.logical_or(
        sorted_rows[1:] != sorted_rows[:-1], sorted_columns[1:] != sorted_columns[:-1], out=starts_group[1:]
    )
    starts = np.flatnonzero(starts_group)
    counted = np.diff(np.append(starts, len(order)))
    group_of = np.empty(len(order), dtype=np.int64)  # stream place → its pair's group
    group_of[order] = np.cumsum(starts_group) - 1
    first_seen = np.zeros(len(order), dtype=bool)
    first_seen[order[starts]] = True  # the stable sort puts a pair's first place first in its group
    places = np.flatnonzero(first_seen)  # in stream order; then by row, stably
    places = places[np.argsort(short_rows[places], kind="stable")]
    return rows[places], columns[places], counted[group_of[places]]
