"""Counts and zero claims (``kind: count``); see :mod:`.find`."""

from extractor.find.counts.find import EXTRACTOR, find_counts

__all__ = ["EXTRACTOR", "find_counts"]
