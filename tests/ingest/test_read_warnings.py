"""How a file was read (OCR, no diacritics…) reaches the extract output: ``RawDocument.warnings`` →
``DocumentInfo.warnings`` → ``document.warnings`` in JSON and a line under the table's heading."""

from __future__ import annotations

import io
import sys

import pytest
from fixtures import bad_inputs

import corpora
from extractor.forms.terminal import print_table
from extractor.models import Page, RawDocument
from extractor.pipeline import extract_file, process

OCR_WARNING = "OCR (tesseract vie) on pages [1]: lower confidence"


def _fake_scan() -> RawDocument:
    """A seed's text as if Tesseract had read it from a one-page scan."""
    text = corpora.path("seeds", "xa-kon-gang-ke-hoach-tt124.txt").read_text(encoding="utf-8")
    return RawDocument(
        source="scan.pdf",
        sha256="0" * 64,
        format="pdf",
        pages=[Page(number=1, text=text)],
        ocr=True,
        warnings=[OCR_WARNING],
    )


def test_the_reading_warnings_are_carried_into_the_document_info() -> None:
    result = process(_fake_scan())
    assert result.document.ocr
    assert result.document.warnings == [OCR_WARNING]
    assert result.to_dict()["document"]["warnings"] == [OCR_WARNING]


@pytest.mark.parametrize("with_rich", [True, False])
def test_the_table_prints_the_warnings(monkeypatch, with_rich) -> None:
    if not with_rich:
        monkeypatch.setitem(sys.modules, "rich", None)  # import rich → ImportError: the plain table
    out = io.StringIO()
    print_table(process(_fake_scan()), out, width=100)
    assert OCR_WARNING in " ".join(out.getvalue().split())


def test_a_plain_file_has_no_warning() -> None:
    result = extract_file(corpora.path("seeds", "xa-kon-gang-ke-hoach-tt124.txt"))
    assert result.document.warnings == []


def test_a_scanned_pdf_says_it_was_read_by_ocr(tmp_path) -> None:
    result = extract_file(bad_inputs.scanned_pdf(tmp_path))
    assert result.document.ocr
    assert any(warning.startswith("OCR (tesseract vie) on pages [1]") for warning in result.document.warnings)
