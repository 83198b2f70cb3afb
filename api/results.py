"""Storing one document's extraction result: metadata, text, and evidence upserted by deterministic id."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.orm import Document, EvidenceRow, utcnow
from extractor.models import Evidence, ExtractionResult


def row_id(evidence_id: str, document_id: int) -> str:
    """Stable per document: the extractor's content-derived id plus the document row."""
    return f"{evidence_id}_{document_id}"


def evidence_row_id(evidence: Evidence, document_id: int) -> str:
    return row_id(evidence.id, document_id)


def store_result(session: Session, document: Document, result: ExtractionResult) -> dict[str, int]:
    """Write the result; re-running never duplicates evidence and never overwrites an assessor's review."""
    info = result.document.to_dict(include_text=False)
    info["source"] = document.filename
    document.info = info
    document.text = result.document.text
    document.page_count = result.document.pages
    document.criteria = result.criteria
    document.status = "done"
    document.error = None
    document.processed_at = utcnow()

    existing = {
        row.id: row
        for row in session.scalars(select(EvidenceRow).where(EvidenceRow.document_id == document.id))
    }
    added = updated = kept = 0
    seen: set[str] = set()
    for item in result.evidence:
        if not item.id:
            item.assign_id(document.sha256)
        row_id = evidence_row_id(item, document.id)
        if row_id in seen:  # the same span found twice in one run
            continue
        seen.add(row_id)
        row = existing.get(row_id)
        if row is None:
            session.add(
                EvidenceRow(
                    id=row_id,
                    document_id=document.id,
                    dossier_id=document.dossier_id,
                    kind=item.kind,
                    text=item.text,
                    start=item.start,
                    end=item.end,
                    page=item.page,
                    source_part=item.source_part,
                    footnote=item.footnote,
                    value=item.value,
                    original_value=item.value,
                    confidence=float(item.confidence),
                    extractor=item.extractor,
                    criteria=list(item.criteria),
                    original_criteria=list(item.criteria),
                    status="proposed",
                    version=1,
                )
            )
            added += 1
        elif row.version == 1 and row.status == "proposed":
            row.text, row.page, row.value, row.original_value = item.text, item.page, item.value, item.value
            row.source_part, row.footnote = item.source_part, item.footnote
            row.confidence, row.extractor = float(item.confidence), item.extractor
            row.criteria, row.original_criteria = list(item.criteria), list(item.criteria)
            updated += 1
        else:
            kept += 1
    return {"evidence": len(result.evidence), "added": added, "updated": updated, "kept_reviewed": kept}
