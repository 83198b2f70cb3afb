"""ORM rows → the API's JSON shapes (see ROUTES.md)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api import summaries
from api.orm import AuditEntry, Document, Dossier, EvidenceRow, Job


def latest_job_ids(session: Session, document_ids: list[int]) -> dict[int, int]:
    if not document_ids:
        return {}
    rows = session.execute(
        select(Job.document_id, func.max(Job.id))
        .where(Job.document_id.in_(document_ids), Job.kind == "extract")
        .group_by(Job.document_id)
    )
    return {doc_id: job_id for doc_id, job_id in rows if doc_id is not None}  # none is: filtered by id


def document_out(document: Document, job_id: int | None) -> dict[str, Any]:
    return {
        "id": document.id,
        "dossier_id": document.dossier_id,
        "filename": document.filename,
        "format": document.format,
        "size": document.size,
        "sha256": document.sha256,
        "status": document.status,
        "page_count": document.page_count,
        "info": document.info,
        "error": document.error,
        "job_id": job_id,
        "created_at": document.created_at,
    }


def dossier_out(
    session: Session, dossier: Dossier, *, with_documents: bool = False, card: dict[str, Any] | None = None
) -> dict[str, Any]:
    """One dossier with its counts and proposed result (``card``: its scorecard, when built already): the
    summary the dossier list shows (``api.summaries``, the same figures), with its documents on request."""
    out = summaries.dossier_summaries(session, [dossier], {dossier.id: card} if card else None)[0]
    if with_documents:
        documents = list(
            session.scalars(select(Document).where(Document.dossier_id == dossier.id).order_by(Document.id))
        )
        jobs = latest_job_ids(session, [d.id for d in documents])
        out["documents"] = [document_out(d, jobs.get(d.id)) for d in documents]
    return out


def evidence_out(row: EvidenceRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "document_id": row.document_id,
        "dossier_id": row.dossier_id,
        "kind": row.kind,
        "text": row.text,
        "page": row.page,
        "source_part": row.source_part or "body",
        "footnote": row.footnote,
        "start": row.start,
        "end": row.end,
        "value": row.value,
        "original_value": row.original_value,
        "confidence": row.confidence,
        "extractor": row.extractor,
        "criteria": list(row.criteria or []),
        "status": row.status,
        "version": row.version,
        "updated_by": row.updated_by,
        "updated_at": row.updated_at,
    }


def evidence_snapshot(row: EvidenceRow) -> dict[str, Any]:
    """The reviewable fields, as recorded before/after a change in the audit trail."""
    return {
        "status": row.status,
        "value": row.value,
        "criteria": list(row.criteria or []),
        "version": row.version,
    }


def job_out(job: Job) -> dict[str, Any]:
    return {
        "id": job.id,
        "kind": job.kind,
        "status": job.status,
        "progress": job.progress,
        "message": job.message,
        "error": job.error,
        "attempts": job.attempts,
        "document_id": job.document_id,
        "result": job.result,
        "created_at": job.created_at,
        "updated_at": job.updated_at,
    }


def audit_out(entry: AuditEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "at": entry.at,
        "user": entry.username,
        "action": entry.action,
        "entity_type": entry.entity_type,
        "entity_id": entry.entity_id,
        "dossier_id": entry.dossier_id,
        "before": entry.before,
        "after": entry.after,
        "note": entry.note,
    }


def paginate(
    session: Session,
    query,
    page: int,
    page_size: int,
    convert=None,
    *,  # type: ignore[no-untyped-def]
    convert_all=None,
) -> dict[str, Any]:
    """One page of ``query``: each row through ``convert``, or the whole page through ``convert_all`` (rows →
    items, for conversions that read the database once per page rather than once per row)."""
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    rows = session.scalars(query.offset((page - 1) * page_size).limit(page_size)).all()
    items = convert_all(rows) if convert_all is not None else [convert(r) for r in rows]
    return {"items": items, "total": total, "page": page, "page_size": page_size}
