"""Does a document belong to its dossier? Its detected issuer, year and unit kind against the dossier's.

A document whose detected issuer (``info.issuer``), year or unit kind (``info.subject_type``) disagrees with
the dossier's unit and year — a Sở Tư pháp Lạng Sơn 2025 plan uploaded into the Sở Kế hoạch và Đầu tư Sơn La
2022 dossier — gets a warning (at upload, in the dossier, in its audit) and is held out of the scorecard
proposal until an assessor accepts it anyway. The acceptance is an audit-trail entry (action
``accept_mismatch`` on the document), so it survives re-processing and needs no new column.

Unit names are compared loosely (case- and diacritics-insensitive, one contained in the other), years
exactly, unit kinds through the subject type. A value the extractor did not detect is no disagreement.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.orm import AuditEntry, Document, Dossier
from extractor import vocabulary

ACCEPT_ACTION = "accept_mismatch"
QUICK_FORMATS = {"txt", "pdf", "docx"}  # read at upload without LibreOffice or OCR
QUICK_MAX_BYTES = 10 * 1024 * 1024  # larger files are checked after the worker's reading only


def fold(text: str | None) -> str:
    """Lower case, no diacritics (đ → d), words separated by single spaces."""
    decomposed = unicodedata.normalize("NFD", (text or "").replace("đ", "d").replace("Đ", "D"))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char)).lower()
    return " ".join(re.findall(r"[a-z0-9]+", plain))


def names_agree(issuer: str | None, unit_name: str | None) -> bool:
    """One name contained in the other, ignoring case, diacritics and punctuation."""
    a, b = fold(issuer), fold(unit_name)
    if not a or not b:
        return True
    return f" {a} " in f" {b} " or f" {b} " in f" {a} "


def _kind_label(kind: str | None) -> str:
    return vocabulary.label("subject_type", kind, default=kind or "—")


def mismatches(info: dict[str, Any] | None, dossier: Dossier) -> list[dict[str, Any]]:
    """The ways a document's detected ``info`` disagrees with ``dossier`` (empty when it agrees)."""
    if not info:
        return []
    unit = dossier.unit
    found: list[dict[str, Any]] = []
    issuer = info.get("issuer")
    if issuer and not names_agree(issuer, unit.name):
        found.append({"field": "issuer", "document_value": issuer, "dossier_value": unit.name,
                      "message_vi": f"Cơ quan ban hành “{issuer}” khác đơn vị của hồ sơ “{unit.name}”"})
    year = info.get("year")
    if year and int(year) != int(dossier.year):
        found.append({"field": "year", "document_value": int(year), "dossier_value": dossier.year,
                      "message_vi": f"Văn bản năm {year}, hồ sơ năm {dossier.year}"})
    kind = info.get("subject_type")
    if kind and unit.kind and kind != unit.kind:
        found.append({"field": "subject_type", "document_value": kind, "dossier_value": unit.kind,
                      "message_vi": f"Văn bản của loại đơn vị “{_kind_label(kind)}”, "
                                    f"hồ sơ là “{_kind_label(unit.kind)}”"})
    return found


def quick_info(path: Path, file_format: str) -> dict[str, Any] | None:
    """Issuer, year and unit kind read from the file's text without the full pipeline (None when the
    format needs LibreOffice/OCR or the text cannot be read); the worker's full reading replaces it."""
    if file_format not in QUICK_FORMATS:
        return None
    try:
        if Path(path).stat().st_size > QUICK_MAX_BYTES:
            return None
        from extractor.clean import normalize
        from extractor.ingest import load_document
        from extractor.metadata import describe
        from extractor.structure import parse_structure

        raw = load_document(path, ocr=False, check_language=False)
        normalized = normalize(raw)
        if not normalized.text.strip():
            return None
        info = describe(raw, normalized.text, parse_structure(normalized.text))
    except Exception:  # noqa: BLE001 — the worker reports unreadable files; the check just says nothing
        return None
    return {"issuer": info.issuer, "year": info.year, "subject_type": info.subject_type,
            "doc_type": info.doc_type, "title": info.title}


def accepted_ids(session: Session, dossier_id: int) -> set[int]:
    """Documents of the dossier whose mismatch an assessor accepted (from the audit trail)."""
    rows = session.scalars(select(AuditEntry.entity_id).where(
        AuditEntry.dossier_id == dossier_id, AuditEntry.entity_type == "document",
        AuditEntry.action == ACCEPT_ACTION))
    return {int(value) for value in rows if str(value).isdigit()}


def document_check(document: Document, dossier: Dossier, accepted: set[int]) -> dict[str, Any]:
    """``{"warnings", "accepted", "held_out", "pending"}`` of one document."""
    warnings = mismatches(document.info, dossier)
    is_accepted = document.id in accepted
    return {"warnings": warnings, "accepted": bool(warnings) and is_accepted,
            "held_out": bool(warnings) and not is_accepted, "pending": not document.info}


def held_out(session: Session, dossier: Dossier, documents: list[Document]) -> set[int]:
    """Ids of the documents kept out of the scorecard proposal (mismatched and not accepted)."""
    accepted = accepted_ids(session, dossier.id)
    return {document.id for document in documents
            if document.id not in accepted and mismatches(document.info, dossier)}


def proposed_kind(documents: list[Document]) -> str | None:
    """The unit kind most of the processed documents detect (None when none detects one)."""
    kinds = Counter(kind for document in documents if (kind := (document.info or {}).get("subject_type")))
    return kinds.most_common(1)[0][0] if kinds else None


def dossier_check(session: Session, dossier: Dossier, documents: list[Document] | None = None
                  ) -> dict[str, Any]:
    """The dossier's mismatch summary: per document its warnings, the kind its documents propose."""
    if documents is None:
        documents = list(session.scalars(select(Document).where(Document.dossier_id == dossier.id)
                                         .order_by(Document.id)))
    accepted = accepted_ids(session, dossier.id)
    per_document = []
    for document in documents:
        check = document_check(document, dossier, accepted)
        if check["warnings"]:
            per_document.append({"document_id": document.id, "filename": document.filename, **check})
    kind = proposed_kind(documents)
    return {"documents": per_document,
            "held_out": [item["document_id"] for item in per_document if item["held_out"]],
            "proposed_kind": kind,
            "kind_disagrees": bool(kind and dossier.unit.kind and kind != dossier.unit.kind)}
