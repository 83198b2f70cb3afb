"""The n-gram analyzers of the criterion classifier's TF-IDF features: lower-cased syllable 1–2-grams and
character n-grams inside words, the same n-grams as scikit-learn's analyzers with the settings below (training
builds its vectorizers from these settings, prediction analyses text with these functions)."""

from __future__ import annotations

import re

SYLLABLE_PATTERN = r"(?u)\b\w+\b"
SYLLABLE_NGRAMS = (1, 2)
CHAR_NGRAMS = (3, 3)
_SYLLABLE = re.compile(SYLLABLE_PATTERN)


def syllable_ngrams(text: str) -> list[str]:
    """Lower-cased syllables and syllable bigrams ("an", "ninh", "an ninh") — scikit-learn's word analyzer
    with ``token_pattern=SYLLABLE_PATTERN, ngram_range=SYLLABLE_NGRAMS``. Vietnamese writes one syllable per
    space-separated token, so bigrams cover most two-syllable words without a segmenter."""
    tokens = _SYLLABLE.findall(text.lower())
    return tokens + list(map(" ".join, zip(tokens, tokens[1:], strict=False)))


def char_ngrams(text: str) -> list[str]:
    """Lower-cased character n-grams (``CHAR_NGRAMS``) inside space-padded words — scikit-learn's ``char_wb``
    analyzer."""
    low, high = CHAR_NGRAMS
    grams: list[str] = []
    for word in text.lower().split():
        padded = f" {word} "
        length = len(padded)
        for size in range(low, min(high, length) + 1):
            grams += [padded[i : i + size] for i in range(length - size + 1)]
    return grams
