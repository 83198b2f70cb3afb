"""Is this text Vietnamese? Diacritics, syllable spelling and common words decide.

Lenient with short texts (a title page, a one-line note): only a text with enough words and
almost no Vietnamese in it is refused with :class:`~extractor.errors.NotVietnameseError`.
"""

from __future__ import annotations

import re
from functools import cache

import corpora
from extractor.errors import NotVietnameseError
from extractor.ingest.legacy import is_syllable

_WORD = re.compile(r"[^\W\d_]+")
_VIETNAMESE_ONLY = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯĩĨũŨ\u1ea0-\u1ef9àáãèéìíòóõùúýÀÁÃÈÉÌÍÒÓÕÙÚÝ]")
SAMPLE_WORDS = 3000
MIN_WORDS = 30  # below this, accept unless there is no sign of Vietnamese at all


@cache
def _stop_words() -> frozenset[str]:
    return frozenset(corpora.load_json("encodings", "vietnamese.json")["stop_words"])


def vietnamese_scores(text: str) -> dict[str, float]:
    """Share of words with Vietnamese letters, spelled as syllables, and common function words."""
    words = _WORD.findall(text)[:SAMPLE_WORDS]
    if not words:
        return {"words": 0, "diacritic": 0.0, "syllable": 0.0, "stop": 0.0}
    lowered = [w.lower() for w in words]
    stops = _stop_words()
    return {
        "words": len(words),
        "diacritic": sum(1 for w in words if _VIETNAMESE_ONLY.search(w)) / len(words),
        "syllable": sum(1 for w in words if is_syllable(w)) / len(words),
        "stop": sum(1 for w in lowered if w in stops) / len(words),
    }


def is_vietnamese(text: str) -> bool:
    scores = vietnamese_scores(text)
    if scores["words"] == 0:
        return True  # nothing to judge (numbers only); emptiness is checked elsewhere
    if scores["words"] < MIN_WORDS:
        return scores["diacritic"] > 0 or scores["stop"] > 0 or scores["syllable"] >= 0.7
    if scores["diacritic"] >= 0.15:
        return True
    # Vietnamese typed without diacritics still spells syllables and uses the common words.
    return scores["syllable"] >= 0.85 and scores["stop"] >= 0.1


def ensure_vietnamese(text: str, source: str | None = None) -> None:
    if not is_vietnamese(text):
        scores = vietnamese_scores(text)
        raise NotVietnameseError(
            f"{scores['diacritic']:.0%} of words carry Vietnamese letters, "
            f"{scores['syllable']:.0%} are Vietnamese syllables", source=source)
