"""Evidence: filtered lists, review (confirm/reject/edit/re-assign) with an optimistic version, history."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import String, cast, select, update
from sqlalchemy.orm import Session

from api.access import get_document, get_dossier, get_evidence, restrict_units
from api.audit_trail import record
from api.db import rowcount
from api.deps import CurrentUser, Db, Writer
from api.errors import ApiError, not_found
from api.orm import AuditEntry, Dossier, EvidenceRow, Unit, utcnow
from api.params import EvidenceId, PageNo, PageSize, QueryId, ShortText
from api.schemas import AuditOut, EvidenceOut, EvidencePatch, EvidenceStatus, Page
from api.views import audit_out, evidence_out, evidence_snapshot, paginate
from extractor.criteria import catalogue

router = APIRouter(prefix="/api/evidence", tags=["evidence"])


@router.get("", response_model=Page[EvidenceOut])
def list_evidence(
    user: CurrentUser,
    db: Db,
    document_id: QueryId = None,
    dossier_id: QueryId = None,
    kind: ShortText = None,
    criterion: ShortText = None,
    status: EvidenceStatus | None = None,
    page: PageNo = 1,
    page_size: PageSize = 50,
) -> dict:
    query = select(EvidenceRow)
    if document_id is not None:
        query = query.where(EvidenceRow.document_id == get_document(db, user, document_id).id)
    if dossier_id is not None:
        query = query.where(EvidenceRow.dossier_id == get_dossier(db, user, dossier_id).id)
    if document_id is None and dossier_id is None:
        query = restrict_units(
            user,
            query.join(Dossier, EvidenceRow.dossier_id == Dossier.id).join(Unit, Dossier.unit_id == Unit.id),
        )
    if kind:
        query = query.where(EvidenceRow.kind == kind)
    if status:
        query = query.where(EvidenceRow.status == status)
    if criterion:
        query = query.where(cast(EvidenceRow.criteria, String).like(f'%"{criterion}"%'))
    query = query.order_by(EvidenceRow.document_id, EvidenceRow.start, EvidenceRow.id)
    return paginate(db, query, page, page_size, evidence_out)


@router.get("/{evidence_id}", response_model=EvidenceOut)
def read_evidence(evidence_id: EvidenceId, user: CurrentUser, db: Db) -> dict:
    return evidence_out(get_evidence(db, user, evidence_id))


def _reread(db: Session, evidence_id: str) -> EvidenceRow:
    """The row as the database holds it now (evidence rows are never deleted by the API)."""
    row = db.get(EvidenceRow, evidence_id, populate_existing=True)
    if row is None:
        raise not_found(f"evidence {evidence_id}")
    return row


def _conflict(row: EvidenceRow) -> ApiError:
    return ApiError(
        409,
        "version_conflict",
        f"evidence {row.id} is at version {row.version}",
        extra={"current": evidence_out(row) | {"updated_at": row.updated_at.isoformat()}},
    )


@router.patch("/{evidence_id}", response_model=EvidenceOut)
def review_evidence(evidence_id: EvidenceId, body: EvidencePatch, user: Writer, db: Db) -> dict:
    row = get_evidence(db, user, evidence_id)
    if body.version != row.version:
        raise _conflict(row)
    if body.criteria is not None:
        unknown = sorted(set(body.criteria) - {c.id for c in catalogue.criteria()})
        if unknown:
            raise ApiError(422, "validation_error", f"unknown criteria: {', '.join(unknown)}")
    before = evidence_snapshot(row)
    changes = {
        "status": body.status or row.status,
        "value": body.value if body.value is not None else row.value,
        "criteria": list(dict.fromkeys(body.criteria)) if body.criteria is not None else row.criteria,
    }
    now = utcnow()
    # The version check and the write are one statement: of two concurrent reviews only one matches.
    result = db.execute(
        update(EvidenceRow)
        .where(EvidenceRow.id == row.id, EvidenceRow.version == body.version)
        .values(**changes, version=body.version + 1, updated_by=user.username, updated_at=now)
    )
    if rowcount(result) != 1:
        db.rollback()
        raise _conflict(_reread(db, evidence_id))
    after = {**changes, "criteria": list(changes["criteria"] or []), "version": body.version + 1}
    action = {"confirmed": "confirm", "rejected": "reject"}.get(body.status or "", "edit")
    record(
        db,
        user,
        action,
        "evidence",
        row.id,
        dossier_id=row.dossier_id,
        before=before,
        after=after,
        note=body.note,
    )
    db.commit()
    return evidence_out(_reread(db, evidence_id))


@router.get("/{evidence_id}/history", response_model=list[AuditOut])
def evidence_history(evidence_id: EvidenceId, user: CurrentUser, db: Db) -> list[dict]:
    row = get_evidence(db, user, evidence_id)
    entries = db.scalars(
        select(AuditEntry)
        .where(AuditEntry.entity_type == "evidence", AuditEntry.entity_id == row.id)
        .order_by(AuditEntry.id)
    )
    return [audit_out(entry) for entry in entries]
