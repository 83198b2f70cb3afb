"""Ingestion's whole-document checks cost what they decide on, not the document's length: the characters
they read are counted on growing inputs, never timed."""

from __future__ import annotations

import re

from extractor import language
from extractor.ingest import legacy


class CountingPattern:
    """A compiled pattern that adds up the length of every string it is asked to scan."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.scanned = 0

    def __getattr__(self, name: str):
        method = getattr(self.pattern, name)

        def counted(string: str, *args, **kwargs):
            self.scanned += len(string)
            return method(string, *args, **kwargs)

        return counted


def paragraph_text(paragraphs: int) -> str:
    return (
        "Ngày 22/02/2023, UBND xã ban hành Kế hoạch số 48/KH-UBND¹ về bảo đảm an ninh, trật tự.\n"
        * paragraphs
    )


def scanned_by_language_check(monkeypatch, text: str) -> int:
    counting = CountingPattern(language._WORD)
    monkeypatch.setattr(language, "_WORD", counting)
    assert language.is_vietnamese(text) and not language.typed_without_diacritics(text)
    return counting.scanned


def test_the_language_check_reads_its_sample_not_the_whole_document(monkeypatch):
    medium, large = paragraph_text(1000), paragraph_text(10_000)
    read_medium = scanned_by_language_check(monkeypatch, medium)
    read_large = scanned_by_language_check(monkeypatch, large)
    assert read_large == read_medium  # the same 3,000-word sample, however long the document
    assert read_large < len(medium)  # the old check ran its word pattern over all of it (900,000 characters)
    assert language.vietnamese_scores(large)["words"] == language.SAMPLE_WORDS


def decoded_while_detecting(monkeypatch, text: str) -> tuple[str | None, int]:
    decoded = 0
    decode = legacy.decode

    def counted(piece: str, encoding: str, *, upper: bool = False):
        nonlocal decoded
        decoded += len(piece)
        return decode(piece, encoding, upper=upper)

    monkeypatch.setattr(legacy, "decode", counted)
    return legacy.detect(text), decoded


def test_unicode_text_with_footnote_marks_is_not_decoded_to_rule_out_legacy_fonts(monkeypatch):
    for paragraphs in (100, 1000):  # "¹" is one of the legacy tells: the syllable count must decide
        assert decoded_while_detecting(monkeypatch, paragraph_text(paragraphs)) == (None, 0)
    tcvn3 = legacy.encode(paragraph_text(20), legacy.TCVN3)
    found, decoded = decoded_while_detecting(monkeypatch, tcvn3)
    assert found == legacy.TCVN3 and decoded == 2 * len(tcvn3)  # legacy text is still decoded and found
