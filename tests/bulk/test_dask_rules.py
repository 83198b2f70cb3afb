"""The rules of a Dask run that need no cluster: which batch goes next (one suspect at a time, a suspect
returned unread stays a suspect) and a multi-thread worker warming up once. Counts, never timings."""

from __future__ import annotations

import threading
import time
from collections import deque

from extractor.bulk import work
from extractor.bulk.executors import Batch, BatchQueue


def _job(n: int) -> tuple[str, str, str]:
    return (f"{n:064d}", f"f{n}.pdf", f"/in/f{n}.pdf")


def test_a_suspect_returned_unread_waits_for_the_suspect_in_flight():
    queue = BatchQueue(deque([Batch([_job(0), _job(1)], shipped=False), Batch([_job(2)], shipped=False)]))
    queue.lost(queue.following([]))  # the first batch's worker died: two suspects
    first = queue.following([])
    second = queue.following([first])
    assert first.suspect and first.jobs == [_job(0)]
    assert not second.suspect and second.jobs == [_job(2)]  # the other suspect waits for the first
    queue.unread(first, first.jobs)  # a worker without the shared folder returns it: shipped, still alone
    assert queue.following([first]) is None  # never beside the suspect in flight
    again = queue.following([])
    assert again.suspect and again.shipped and again.jobs == [_job(0)]
    assert queue.following([again]) is None
    last = queue.following([])
    assert last.suspect and last.jobs == [_job(1)]


def test_files_a_worker_returned_unread_are_shipped_before_the_next_batches():
    queue = BatchQueue(deque([Batch([_job(0), _job(1)], shipped=False), Batch([_job(2)], shipped=False)]))
    batch = queue.following([])
    queue.unread(batch, [_job(1)])
    again = queue.following([])
    assert again.shipped and not again.suspect and again.jobs == [_job(1)]


def test_the_threads_of_one_worker_warm_up_once(monkeypatch):
    calls: list[str] = []

    def slow_warm_up(ref: str) -> None:
        calls.append(ref)
        time.sleep(0.05)  # long enough for the other threads to arrive while it loads

    monkeypatch.setattr(work, "warm_up", slow_warm_up)
    monkeypatch.setattr(work, "_warmed", set())
    together = threading.Barrier(6)

    def batch() -> None:
        together.wait()
        work.warm_up_once("bulk.crash_extractor:extract_file")

    threads = [threading.Thread(target=batch) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert calls == ["bulk.crash_extractor:extract_file"]
