"""Dask runs send files in batches (``extractor.bulk.batches``): every file lands in exactly one batch, in
input order, and a batch stays within its limits."""

from __future__ import annotations

from collections import Counter

from extractor.bulk.batches import MAX_FILES, BatchLimits, batch_limits, batched


def test_every_file_is_in_exactly_one_batch_in_input_order():
    files = [f"tep-{i}.pdf" for i in range(103)]
    sizes = [(i * 7919) % 50_000 + 1 for i in range(103)]
    batches = list(batched(files, sizes, BatchLimits(max_files=8, max_bytes=120_000)))
    flat = [name for batch in batches for name in batch]
    assert flat == files and Counter(flat) == Counter(files)
    by_name = dict(zip(files, sizes, strict=True))
    for batch in batches:
        assert 1 <= len(batch) <= 8
        assert len(batch) == 1 or sum(by_name[n] for n in batch) <= 120_000


def test_a_file_larger_than_the_byte_limit_is_a_batch_of_its_own():
    batches = list(
        batched(["a", "lon", "b", "c"], [10, 500, 10, 10], BatchLimits(max_files=4, max_bytes=100))
    )
    assert batches == [["a"], ["lon"], ["b", "c"]]


def test_batches_leave_every_worker_thread_several_of_them():
    assert batch_limits(2000, threads=2).max_files == MAX_FILES
    small = batch_limits(60, threads=2)
    assert len(list(batched(list(range(60)), [1] * 60, small))) >= 2 * 6
    assert batch_limits(3, threads=8).max_files == 1
    assert list(batched([], [], batch_limits(0, threads=2))) == []
