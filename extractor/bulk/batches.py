"""Group the files of a Dask run into batches: one task per batch instead of one per file.

A synthetic document takes ≈ 15 ms to extract; one Dask task costs the scheduler, the worker and the
client a few milliseconds of their own on the same cores, so one task per file spent a third of the
machine on bookkeeping. A batch closes at ``max_files`` files or ``max_bytes`` bytes (pages are not
known before a file is read; its size stands for them), whichever comes first, and never splits a
file. ``batch_limits`` sizes them so each worker thread still gets several batches (the last batches
of a run then end close together). ``FILES_MODES``: how a Dask run's files reach the workers (the
``--dask-files`` choices, ``extractor.bulk.executors.run_dask``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from math import ceil
from typing import TypeVar

T = TypeVar("T")

MAX_FILES = 32  # files per batch at most: a batch's results arrive together
MAX_BYTES = 16 << 20  # bytes per batch at most (what is shipped when workers cannot read the files)
BATCHES_PER_THREAD = 6  # at least this many batches per worker thread when the run is large enough
FILES_MODES = ("auto", "shared", "ship")  # by path when the workers read them, by path, or as bytes


@dataclass(frozen=True)
class BatchLimits:
    max_files: int
    max_bytes: int


def batch_limits(n_files: int, threads: int) -> BatchLimits:
    """Batch size for ``n_files`` spread over ``threads`` worker threads."""
    wanted = ceil(n_files / max(1, threads * BATCHES_PER_THREAD))
    return BatchLimits(max_files=max(1, min(MAX_FILES, wanted)), max_bytes=MAX_BYTES)


def batched(items: Sequence[T], sizes: Sequence[int], limits: BatchLimits) -> Iterator[list[T]]:
    """``items`` in order, cut into consecutive batches within ``limits`` (a file larger than
    ``max_bytes`` is a batch of its own); every item lands in exactly one batch."""
    batch: list[T] = []
    weight = 0
    for item, size in zip(items, sizes, strict=True):
        if batch and (len(batch) >= limits.max_files or weight + size > limits.max_bytes):
            yield batch
            batch, weight = [], 0
        batch.append(item)
        weight += size
    if batch:
        yield batch
