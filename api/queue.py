"""Durable job queue kept in the database.

A job is ``queued`` → ``running`` (claimed by one worker with a lease, renewed by heartbeats) →
``done`` or ``failed``. A worker that dies leaves a running job whose lease expires; any worker then
re-claims it. Failures that may be transient are retried up to ``max_attempts``; failures that cannot
succeed (bad input, a document too long, the per-job time limit) are final at once.

Small jobs go first: each job has a ``cost`` (the document's bytes; a bulk job the most), and a worker
takes the oldest job of at most ``small_bytes`` before larger ones, unless a larger one has waited more
than ``aging_seconds`` (then it goes first, so large jobs are never starved). Claiming uses
``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL and a guarded ``UPDATE … WHERE status=…`` elsewhere,
so two workers never run the same job at the same time.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import Engine, and_, case, or_, select, update
from sqlalchemy.orm import Session

from api.db import rowcount
from api.orm import Job, utcnow

JOB_KINDS: tuple[str, ...] = ("extract", "bulk")
BULK_COST = 2**62  # a bulk job is larger than any single document
DEFAULT_SMALL_BYTES = 2 * 1024 * 1024
DEFAULT_AGING_SECONDS = 600


def enqueue(
    session: Session,
    kind: str,
    payload: dict[str, Any],
    *,
    document_id: int | None = None,
    created_by: int | None = None,
    max_attempts: int = 3,
    cost: int = 0,
) -> Job:
    """Add a job (committed with the caller's transaction); ``cost`` orders it (see module doc)."""
    if kind not in JOB_KINDS:
        raise ValueError(f"unknown job kind {kind}")
    job = Job(
        kind=kind,
        status="queued",
        payload=payload,
        document_id=document_id,
        created_by=created_by,
        max_attempts=max_attempts,
        progress=0.0,
        message="queued",
        cost=max(0, cost),
    )
    session.add(job)
    session.flush()
    return job


def _claimable(now):  # type: ignore[no-untyped-def]
    expired = and_(Job.status == "running", Job.lease_until < now, Job.attempts < Job.max_attempts)
    return or_(and_(Job.status == "queued", Job.run_after <= now), expired)


def _order(now, small_bytes: int, aging_seconds: int):  # type: ignore[no-untyped-def]
    """Re-claims and long-waiting jobs first, then small jobs, then the rest; oldest first in each."""
    rank = case(
        (Job.status == "running", 0),
        (Job.created_at < now - timedelta(seconds=aging_seconds), 1),
        (Job.cost <= small_bytes, 2),
        else_=3,
    )
    return rank, Job.id


def claim(
    engine: Engine,
    worker_id: str,
    lease_seconds: int,
    kinds: tuple[str, ...] = JOB_KINDS,
    *,
    small_bytes: int = DEFAULT_SMALL_BYTES,
    aging_seconds: int = DEFAULT_AGING_SECONDS,
) -> int | None:
    """Take the next runnable job (or one whose lease expired); its id, or None when there is none."""
    now = utcnow()
    order = _order(now, small_bytes, aging_seconds)
    lease = now + timedelta(seconds=lease_seconds)
    values = {
        "status": "running",
        "worker_id": worker_id,
        "lease_until": lease,
        "updated_at": now,
        "attempts": Job.attempts + 1,
        "message": "claimed",
        "error": None,
    }
    with Session(engine) as session, session.begin():
        if engine.dialect.name == "postgresql":
            job_id = session.scalar(
                select(Job.id)
                .where(_claimable(now), Job.kind.in_(kinds))
                .order_by(*order)
                .limit(1)
                .with_for_update(skip_locked=True)
            )
            if job_id is None:
                return None
            session.execute(update(Job).where(Job.id == job_id).values(**values))
            return job_id
        for _ in range(5):
            job_id = session.scalar(
                select(Job.id).where(_claimable(now), Job.kind.in_(kinds)).order_by(*order).limit(1)
            )
            if job_id is None:
                return None
            won = rowcount(
                session.execute(update(Job).where(Job.id == job_id, _claimable(now)).values(**values))
            )
            if won == 1:
                return job_id
    return None


def heartbeat(
    engine: Engine,
    job_id: int,
    worker_id: str,
    lease_seconds: int,
    progress: float | None = None,
    message: str | None = None,
) -> bool:
    """Extend the lease (and record progress); False when this worker no longer owns the job."""
    now = utcnow()
    values: dict[str, Any] = {"lease_until": now + timedelta(seconds=lease_seconds), "updated_at": now}
    if progress is not None:
        values["progress"] = progress
    if message is not None:
        values["message"] = message[:500]
    with Session(engine) as session, session.begin():
        result = session.execute(
            update(Job)
            .where(Job.id == job_id, Job.worker_id == worker_id, Job.status == "running")
            .values(**values)
        )
        return rowcount(result) == 1


def owns(session: Session, job_id: int, worker_id: str) -> bool:
    """Inside the caller's transaction: does ``worker_id`` still hold ``job_id``? (Locks the row.)"""
    now = utcnow()
    result = session.execute(
        update(Job)
        .where(Job.id == job_id, Job.worker_id == worker_id, Job.status == "running")
        .values(updated_at=now)
    )
    return rowcount(result) == 1


def mark_done(session: Session, job_id: int, result: dict[str, Any] | None = None) -> None:
    """The job finished (inside the caller's transaction)."""
    now = utcnow()
    session.execute(
        update(Job)
        .where(Job.id == job_id)
        .values(
            status="done",
            progress=1.0,
            message="done",
            result=result,
            finished_at=now,
            updated_at=now,
            lease_until=None,
        )
    )


def mark_failed(
    engine: Engine, job_id: int, worker_id: str, error: dict[str, Any], *, retryable: bool
) -> str:
    """Record a failure: back to ``queued`` (with back-off) while attempts remain, else ``failed``."""
    now = utcnow()
    with Session(engine) as session, session.begin():
        job = session.get(Job, job_id, with_for_update=engine.dialect.name == "postgresql")
        if job is None or job.worker_id != worker_id or job.status != "running":
            return "lost"
        if retryable and job.attempts < job.max_attempts:
            job.status, job.message = "queued", f"retrying after error ({job.attempts}/{job.max_attempts})"
            job.run_after = now + timedelta(seconds=2**job.attempts)
        else:
            job.status, job.message, job.finished_at = "failed", "failed", now
        job.error, job.lease_until, job.updated_at = error, None, now
        return job.status


def fail_exhausted(engine: Engine) -> int:
    """Jobs whose lease expired after their last allowed attempt become ``failed`` (not retried forever)."""
    now = utcnow()
    error = {
        "code": "worker_lost",
        "message_vi": "Tiến trình xử lý bị dừng nhiều lần.",
        "message_en": "The worker stopped during every attempt.",
    }
    with Session(engine) as session, session.begin():
        return rowcount(
            session.execute(
                update(Job)
                .where(Job.status == "running", Job.lease_until < now, Job.attempts >= Job.max_attempts)
                .values(status="failed", error=error, message="failed", finished_at=now, updated_at=now)
            )
        )
