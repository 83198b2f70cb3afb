"""``minhchung bench``: pages/s, documents/s and peak memory of each ingestion path (not a test).

Runs on the seeds rendered to PDF/DOCX by LibreOffice (``tests/fixtures/files.py``), and,
when :mod:`extractor.pipeline` is present, ingestion+extraction and extraction alone.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("bench", help="measure ingestion speed and memory on the seed documents")
    parser.add_argument("--repeat", type=int, default=3, help="runs per path (median reported)")
    parser.set_defaults(func=run)


def _measure(name: str, files: list[Path], work: Callable[[Path], int], repeat: int) -> None:
    times, pages = [], 0
    for _ in range(repeat):  # timed without tracemalloc, which slows Python code several-fold
        started = time.perf_counter()
        pages = sum(work(path) for path in files)
        times.append(time.perf_counter() - started)
    tracemalloc.start()  # one extra run for the peak of Python allocations
    for path in files:
        work(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    median = sorted(times)[len(times) // 2]
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{name:<34} {pages / median:>9.1f} pages/s {len(files) / median:>8.1f} docs/s "
          f"{peak / 1e6:>8.1f} MB peak (tracemalloc) {rss:>7.0f} MB ru_maxrss")


def run(args: argparse.Namespace) -> int:
    repo = Path(__file__).resolve().parents[2]
    sys.path.insert(0, str(repo / "tests"))
    from fixtures.files import SEED_NAMES, seed_file

    from extractor.ingest import Limits, load_document
    from extractor.ingest.pdf import read_pdf_boxes, read_pdf_text

    limits = Limits.from_env()
    pdfs = [seed_file(n, "pdf") for n in SEED_NAMES]
    docxs = [seed_file(n, "docx") for n in SEED_NAMES]
    txts = [seed_file(n, "txt") for n in SEED_NAMES]

    def plumber_text(path: Path) -> int:
        import pdfplumber

        with pdfplumber.open(str(path)) as pdf:
            return sum(1 for page in pdf.pages if page.extract_text() is not None)

    print(f"seeds: {len(SEED_NAMES)} documents, {sum(len(read_pdf_text(p, limits)[0]) for p in pdfs)} PDF pages; "
          f"repeat {args.repeat}; {os.cpu_count()} cores")
    _measure("pypdfium2 text (load_document)", pdfs, lambda p: load_document(p, limits=limits).page_count,
             args.repeat)
    _measure("pypdfium2 text (raw)", pdfs, lambda p: len(read_pdf_text(p, limits)[0]), args.repeat)
    _measure("pdfplumber extract_text", pdfs, plumber_text, args.repeat)
    _measure("pdfplumber with boxes", pdfs, lambda p: len(read_pdf_boxes(p, limits)[0]), args.repeat)
    _measure("DOCX (python-docx)", docxs, lambda p: load_document(p, limits=limits).page_count, args.repeat)
    _measure("TXT", txts, lambda p: load_document(p, limits=limits).page_count, args.repeat)
    try:
        from extractor import pipeline
    except ImportError:
        print("extractor.pipeline not present: extraction not measured")
        return 0
    raws = [load_document(p, limits=limits) for p in pdfs]
    cores = os.cpu_count() or 1
    _measure("ingest + extract (PDF)", pdfs,
             lambda p: pipeline.extract_file(p).document.pages, args.repeat)
    by_path = {Path(r.source): r for r in raws}
    _measure("extract only (PDF, ingested)", pdfs,
             lambda p: pipeline.process(by_path[p]).document.pages, args.repeat)
    print(f"(single process; per core = the figures above, {cores} cores available)")
    return 0
