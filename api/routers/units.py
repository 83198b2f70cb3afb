"""Units (đơn vị): list within jurisdiction, create (admin anywhere, assessor in their own province)."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import select

from api.access import get_unit, province_key, restrict_units
from api.audit_trail import record
from api.deps import CurrentUser, Db, Writer
from api.errors import ApiError
from api.orm import Unit
from api.params import PageNo, PageSize, PathId, ShortText
from api.schemas import Page, UnitIn, UnitKind, UnitOut
from api.views import paginate

router = APIRouter(prefix="/api/units", tags=["units"])


@router.get("", response_model=Page[UnitOut])
def list_units(
    user: CurrentUser,
    db: Db,
    province: ShortText = None,
    kind: UnitKind | None = None,
    page: PageNo = 1,
    page_size: PageSize = 50,
) -> dict:
    query = restrict_units(user, select(Unit))
    if province:
        query = query.where(Unit.province_key == province_key(province))
    if kind:
        query = query.where(Unit.kind == kind)
    return paginate(db, query.order_by(Unit.id), page, page_size, lambda u: u)


@router.get("/{unit_id}", response_model=UnitOut)
def read_unit(unit_id: PathId, user: CurrentUser, db: Db) -> Unit:
    return get_unit(db, user, unit_id)


@router.post("", response_model=UnitOut, status_code=201)
def create_unit(body: UnitIn, user: Writer, db: Db) -> Unit:
    province = (body.province or "").strip()
    if user.role == "assessor":
        if province and province_key(province) != province_key(user.province):
            raise ApiError(403, "forbidden", "assessors create units in their own province only")
        province = user.province or ""
    if not province:
        raise ApiError(422, "validation_error", "province is required")
    unit = Unit(
        name=body.name.strip(),
        kind=body.kind,
        province=province,
        province_key=province_key(province),
        commune=(body.commune or "").strip() or None,
    )
    db.add(unit)
    db.flush()
    record(db, user, "create", "unit", unit.id, after=body.model_dump() | {"province": province})
    db.commit()
    return unit
