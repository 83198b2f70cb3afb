"""Uploads into a dossier (checked, de-duplicated by sha256, stored content-addressed) and document reads."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, UploadFile
from fastapi.responses import FileResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from api import dossier_checks, queue
from api.access import get_document, get_dossier
from api.audit_trail import record
from api.deps import CurrentUser, Db, SettingsDep, Writer
from api.errors import ApiError
from api.orm import Document, User
from api.params import PathId
from api.schemas import AcceptIn, DocumentDetail, UploadOut
from api.storage import ContentStore
from api.uploads import receive, safe_filename
from api.views import document_out, latest_job_ids

router = APIRouter(prefix="/api", tags=["documents"])

MEDIA_TYPES = {
    "pdf": "application/pdf",
    "txt": "text/plain; charset=utf-8",
    "rtf": "application/rtf",
    "doc": "application/msword",
    "odt": "application/vnd.oasis.opendocument.text",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@router.post("/dossiers/{dossier_id}/documents", response_model=UploadOut, status_code=201)
def upload_documents(
    dossier_id: PathId,
    files: Annotated[list[UploadFile], File(description="PDF/DOCX/...")],
    user: Writer,
    db: Db,
    settings: SettingsDep,
) -> dict:
    dossier = get_dossier(db, user, dossier_id)
    if not files:
        raise ApiError(422, "validation_error", "no files")
    if len(files) > settings.max_files_per_upload:
        raise ApiError(413, "payload_too_large", f"at most {settings.max_files_per_upload} files per upload")
    store = ContentStore(settings.storage_dir)
    tmp_root = Path(settings.storage_dir) / "tmp"
    tmp_root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=tmp_root) as tmp:
        # Every file is checked before anything is stored: a bad file refuses the whole request.
        received = [
            receive(upload.file, safe_filename(upload.filename), settings, Path(tmp)) for upload in files
        ]
        items = []
        seen: dict[str, Document] = {}
        warnings: dict[int, list[dict]] = {}  # document id → how it disagrees with the dossier
        for item in received:
            document = seen.get(item.sha256) or db.scalar(
                select(Document).where(Document.dossier_id == dossier.id, Document.sha256 == item.sha256)
            )
            if document is not None:
                items.append((document, True))
                continue
            store.put(item.path, item.sha256)
            document = Document(
                dossier_id=dossier.id,
                sha256=item.sha256,
                filename=item.filename,
                format=item.format,
                size=item.size,
                status="queued",
                uploaded_by=user.id,
            )
            db.add(document)
            db.flush()
            queue.enqueue(
                db,
                "extract",
                {"document_id": document.id},
                document_id=document.id,
                created_by=user.id,
                max_attempts=settings.job_max_attempts,
                cost=item.size,
            )
            warnings[document.id] = dossier_checks.mismatches(
                dossier_checks.quick_info(item.path, item.format), dossier
            )
            record(
                db,
                user,
                "upload",
                "document",
                document.id,
                dossier_id=dossier.id,
                after={
                    "filename": item.filename,
                    "sha256": item.sha256,
                    "size": item.size,
                    "format": item.format,
                }
                | (
                    {"warnings": [w["message_vi"] for w in warnings[document.id]]}
                    if warnings[document.id]
                    else {}
                ),
            )
            seen[item.sha256] = document
            items.append((document, False))
        db.commit()
    jobs = latest_job_ids(db, [document.id for document, _ in items])
    return {
        "documents": [
            {
                "document": document_out(document, jobs.get(document.id)),
                "job_id": jobs.get(document.id),
                "duplicate": duplicate,
                "warnings": warnings.get(document.id) or dossier_checks.mismatches(document.info, dossier),
            }
            for document, duplicate in items
        ]
    }


@router.get("/documents/{document_id}", response_model=DocumentDetail)
def read_document(document_id: PathId, user: CurrentUser, db: Db) -> dict:
    document = get_document(db, user, document_id)
    job_id = latest_job_ids(db, [document.id]).get(document.id)
    accepted = dossier_checks.accepted_ids(db, document.dossier_id)
    withdrawn = dossier_checks.withdrawn_ids(db, document.dossier_id)
    return document_out(document, job_id) | {
        "text": document.text,
        "criteria": document.criteria,
        "checks": dossier_checks.document_check(document, document.dossier, accepted, withdrawn),
    }


@router.get("/documents/{document_id}/file")
def download_document(document_id: PathId, user: CurrentUser, db: Db, settings: SettingsDep) -> FileResponse:
    document = get_document(db, user, document_id)
    path = ContentStore(settings.storage_dir).path_for(document.sha256)
    if not path.exists():
        raise ApiError(404, "not_found", "stored file is missing")
    return FileResponse(
        path,
        media_type=MEDIA_TYPES.get(document.format, "application/octet-stream"),
        filename=document.filename,
    )


@router.post("/documents/{document_id}/reprocess", status_code=202)
def reprocess_document(document_id: PathId, user: Writer, db: Db, settings: SettingsDep) -> dict:
    """Queue the extraction again (e.g. after an extractor upgrade); reviewed evidence is kept as reviewed."""
    document = get_document(db, user, document_id)
    job = queue.enqueue(
        db,
        "extract",
        {"document_id": document.id},
        document_id=document.id,
        created_by=user.id,
        max_attempts=settings.job_max_attempts,
        cost=document.size,
    )
    document.status = "queued"
    record(
        db,
        user,
        "reprocess",
        "document",
        document.id,
        dossier_id=document.dossier_id,
        after={"job_id": job.id},
    )
    db.commit()
    return {"job_id": job.id}


@router.post("/documents/{document_id}/accept-mismatch")
def accept_mismatch(document_id: int, body: AcceptIn, user: Writer, db: Db) -> dict:
    """Accept a document that disagrees with its dossier (issuer, year, unit kind): it counts in the
    scorecard proposal from now on; the acceptance, with what disagreed, is recorded in the audit trail."""
    document = get_document(db, user, document_id)
    dossier = document.dossier
    warnings = dossier_checks.mismatches(document.info, dossier)
    if document.id not in dossier_checks.accepted_ids(db, dossier.id):
        record(
            db,
            user,
            dossier_checks.ACCEPT_ACTION,
            "document",
            document.id,
            dossier_id=dossier.id,
            after={
                "filename": document.filename,
                "accepted": True,
                "warnings": [item["message_vi"] for item in warnings],
            },
            note=body.note,
        )
        db.commit()
    return dossier_checks.document_check(document, dossier, dossier_checks.accepted_ids(db, dossier.id))


def _set_withdrawn(document_id: int, body: AcceptIn, user: User, db: Session, withdraw: bool) -> dict:
    document = get_document(db, user, document_id)
    dossier = document.dossier
    withdrawn = dossier_checks.withdrawn_ids(db, dossier.id)
    if (document.id in withdrawn) != withdraw:  # the same request twice records once
        action = dossier_checks.WITHDRAW_ACTION if withdraw else dossier_checks.RESTORE_ACTION
        record(
            db,
            user,
            action,
            "document",
            document.id,
            dossier_id=dossier.id,
            before={"filename": document.filename, "withdrawn": not withdraw},
            after={"filename": document.filename, "withdrawn": withdraw},
            note=body.note,
        )
        db.commit()
    return dossier_checks.document_check(
        document,
        dossier,
        dossier_checks.accepted_ids(db, dossier.id),
        dossier_checks.withdrawn_ids(db, dossier.id),
    )


@router.post("/documents/{document_id}/withdraw")
def withdraw_document(document_id: PathId, body: AcceptIn, user: Writer, db: Db) -> dict:
    """Take a document out of its dossier (a wrong file, a failed upload): it stays stored with its evidence
    and reviews, and the audit trail says who withdrew it and why, but it no longer counts in the proposal,
    the review progress or the exports. ``restore`` brings it back."""
    return _set_withdrawn(document_id, body, user, db, withdraw=True)


@router.post("/documents/{document_id}/restore")
def restore_document(document_id: PathId, body: AcceptIn, user: Writer, db: Db) -> dict:
    """Bring a withdrawn document back into its dossier (recorded in the audit trail)."""
    return _set_withdrawn(document_id, body, user, db, withdraw=False)
