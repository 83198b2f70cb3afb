"""Missing-criteria audit (per dossier and across units), the criteria catalogue, and the audit trail."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import select

from api import scorecards
from api.access import get_dossier, province_key, restrict_units
from api.deps import CurrentUser, Db
from api.orm import AuditEntry, Dossier, Unit
from api.params import PageNo, PageSize, PathId, QueryId, ShortText, Year
from api.schemas import AuditOut, Page, UnitKind
from api.views import audit_out, paginate
from extractor.criteria import catalogue

router = APIRouter(prefix="/api", tags=["audit"])


@router.get("/criteria")
def list_criteria(_user: CurrentUser, subject_type: UnitKind | None = None) -> list[dict]:
    """The TT124 catalogue (``corpora/tt124``), or the criteria of one kind of unit."""
    chosen = catalogue.for_subject(subject_type) if subject_type else catalogue.criteria()
    return [
        {**item.to_dict(), "subject_types": catalogue.articles()[item.article]["subject_types"]}
        for item in chosen
    ]


def _dossier_audit(db, dossier: Dossier) -> dict:  # type: ignore[no-untyped-def]
    return scorecards.missing_audit(db, dossier)


@router.get("/dossiers/{dossier_id}/audit")
def dossier_audit(dossier_id: PathId, user: CurrentUser, db: Db) -> dict:
    return _dossier_audit(db, get_dossier(db, user, dossier_id))


@router.get("/audit")
def audit_across_units(
    user: CurrentUser,
    db: Db,
    province: ShortText = None,
    year: Year = None,
    kind: UnitKind | None = None,
    page: PageNo = 1,
    page_size: PageSize = 100,
) -> dict:
    query = restrict_units(user, select(Dossier).join(Unit, Dossier.unit_id == Unit.id))
    if province:
        query = query.where(Unit.province_key == province_key(province))
    if year is not None:
        query = query.where(Dossier.year == year)
    if kind:
        query = query.where(Unit.kind == kind)
    return paginate(
        db,
        query.order_by(Unit.province, Unit.name, Dossier.year),
        page,
        page_size,
        lambda dossier: _dossier_audit(db, dossier),
    )


@router.get("/audit-log", response_model=Page[AuditOut])
def audit_log(
    user: CurrentUser,
    db: Db,
    dossier_id: QueryId = None,
    entity_type: ShortText = None,
    page: PageNo = 1,
    page_size: PageSize = 100,
) -> dict:
    query = select(AuditEntry)
    if dossier_id is not None:
        query = query.where(AuditEntry.dossier_id == get_dossier(db, user, dossier_id).id)
    elif user.role == "assessor":
        visible = restrict_units(user, select(Dossier.id).join(Unit, Dossier.unit_id == Unit.id))
        query = query.where(AuditEntry.dossier_id.in_(visible))
    if entity_type:
        query = query.where(AuditEntry.entity_type == entity_type)
    return paginate(db, query.order_by(AuditEntry.id.desc()), page, page_size, audit_out)
