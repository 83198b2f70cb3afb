"""Part-of-speech tags of a short window of words, exactly as underthesea's ``pos_tag`` gives them, at
about half its cost.

underthesea segments the window into words (``word_tokenize``) and tags them with a CRF model whose
features are strings built from templates: ``T[-1].lower=xã``, ``T[0,1]=biên giới``, ``T[-2][1]=X``.
Its feature builder parses every template again for every word (a regular expression per template and
word: about two thirds of a call). Here the model's own templates are parsed once, and each word's
features are built with plain string operations. The segmentation, the templates and the model are
underthesea's; :func:`features` must give exactly the strings underthesea's builder gives, which
``tests/find/test_pos_tags.py`` checks against ``underthesea.pos_tag`` on the gold texts' windows.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from extractor.find.counts.word_models import POS_TEMPLATES, pos_model, word_tokenize

#: A template: ``T[row]`` or ``T[first,last]`` (rows relative to the word), an optional ``[column]``
#: (0: the word, 1: the tag column, always "X" when tagging) and an optional ``.function``.
_TEMPLATE = re.compile(
    r"""T\[ (?P<first>-?\d+) (?:,(?P<last>-?\d+))? \]
        (?:\[(?P<column>\d+)\])?
        (?:\.(?P<function>\w+))?$""",
    re.VERBOSE,
)
#: What the tagger puts in the second column of every word it tags.
UNKNOWN_TAG = "X"


def _title(word: str) -> str:
    """underthesea's ``istitle``: every space-separated syllable starts with a capital ("True"/"False")."""
    if not word:
        return "False"
    try:
        return str(all(part[0].istitle() for part in word.split(" ")))
    except IndexError:  # an empty syllable (two spaces): underthesea answers False
        return "False"


_FUNCTIONS: dict[str | None, Callable[[str], str]] = {
    None: lambda word: word,
    "lower": str.lower,
    "istitle": _title,
    "isdigit": lambda word: str(word.isdigit()),
}


@dataclass(frozen=True)
class Template:
    """One parsed feature template of the model."""

    name: str
    first: int
    last: int | None
    column: int
    function: Callable[[str], str]

    def feature(self, columns: Sequence[Sequence[str]], index: int) -> str:
        """The feature string of the word at ``index`` (``BOS``/``EOS`` past the window's ends)."""
        length = len(columns[0])
        start = index + self.first
        if start < 0:
            return f"{self.name}=BOS"
        if start >= length:
            return f"{self.name}=EOS"
        if self.last is None:
            value = columns[self.column][start]
        else:
            stop = index + self.last
            if stop >= length:
                return f"{self.name}=EOS"
            value = " ".join(columns[self.column][start : stop + 1])
        return f"{self.name}={self.function(value)}"


def parse(template: str) -> Template:
    """A template string of the model, parsed once."""
    found = _TEMPLATE.match(template)
    if found is None or found.group("function") not in _FUNCTIONS:
        raise ValueError(f"unknown POS feature template {template!r}")
    last = found.group("last")
    return Template(
        name=template,
        first=int(found.group("first")),
        last=int(last) if last is not None else None,
        column=int(found.group("column") or 0),
        function=_FUNCTIONS[found.group("function")],
    )


def features(words: Sequence[str], templates: Sequence[Template]) -> list[list[str]]:
    """Every word's feature strings, in the model's template order."""
    columns = (list(words), [UNKNOWN_TAG] * len(words))
    return [[template.feature(columns, index) for template in templates] for index in range(len(words))]


@cache
def _model() -> tuple[Any, tuple[Template, ...]]:
    """underthesea's POS model (loaded once) and its templates, parsed."""
    return pos_model(), tuple(parse(template) for template in POS_TEMPLATES)


def pos_tag(window: str) -> list[tuple[str, str]]:
    """underthesea's ``pos_tag(window)``: its words and their tags."""
    words = word_tokenize(window)
    if not words:
        return []
    model, templates = _model()
    return list(zip(words, model.tag(features(words, templates)), strict=True))
