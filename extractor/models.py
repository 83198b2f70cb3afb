"""Result types shared by every stage: pages, normalized documents, evidence.

These are the stable contract of ``minhchung extract --format json`` (see README,
"The extract contract"). Keep field names stable; add, never rename.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

EvidenceKind = Literal["legal_ref", "date", "count", "criterion_claim"]
EVIDENCE_KINDS: tuple[str, ...] = ("legal_ref", "date", "count", "criterion_claim")

DocType = Literal["bao_cao", "ke_hoach", "cong_van", "to_trinh", "bien_ban", "quyet_dinh", "dang_ky", "other"]
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
        """The fields in their order, as ``asdict`` gives them (every field is a plain value but the list
        of warnings, copied), without its recursive deep copy."""
        data = {name: getattr(self, name) for name in _DOCUMENT_FIELDS}
        data["warnings"] = list(self.warnings)
        if not include_text:
            data.pop("text", None)
        return data


_DOCUMENT_FIELDS = tuple(item.name for item in fields(DocumentInfo))


# --------------------------------------------------------------------------- evidence values
# One small class per kind, serialised to exactly the JSON of ``Evidence.value`` (the extract
# contract): keys always present, plus the listed optional keys only when they hold something.
# ``Evidence.value`` stays a plain dict for every consumer; ``Evidence.typed_value()`` reads it.


@dataclass
class LegalRefValue:
    """A legal reference: ``key`` is shared by every mention of one document ("124/2021/TT-BCA")."""

    doc_type: str  # canonical type word: "Thông tư", "Quyết định", "Đề án"
    key: str  # canonical symbol, "<Type> <number>" for an unresolved short form, the name for an act by name
    number: str | None = None  # ordinal as written ("124", "05")
    year: int | None = None  # year segment of the symbol
    code: str | None = None  # rest of the symbol ("TT-BCA")
    date: str | None = None  # ISO issue date written right after the reference
    issuer: str | None = None  # as written ("Bộ Công an")
    name: str | None = None  # a law or act cited by name (optional key)

    OPTIONAL = ("name",)


@dataclass
class DateValue:
    """A date, period, range or recurring deadline."""

    iso: str  # "2021-12-28", "2023-Q3", "2024-H1", "2025/2030", "--02-15"
    kind: Literal["date", "period", "range", "recurring"]
    inferred_year: bool = (
        False  # the year is not written in the phrase (document's year, or a range's other end)
    )

    OPTIONAL = ()


@dataclass
class CountValue:
    """A count or a zero claim; an amount with a scale word is multiplied out into ``value``."""

    value: int | float  # 2300000000 for "2,3 tỷ đồng", 0 for a zero claim
    unit: str | None  # what is counted ("cuộc tuyên truyền", "đồng"); for a percentage what it is of
    percent: bool = False
    comparator: Literal[">=", ">", "<=", "<"] | None = None
    modality: Literal["actual", "target", "zero"] = "actual"
    parent: int | None = None  # start offset of the total this count breaks down
    total: int | None = None  # 5 for the ratio "05/05 tiêu chí"
    multiplier: str | None = None  # scale word as written ("tỷ") (optional key)
    surface_value: int | float | None = None  # the number as written (2.3) (optional key)

    OPTIONAL = ("multiplier", "surface_value")


@dataclass
class ClaimValue:
    """A criterion claim: which TT124 criteria, and what the document says of them."""

    criteria: list[int | str]  # criterion numbers, or ["all"] for the whole standard
    status: Literal["reported", "met", "not_met", "target"]
    year: int | None = None  # the year the claim is for
    count_met: int | None = None  # 5 in "đạt 05/05 tiêu chí"
    count_total: int | None = None

    OPTIONAL = ()


EvidenceValue = LegalRefValue | DateValue | CountValue | ClaimValue
VALUE_CLASSES: dict[str, type] = {
    "legal_ref": LegalRefValue,
    "date": DateValue,
    "count": CountValue,
    "criterion_claim": ClaimValue,
}


def value_to_dict(value: EvidenceValue) -> dict[str, Any]:
    """The JSON of a value: every field, except optional keys that hold nothing."""
    data = asdict(value)
    for key in type(value).OPTIONAL:
        if data[key] is None:
            del data[key]
    return data


def value_from_dict(kind: str, data: dict[str, Any]) -> EvidenceValue:
    """The typed value of an evidence ``kind`` from its JSON; unknown keys raise ``TypeError``."""
    return VALUE_CLASSES[kind](**data)


@dataclass
class Evidence:
    """One piece of evidence with its provenance.

    ``start``/``end`` index the normalized text (``DocumentInfo.text``); ``page`` is the
    1-based page of the source where the span starts. Evidence read in a footnote body has
    ``source_part`` "footnote" and ``footnote``, the footnote's 1-based number in the document: its
    span indexes the footnotes part that follows the body in the normalized text (after one empty
    line, one footnote per line), and ``page`` is the page of the footnote.
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
    source_part: Literal["body", "footnote"] = "body"  # where in the document it was read
    footnote: int | None = None  # the footnote's 1-based number in the document (source_part "footnote")

    def assign_id(self, document_sha256: str) -> None:
        """Deterministic id: the same document processed twice yields the same ids."""
        digest = hashlib.sha1(f"{document_sha256}:{self.kind}:{self.start}:{self.end}".encode()).hexdigest()[
            :16
        ]
        self.id = f"ev_{digest}"

    def typed_value(self) -> EvidenceValue:
        """``value`` as its kind's class (:class:`CountValue` …), for programs that want types."""
        return value_from_dict(self.kind, self.value)

    def to_dict(self) -> dict[str, Any]:
        data = {
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
        if self.source_part != "body":  # optional keys: body evidence is written as before
            data["source_part"] = self.source_part
            data["footnote"] = self.footnote
        return data


def _object_schema(cls: type, adapter_schema: dict[str, Any], optional: tuple[str, ...]) -> dict[str, Any]:
    """pydantic's schema of a dataclass, made exact: every non-optional key required, no others."""
    schema = dict(adapter_schema)
    schema["required"] = [name for name in schema["properties"] if name not in optional]
    schema["additionalProperties"] = False
    for prop in schema["properties"].values():
        prop.pop("default", None)
    schema["description"] = (cls.__doc__ or "").strip().splitlines()[0]
    return schema


def extract_output_schema() -> dict[str, Any]:
    """JSON Schema (2020-12) of one object printed by ``minhchung extract --format json``.

    Built from the dataclasses above (pydantic, imported here only), so it cannot drift from them;
    the README publishes it and a test checks the CLI's output against it.
    """
    from pydantic import TypeAdapter

    defs: dict[str, Any] = {}
    for cls in (LegalRefValue, DateValue, CountValue, ClaimValue):
        defs[cls.__name__] = _object_schema(cls, TypeAdapter(cls).json_schema(), cls.OPTIONAL)
    document = _object_schema(DocumentInfo, TypeAdapter(DocumentInfo).json_schema(), ("text",))
    evidence_common = {
        "id": {"type": "string"},
        "text": {"type": "string"},
        "page": {"anyOf": [{"type": "integer"}, {"type": "null"}]},
        "start": {"type": "integer"},
        "end": {"type": "integer"},
        "confidence": {"type": "number"},
        "extractor": {"type": "string"},
        "criteria": {"type": "array", "items": {"type": "string"}},
        "source_part": {"enum": ["body", "footnote"]},
        "footnote": {"anyOf": [{"type": "integer"}, {"type": "null"}]},
    }
    evidence = {
        "oneOf": [
            {
                "type": "object",
                "properties": {
                    **evidence_common,
                    "kind": {"const": kind},
                    "value": {"$ref": f"#/$defs/{cls.__name__}"},
                },
                "required": [
                    "id",
                    "kind",
                    "text",
                    "page",
                    "start",
                    "end",
                    "value",
                    "confidence",
                    "extractor",
                    "criteria",
                ],
                "additionalProperties": False,
            }
            for kind, cls in VALUE_CLASSES.items()
        ]
    }
    criterion = {
        "type": "object",
        "properties": {
            "id": {"type": "string"},
            "title": {"type": "string"},
            "status": {"type": "string"},
            "confidence": {"type": "number"},
            "evidence_ids": {"type": "array", "items": {"type": "string"}},
        },
        "required": ["id", "title", "status", "confidence", "evidence_ids"],
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "minhchung extract --format json (one file)",
        "type": "object",
        "properties": {
            "document": {"$ref": "#/$defs/DocumentInfo"},
            "evidence": {"type": "array", "items": {"$ref": "#/$defs/Evidence"}},
            "criteria": {"type": "array", "items": {"$ref": "#/$defs/Criterion"}},
        },
        "required": ["document", "evidence", "criteria"],
        "additionalProperties": False,
        "$defs": {"DocumentInfo": document, "Evidence": evidence, "Criterion": criterion, **defs},
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
