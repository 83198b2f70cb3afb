"""What the legal-reference finder reads and builds: a document type of the lexicon, a reference found."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

EXTRACTOR = "legal_refs"
KIND = "legal_ref"


@dataclass(frozen=True)
class DocType:
    """One document type of the lexicon."""

    slug: str
    name: str  # canonical ("Thông tư")
    names: tuple[str, ...]
    abbreviations: tuple[str, ...]
    hints: tuple[str, ...]


@dataclass
class Ref:
    start: int
    end: int
    doc_type: DocType
    value: dict[str, Any]
    confidence: float
    attach: bool = True  # look for a date and issuer after it
    extra: dict[str, Any] = field(default_factory=dict)
    group: int | None = None  # members of one list share the date and issuer written after the last
