"""Run the per-document work on local cores or on a Dask cluster, streaming results back.

Both keep a bounded number of files in flight and hand each result to ``on_result`` as it
completes, so memory stays flat however many files there are. A worker process that dies
(a crash inside a PDF library, say) costs only the files it held: they are recorded as
``worker_crashed`` and the pool is restarted for the rest. A file that hangs past its
deadline is recorded as ``timeout`` (see ``extractor.bulk.work``); when it hangs where the
worker's own alarm cannot reach (C code), the local pool is killed and the other files in flight
are queued again.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from extractor.bulk import work

Item = tuple[str, Path]  # (sha256, path)
OnResult = Callable[[str, dict[str, Any]], None]


def _crashed(message: str) -> dict[str, Any]:
    return {"ok": False, "error": {"code": "worker_crashed", "message": message}, "seconds": None}


def _hard_limit(timeout: float) -> float:
    """Seconds after which a file still running is killed with its pool (the soft SIGALRM deadline
    inside the worker fires first whenever the hang is in Python code)."""
    return timeout + max(5.0, timeout * 0.5)


def _kill(pool: ProcessPoolExecutor) -> None:
    # Python 3.11 has no public way to stop a pool's busy workers; terminate them by pid.
    for process in list(getattr(pool, "_processes", {}).values()):
        if process.is_alive():
            process.kill()
    pool.shutdown(wait=False, cancel_futures=True)


def run_local(items: list[Item], workers: int, extractor_ref: str, on_result: OnResult,
              timeout: float | None = work.DEFAULT_TIMEOUT) -> None:
    """Process ``items`` with ``workers`` processes (in this process when ``workers`` is 1).

    ``timeout`` bounds each file: past it the file is recorded with code ``timeout`` and the run
    goes on. In this process (``workers`` 1) only the soft deadline applies.
    """
    if workers <= 1:
        work.warm_up(extractor_ref)
        for sha, path in items:
            on_result(sha, work.analyse_path(str(path), extractor_ref, timeout))
        return
    queue: Iterator[Item] = iter(items)
    retry: deque[Item] = deque()  # files that were in flight when a hung file's pool was killed
    window = workers * 4
    poll = min(1.0, timeout / 4) if timeout else None
    while True:
        restart = False
        context = get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=work.warm_up,
                                 initargs=(extractor_ref,)) as pool:
            in_flight: dict[Future, Item] = {}
            running_since: dict[Future, float] = {}

            def fill(in_flight: dict[Future, Item] = in_flight, pool: ProcessPoolExecutor = pool) -> None:
                while len(in_flight) < window:
                    item = retry.popleft() if retry else next(queue, None)
                    if item is None:
                        return
                    in_flight[pool.submit(work.analyse_path, str(item[1]), extractor_ref, timeout)] = item

            fill()
            while in_flight:
                done, _ = wait(in_flight, timeout=poll, return_when=FIRST_COMPLETED)
                for future in done:
                    sha, _path = in_flight.pop(future)
                    running_since.pop(future, None)
                    try:
                        on_result(sha, future.result())
                    except BrokenProcessPool as error:
                        on_result(sha, _crashed(str(error) or "worker process died"))
                        restart = True
                if restart:
                    for sha, _path in in_flight.values():
                        on_result(sha, _crashed("worker pool broke while this file was queued"))
                    in_flight.clear()
                    break
                if timeout and _overdue(in_flight, running_since, timeout, on_result):
                    retry.extend(in_flight.values())  # innocent bystanders: run them again
                    in_flight.clear()
                    _kill(pool)
                    restart = True
                    break
                fill()
        if not restart:
            return


def _overdue(in_flight: dict[Future, Item], running_since: dict[Future, float], timeout: float,
             on_result: OnResult) -> bool:
    """Record files running past the hard limit as ``timeout``; True when the pool must be killed."""
    now = time.monotonic()
    for future in in_flight:
        if future.running():
            running_since.setdefault(future, now)
    late = [f for f, since in running_since.items() if f in in_flight and now - since > _hard_limit(timeout)]
    for future in late:
        sha, _path = in_flight.pop(future)
        running_since.pop(future)
        on_result(sha, work.timed_out(timeout, "; worker process stopped"))
    return bool(late)


def run_dask(items: list[Item], address: str, extractor_ref: str, on_result: OnResult,
             names: Iterable[str] | None = None, timeout: float | None = work.DEFAULT_TIMEOUT) -> None:
    """Process ``items`` on the Dask cluster at ``address``; files are shipped as bytes."""
    from distributed import Client, as_completed

    names = list(names) if names is not None else [p.name for _s, p in items]
    with Client(address) as client:
        window = max(4, sum(client.nthreads().values()) * 4)
        queue = iter(zip(items, names, strict=True))
        keys: dict[str, str] = {}

        def submit(entry: tuple[Item, str]):
            (sha, path), name = entry
            future = client.submit(work.analyse_bytes, name, path.read_bytes(), extractor_ref, timeout,
                                   pure=False)
            keys[future.key] = sha
            return future

        first = [submit(entry) for _n, entry in zip(range(window), queue, strict=False)]
        stream = as_completed(first)
        for future in stream:
            sha = keys.pop(future.key)
            try:
                data = future.result()
            except Exception as error:  # a worker lost mid-task
                data = _crashed(f"{type(error).__name__}: {error}")
            future.release()
            on_result(sha, data)
            following = next(queue, None)
            if following is not None:
                stream.add(submit(following))
