"""Run the per-document work on local cores or on a Dask cluster, streaming results back.

Both keep a bounded number of files in flight and hand each result to ``on_result`` as it
completes, so memory stays flat however many files there are. A worker process that dies
(a crash inside a PDF library, say) costs only the files it held: they are recorded as
``worker_crashed`` and the pool is restarted for the rest.
"""

from __future__ import annotations

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


def run_local(items: list[Item], workers: int, extractor_ref: str, on_result: OnResult) -> None:
    """Process ``items`` with ``workers`` processes (in this process when ``workers`` is 1)."""
    if workers <= 1:
        work.warm_up(extractor_ref)
        for sha, path in items:
            on_result(sha, work.analyse_path(str(path), extractor_ref))
        return
    pending: Iterator[Item] = iter(items)
    window = workers * 4
    while True:
        restart = False
        context = get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=work.warm_up,
                                 initargs=(extractor_ref,)) as pool:
            in_flight: dict[Future, str] = {}

            def fill(in_flight: dict[Future, str] = in_flight, pool: ProcessPoolExecutor = pool) -> None:
                for sha, path in pending:
                    in_flight[pool.submit(work.analyse_path, str(path), extractor_ref)] = sha
                    if len(in_flight) >= window:
                        break

            fill()
            while in_flight:
                done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                for future in done:
                    sha = in_flight.pop(future)
                    try:
                        on_result(sha, future.result())
                    except BrokenProcessPool as error:
                        on_result(sha, _crashed(str(error) or "worker process died"))
                        restart = True
                if restart:
                    for sha in in_flight.values():
                        on_result(sha, _crashed("worker pool broke while this file was queued"))
                    in_flight.clear()
                    break
                fill()
        if not restart:
            return


def run_dask(items: list[Item], address: str, extractor_ref: str, on_result: OnResult,
             names: Iterable[str] | None = None) -> None:
    """Process ``items`` on the Dask cluster at ``address``; files are shipped as bytes."""
    from distributed import Client, as_completed

    names = list(names) if names is not None else [p.name for _s, p in items]
    with Client(address) as client:
        window = max(4, sum(client.nthreads().values()) * 4)
        queue = iter(zip(items, names, strict=True))
        keys: dict[str, str] = {}

        def submit(entry: tuple[Item, str]):
            (sha, path), name = entry
            future = client.submit(work.analyse_bytes, name, path.read_bytes(), extractor_ref, pure=False)
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
