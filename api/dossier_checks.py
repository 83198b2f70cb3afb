"""Does a document belong to its dossier? Its detected issuer, year and unit kind against the dossier's.

A document whose detected issuer (``info.issuer``), year or unit kind (``info.subject_type``) disagrees with
the dossier's unit and year — a Sở Tư pháp Lạng Sơn 2025 plan uploaded into the Sở Kế hoạch và Đầu tư Sơn La
2022 dossier — gets a warning (at upload, in the dossier, in its audit) and is held out of the scorecard
proposal until an assessor accepts it anyway. The acceptance is an audit-trail entry (action
``accept_mismatch`` on the document), so it survives re-processing and needs no new column.

Which facts disagree is the criteria layer's rule (``extractor.criteria.dossier.mismatches``, the one the
scorecard itself applies): unit names compared loosely (case- and diacritics-insensitive, one contained in the
other, or most distinctive words and abbreviations agreeing), years exactly, unit kinds through the subject
type's TT124 article. A value the extractor did not detect is no disagreement. This module words the warnings
for the assessor and keeps the acceptances.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.orm import AuditEntry, Document, Dossier
from extractor import vocabulary
from extractor.criteria import catalogue
from extractor.criteria import dossier as criteria_dossier
from extractor.models import DocumentInfo

ACCEPT_ACTION = "accept_mismatch"
WITHDRAW_ACTION = (
    "withdraw_document"  # a wrong or failed upload taken out of the dossier (nothing is deleted)
)
RESTORE_ACTION = "restore_document"
QUICK_FORMATS = {"txt", "pdf", "docx"}  # read at upload without LibreOffice or OCR
QUICK_MAX_BYTES = 10 * 1024 * 1024  # larger files are checked after the worker's reading only


def names_agree(issuer: str | None, unit_name: str | None) -> bool:
    """Do two names plausibly name the same unit? (Nothing to compare is no disagreement.)"""
    if issuer is None or unit_name is None or not issuer.strip() or not unit_name.strip():
        return True
    return criteria_dossier.same_unit(unit_name, issuer)


def _kind_label(kind: str | None) -> str:
    return vocabulary.label("subject_type", kind, default=kind or "—")


def mismatches(info: dict[str, Any] | None, dossier: Dossier) -> list[dict[str, Any]]:
    """The ways a document's detected ``info`` disagrees with ``dossier`` (empty when it agrees), each
    ``{"field", "document_value", "dossier_value", "message_vi"}``."""
    if not info:
        return []
    unit = dossier.unit
    document = DocumentInfo(
        source=info.get("source") or "",
        sha256="",
        pages=0,
        issuer=info.get("issuer"),
        year=info.get("year"),
        subject_type=info.get("subject_type"),
    )
    found = []
    for item in criteria_dossier.mismatches(document, unit.name, dossier.year, unit.kind):
        if item.field == "issuer":
            message = f"Cơ quan ban hành “{item.document_value}” khác đơn vị của hồ sơ “{item.dossier_value}”"
        elif item.field == "year":
            message = f"Văn bản năm {item.document_value}, hồ sơ năm {item.dossier_value}"
        else:  # subject_type: a kind of unit (a string)
            kind = None if item.document_value is None else str(item.document_value)
            message = (
                f"Văn bản của loại đơn vị “{_kind_label(kind)}” "
                f"(Điều {catalogue.article_for(kind)}), hồ sơ là “{_kind_label(unit.kind)}” "
                f"(Điều {catalogue.article_for(unit.kind)})"
            )
        found.append(
            {
                "field": item.field,
                "document_value": item.document_value,
                "dossier_value": item.dossier_value,
                "message_vi": message,
            }
        )
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
    return {
        "issuer": info.issuer,
        "year": info.year,
        "subject_type": info.subject_type,
        "doc_type": info.doc_type,
        "title": info.title,
    }


def accepted_ids(session: Session, dossier_id: int) -> set[int]:
    """Documents of the dossier whose mismatch an assessor accepted (from the audit trail)."""
    rows = session.scalars(
        select(AuditEntry.entity_id).where(
            AuditEntry.dossier_id == dossier_id,
            AuditEntry.entity_type == "document",
            AuditEntry.action == ACCEPT_ACTION,
        )
    )
    return {int(value) for value in rows if str(value).isdigit()}


def withdrawn_ids(session: Session, dossier_id: int) -> set[int]:
    """Documents of the dossier an assessor withdrew and did not restore (from the audit trail): kept, with
    their evidence and reviews, but out of the proposal, the review progress and the exports."""
    return withdrawn_everywhere(session, [dossier_id])


def withdrawn_everywhere(session: Session, dossier_ids: list[int]) -> set[int]:
    """The withdrawn documents of several dossiers at once (one query), for lists."""
    withdrawn: set[int] = set()
    if not dossier_ids:
        return withdrawn
    for action, entity in session.execute(
        select(AuditEntry.action, AuditEntry.entity_id)
        .where(
            AuditEntry.dossier_id.in_(dossier_ids),
            AuditEntry.entity_type == "document",
            AuditEntry.action.in_((WITHDRAW_ACTION, RESTORE_ACTION)),
        )
        .order_by(AuditEntry.id)
    ):
        if str(entity).isdigit():
            (withdrawn.add if action == WITHDRAW_ACTION else withdrawn.discard)(int(entity))
    return withdrawn


def document_check(
    document: Document,
    dossier: Dossier,
    accepted: set[int],
    withdrawn: set[int] | frozenset[int] = frozenset(),
) -> dict[str, Any]:
    """``{"warnings", "accepted", "held_out", "pending", "withdrawn"}`` of one document."""
    warnings = mismatches(document.info, dossier)
    is_accepted = document.id in accepted
    return {
        "warnings": warnings,
        "accepted": bool(warnings) and is_accepted,
        "held_out": bool(warnings) and not is_accepted,
        "pending": not document.info,
        "withdrawn": document.id in withdrawn,
    }


def proposed_kind(documents: list[Document]) -> str | None:
    """The unit kind most of the processed documents detect (None when none detects one)."""
    kinds = Counter(kind for document in documents if (kind := (document.info or {}).get("subject_type")))
    return kinds.most_common(1)[0][0] if kinds else None


def dossier_check(
    session: Session, dossier: Dossier, documents: list[Document] | None = None
) -> dict[str, Any]:
    """The dossier's mismatch summary: per document its warnings, the kind its documents propose."""
    if documents is None:
        documents = list(
            session.scalars(select(Document).where(Document.dossier_id == dossier.id).order_by(Document.id))
        )
    accepted = accepted_ids(session, dossier.id)
    withdrawn = withdrawn_ids(session, dossier.id)
    per_document = []
    for document in documents:
        check = document_check(document, dossier, accepted, withdrawn)
        if check["warnings"] or check["withdrawn"]:
            per_document.append({"document_id": document.id, "filename": document.filename, **check})
    kind = proposed_kind([document for document in documents if document.id not in withdrawn])
    return {
        "documents": per_document,
        "held_out": [item["document_id"] for item in per_document if item["held_out"]],
        "withdrawn": sorted(withdrawn & {document.id for document in documents}),
        "proposed_kind": kind,
        "kind_disagrees": bool(kind and dossier.unit.kind and kind != dossier.unit.kind),
    }
