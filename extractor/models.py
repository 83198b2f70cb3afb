"""Result types shared by every stage: pages, normalized documents, evidence.

These are the stable contract of ``minhchung extract --format json`` (see README,
"The extract contract"). Keep field names stable; add, never rename.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

EvidenceKind = Literal["legal_ref", "date", "count", "criterion_claim"]
EVIDENCE_KINDS: tuple[str, ...] = ("legal_ref", "date", "count", "criterion_claim")

DocType = Literal[
    "bao_cao", "ke_hoach", "cong_van", "to_trinh", "bien_ban", "quyet_dinh", "dang_ky", "other"
]
SubjectType = Literal["khu_dan_cu", "xa", "co_quan", "doanh_nghiep", "co_so_giao_duc"]


@dataclass
class CharBox:
    """A character's box on a PDF page, in PDF points (origin top-left)."""

    x0: float
    top: float
    x1: float
    bottom: float


@dataclass
class Page:
    """One page of source text as ingested (decoded, legacy-converted, NFC).

    ``boxes``, when present (PDF text layer), holds one box per character of ``text``
    (``None`` for characters with no box, such as inserted line breaks). ``footnotes`` are the
    bodies of the footnotes this page carries ("1 Chú thích …"), not part of ``text``.
    """

    number: int  # 1-based
    text: str
    boxes: list[CharBox | None] | None = None
    footnotes: list[str] = field(default_factory=list)  # footnote bodies referenced on this page, kept apart


@dataclass
class RawDocument:
    """What ingestion returns: the pages of one file and how they were read."""

    source: str
    sha256: str
    format: str  # pdf, docx, txt, doc, odt, rtf
    pages: list[Page]
    ocr: bool = False
    encoding: str | None = None  # txt: detected encoding; legacy font encodings: "tcvn3"/"vni"
    legacy_encoding: str | None = None
    headers: list[str] = field(default_factory=list)  # DOCX headers/footers, kept apart from the body
    warnings: list[str] = field(default_factory=list)

    @property
    def page_count(self) -> int:
        return len(self.pages)


@dataclass
class DocumentInfo:
    """The ``document`` object of the extract contract."""

    source: str
    sha256: str
    pages: int
    doc_type: str | None = None
    issuer: str | None = None
    number: str | None = None
    issued_on: str | None = None  # ISO date
    period: str | None = None  # e.g. "2023-H1", "2022"
    subject_type: str | None = None
    year: int | None = None
    ocr: bool = False
    title: str | None = None  # trích yếu
    place: str | None = None  # địa danh in "Sơn La, ngày …"
    warnings: list[str] = field(default_factory=list)  # how the file was read: OCR, no diacritics …
    text: str | None = None  # only with --include-text

    def to_dict(self, include_text: bool = False) -> dict[str, Any]:
        data = asdict(self)
        if not include_text:
            data.pop("text", None)
        return data


@dataclass
class Evidence:
    """One piece of evidence with its provenance.

    ``start``/``end`` index the normalized text (``DocumentInfo.text``); ``page`` is the
    1-based page of the source where the span starts.
    """

    kind: str
    text: str
    start: int
    end: int
    value: dict[str, Any]
    confidence: float
    extractor: str
    page: int | None = None
    id: str = ""
    criteria: list[str] = field(default_factory=list)  # TT124 criterion ids this supports

    def assign_id(self, document_sha256: str) -> None:
        """Deterministic id: the same document processed twice yields the same ids."""
        digest = hashlib.sha1(
            f"{document_sha256}:{self.kind}:{self.start}:{self.end}".encode()
        ).hexdigest()[:16]
        self.id = f"ev_{digest}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "text": self.text,
            "page": self.page,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "confidence": round(self.confidence, 3),
            "extractor": self.extractor,
            "criteria": self.criteria,
        }


@dataclass
class ExtractionResult:
    """One file's full answer: ``{"document", "evidence", "criteria"}``."""

    document: DocumentInfo
    evidence: list[Evidence]
    criteria: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self, include_text: bool = False) -> dict[str, Any]:
        return {
            "document": self.document.to_dict(include_text=include_text),
            "evidence": [e.to_dict() for e in self.evidence],
            "criteria": self.criteria,
        }
