"""Dossiers (hồ sơ: unit × year): list with proposed result and review progress, create, read."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import delete, select
from sqlalchemy.orm import selectinload

from api import dossier_checks, scorecards, summaries
from api.access import get_dossier, get_unit, province_key, restrict_units
from api.audit_trail import record
from api.db import rowcount
from api.deps import CurrentUser, Db, Writer
from api.errors import ApiError
from api.orm import CriterionDecision, Dossier, Unit
from api.params import PageNo, PageSize, PathId, QueryId, ShortText, Year
from api.schemas import DossierDetail, DossierIn, DossierOut, Page
from api.views import dossier_out, paginate

router = APIRouter(prefix="/api/dossiers", tags=["dossiers"])


@router.get("", response_model=Page[DossierOut])
def list_dossiers(
    user: CurrentUser,
    db: Db,
    unit_id: QueryId = None,
    year: Year = None,
    province: ShortText = None,
    page: PageNo = 1,
    page_size: PageSize = 50,
) -> dict:
    """The dossiers the user may see, newest first, each with its counts and proposed result
    (``api.summaries``: a few queries per page; a scorecard is rebuilt only for a dossier that changed)."""
    query = restrict_units(
        user, select(Dossier).join(Unit, Dossier.unit_id == Unit.id).options(selectinload(Dossier.unit))
    )
    if unit_id is not None:
        query = query.where(Dossier.unit_id == unit_id)
    if year is not None:
        query = query.where(Dossier.year == year)
    if province:
        query = query.where(Unit.province_key == province_key(province))
    return paginate(
        db,
        query.order_by(Dossier.id.desc()),
        page,
        page_size,
        convert_all=lambda rows: summaries.dossier_summaries(db, rows),
    )


@router.post("", response_model=DossierOut, status_code=201)
def create_dossier(body: DossierIn, user: Writer, db: Db) -> dict:
    unit = get_unit(db, user, body.unit_id)
    if db.scalar(select(Dossier).where(Dossier.unit_id == unit.id, Dossier.year == body.year)) is not None:
        raise ApiError(409, "duplicate", f"unit {unit.id} already has a dossier for {body.year}")
    dossier = Dossier(unit_id=unit.id, year=body.year)
    db.add(dossier)
    db.flush()
    record(db, user, "create", "dossier", dossier.id, dossier_id=dossier.id, after=body.model_dump())
    db.commit()
    return dossier_out(db, dossier)


@router.get("/{dossier_id}", response_model=DossierDetail)
def read_dossier(dossier_id: PathId, user: CurrentUser, db: Db) -> dict:
    dossier = get_dossier(db, user, dossier_id)
    card = scorecards.build(db, dossier)
    return dossier_out(db, dossier, with_documents=True, card=card) | {
        "checks": dossier_checks.dossier_check(db, dossier),
        "assessor_result": card["overall"],
    }


@router.delete("/{dossier_id}/scorecard/criteria/{criterion_id}")
def clear_decision(
    dossier_id: PathId, criterion_id: str, user: Writer, db: Db, version: Annotated[int, Query(ge=1)]
) -> dict:
    """Clear the assessor's decision on one criterion (``version`` = the decision's current version); the
    proposal stands alone again. Recorded in the audit trail."""
    dossier = get_dossier(db, user, dossier_id)
    current = db.scalar(
        select(CriterionDecision).where(
            CriterionDecision.dossier_id == dossier.id, CriterionDecision.criterion_id == criterion_id
        )
    )
    if current is None:
        raise ApiError(404, "not_found", f"no decision on {criterion_id}")
    if current.version != version:
        raise ApiError(
            409,
            "version_conflict",
            f"decision is at version {current.version}",
            extra={"current": {"version": current.version, "decision": current.decision}},
        )
    before = {"decision": current.decision, "note": current.note, "version": current.version}
    if (
        rowcount(
            db.execute(
                delete(CriterionDecision).where(
                    CriterionDecision.id == current.id, CriterionDecision.version == version
                )
            )
        )
        != 1
    ):
        db.rollback()
        raise ApiError(409, "version_conflict", "decided concurrently")
    record(
        db,
        user,
        "clear_decision",
        "criterion",
        f"{dossier.id}:{criterion_id}",
        dossier_id=dossier.id,
        before=before,
        after=None,
    )
    db.commit()
    card = scorecards.build(db, dossier)
    return next(
        (c for c in card["criteria"] if c["id"] == criterion_id), {"id": criterion_id, "decision": None}
    )
