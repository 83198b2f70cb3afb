"""Extraction results for the scorecard and audit: from files via the pipeline, or from saved
``minhchung extract`` JSON; re-assessed when the caller fixes the subject type."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import fields
from pathlib import Path

from extractor.criteria.mapping import assess
from extractor.errors import MissingToolError, UnsupportedFormatError
from extractor.models import DocumentInfo, Evidence, ExtractionResult

SUPPORTED = {".pdf", ".docx", ".doc", ".odt", ".rtf", ".txt", ".json"}
_YEAR = re.compile(r"năm\s+(20\d{2})", re.IGNORECASE)


def from_dict(data: dict) -> ExtractionResult:
    """An ``ExtractionResult`` from ``minhchung extract --format json`` output."""
    known = {item.name for item in fields(DocumentInfo)}
    document = DocumentInfo(**{key: value for key, value in data["document"].items() if key in known})
    evidence_fields = {item.name for item in fields(Evidence)}
    evidence = [Evidence(**{key: value for key, value in item.items() if key in evidence_fields})
                for item in data.get("evidence", [])]
    return ExtractionResult(document=document, evidence=evidence, criteria=data.get("criteria", []))


def _plain_text_result(path: Path) -> ExtractionResult:
    """Fallback while the full pipeline is unavailable: a TXT file, normalized, criteria only."""
    from extractor.clean import normalize_plain

    raw = path.read_bytes()
    text = normalize_plain(raw.decode("utf-8", errors="replace"))
    years = _YEAR.findall(text)
    head = text[:600].lower()
    doc_type = "ke_hoach" if "kế hoạch" in head[:200] else "bao_cao" if ("báo cáo" in head or "kết quả" in head) else None
    document = DocumentInfo(source=str(path), sha256=hashlib.sha256(raw).hexdigest(), pages=1, text=text,
                            doc_type=doc_type, year=int(max(set(years), key=years.count)) if years else None)
    return ExtractionResult(document=document, evidence=[], criteria=assess(document, text, []))


def load(path: str | Path, subject_type: str | None = None) -> ExtractionResult:
    """One document's result; with ``subject_type`` the criteria are re-assessed for that kind of unit."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise UnsupportedFormatError(suffix or "no extension", source=str(path))
    if suffix == ".json":
        result = from_dict(json.loads(path.read_text(encoding="utf-8")))
    else:
        try:
            from extractor.pipeline import extract_file
        except ImportError as error:
            if suffix != ".txt":
                raise MissingToolError(f"pipeline unavailable: {error}", source=str(path)) from error
            result = _plain_text_result(path)
        else:
            result = extract_file(path, include_text=True)
    if subject_type and result.document.text and subject_type != result.document.subject_type:
        result.document.subject_type = subject_type
        for item in result.evidence:
            item.criteria = []
        result.criteria = assess(result.document, result.document.text, result.evidence)
    return result


def expand(paths: list[str]) -> list[Path]:
    """Files named on the command line; directories contribute their supported files (sorted)."""
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found += sorted(item for item in path.rglob("*") if item.is_file() and item.suffix.lower() in SUPPORTED)
        else:
            found.append(path)
    return found
