"""Every bad file gets its own typed error (and exit code), never a traceback or a hang."""

from __future__ import annotations

import pytest
from fixtures import bad_inputs

from extractor.errors import (
    CorruptFileError,
    EmptyDocumentError,
    EncryptedFileError,
    FileTooLargeError,
    NotVietnameseError,
    UnsafeArchiveError,
)
from extractor.ingest import Limits, load_document


@pytest.mark.parametrize(
    ("make", "error"),
    [
        (bad_inputs.corrupt_pdf, CorruptFileError),
        (bad_inputs.truncated_pdf, CorruptFileError),
        (bad_inputs.zero_page_pdf, EmptyDocumentError),
        (bad_inputs.encrypted_pdf, EncryptedFileError),
        (bad_inputs.empty_file, EmptyDocumentError),
        (bad_inputs.english_txt, NotVietnameseError),
        (bad_inputs.zip_bomb_docx, UnsafeArchiveError),
        (bad_inputs.billion_laughs_docx, UnsafeArchiveError),
    ],
    ids=lambda v: getattr(v, "__name__", ""),
)
def test_bad_file_gets_its_typed_error(tmp_path, make, error):
    path = make(tmp_path)
    with pytest.raises(error) as caught:
        load_document(path)
    assert str(path) in caught.value.message()


def test_distinct_exit_codes():
    codes = {
        cls.exit_code
        for cls in (
            CorruptFileError,
            EmptyDocumentError,
            EncryptedFileError,
            FileTooLargeError,
            NotVietnameseError,
            UnsafeArchiveError,
        )
    }
    assert len(codes) == 6


def test_over_size_and_over_page_limits(seed_path):
    pdf = seed_path("xa-kon-gang-ke-hoach-tt124", "pdf")
    with pytest.raises(FileTooLargeError):
        load_document(pdf, limits=Limits(max_bytes=1000))
    with pytest.raises(FileTooLargeError):
        load_document(pdf, limits=Limits(max_pages=3))


def test_limits_from_environment(monkeypatch, seed_path):
    monkeypatch.setenv("MINHCHUNG_MAX_BYTES", "2048")
    with pytest.raises(FileTooLargeError):
        load_document(seed_path("so-khdt-bao-cao-ket-qua-2022", "docx"))


def test_cli_exit_code_for_bad_file(tmp_path):
    from extractor.cli import main

    assert main(["extract", str(bad_inputs.corrupt_pdf(tmp_path))]) == CorruptFileError.exit_code
