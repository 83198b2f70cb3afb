"""``minhchung bench``: pages/s per core of every stage, start-up CPU, peak memory and cost per page by length.

One run on one corpus (the seeds rendered to PDF by LibreOffice, ``tests/fixtures/files.py``):

- bare pypdfium2 and pdfplumber text extraction (the ceilings of reading a PDF);
- the stages of ``extract_file`` — ingest, normalise (+ language check), structure (+ document info),
  each finder component, criteria, output (JSON) — in pages/s of CPU time (``time.process_time``) and
  as a share of bare pypdfium2;
- the CPU of ``minhchung --help`` and of ``minhchung extract`` on one small file, each in a fresh process;
- peak resident memory of a fresh ``minhchung extract`` process and of this one;
- cost per page by document length: the same first 500 pages of one long PDF in which no sentence is said
  twice (the gold sets' texts, then the synthetic generator's reports less every sentence already
  written: ``long_report_pdf`` in the fixtures), read as
  documents of 5, 50, 200 and 500 pages. The text is the same in every row, only the length of the
  documents changes, so a step that grows faster than the document shows up as a rising cost per page;
- the service: one 50-page PDF from accepted (stored, its ``extract`` job queued) to evidence stored — the
  worker's own loop step (``api.worker.Worker.run_once``: claim, ``api.tasks.run_extract``, store, audit,
  done) in this process, on a fresh SQLite database, with the pipeline already loaded (as a worker has it
  after its warm-up). The service is imported only for this line, and skipped when it is not installed.

CPU time, not wall time: the machine may be shared. ``--quick`` runs a small version (two seeds,
lengths 5 and 50).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from extractor.commands._bench_pdfs import (
    concatenated_pdf,
    page_range_pdf,
    pdfium_pages,
    plumber_pages,
)

REPO = Path(__file__).resolve().parents[2]
SERVICE_PAGES = 50
LENGTHS = (5, 50, 200, 500)
QUICK_LENGTHS = (5, 50)
REFERENCE_PASSES = 5
#: A gold text (and a short PDF of the fixtures) load the pipeline and its models before the clock starts; not measured.
WARM_UP = REPO / "corpora" / "gold" / "raw" / "chi-cuc-thue-bao-cao-2022.txt"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "bench", help="đo tốc độ từng bước, bộ nhớ, chi phí theo độ dài / measure speed per stage and memory"
    )
    parser.add_argument("--repeat", type=int, default=1, help="passes over the corpus (fastest kept)")
    parser.add_argument("--quick", action="store_true", help="two seeds, lengths 5 and 50 pages")
    parser.add_argument(
        "--lengths", help="comma list of page counts for the length table (default 5,50,200,500)"
    )
    parser.set_defaults(func=run)


class Stopwatch:
    """CPU seconds per named stage, summed over everything measured."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        self.seconds.setdefault(name, 0.0)  # listed in the order the stages start
        started = time.process_time()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.process_time() - started

    def total(self) -> float:
        """CPU seconds of the top-level stages (a sub-stage "criteria: classifier" is inside "criteria")."""
        return sum(seconds for name, seconds in self.seconds.items() if ": " not in name)


@contextmanager
def _classifier_timed(watch: Stopwatch) -> Iterator[None]:
    """Time the criterion classifier's calls inside the criteria stage as "criteria: classifier"."""
    from extractor.criteria import classifier

    predict = classifier.predict

    def timed(texts: list[str]) -> list[dict[str, float]]:
        with watch.stage("criteria: classifier"):
            return predict(texts)

    classifier.predict = timed
    try:
        yield
    finally:
        classifier.predict = predict


def staged_extract(path: Path, watch: Stopwatch):
    """``extract_file`` step by step, each step timed under its stage name; returns its ExtractionResult."""
    from extractor import nlp, pipeline
    from extractor.clean import normalize
    from extractor.criteria.mapping import assess
    from extractor.ingest import load_document
    from extractor.language import ensure_vietnamese
    from extractor.metadata import describe
    from extractor.models import ExtractionResult
    from extractor.structure import parse_structure

    with watch.stage("ingest"):
        raw = load_document(path, check_language=False)
    with watch.stage("normalise"):
        normalized = normalize(raw)
        ensure_vietnamese(normalized.text, source=raw.source)
    with watch.stage("structure"):
        info = describe(raw, normalized.text, parse_structure(normalized.text))
    context = pipeline.context_for(info)
    language = nlp.get_nlp()
    sections = getattr(pipeline, "sections", None)
    pieces = sections(normalized.text) if sections else [(0, normalized.text)]
    evidence = []
    for offset, piece in pieces:
        with watch.stage("tokenise"):
            doc = language.make_doc(piece)
            doc._.context = context
            doc._.evidence = []
        for name, component in language.pipeline:
            with watch.stage(name.replace("minhchung_", "find ")):
                doc = component(doc)
        shift = getattr(pipeline, "shift_evidence", None)
        evidence.extend(shift(doc._.evidence, offset) if shift else doc._.evidence)
    with watch.stage("locate"):
        evidence.sort(key=lambda item: (item.start, item.end, item.kind))
        pipeline.locate(evidence, normalized, raw.sha256)
    with watch.stage("footnotes"):
        pipeline.add_footnote_evidence(raw, normalized.text, evidence, context)
    with watch.stage("criteria"), _classifier_timed(watch):
        criteria = assess(info, normalized.text, evidence, page_at=normalized.page_at)
    result = ExtractionResult(document=info, evidence=evidence, criteria=criteria)
    with watch.stage("output"):
        json.dumps(result.to_dict(), ensure_ascii=False)
    return result


def forget_seen_text() -> None:
    """Forget every answer remembered about text read before (underthesea's per window, the classifier's
    and the syllable check's per word, folded names and sentences): every pass then reads its corpus as a
    worker reads its first documents, not as a re-reading. Models, lexicons and compiled patterns stay."""
    from extractor.criteria import classifier, required_text
    from extractor.find.counts import first_words, noun_phrases
    from extractor.find.legal_refs import regexes
    from extractor.ingest import legacy

    for remembered in (
        noun_phrases.tagged,
        noun_phrases.segment,
        first_words._kept,
        legacy.is_syllable,
        regexes.fold_name,
        required_text._fold_sentence,
    ):
        remembered.cache_clear()
    model = classifier.load_model()
    for block in model.blocks if model is not None else ():
        block.forget_words()


def _timed(
    work: Callable[[Path], int], files: list[Path], repeat: int, *, fresh: bool = False
) -> tuple[int, float]:
    """Pages and the best CPU seconds of ``repeat`` passes of ``work`` over ``files`` (``fresh``: each pass
    reads them as unseen text, see :func:`forget_seen_text`)."""
    best = None
    pages = 0
    for _ in range(repeat):
        if fresh:
            forget_seen_text()
        started = time.process_time()
        pages = sum(work(path) for path in files)
        spent = time.process_time() - started
        best = spent if best is None else min(best, spent)
    return pages, best or 0.0


#: Runs the command given after it and prints the CPU and peak RSS of that process alone: this process's
#: own ``RUSAGE_CHILDREN`` would also hold every child it waited for before (LibreOffice converting the
#: fixtures, earlier runs), and its peak RSS is the largest of them all.
_MEASURE_ONE_CHILD = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "used = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(used.ru_utime + used.ru_stime, used.ru_maxrss / 1024)"
)


def _child_cpu(argv: list[str], env: dict[str, str], runs: int = 3) -> tuple[float, float]:
    """CPU seconds (user + system) and peak RSS (MB) of a fresh process running ``argv``: the least of
    ``runs`` processes (a busy or shared machine only ever adds to them)."""
    found = []
    for _ in range(runs):
        measured = subprocess.run(
            [sys.executable, "-c", _MEASURE_ONE_CHILD, *argv],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        cpu, peak = measured.stdout.split()
        found.append((float(cpu), float(peak)))
    return min(cpu for cpu, _ in found), min(peak for _, peak in found)


def service_document(path: Path, folder: Path) -> dict[str, float | int | str] | None:
    """One uploaded document through the service's worker, in this process: CPU seconds from accepted (file
    stored, ``extract`` job queued, as ``POST /api/dossiers/{id}/documents`` leaves it) to evidence stored
    and the job done. None when the service (``api``) is not installed."""
    try:
        from sqlalchemy import func, select
        from sqlalchemy.orm import Session

        from api import queue
        from api.access import province_key
        from api.db import make_engine
        from api.migrate import upgrade_head
        from api.orm import Document, Dossier, EvidenceRow, Job, Unit
        from api.settings import Settings
        from api.storage import ContentStore, sha256_of
        from api.worker import Worker
    except ImportError:
        return None

    settings = Settings(database_url=f"sqlite:///{folder / 'service.db'}", storage_dir=folder / "storage")
    engine = make_engine(settings.database_url)
    try:
        upgrade_head(engine)
        sha256 = sha256_of(path)
        ContentStore(settings.storage_dir).put(path, sha256)
        with Session(engine) as session, session.begin():
            unit = Unit(
                name="Sở Kế hoạch và Đầu tư",
                kind="co_quan",
                province="Sơn La",
                province_key=province_key("Sơn La"),
            )
            session.add(unit)
            session.flush()
            dossier = Dossier(unit_id=unit.id, year=2022)
            session.add(dossier)
            session.flush()
            document = Document(
                dossier_id=dossier.id,
                sha256=sha256,
                filename=path.name,
                format="pdf",
                size=path.stat().st_size,
                status="queued",
            )
            session.add(document)
            session.flush()
            queue.enqueue(
                session, "extract", {"document_id": document.id}, document_id=document.id, cost=document.size
            )
            document_id = document.id
        worker = Worker(settings, engine=engine, worker_id="bench")
        started = time.process_time()
        worked = worker.run_once()
        seconds = time.process_time() - started
        with Session(engine) as session:
            job_status = session.scalar(select(Job.status).where(Job.document_id == document_id))
            stored = (
                session.scalar(
                    select(func.count())
                    .select_from(EvidenceRow)
                    .where(EvidenceRow.document_id == document_id)
                )
                or 0
            )
            pages = session.scalar(select(Document.page_count).where(Document.id == document_id)) or 0
        return {
            "seconds": seconds,
            "pages": pages,
            "evidence": stored,
            "status": str(job_status) if worked else "not claimed",
        }
    finally:
        engine.dispose()


def _row(name: str, pages: int, seconds: float, reference: float | None) -> str:
    rate = pages / seconds if seconds > 0 else float("inf")
    share = f"{100 * rate / reference:6.1f} %" if reference and rate != float("inf") else "      –"
    per_page = 1000 * seconds / pages if pages else 0.0
    return f"{name:<30} {rate:>10.1f} {per_page:>9.2f} {share:>9}"


def _seed_fixtures():  # type: ignore[no-untyped-def]
    """``tests/fixtures/files.py`` (the seeds as real PDFs), loaded by its path without touching ``sys.path``:
    this developer command needs a checkout of the repository, not an installed copy."""
    import importlib.util

    location = REPO / "tests" / "fixtures" / "files.py"
    spec = importlib.util.spec_from_file_location("minhchung_bench_fixtures", location)
    if spec is None or spec.loader is None or not location.is_file():
        return None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(args: argparse.Namespace) -> int:
    fixtures = _seed_fixtures()
    if fixtures is None:
        print(
            f"minhchung bench: needs the repository's test fixtures ({REPO / 'tests' / 'fixtures'})",
            file=sys.stderr,
        )
        return 1
    SEED_NAMES, seed_file = fixtures.SEED_NAMES, fixtures.seed_file  # noqa: N806

    names = SEED_NAMES[:2] if args.quick else SEED_NAMES
    lengths = (
        tuple(int(n) for n in args.lengths.split(","))
        if args.lengths
        else (QUICK_LENGTHS if args.quick else LENGTHS)
    )
    pdfs = [seed_file(name, "pdf") for name in names]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    python = sys.executable

    for path in pdfs[:1]:  # warm-up: imports and first-use costs are not reading speed
        pdfium_pages(path)
        plumber_pages(path)
    # the reference everything is a share of: best of several passes (cheap), so that one slow pass on a
    # busy machine does not flatter every share
    pages, bare = _timed(pdfium_pages, pdfs, max(args.repeat, REFERENCE_PASSES))
    pdfium_rate = pages / bare
    print(
        f"corpus: {len(pdfs)} seed PDFs, {pages} pages; CPU time (time.process_time), best of {args.repeat} "
        f"(bare pypdfium2: of {max(args.repeat, REFERENCE_PASSES)}); "
        f"{os.cpu_count()} cores on the machine, figures are per core"
    )
    print()
    print(f"{'stage':<30} {'pages/s':>10} {'ms/page':>9} {'of pdfium':>9}")
    print(_row("pypdfium2 bare", pages, bare, None))
    print(_row("pdfplumber extract_text", *_timed(plumber_pages, pdfs, args.repeat), pdfium_rate))

    from extractor import pipeline

    started = time.process_time()
    for warm_up_file in (WARM_UP, fixtures.figure_table_file("pdf")):  # models and readers; not measured
        staged_extract(warm_up_file, Stopwatch())
    warm_up = time.process_time() - started
    pipeline.keep_loaded()  # as a worker does after its warm-up (extractor.bulk.work.warm_up)
    best: Stopwatch | None = None
    for _ in range(args.repeat):
        forget_seen_text()
        watch = Stopwatch()
        for path in pdfs:
            staged_extract(path, watch)
        if best is None or watch.total() < best.total():
            best = watch
    assert best is not None
    for name, seconds in best.seconds.items():
        label = f"    of which {name.split(': ', 1)[1]}" if ": " in name else f"  {name}"
        print(_row(label, pages, seconds, pdfium_rate))
    print(_row("extract_file, sum of stages", pages, best.total(), pdfium_rate))

    print(
        _row(
            "extract_file, end to end",
            *_timed(lambda p: pipeline.extract_file(p).document.pages, pdfs, args.repeat, fresh=True),
            pdfium_rate,
        )
    )
    print(f"(first document in this process, loading models: {warm_up:.2f} s CPU)")

    print()
    small = (
        REPO / "corpora" / "seeds" / f"{min(names, key=lambda n: len(seed_file(n, 'txt').read_text()))}.txt"
    )
    extract = [python, "-m", "extractor.cli", "extract", str(small)]
    with tempfile.TemporaryDirectory(prefix="minhchung-bench-cache-") as cache:  # the first run's is empty
        env = {**env, "MINHCHUNG_CACHE_DIR": cache}
        first_cpu, _ = _child_cpu(extract, env, runs=1)
        help_cpu, _ = _child_cpu([python, "-m", "extractor.cli", "--help"], env)
        import_cpu, _ = _child_cpu([python, "-c", "import extractor.pipeline"], env)
        extract_cpu, extract_rss = _child_cpu(extract, env)
    warm = _timed(lambda p: pipeline.extract_file(p).document.pages, [small], 1, fresh=True)[1]
    print(
        "start-up CPU (least of 3 fresh processes): "
        f"`minhchung --help` {help_cpu:.2f} s; `import extractor.pipeline` {import_cpu:.2f} s; "
        f"`minhchung extract {small.name}` {extract_cpu:.2f} s, of which extraction (warm) {warm:.2f} s, "
        f"start-up {extract_cpu - warm:.2f} s; the first run, compiling the patterns later runs read "
        f"(extractor.regex_cache): {first_cpu:.2f} s, start-up {first_cpu - warm:.2f} s"
    )
    print(
        f"peak RSS: fresh `minhchung extract` process {extract_rss:.0f} MB; this bench process "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )

    print()
    with tempfile.TemporaryDirectory() as folder:
        path = concatenated_pdf(pdfs, SERVICE_PAGES, Path(folder) / f"upload-{SERVICE_PAGES}.pdf")
        forget_seen_text()
        service = service_document(path, Path(folder))
    if service is None:
        print(
            f"service: one {SERVICE_PAGES}-page PDF from accepted to evidence stored — skipped (api not installed)"
        )
    else:
        print(
            f"service: one {SERVICE_PAGES}-page PDF from accepted to evidence stored: {service['seconds']:.2f} s CPU "
            f"({1000 * float(service['seconds']) / max(1, int(service['pages'])):.1f} ms/page; job "
            f"{service['status']}, {service['evidence']} evidence rows; worker step in this process, SQLite)"
        )

    print()
    source = fixtures.long_report_pdf(max(LENGTHS))
    span = max(lengths)
    print(
        f"cost per page by document length: the same first {span} pages of one long PDF in which no sentence "
        "repeats (the gold sets' texts, then synthetic reports), read as documents of that many pages (the "
        "last one shorter); CPU ms per page"
    )
    stages: list[str] = []
    rows: list[
        tuple[int, int | None, str | dict[str, float]]
    ] = []  # (length, pages read, failure or seconds)
    with tempfile.TemporaryDirectory() as folder:
        for length in lengths:
            watch = Stopwatch()
            forget_seen_text()
            got = 0
            try:
                for first in range(0, span, length):
                    part = page_range_pdf(source, first, min(length, span - first), Path(folder) / "part.pdf")
                    got += staged_extract(part, watch).document.pages
            except Exception as error:  # noqa: BLE001 - a length the pipeline cannot process is a result
                rows.append((length, None, f"{type(error).__name__}: {str(error)[:80]}"))
                continue
            stages += [name for name in watch.seconds if name not in stages]
            rows.append((length, got, dict(watch.seconds)))
    print(
        f"{'length':>6} {'total':>8} "
        + " ".join(f"{name.replace('find ', '').replace('criteria: ', ''):>11}" for name in stages)
    )
    for length, read, timing in rows:
        if read is None or isinstance(timing, str):
            print(f"{length:>6} failed: {timing}")
            continue
        total = 1000 * sum(value for name, value in timing.items() if ": " not in name) / read
        print(
            f"{length:>6} {total:>8.2f} "
            + " ".join(f"{1000 * timing.get(name, 0.0) / read:>11.2f}" for name in stages)
        )
    return 0
