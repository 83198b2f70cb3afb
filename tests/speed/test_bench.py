"""``minhchung bench``'s helpers: PDFs of a chosen length, stages timed as extract_file runs them."""

from __future__ import annotations

import pypdfium2 as pdfium
from fixtures.files import _SENTENCE_END, long_report_paragraphs, long_report_pdf, seed_file

from extractor import pipeline
from extractor.commands import _bench_pdfs as bench_pdfs
from extractor.commands import bench

SEED = "so-khdt-bao-cao-ket-qua-2022"


def test_a_pdf_of_any_length_from_the_seed_pages(tmp_path):
    source = seed_file(SEED, "pdf")
    made = bench_pdfs.concatenated_pdf([source], 11, tmp_path / "eleven.pdf")
    document = pdfium.PdfDocument(str(made))
    try:
        assert len(document) == 11
    finally:
        document.close()
    assert bench_pdfs.pdfium_pages(made) == 11


def test_the_length_table_reads_500_pages_in_which_no_sentence_repeats(tmp_path):
    sentences = [
        part for text, _ in long_report_paragraphs(500) for part in _SENTENCE_END.split(text) if part
    ]
    assert len(sentences) > 10_000 and len(set(sentences)) == len(sentences)
    source = long_report_pdf(500)
    assert bench_pdfs.pdfium_pages(source) >= 500
    part = bench_pdfs.page_range_pdf(source, 10, 5, tmp_path / "part.pdf")
    assert bench_pdfs.pdfium_pages(part) == 5


def test_staged_extraction_is_extract_file_with_every_stage_timed():
    source = seed_file(SEED, "pdf")
    watch = bench.Stopwatch()
    staged = bench.staged_extract(source, watch)
    assert staged.to_dict() == pipeline.extract_file(source).to_dict()
    stages = list(watch.seconds)
    assert stages[:3] == ["ingest", "normalise", "structure"]
    assert {
        "find legal_refs",
        "find dates",
        "find counts",
        "find claims",
        "criteria",
        "criteria: classifier",
        "output",
    } <= set(stages)
    assert watch.total() == sum(
        seconds for name, seconds in watch.seconds.items() if name != "criteria: classifier"
    )


def test_the_service_line_runs_the_worker_from_accepted_to_evidence_stored(tmp_path):
    """The bench's service figure measures a real job: claimed, extracted, stored on SQLite, done."""
    from sqlalchemy import create_engine, func, select

    from api.orm import EvidenceRow

    made = bench_pdfs.concatenated_pdf([seed_file(SEED, "pdf")], 3, tmp_path / "three.pdf")
    service = bench.service_document(made, tmp_path)
    assert service is not None
    assert service["status"] == "done" and service["pages"] == 3
    engine = create_engine(f"sqlite:///{tmp_path / 'service.db'}")
    try:
        with engine.connect() as connection:
            stored = connection.scalar(select(func.count()).select_from(EvidenceRow))
    finally:
        engine.dispose()
    assert stored == service["evidence"] > 0


def test_a_fresh_process_s_memory_is_its_own_not_the_largest_child_s_before_it():
    import os
    import sys

    env = dict(os.environ)
    _, big = bench._child_cpu([sys.executable, "-c", "held = bytearray(300_000_000)"], env, runs=1)
    cpu, small = bench._child_cpu([sys.executable, "-c", "pass"], env, runs=1)
    assert big > 290 and small < 100 and cpu > 0
