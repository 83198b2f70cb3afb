"""Benchmark of the bulk run (not a test): the scaling curve, documents/s and pages/s for 1 … N local
workers and for Dask ``LocalCluster``s, with the speed-up vs 1 worker, on one corpus in one run.

``python -m extractor.bulk.bench [--n 2000 | --quick] [--workers 1,2] [--dask 2,4] [--corpus DIR]``
generates a synthetic corpus (or reuses ``--corpus``), then runs ``run_bulk`` from scratch once per
worker count (local processes) and once per Dask cluster size (a ``LocalCluster`` of that many
single-threaded worker processes, started before the clock runs, profiler off; the workers read the
files by path unless ``--dask-files ship``), each in a fresh output folder. It
measures the wall time of the extraction phase (throughput is wall time by nature), the CPU time of this
process and its children, the load average (the machine may be shared) and peak resident memory (psutil
sampling). Worker start-up (loading the pipeline in each worker) is inside the extraction phase for both.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

from extractor.bulk.batches import FILES_MODES

logger = logging.getLogger(__name__)


QUICK_DOCUMENTS = 40
# The Dask workers' statistical profiler samples every thread's stack 100 times a second for the
# dashboard; off, each worker's event loop spends ≈ 0.5-1 s less CPU per 300 files (a worker started by
# hand: DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False).
LOCAL_CLUSTER_CONFIG = {"distributed.worker.profile.enabled": False}


class PeakMemory:
    """Samples RSS of this process and its children every 0.2 s, and their CPU time (user + system)."""

    def __init__(self) -> None:
        import psutil

        self.process = psutil.Process()
        self.parent_peak = 0
        self.child_peak = 0
        self.total_peak = 0
        self._cpu: dict[int, float] = {}  # pid → CPU seconds when last seen
        self._cpu_start = self._cpu_now()
        self._cpu_base: dict[int, float] = {}  # children already running (a Dask cluster): their CPU before
        for child in self.process.children(recursive=True):
            try:
                times = child.cpu_times()
            except Exception:
                continue
            self._cpu_base[child.pid] = times.user + times.system
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _cpu_now(self) -> float:
        times = self.process.cpu_times()
        return times.user + times.system

    def cpu_seconds(self) -> float:
        """CPU time of this process and of the children seen while sampling, during the measurement."""
        children = sum(seconds - self._cpu_base.get(pid, 0.0) for pid, seconds in self._cpu.items())
        return self._cpu_now() - self._cpu_start + children

    def _run(self) -> None:
        while not self._stop.is_set():
            for child in self.process.children(recursive=True):
                try:
                    times = child.cpu_times()
                except Exception:  # exited meanwhile
                    continue
                self._cpu[child.pid] = max(self._cpu.get(child.pid, 0.0), times.user + times.system)
            try:
                parent = self.process.memory_info().rss
                children = [c.memory_info().rss for c in self.process.children(recursive=True)]
            except Exception:  # a child exited between listing and reading
                continue
            self.parent_peak = max(self.parent_peak, parent)
            self.child_peak = max([self.child_peak, *children])
            self.total_peak = max(self.total_peak, parent + sum(children))
            time.sleep(0.2)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The bench's options, ``n`` resolved (``--quick``: a small corpus unless ``--n`` says otherwise)."""
    parser = argparse.ArgumentParser(prog="python -m extractor.bulk.bench", description=__doc__)
    parser.add_argument(
        "--n", type=int, default=None, help="documents in the synthetic corpus (default 2000)"
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"a small corpus ({QUICK_DOCUMENTS} documents) unless --n or --corpus says otherwise",
    )
    parser.add_argument(
        "--workers", default=None, help="comma list of local worker counts, default 1,<cores>"
    )
    parser.add_argument(
        "--dask", default="", help="comma list of Dask LocalCluster sizes (e.g. 2,4); none by default"
    )
    parser.add_argument(
        "--dask-files",
        default="auto",
        choices=FILES_MODES,
        help="how the Dask workers get the files: auto (by path here), shared, or ship (as bytes)",
    )
    parser.add_argument("--corpus", default=None, help="folder to reuse or keep the corpus in")
    parser.add_argument("--formats", default="pdf,docx")
    args = parser.parse_args(argv)
    args.n = args.n or (QUICK_DOCUMENTS if args.quick else 2000)
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)

    from extractor.bulk.run import run_bulk
    from extractor.synth.generate import generate_corpus

    cores = os.cpu_count() or 1
    counts = [int(w) for w in (args.workers or f"1,{cores}").split(",")]
    clusters = [int(w) for w in args.dask.split(",") if w.strip()]
    scratch = Path(tempfile.mkdtemp(prefix="minhchung-bench-"))
    corpus = Path(args.corpus) if args.corpus else scratch / "corpus"
    if not (corpus / "truth.jsonl").exists():
        started = time.perf_counter()
        made = generate_corpus(
            corpus, n_documents=args.n, formats=tuple(args.formats.split(",")), seed=7, workers=cores
        )
        logger.info(
            "corpus: %d documents (%d DOCX, %d PDF) in %.1fs (DOCX %.1fs, PDF %.1fs)",
            made.documents,
            made.docx,
            made.pdf,
            time.perf_counter() - started,
            made.seconds_docx,
            made.seconds_pdf,
        )
    # The table is this command's output (stdout); progress goes to the log.
    print(
        f"{'run':>12} {'docs':>6} {'pages':>6} {'extract s':>10} {'docs/s':>8} {'pages/s':>8} "
        f"{'speed-up':>8} {'CPU s':>7} {'load':>9} {'parent MB':>9} {'worker MB':>9} {'total MB':>9}"
    )
    baseline: list[float] = []
    try:
        runs = [(f"{n} local", n, None) for n in counts] + [(f"dask {n}", n, n) for n in clusters]
        for label, workers, cluster_size in runs:
            out = scratch / f"out-{label.replace(' ', '-')}"
            if cluster_size is None:
                with PeakMemory() as memory:
                    load_before = os.getloadavg()[0]
                    summary = run_bulk(corpus, out, workers=workers, show_bar=False)
            else:
                import dask
                from distributed import LocalCluster

                with (
                    dask.config.set(LOCAL_CLUSTER_CONFIG),
                    LocalCluster(
                        n_workers=cluster_size, threads_per_worker=1, processes=True, dashboard_address=None
                    ) as cluster,
                    PeakMemory() as memory,
                ):
                    load_before = os.getloadavg()[0]
                    summary = run_bulk(
                        corpus,
                        out,
                        dask_address=cluster.scheduler_address,
                        dask_files=args.dask_files,
                        show_bar=False,
                    )
            seconds = summary.extract_seconds
            rate = summary.processed / seconds if seconds else 0.0
            if not baseline:
                baseline.append(rate if workers == 1 and cluster_size is None else 0.0)
            base = baseline[0]
            load = f"{load_before:.1f}-{os.getloadavg()[0]:.1f}"
            print(
                f"{label:>12} {summary.processed:>6} {summary.pages:>6} {seconds:>10.1f} {rate:>8.2f} "
                f"{summary.pages / seconds if seconds else 0:>8.2f} "
                f"{f'{rate / base:.2f}' if base else '-':>8} {memory.cpu_seconds():>7.1f} {load:>9} "
                f"{memory.parent_peak / 2**20:>9.0f} {memory.child_peak / 2**20:>9.0f} "
                f"{memory.total_peak / 2**20:>9.0f}",
                flush=True,
            )
            shutil.rmtree(out, ignore_errors=True)
    finally:
        if not args.corpus:
            shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
