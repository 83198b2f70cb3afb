"""Dossiers (hồ sơ: unit × year): list with proposed result and review progress, create, read."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import select

from api.access import get_dossier, get_unit, province_key, restrict_units
from api.audit_trail import record
from api.deps import CurrentUser, Db, Writer
from api.errors import ApiError
from api.orm import Dossier, Unit
from api.params import PageNo, PageSize, PathId, QueryId, ShortText, Year
from api.schemas import DossierDetail, DossierIn, DossierOut, Page
from api.views import dossier_out, paginate

router = APIRouter(prefix="/api/dossiers", tags=["dossiers"])


@router.get("", response_model=Page[DossierOut])
def list_dossiers(user: CurrentUser, db: Db, unit_id: QueryId = None, year: Year = None,
                  province: ShortText = None, page: PageNo = 1,
                  page_size: PageSize = 50) -> dict:
    query = restrict_units(user, select(Dossier).join(Unit, Dossier.unit_id == Unit.id))
    if unit_id is not None:
        query = query.where(Dossier.unit_id == unit_id)
    if year is not None:
        query = query.where(Dossier.year == year)
    if province:
        query = query.where(Unit.province_key == province_key(province))
    return paginate(db, query.order_by(Dossier.id.desc()), page, page_size, lambda d: dossier_out(db, d))


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
    return dossier_out(db, get_dossier(db, user, dossier_id), with_documents=True)
