"""Choosing among overlapping spans, in one place (what ``spacy.util.filter_spans`` does for Spans).

- :func:`longest_first`: the longest span wins, then the next longest that overlaps none chosen
  (dates, legal references; ``filter_spans``' rule), linear after the sort;
- :func:`drop_contained`: a span inside the previous kept one goes (two zero-claim triggers on one list);
- :func:`drop_overlapping`: reading order, a span overlapping the previous kept one goes unless
  ``keep`` says otherwise (criterion claims);
- :func:`first_overlap`: the span of a sorted list that overlaps a given one (counts skip the
  spans legal references and dates took);
- :class:`Coverage`: whether any of many spans covers a position (a criterion mentioned outside
  every claim), by one bisection.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar


class _Span(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


S = TypeVar("S", bound=_Span)


class Occupancy:
    """Which characters chosen spans already cover; ``probes`` counts the characters examined, so a
    test can check that selection is linear in the candidates' total length."""

    def __init__(self, size: int) -> None:
        self.covered = bytearray(size)
        self.probes = 0

    def free(self, start: int, end: int) -> bool:
        """Whether no chosen span covers a character of ``[start, end)``."""
        self.probes += end - start
        return self.covered.find(1, start, end) < 0

    def take(self, start: int, end: int) -> None:
        """Mark ``[start, end)`` as covered."""
        self.covered[start:end] = b"\x01" * (end - start)


def _by_length(item: _Span) -> tuple[Any, ...]:
    return (-(item.end - item.start), item.start)


def longest_first(
    items: Sequence[S],
    *,
    rank: Callable[[S], tuple[Any, ...]] = _by_length,
    occupancy: Occupancy | None = None,
) -> list[S]:
    """Longest first (``rank`` orders the candidates; default: length, then position), no overlaps,
    in reading order. Marking the characters taken keeps this linear where comparing each candidate
    with every chosen one was quadratic (the spans are short)."""
    if occupancy is None:
        occupancy = Occupancy(max((item.end for item in items), default=0))
    chosen: list[S] = []
    for item in sorted(items, key=rank):
        if not occupancy.free(item.start, item.end):
            continue
        occupancy.take(item.start, item.end)
        chosen.append(item)
    return sorted(chosen, key=lambda item: item.start)


def drop_contained(items: Sequence[S]) -> list[S]:
    """In reading order (longest first at one start), drop a span inside the previous kept one."""
    kept: list[S] = []
    for item in sorted(items, key=lambda i: (i.start, -(i.end - i.start))):
        if kept and kept[-1].start <= item.start and item.end <= kept[-1].end:
            continue
        kept.append(item)
    return kept


def drop_overlapping(items: Sequence[S], keep: Callable[[S], bool] = lambda _item: False) -> list[S]:
    """In reading order (longest first at one start), drop a span that starts inside the previous
    kept one, unless ``keep(span)``."""
    kept: list[S] = []
    for item in sorted(items, key=lambda i: (i.start, -i.end)):
        if kept and item.start < kept[-1].end and not keep(item):
            continue
        kept.append(item)
    return kept


def first_overlap(taken: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """The first taken span overlapping ``[start, end)``, if any (``taken`` sorted by start, its
    spans short and apart: only the last few before ``end`` can overlap)."""
    index = bisect.bisect_right(taken, (end, end))
    for span in reversed(taken[max(0, index - 4) : index]):
        if span[0] < end and start < span[1]:
            return span
    return None


class Coverage:
    """Whether a position lies inside any of ``spans``: the spans sorted by start with the furthest end
    reached so far, so one bisection answers (asking each span was quadratic in a long report)."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [start for start, _end in ordered]
        self.reach: list[int] = []
        furthest = -1
        for _start, end in ordered:
            furthest = max(furthest, end)
            self.reach.append(furthest)

    def covers(self, position: int) -> bool:
        """Whether some span has ``start <= position < end``."""
        index = bisect.bisect_right(self.starts, position) - 1
        return index >= 0 and self.reach[index] > position
