"""What underthesea's word segmentation makes of the start of a window, known without running it.

Asking underthesea (``word_tokenize``, then its POS tagger) is most of the count finder's cost on unseen
text, and many answers do not depend on what it says: a window whose first character is a capital or a
sign cannot open a lower-case noun phrase, whatever the segmentation. These facts come from underthesea's
own tokenizer (``underthesea.pipeline.word_tokenize.regex_tokenize``):

- it normalises the window (NFC, "ð" → "đ") and then each short token (a table of old tone placements):
  neither changes whether a character is a capital, a small letter, a letter at all;
- its first token starts at the window's first character that is not whitespace;
- a run of letters followed by a blank, a comma or the end is one token (every pattern that could read
  further needs a ".", "'", "-", "@", ":" or a digit right after the letters);
- a word is one or more consecutive tokens joined by " ": the first word starts with the first token,
  and no word ends with whitespace;
- a comma is a token of its own and nothing it normalises becomes one.

``tests/find/test_first_words.py`` checks that the callers give the answers they give after asking
underthesea, after every number of the gold texts.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extractor.find.counts.word_models import kept_as_written

#: A run of letters at the start of a window, followed by a blank, a comma or the window's end.
_LEADING_LETTERS_RE = re.compile(r"[^\W\d_]+(?=[ \t,]|\Z)")


@lru_cache(maxsize=4096)
def _kept(letters: str) -> bool:
    """Whether underthesea's normalisation leaves ``letters`` as written (its own functions say)."""
    return kept_as_written(letters)


def first_token(window: str) -> str | None:
    """The first token underthesea reads in ``window``, when it is a run of letters kept as written
    (``None`` when that cannot be told without running the tokenizer)."""
    found = _LEADING_LETTERS_RE.match(window)
    if found is None or not found.group().isalpha() or not _kept(found.group()):
        return None
    return found.group()


def first_character(window: str) -> str | None:
    """The character the first word of ``window`` starts with, as far as being a capital, a small letter or
    a letter at all goes (``None`` when the window opens with whitespace: the first word starts further on,
    and the caller asks underthesea as before)."""
    if not window or window[0].isspace():
        return None
    return window[0]
