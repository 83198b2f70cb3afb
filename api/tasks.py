"""What each job kind does: ``extract`` (one uploaded document) and ``bulk`` (a zip or folder of dossiers)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from api import queue
from api.audit_trail import record
from api.errors import error_dict
from api.orm import Document
from api.results import store_result
from api.settings import Settings
from api.storage import ContentStore
from extractor.errors import MinhChungError


class PermanentJobError(Exception):
    """A failure that retrying cannot fix (bad input, missing feature)."""

    def __init__(self, error: dict[str, Any]) -> None:
        self.error = error
        super().__init__(error.get("message_en", "job failed"))


@dataclass
class JobContext:
    settings: Settings
    engine: Engine
    worker_id: str
    job_id: int
    payload: dict[str, Any]
    report: Callable[[float, str], None]
    failure_hooks: list[Callable[[dict[str, Any]], None]] = field(default_factory=list)

    def on_failure(self, error: dict[str, Any]) -> None:
        for hook in self.failure_hooks:
            hook(error)


def permanent_error(error: BaseException) -> dict[str, str] | None:
    """The job error for a failure that retrying cannot fix, else None (the job is retried).

    Typed ingestion errors (corrupt, encrypted, unsafe, too large…), a text past the NLP pipeline's
    length limit (spaCy ``[E088]``), and running out of memory on this document are final."""
    if isinstance(error, MinhChungError):
        return error_dict(error)
    if isinstance(error, ValueError) and "[E088]" in str(error):
        return {
            "code": "document_too_long",
            "message_vi": "Văn bản quá dài để xử lý.",
            "message_en": "The document's text is longer than the extraction pipeline accepts.",
            "detail": str(error)[:300],
        }
    if isinstance(error, MemoryError):
        return {
            "code": "out_of_memory",
            "message_vi": "Không đủ bộ nhớ để xử lý văn bản này.",
            "message_en": "Not enough memory to process this document.",
        }
    return None


def _set_document(engine: Engine, document_id: int, **values: Any) -> None:
    with Session(engine) as session, session.begin():
        document = session.get(Document, document_id)
        if document is not None:
            for name, value in values.items():
                setattr(document, name, value)


def _not_found(document_id: int) -> PermanentJobError:
    return PermanentJobError(
        {
            "code": "not_found",
            "message_vi": "Không tìm thấy tài liệu.",
            "message_en": f"Document {document_id} not found.",
        }
    )


def run_extract(context: JobContext) -> None:
    """Extract one stored document and save its evidence (idempotent)."""
    document_id = int(context.payload["document_id"])
    with Session(context.engine) as session:
        document = session.get(Document, document_id)
        if document is None:
            raise _not_found(document_id)
        sha256, fmt, filename = document.sha256, document.format, document.filename
    context.failure_hooks.append(
        lambda error: _set_document(context.engine, document_id, status="failed", error=error)
    )
    _set_document(context.engine, document_id, status="processing")
    context.report(0.1, "reading")
    stored = ContentStore(context.settings.storage_dir).path_for(sha256)
    from extractor.pipeline import extract_file

    with tempfile.TemporaryDirectory(prefix="minhchung-job-") as tmp:
        # Ingestion picks its reader from the suffix; the store names files by hash only.
        stem = Path(filename).stem[:80] or "document"
        link = Path(tmp) / f"{stem}.{fmt}"
        link.symlink_to(stored.resolve())
        context.report(0.2, "extracting")
        try:
            result = extract_file(link, include_text=True, limits=context.settings.limits())
        except Exception as error:
            if isinstance(error, MinhChungError):
                error.source = filename
            final = permanent_error(error)
            if final is None:
                raise
            raise PermanentJobError(final) from error
    context.report(0.9, "saving")
    with Session(context.engine) as session, session.begin():
        if not queue.owns(session, context.job_id, context.worker_id):
            return  # the lease was lost; whoever holds the job now writes the (identical) result
        document = session.get(Document, document_id)
        if document is None:  # removed while it was being read
            raise _not_found(document_id)
        counts = store_result(session, document, result)
        record(
            session,
            None,
            "extracted",
            "document",
            document_id,
            dossier_id=document.dossier_id,
            after={"job_id": context.job_id, **counts},
        )
        queue.mark_done(session, context.job_id, {"document_id": document_id, **counts})


def run_bulk_job(context: JobContext) -> None:
    """Run the bulk analysis (:func:`extractor.bulk.run.run_bulk`) on an uploaded zip or a server folder."""
    from extractor.bulk.run import run_bulk

    if context.payload.get("sha256"):
        source = ContentStore(context.settings.storage_dir).path_for(context.payload["sha256"])
    else:
        source = Path(context.payload["folder"])
    out_dir = Path(context.settings.bulk_output_dir) / f"job-{context.job_id}"
    out_dir.mkdir(parents=True, exist_ok=True)
    context.report(0.05, "starting bulk analysis")

    def progress(done: int, total: int) -> None:
        context.report(done / total if total else 0.5, f"{done}/{total}")

    with tempfile.TemporaryDirectory(prefix="minhchung-bulk-") as tmp:
        if context.payload.get("sha256"):
            link = Path(tmp) / "upload.zip"
            link.symlink_to(source.resolve())
            source = link
        try:
            outcome = run_bulk(
                source,
                out_dir,
                workers=context.settings.bulk_workers or None,
                progress=progress,
                show_bar=False,
                zip_limits=context.settings.limits(),
            )
        except MinhChungError as error:
            raise PermanentJobError(error_dict(error)) from error
    summary: dict[str, Any] = {
        "out_dir": str(out_dir.resolve()),
        "files": sorted(p.name for p in out_dir.iterdir()),
        "summary": {k: v for k, v in outcome.to_dict().items() if isinstance(v, str | int | float | bool)},
    }
    with Session(context.engine) as session, session.begin():
        if queue.owns(session, context.job_id, context.worker_id):
            record(session, None, "bulk_done", "job", context.job_id, after=summary)
            queue.mark_done(session, context.job_id, summary)


TASKS: dict[str, Callable[[JobContext], None]] = {"extract": run_extract, "bulk": run_bulk_job}
