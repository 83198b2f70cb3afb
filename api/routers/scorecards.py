"""Scorecards: pre-filled proposal, per-criterion assessor decisions (versioned), XLSX/DOCX export."""

from __future__ import annotations

from fastapi import APIRouter, Response
from sqlalchemy import select, update

from api import scorecards
from api.access import get_dossier
from api.audit_trail import record
from api.db import rowcount
from api.deps import CurrentUser, Db, Writer
from api.errors import ApiError
from api.exports import scorecard_docx, scorecard_xlsx
from api.orm import CriterionDecision, utcnow
from api.params import PathId
from api.schemas import DecisionIn
from extractor.criteria import catalogue

router = APIRouter(prefix="/api/dossiers", tags=["scorecards"])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@router.get("/{dossier_id}/scorecard")
def read_scorecard(dossier_id: PathId, user: CurrentUser, db: Db) -> dict:
    return scorecards.build(db, get_dossier(db, user, dossier_id))


@router.put("/{dossier_id}/scorecard/criteria/{criterion_id}")
def decide(dossier_id: PathId, criterion_id: str, body: DecisionIn, user: Writer, db: Db) -> dict:
    dossier = get_dossier(db, user, dossier_id)
    if criterion_id not in {c.id for c in catalogue.for_subject(dossier.unit.kind)}:
        raise ApiError(404, "not_found", f"criterion {criterion_id} does not apply to this unit")
    current = db.scalar(
        select(CriterionDecision).where(
            CriterionDecision.dossier_id == dossier.id, CriterionDecision.criterion_id == criterion_id
        )
    )
    current_version = current.version if current else 0
    if body.version != current_version:
        raise ApiError(
            409,
            "version_conflict",
            f"decision is at version {current_version}",
            extra={
                "current": {"version": current_version, "decision": current.decision if current else None}
            },
        )
    before = (
        {"decision": current.decision, "note": current.note, "version": current.version} if current else None
    )
    if current is None:
        db.add(
            CriterionDecision(
                dossier_id=dossier.id,
                criterion_id=criterion_id,
                decision=body.decision,
                note=body.note,
                version=1,
                decided_by=user.username,
            )
        )
        try:
            db.flush()
        except Exception as error:  # unique (dossier, criterion): someone decided first
            db.rollback()
            raise ApiError(409, "version_conflict", "decided concurrently") from error
    else:
        won = rowcount(
            db.execute(
                update(CriterionDecision)
                .where(CriterionDecision.id == current.id, CriterionDecision.version == body.version)
                .values(
                    decision=body.decision,
                    note=body.note,
                    version=body.version + 1,
                    decided_by=user.username,
                    decided_at=utcnow(),
                )
            )
        )
        if won != 1:
            db.rollback()
            raise ApiError(409, "version_conflict", "decided concurrently")
    record(
        db,
        user,
        "decide",
        "criterion",
        f"{dossier.id}:{criterion_id}",
        dossier_id=dossier.id,
        before=before,
        after={"decision": body.decision, "note": body.note, "version": body.version + 1},
    )
    db.commit()
    card = scorecards.build(db, dossier)
    return next(c for c in card["criteria"] if c["id"] == criterion_id)


def _download(content: bytes, media_type: str, name: str) -> Response:
    return Response(
        content, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@router.get("/{dossier_id}/scorecard.xlsx")
def export_xlsx(dossier_id: PathId, user: CurrentUser, db: Db) -> Response:
    card = scorecards.build(db, get_dossier(db, user, dossier_id))
    return _download(scorecard_xlsx(card), XLSX, f"phieu-danh-gia-{dossier_id}.xlsx")


@router.get("/{dossier_id}/scorecard.docx")
def export_docx(dossier_id: PathId, user: CurrentUser, db: Db) -> Response:
    card = scorecards.build(db, get_dossier(db, user, dossier_id))
    return _download(scorecard_docx(card), DOCX, f"phieu-danh-gia-{dossier_id}.docx")
