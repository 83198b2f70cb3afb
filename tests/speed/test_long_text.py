"""Texts over spaCy's 1,000,000-character limit are read in sections, with the offsets of the whole text."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from extractor import nlp, pipeline
from extractor.clean import normalize_plain

SEEDS = sorted((Path(__file__).resolve().parents[2] / "corpora" / "seeds").glob("*.txt"))


@cache
def long_text(chars: int = 1_500_000) -> str:
    """The seeds' normalized paragraphs repeated up to ``chars`` characters."""
    block = "\n".join(normalize_plain(path.read_text(encoding="utf-8")) for path in SEEDS) + "\n"
    return (block * (chars // len(block) + 1))[:chars]


def test_sections_cut_at_paragraph_boundaries_and_join_back():
    text = "một hai ba\n" * 50 + "x" * 95 + " yy" * 40 + "\nz"
    pieces = pipeline.sections(text, limit=100)
    assert "".join(piece for _, piece in pieces) == text
    assert all(len(piece) <= 100 for _, piece in pieces)
    assert [offset for offset, _ in pieces] == [
        sum(len(p) for _, p in pieces[:i]) for i in range(len(pieces))
    ]
    assert all(piece.endswith("\n") for _, piece in pieces[:5])  # paragraphs are not cut
    assert pipeline.sections("ngắn", limit=100) == [(0, "ngắn")]
    assert pipeline.sections("a" * 250, limit=100) == [(0, "a" * 100), (100, "a" * 100), (200, "a" * 50)]


def test_a_text_over_the_spacy_limit_gives_evidence_at_the_right_offsets():
    text = long_text()
    assert len(text) > nlp.get_nlp().max_length
    pieces = pipeline.sections(text)
    assert len(pieces) > 1 and all(len(piece) < nlp.get_nlp().max_length // 2 for _, piece in pieces)
    evidence = pipeline.extract_text(text)
    assert len(evidence) > 1000
    assert all(item.text == text[item.start : item.end] for item in evidence)
    assert [item.start for item in evidence] == sorted(item.start for item in evidence)
    # the same evidence as each section read on its own (first, a middle one, the last)
    for offset, piece in (pieces[0], pieces[len(pieces) // 2], pieces[-1]):
        alone = sorted(
            (item.kind, item.start + offset, item.end + offset, item.text)
            for item in nlp.run(piece)._.evidence
        )
        inside = sorted(
            (item.kind, item.start, item.end, item.text)
            for item in evidence
            if offset <= item.start < offset + len(piece)
        )
        assert alone == inside and alone
