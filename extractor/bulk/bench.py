"""Benchmark of the bulk run (not a test): documents/s and pages/s for 1 and N workers, peak memory.

``python -m extractor.bulk.bench [--n 2000] [--workers 1,2] [--corpus DIR]`` generates a
synthetic corpus (or reuses ``--corpus``), then runs ``run_bulk`` from scratch once per
worker count in a fresh output folder, measuring wall time of the extraction phase and the
peak resident memory of the parent and of its worker processes (psutil sampling).
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

logger = logging.getLogger(__name__)


class PeakMemory:
    """Samples RSS of this process and its children every 0.2 s."""

    def __init__(self) -> None:
        import psutil

        self.process = psutil.Process()
        self.parent_peak = 0
        self.child_peak = 0
        self.total_peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m extractor.bulk.bench", description=__doc__)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--workers", default=None, help="comma list, default 1,<cores>")
    parser.add_argument("--corpus", default=None, help="folder to reuse or keep the corpus in")
    parser.add_argument("--formats", default="pdf,docx")
    args = parser.parse_args(argv)

    from extractor.bulk.run import run_bulk
    from extractor.synth.generate import generate_corpus

    cores = os.cpu_count() or 1
    counts = [int(w) for w in (args.workers or f"1,{cores}").split(",")]
    scratch = Path(tempfile.mkdtemp(prefix="minhchung-bench-"))
    corpus = Path(args.corpus) if args.corpus else scratch / "corpus"
    if not (corpus / "truth.jsonl").exists():
        started = time.perf_counter()
        made = generate_corpus(corpus, n_documents=args.n, formats=tuple(args.formats.split(",")), seed=7,
                               workers=cores)
        logger.info("corpus: %d documents (%d DOCX, %d PDF) in %.1fs (DOCX %.1fs, PDF %.1fs)", made.documents,
                    made.docx, made.pdf, time.perf_counter() - started, made.seconds_docx, made.seconds_pdf)
    baseline = None
    # The table is this command's output (stdout); progress goes to the log.
    print(f"{'workers':>7} {'docs':>6} {'pages':>6} {'extract s':>10} {'docs/s':>8} {'pages/s':>8} "
          f"{'speed-up':>8} {'parent MB':>9} {'worker MB':>9} {'total MB':>9} {'total s':>8}")
    try:
        for workers in counts:
            out = scratch / f"out-{workers}"
            with PeakMemory() as memory:
                summary = run_bulk(corpus, out, workers=workers, show_bar=False)
            seconds = summary.extract_seconds
            rate = summary.processed / seconds if seconds else 0.0
            baseline = baseline or rate
            print(f"{workers:>7} {summary.processed:>6} {summary.pages:>6} {seconds:>10.1f} {rate:>8.2f} "
                  f"{summary.pages / seconds if seconds else 0:>8.2f} {rate / baseline if baseline else 0:>8.2f} "
                  f"{memory.parent_peak / 2**20:>9.0f} {memory.child_peak / 2**20:>9.0f} "
                  f"{memory.total_peak / 2**20:>9.0f} {summary.seconds:>8.1f}")
            shutil.rmtree(out, ignore_errors=True)
    finally:
        if not args.corpus:
            shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
