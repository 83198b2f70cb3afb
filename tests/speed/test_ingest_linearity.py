"""Ingestion's whole-document checks cost what they decide on, not the document's length: the characters
they read are counted on growing inputs, never timed."""

from __future__ import annotations

import re

from extractor import language
from extractor.ingest import legacy


class CountingPattern:
    """A compiled pattern that adds up the length of every stretch of text it is asked to scan."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.scanned = 0

    def __getattr__(self, name: str):
        method = getattr(self.pattern, name)

        def counted(string: str, pos: int = 0, endpos: int | None = None):
            end = len(string) if endpos is None else min(endpos, len(string))
            self.scanned += max(0, end - pos)  # the part of the string the pattern is asked to scan
            return method(string, pos, len(string) if endpos is None else endpos)

        return counted


def paragraph_text(paragraphs: int) -> str:
    return (
        "Ngày 22/02/2023, UBND xã ban hành Kế hoạch số 48/KH-UBND¹ về bảo đảm an ninh, trật tự.\n"
        * paragraphs
    )


BARE = (
    "Ngay 22/02/2023, UBND xa ban hanh Ke hoach so 48/KH-UBND ve bao dam an ninh, trat tu cua dia phuong.\n"
)


def scanned_by_language_check(monkeypatch, text: str, *, marked: bool) -> int:
    """Characters the language check's word patterns scan (the quick count of marked words, and the
    3,000-word sample), deciding ``text``."""
    patterns = [CountingPattern(language._WORD), CountingPattern(language._MARKED_WORD)]
    monkeypatch.setattr(language, "_WORD", patterns[0])
    monkeypatch.setattr(language, "_MARKED_WORD", patterns[1])
    assert language.is_vietnamese(text)
    assert language.typed_without_diacritics(text) is not marked
    return sum(pattern.scanned for pattern in patterns)


def test_the_language_check_reads_its_sample_not_the_whole_document(monkeypatch):
    for paragraph, marked in ((paragraph_text(1), True), (BARE, False)):
        medium, large = paragraph * 1000, paragraph * 10_000
        read_medium = scanned_by_language_check(monkeypatch, medium, marked=marked)
        read_large = scanned_by_language_check(monkeypatch, large, marked=marked)
        assert 0 < read_medium == read_large  # the same sample, however long the document
        assert read_large < len(medium)  # the old check ran its word pattern over all of it
    assert language.vietnamese_scores(paragraph_text(10_000))["words"] == language.SAMPLE_WORDS


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
