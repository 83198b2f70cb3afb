"""Is this text Vietnamese? Diacritics, syllable spelling and common words decide.

Lenient with short texts (a title page, a one-line note): only a text with enough words and
almost no Vietnamese in it is refused with :class:`~extractor.errors.NotVietnameseError`. Vietnamese
typed without diacritics is accepted (:func:`typed_without_diacritics`; ingestion flags it).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from functools import cache

import corpora
from extractor.errors import NotVietnameseError
from extractor.ingest.diacritics import strip_diacritics
from extractor.ingest.legacy import is_syllable

__all__ = ["ensure_vietnamese", "is_vietnamese", "strip_diacritics", "typed_without_diacritics"]

_WORD = re.compile(r"[^\W\d_]+")
_VIETNAMESE_ONLY = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯĩĨũŨ\u1ea0-\u1ef9àáãèéìíòóõùúýÀÁÃÈÉÌÍÒÓÕÙÚÝ]")
SAMPLE_WORDS = 3000
MIN_WORDS = 30  # below this, accept unless there is no sign of Vietnamese at all
MIN_DIACRITIC = 0.15  # a text with this share of words carrying Vietnamese letters is Vietnamese
MAX_BARE_DIACRITIC = 0.02  # text typed without diacritics: below this share of words with Vietnamese letters
MIN_BARE_SYLLABLES = 0.75  # text without diacritics: share of words spelled as syllables …
MIN_BARE_STOP = 0.15  # … and of common function words (seeds stripped of marks: 0.82–0.88 and 0.25–0.31;
#                       English 0.27 and 0.0, French 0.26 and 0.11)


# a word (a run of :data:`_WORD`'s letters) that carries a Vietnamese letter, matched from its first Vietnamese
# letter to its end: one match per such word, found by the fast scan for a character of a set
_MARKED_WORD = re.compile(rf"{_VIETNAMESE_ONLY.pattern}[^\W\d_]*")


def _surely_marked(text: str, share: float) -> bool:
    """True when more than ``share`` of the words of :func:`sample_words` surely carry a Vietnamese letter,
    so the diacritic share of :class:`_Scores` is above ``share`` without counting the sample. The marked
    words are counted from the start, a piece at a time (each piece ends at a space, so no word is split),
    until there are enough: more than ``share`` × :data:`SAMPLE_WORDS` of them is enough whatever the
    sample's size (it has at most that many words). Only the first 2 × :data:`SAMPLE_WORDS` characters are
    read: a word starting at offset ``s`` has at most ``s / 2`` words before it, so each is one of the
    sample's. False means "not sure", not "no"."""
    needed = int(share * SAMPLE_WORDS) + 1
    if len(text) < 6 * needed:  # too short to hold enough words at 4 characters each, and ~70 % marked
        return False
    stop = min(len(text), 2 * SAMPLE_WORDS)
    found = start = 0
    while start < stop:
        end = min(stop, start + 8 * (needed - found))  # about 4 characters a word, half of them marked
        if end < stop:
            space = text.find(" ", end, stop)
            end = stop if space < 0 else space
        found += len(_MARKED_WORD.findall(text, start, end))
        if found >= needed:
            return True
        start = end
    return False


@cache
def _stop_words() -> frozenset[str]:
    """The common function words, with and without their diacritics ("được" and "duoc")."""
    words = corpora.load_json("encodings", "vietnamese.json")["stop_words"]
    return frozenset(words) | frozenset(strip_diacritics(w) for w in words)


def sample_words(text: str, count: int = SAMPLE_WORDS) -> list[str]:
    """The first ``count`` words of ``text``. Read from a prefix that doubles until it holds one word
    more than asked (so the last kept word is whole): the cost follows the sample, not the document."""
    limit = 8 * count  # Vietnamese words average under 5 characters with their space: usually one pass
    while True:
        words = _WORD.findall(text[:limit])
        if len(words) > count or limit >= len(text):
            return words[:count]
        limit *= 2


class _Scores(Mapping[str, float]):
    """:func:`vietnamese_scores` computed on demand: each share is counted the first time it is read,
    each distinct word judged once and weighted by how often it occurs (a text repeats its words).
    A text with Vietnamese letters is judged on its diacritic share alone."""

    _TESTS: dict[str, Callable[[str], object]] = {
        "diacritic": _VIETNAMESE_ONLY.search,
        "syllable": is_syllable,
        "stop": lambda word: word.lower() in _stop_words(),
    }

    def __init__(self, text: str) -> None:
        words = sample_words(text)
        self._counts = Counter(words)
        self._values: dict[str, float] = {"words": len(words)}

    def __getitem__(self, key: str) -> float:
        if key not in self._values:
            test, total = self._TESTS[key], self._values["words"]
            hits = sum(times for word, times in self._counts.items() if test(word))
            self._values[key] = hits / total if total else 0.0
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(("words", *self._TESTS))

    def __len__(self) -> int:
        return 1 + len(self._TESTS)


def vietnamese_scores(text: str) -> dict[str, float]:
    """Share of words with Vietnamese letters, spelled as syllables, and common function words."""
    return dict(_Scores(text))


def is_vietnamese(text: str) -> bool:
    if _surely_marked(text, MIN_DIACRITIC):  # the usual text, told from its first few hundred words
        return True
    scores = _Scores(text)
    if scores["words"] == 0:
        return True  # nothing to judge (numbers only); emptiness is checked elsewhere
    if scores["words"] < MIN_WORDS:
        return scores["diacritic"] > 0 or scores["stop"] > 0 or scores["syllable"] >= 0.7
    if scores["diacritic"] >= MIN_DIACRITIC:
        return True
    return typed_without_diacritics(text, scores)


def typed_without_diacritics(text: str, scores: Mapping[str, float] | None = None) -> bool:
    """Vietnamese typed without its marks ("Thuc hien Thong tu so 124/2021/TT-BCA"): almost no word
    carries a Vietnamese letter, yet the words are spelled as syllables and the common function
    words ("cua", "duoc", "va") are frequent. Accepted (flagged by ingestion), never refused."""
    if scores is None and _surely_marked(text, MAX_BARE_DIACRITIC):  # the usual text: cheaply told
        return False
    scores = scores or _Scores(text)
    if scores["words"] < MIN_WORDS or scores["diacritic"] >= MAX_BARE_DIACRITIC:
        return False
    return scores["syllable"] >= MIN_BARE_SYLLABLES and scores["stop"] >= MIN_BARE_STOP


def ensure_vietnamese(text: str, source: str | None = None) -> None:
    if not is_vietnamese(text):
        scores = vietnamese_scores(text)
        raise NotVietnameseError(
            f"{scores['diacritic']:.0%} of words carry Vietnamese letters, "
            f"{scores['syllable']:.0%} are Vietnamese syllables",
            source=source,
        )
