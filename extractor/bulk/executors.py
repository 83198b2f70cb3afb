"""Run the per-document work on local cores or on a Dask cluster, streaming results back.

Both keep a bounded number of files in flight and hand each result to ``on_result`` as it
completes, so memory stays flat however many files there are. A worker process that dies
(a crash inside a PDF library, say) costs only the files it held: they are recorded as
``worker_crashed`` and the pool is restarted for the rest. A file that hangs past its
deadline is recorded as ``timeout`` (see ``extractor.bulk.work``); when it hangs where the
worker's own alarm cannot reach (C code), the local pool is killed and the other files in flight
are queued again.

A file's time counts from the moment a worker process *starts* it (the worker says so on a queue),
never from its submission: a file waiting behind others, or for a worker that is still starting and
loading its models, is not late. A file handed out earlier used to be timed from when the pool queued
it, so on a busy machine every file of a run could "time out" during start-up.
"""

from __future__ import annotations

import contextlib
import ctypes
import itertools
import logging
import queue as queue_module
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from extractor.bulk import work
from extractor.bulk.batches import FILES_MODES, batch_limits, batched
from extractor.errors import MinhChungError

Item = tuple[str, Path]  # (sha256, path)
OnResult = Callable[[str, dict[str, Any]], None]
logger = logging.getLogger(__name__)


def _crashed(message: str) -> dict[str, Any]:
    return {"ok": False, "error": {"code": "worker_crashed", "message": message}, "seconds": None}


def _hard_limit(timeout: float) -> float:
    """Seconds after which a file still running is killed with its pool (the soft SIGALRM deadline
    inside the worker fires first whenever the hang is in Python code)."""
    return timeout + max(5.0, timeout * 0.5)


_started: Any = None  # in a pool worker: where it announces each file it starts


def _die_with_parent() -> None:
    """Linux: SIGKILL this pool process when the process that started it dies (a service worker killed
    mid-run must not leave its bulk processes behind); elsewhere nothing."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG


def _init_worker(extractor_ref: str, started: Any) -> None:
    """Pool initializer: die with the parent, keep the start-announcement queue, then load the pipeline
    (not timed)."""
    global _started
    _die_with_parent()
    _started = started
    work.warm_up(extractor_ref)


def _analyse_announced(key: int, path: str, extractor_ref: str, timeout: float | None) -> dict[str, Any]:
    """In a pool worker: announce that file ``key`` starts now, then analyse it."""
    if _started is not None:
        _started.put(key)
    return work.analyse_path(path, extractor_ref, timeout)


def _drain_started(
    started: Any, futures_by_key: dict[int, Future], running_since: dict[Future, float]
) -> None:
    """Record the start time of every file a worker announced since the last call."""
    now = time.monotonic()
    while True:
        try:
            key = started.get_nowait()
        except queue_module.Empty:
            return
        future = futures_by_key.pop(key, None)
        if future is not None:
            running_since.setdefault(future, now)


def _kill(pool: ProcessPoolExecutor) -> None:
    # Python 3.11 has no public way to stop a pool's busy workers; terminate them by pid.
    for process in list(getattr(pool, "_processes", {}).values()):
        if process.is_alive():
            process.kill()
    pool.shutdown(wait=False, cancel_futures=True)


def run_local(
    items: list[Item],
    workers: int,
    extractor_ref: str,
    on_result: OnResult,
    timeout: float | None = work.DEFAULT_TIMEOUT,
) -> None:
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
    keys = itertools.count()
    while True:
        restart = False
        context = get_context("spawn")
        started = context.Queue()
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=_init_worker,
            initargs=(extractor_ref, started),
        ) as pool:
            in_flight: dict[Future, Item] = {}
            running_since: dict[Future, float] = {}
            futures_by_key: dict[int, Future] = {}

            def fill(
                in_flight: dict[Future, Item] = in_flight,
                pool: ProcessPoolExecutor = pool,
                futures_by_key: dict[int, Future] = futures_by_key,
            ) -> None:
                while len(in_flight) < window:
                    item = retry.popleft() if retry else next(queue, None)
                    if item is None:
                        return
                    key = next(keys)
                    future = pool.submit(_analyse_announced, key, str(item[1]), extractor_ref, timeout)
                    futures_by_key[key] = future
                    in_flight[future] = item

            fill()
            while in_flight:
                done, _ = wait(in_flight, timeout=poll, return_when=FIRST_COMPLETED)
                _drain_started(started, futures_by_key, running_since)
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


def _overdue(
    in_flight: dict[Future, Item], running_since: dict[Future, float], timeout: float, on_result: OnResult
) -> bool:
    """Record files running past the hard limit, counted from when a worker started them, as
    ``timeout``; True when the pool must be killed."""
    now = time.monotonic()
    late = [f for f, since in running_since.items() if f in in_flight and now - since > _hard_limit(timeout)]
    for future in late:
        sha, _path = in_flight.pop(future)
        running_since.pop(future)
        on_result(sha, work.timed_out(timeout, "; worker process stopped"))
    return bool(late)


FileRef = tuple[str, str, str]  # (sha256, name relative to the input, path on this machine)


@dataclass
class Batch:
    """Files sent as one Dask task: by path or ``shipped`` as bytes; a ``suspect`` is one file of a batch
    whose worker died, run alone so that only a file that kills workers is recorded as crashed."""

    jobs: list[FileRef]
    shipped: bool
    suspect: bool = False


class DaskWorkerError(MinhChungError):
    """A Dask worker could not load the pipeline: the run stopped (the files recorded so far are kept)."""

    code = "worker_warm_up_failed"
    message_vi = "Một worker Dask không nạp được bộ xử lý (mô hình, mã nguồn); lần chạy đã dừng."


@dataclass
class BatchQueue:
    """The batches waiting to be sent, and which goes next: a ``suspect`` only when no other suspect is in
    flight (so a file that kills workers is run beside no other suspect), else the next batch in order."""

    pending: deque[Batch]
    suspects: deque[Batch] = field(default_factory=deque)

    def following(self, in_flight: Iterable[Batch]) -> Batch | None:
        if self.suspects and not any(batch.suspect for batch in in_flight):
            return self.suspects.popleft()
        return self.pending.popleft() if self.pending else None

    def lost(self, batch: Batch) -> None:
        """``batch``'s worker died: each of its files becomes a suspect of its own."""
        self.suspects.extend(Batch([job], batch.shipped, suspect=True) for job in batch.jobs)

    def unread(self, batch: Batch, jobs: list[FileRef]) -> None:
        """Files of ``batch`` its worker could not read by path: shipped next, a suspect still a suspect."""
        again = Batch(jobs, True, batch.suspect)
        (self.suspects if batch.suspect else self.pending).appendleft(again)


@dataclass
class DaskTraffic:
    """What a Dask run sent: tasks submitted, and files (with their bytes) shipped rather than read by path."""

    tasks: int = 0
    files_shipped: int = 0
    bytes_shipped: int = 0


def _lost_worker_errors() -> tuple[type[BaseException], ...]:
    """The errors of a task whose worker was lost (killed, or its connection closed), as against an
    exception raised by the task itself."""
    from distributed import KilledWorker
    from distributed.client import FutureCancelledError
    from distributed.comm.core import CommClosedError

    return (KilledWorker, CommClosedError, FutureCancelledError)


def _threads(client: Any, address: str) -> int:
    """Worker threads connected now; when there is none yet, say so and wait for the first worker."""
    threads = sum(client.nthreads().values())
    if threads:
        return threads
    logger.warning(
        "Chưa có worker Dask nào kết nối tới %s, đang chờ / waiting for a Dask worker to connect", address
    )
    client.wait_for_workers(1)
    return max(1, sum(client.nthreads().values()))


def _workers_see(client: Any, items: list[Item]) -> bool:
    """Whether every worker now connected reads the first file at the client's path with the client's
    bytes (``work.sees_file``): then files are given by path instead of shipped."""
    if not items:
        return False
    sha, path = items[0]
    answers = client.run(work.sees_file, str(path), sha)
    return bool(answers) and all(answers.values())


def run_dask(
    items: list[Item],
    address: str,
    extractor_ref: str,
    on_result: OnResult,
    names: Iterable[str] | None = None,
    timeout: float | None = work.DEFAULT_TIMEOUT,
    files: str = "auto",
) -> DaskTraffic:
    """Process ``items`` on the Dask cluster at ``address``, in batches of files (``extractor.bulk.batches``).

    The run starts once at least one worker is connected (it logs that it waits); the batches in flight
    (two per worker thread) grow as workers join. ``files``: ``shared`` gives workers the files' paths
    (workers on this machine, or a shared folder mounted at the same path); ``ship`` sends every file's
    bytes (no shared disk); ``auto`` gives paths when every connected worker reads the first file with the
    same sha256, and ships otherwise. A worker that cannot read a file given by path (a worker without the
    shared folder that joined later) returns it unread and its bytes are shipped. Each file's result goes to
    ``on_result`` when its batch returns. A batch lost with its worker (after Dask's own retries) is run
    again one file per task, one such task at a time, so only the file that kills workers is recorded as
    ``worker_crashed``: a file merely waiting on a worker that another file killed is not. A batch that
    raises instead records each of its files with that error (``internal_error``); a worker that cannot
    load the pipeline stops the run with ``DaskWorkerError`` naming it.
    """
    from distributed import Client, as_completed

    if files not in FILES_MODES:
        raise ValueError(f"files must be one of {FILES_MODES}, not {files!r}")
    names = list(names) if names is not None else [p.name for _s, p in items]
    jobs = [(sha, name, str(path)) for (sha, path), name in zip(items, names, strict=True)]
    traffic = DaskTraffic()
    lost_worker = _lost_worker_errors()
    with Client(address) as client:
        threads = _threads(client, address)
        ship = files == "ship" or (files == "auto" and not _workers_see(client, items))
        sizes = [path.stat().st_size for _sha, path in items]
        limits = batch_limits(len(jobs), threads)
        queue = BatchQueue(deque(Batch(chunk, ship) for chunk in batched(jobs, sizes, limits)))
        sent: dict[str, Batch] = {}

        def submit(batch: Batch) -> Any:
            payload = [
                (sha, name, path, Path(path).read_bytes() if batch.shipped else None)
                for sha, name, path in batch.jobs
            ]
            future = client.submit(work.analyse_batch, payload, extractor_ref, timeout, pure=False)
            traffic.tasks += 1
            if batch.shipped:
                traffic.files_shipped += len(payload)
                traffic.bytes_shipped += sum(len(content or b"") for *_job, content in payload)
            sent[future.key] = batch
            return future

        def fill(stream: Any, threads: int) -> None:
            # Batches in flight: one running and one waiting per worker thread.
            while stream.count() < threads * 2 and (batch := queue.following(sent.values())) is not None:
                stream.add(submit(batch))

        stream = as_completed()
        fill(stream, threads)
        for future in stream:
            batch = sent.pop(future.key)
            try:
                results = future.result()
            except lost_worker as error:  # the batch's worker was lost (and Dask gave up retrying it)
                future.release()
                if batch.suspect:
                    on_result(batch.jobs[0][0], _crashed(f"{type(error).__name__}: {error}"))
                else:
                    queue.lost(batch)
            except work.WarmUpError as error:
                raise DaskWorkerError(error.reason, source=error.worker) from None
            except Exception as error:  # raised by the batch itself: each of its files gets that error
                future.release()
                for sha, _name, _path in batch.jobs:
                    on_result(sha, {"ok": False, "error": work.error_of(error), "seconds": None})
            else:
                future.release()
                unread = []
                for job, (sha, data) in zip(batch.jobs, results, strict=True):
                    if data is None:
                        unread.append(job)
                    else:
                        on_result(sha, data)
                if unread:
                    queue.unread(batch, unread)
            fill(stream, max(threads, sum(client.nthreads().values())))
    return traffic
