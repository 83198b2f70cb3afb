"""Bulk analysis through the queue (admin): an uploaded .zip or a server-side folder."""

from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import ValidationError

from api import queue
from api.audit_trail import record
from api.deps import Admin, Db, SettingsDep
from api.errors import ApiError, from_input_error
from api.queue import BULK_COST
from api.schemas import BulkFolderIn, JobRef
from api.settings import Settings
from api.sniff import check_zip_upload
from api.storage import ContentStore, sha256_of
from api.uploads import safe_filename
from extractor.errors import MinhChungError

router = APIRouter(prefix="/api", tags=["bulk"])


def _check_and_store(path: Path, settings: Settings) -> str:
    """Check the zip (bombs, size) and store it content-addressed; its sha256 (runs off the event loop)."""
    check_zip_upload(path, settings.limits())
    sha = sha256_of(path)
    ContentStore(settings.storage_dir).put(path, sha)
    return sha


def _folder_body(raw: bytes) -> BulkFolderIn:
    """The JSON body ``{"folder": …}``; malformed or wrong-shaped JSON is a 422, never a 500."""
    try:
        return BulkFolderIn.model_validate_json(raw)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())) or 'body'}: {e.get('msg')}"
            for e in error.errors()[:5]
        )
        raise ApiError(422, "validation_error", problems) from error


@router.post(
    "/bulk",
    response_model=JobRef,
    status_code=202,
    description='multipart `file` (.zip of dossiers) or JSON `{"folder": "/server/path"}`',
)
async def start_bulk(request: Request, admin: Admin, db: Db, settings: SettingsDep) -> dict:
    """Queue a bulk analysis: a multipart .zip upload, or JSON naming a server folder (nothing else)."""
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/"):
        form = await request.form(max_files=1)
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise ApiError(422, "validation_error", "multipart field `file` (.zip) is required")
        tmp_root = Path(settings.storage_dir) / "tmp"
        tmp_root.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=tmp_root) as tmp:
            path = Path(tmp) / "bulk.zip"
            with path.open("wb") as handle:
                while chunk := await upload.read(1024 * 1024):
                    handle.write(chunk)
            try:
                sha = await run_in_threadpool(_check_and_store, path, settings)
            except MinhChungError as error:
                error.source = safe_filename(upload.filename)
                raise from_input_error(error) from error
        payload = {"sha256": sha, "filename": safe_filename(upload.filename)}
    elif content_type.split(";")[0].strip().lower() == "application/json":
        body = _folder_body(await request.body())
        folder = Path(body.folder)
        if not folder.is_dir():
            raise ApiError(422, "validation_error", f"not a folder on the server: {body.folder}")
        payload = {"folder": str(folder.resolve())}
    else:
        raise ApiError(
            415,
            "unsupported_media_type",
            'send multipart/form-data with `file` (.zip) or application/json {"folder": …}',
        )

    def save() -> int:
        job = queue.enqueue(db, "bulk", payload, created_by=admin.id, max_attempts=1, cost=BULK_COST)
        record(db, admin, "bulk_start", "job", job.id, after=payload)
        db.commit()
        return job.id

    return {"job_id": await run_in_threadpool(save)}
