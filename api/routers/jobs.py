"""Job status (queued/running/done/failed, progress, error)."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import select

from api.access import get_document
from api.deps import CurrentUser, Db
from api.errors import not_found
from api.orm import Document, Dossier, Job, Unit
from api.params import PageNo, PageSize, PathId, ShortText
from api.schemas import JobOut, Page
from api.views import job_out, paginate

router = APIRouter(prefix="/api/jobs", tags=["jobs"])


@router.get("", response_model=Page[JobOut])
def list_jobs(
    user: CurrentUser,
    db: Db,
    status: ShortText = None,
    kind: ShortText = None,
    page: PageNo = 1,
    page_size: PageSize = 50,
) -> dict:
    query = select(Job)
    if user.role == "assessor":
        from api.access import restrict_units

        query = restrict_units(
            user,
            query.join(Document, Job.document_id == Document.id)
            .join(Dossier, Document.dossier_id == Dossier.id)
            .join(Unit, Dossier.unit_id == Unit.id),
        )
    if status:
        query = query.where(Job.status == status)
    if kind:
        query = query.where(Job.kind == kind)
    return paginate(db, query.order_by(Job.id.desc()), page, page_size, job_out)


@router.get("/{job_id}", response_model=JobOut)
def read_job(job_id: PathId, user: CurrentUser, db: Db) -> dict:
    job = db.get(Job, job_id)
    if job is None:
        raise not_found(f"job {job_id}")
    if user.role == "assessor":
        if job.document_id is None:
            raise not_found(f"job {job_id}")
        get_document(db, user, job.document_id)
    return job_out(job)
