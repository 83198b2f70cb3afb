"""Extraction results for the scorecard and audit: from files via the pipeline, or from saved
``minhchung extract`` JSON; re-assessed when the caller fixes the subject type."""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

from extractor.criteria.mapping import assess
from extractor.errors import UnsupportedFormatError
from extractor.models import DocumentInfo, Evidence, ExtractionResult

SUPPORTED = {".pdf", ".docx", ".doc", ".odt", ".rtf", ".txt", ".json"}


def from_dict(data: dict) -> ExtractionResult:
    """An ``ExtractionResult`` from ``minhchung extract --format json`` output."""
    known = {item.name for item in fields(DocumentInfo)}
    document = DocumentInfo(**{key: value for key, value in data["document"].items() if key in known})
    evidence_fields = {item.name for item in fields(Evidence)}
    evidence = [
        Evidence(**{key: value for key, value in item.items() if key in evidence_fields})
        for item in data.get("evidence", [])
    ]
    return ExtractionResult(document=document, evidence=evidence, criteria=data.get("criteria", []))


def load(path: str | Path, subject_type: str | None = None) -> ExtractionResult:
    """One document's result; with ``subject_type`` the criteria are re-assessed for that kind of unit."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise UnsupportedFormatError(suffix or "no extension", source=str(path))
    if suffix == ".json":
        result = from_dict(json.loads(path.read_text(encoding="utf-8")))
    else:
        from extractor.pipeline import extract_file

        result = extract_file(path, include_text=True)
    if subject_type and result.document.text and subject_type != result.document.subject_type:
        result.document.subject_type = subject_type
        for item in result.evidence:
            item.criteria = []
        from extractor.pipeline import body_text

        result.criteria = assess(result.document, body_text(result.document.text), result.evidence)
    return result


def expand(paths: list[str]) -> list[Path]:
    """Files named on the command line; directories contribute their supported files (sorted)."""
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found += sorted(
                item for item in path.rglob("*") if item.is_file() and item.suffix.lower() in SUPPORTED
            )
        else:
            found.append(path)
    return found
