"""What the criteria rules remember within one document: each answer on a string, computed once.

A document's sentence is read for several criteria, families and clauses; the pure rules (status cues, clause
cues, lowering) ask the same questions of it each time. Inside :func:`one_document` their answers are kept
(``remembered``, ``searched``, ``lowercase``, ``earliest``) and forgotten when the block ends; outside one, as
in the tests, every call computes afresh.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from extractor.criteria.cues import as_cues

# Answers of the pure rules on one document's strings (``one_document``); None outside a document. A context
# variable, so that documents read at the same time in other threads keep their own memory.
_memo: ContextVar[dict[tuple[Any, ...], Any] | None] = ContextVar("minhchung_rules_memo", default=None)
_MISSING = object()


@contextmanager
def one_document() -> Iterator[None]:
    """Within the block the rules remember their answers on each string: a document's sentence is read for
    several criteria and families, its cues need finding once. The memory ends with the block (it grows
    with the document, and a rule read outside a document, as in the tests, is never served a stale answer)."""
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def remembered(name: str, work: Callable[..., Any], *key: Any) -> Any:
    """``work(*key)``, computed once per document for the same ``key`` (a plain call outside a document)."""
    memo = _memo.get()
    if memo is None:
        return work(*key)
    full = (name, *key)
    found = memo.get(full, _MISSING)  # most questions are new: no exception raised for them
    if found is _MISSING:
        found = memo[full] = work(*key)
    return found


def lowercase(text: str) -> str:
    """``text.lower()``, once per document and string: a sentence is lowered for every clause, family and
    criterion it is read for, and lowering Vietnamese costs more than remembering it."""
    return remembered("lowered", str.lower, text)  # type: ignore[no-any-return]


def searched(name: str, patterns: Any, text: str, work: Callable[[Any, str], Any]) -> Any:
    """``work(patterns, text)`` once per document for the same pattern list and text. The list is known by
    its identity and kept alive with the answer, so that no other list can take its identity meanwhile."""
    memo = _memo.get()
    if memo is None:
        return work(patterns, text)
    key = (name, id(patterns), text)
    kept = memo.get(key)
    if kept is not None:
        return kept[1]
    found = work(patterns, text)
    memo[key] = (patterns, found)
    return found


def earliest(patterns: tuple[re.Pattern[str], ...], text: str) -> re.Match[str] | None:
    """The earliest match of any of ``patterns`` (the first listed on a tie), once per document and text."""
    return searched("earliest", patterns, text, _earliest)  # type: ignore[no-any-return]


def _earliest(patterns: tuple[re.Pattern[str], ...], text: str) -> re.Match[str] | None:
    return as_cues(patterns).earliest(text)
