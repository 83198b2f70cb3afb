"""Split normalized text into sentences with their character spans (the unit the criteria see)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! ? (or "./.") followed by space and an upper-case letter, digit, quote or bullet.
_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[\"“'(\-–•+]?\s*[A-ZĐÀ-Ỵ0-9])")
_MIN_CHARS = 12


@dataclass(frozen=True)
class Sentence:
    """One sentence: its text and ``start``/``end`` in the normalized text; ``paragraph`` index."""

    text: str
    start: int
    end: int
    paragraph: int


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` in reading order (paragraph = one line of normalized text)."""
    found: list[Sentence] = []
    offset = 0
    for index, line in enumerate(text.split("\n")):
        cursor = 0
        pieces = _BOUNDARY.split(line)
        for piece in pieces:
            position = line.find(piece, cursor)
            cursor = position + len(piece)
            stripped = piece.strip()
            if len(stripped) < _MIN_CHARS and not _is_criterion_heading(stripped):
                continue  # a numbering ("3.") or a stray fragment; a bare "Tiêu chí 3" heading is kept
            lead = len(piece) - len(piece.lstrip())
            start = offset + position + lead
            found.append(Sentence(stripped, start, start + len(stripped), index))
        offset += len(line) + 1
    return found


def _is_criterion_heading(text: str) -> bool:
    from extractor.criteria import catalogue

    return bool(catalogue.status_cues()["criterion_heading"].match(text))
