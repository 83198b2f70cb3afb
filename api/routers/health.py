"""Liveness (``/health``) and readiness (``/ready``: database, migrations, live workers of this instance).

``/health`` is an ``async`` handler that touches neither the database nor any thread pool, so it answers
at once however busy the routes that do work (log-ins, uploads, scorecards) are.
"""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from api.migrate import migrations_current
from api.orm import WorkerHeartbeat, utcnow

router = APIRouter(tags=["health"])


@router.get("/health")
async def health() -> dict[str, str]:
    """Liveness: the process answers (no database, no thread pool)."""
    return {"status": "ok"}


def live_workers(session: Session, instance_id: str | None, stale_seconds: int) -> int:
    """Workers that beat within ``stale_seconds`` (only those of ``instance_id`` when the service was
    started by ``minhchung serve``; every worker otherwise)."""
    query = (
        select(func.count())
        .select_from(WorkerHeartbeat)
        .where(WorkerHeartbeat.beat_at >= utcnow() - timedelta(seconds=stale_seconds))
    )
    if instance_id:
        query = query.where(WorkerHeartbeat.instance_id == instance_id)
    return session.scalar(query) or 0


@router.get("/ready")
def ready(request: Request) -> JSONResponse:
    """Readiness: database answers, migrations current, at least one live worker of this instance."""
    state = request.app.state.mc
    checks: dict[str, str] = {}
    workers = 0
    try:
        with state.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except Exception as error:
        checks["database"] = f"error: {type(error).__name__}"
    if checks["database"] == "ok":
        try:
            checks["migrations"] = "ok" if migrations_current(state.engine) else "pending"
        except Exception as error:
            checks["migrations"] = f"error: {type(error).__name__}"
        try:
            with Session(state.engine) as session:
                workers = live_workers(
                    session, state.settings.instance_id, state.settings.worker_stale_seconds
                )
                known = session.scalar(select(func.count()).select_from(WorkerHeartbeat)) or 0
            checks["worker"] = "ok" if workers else ("stale" if known else "none")
        except Exception as error:
            checks["worker"] = f"error: {type(error).__name__}"
    ok = all(value == "ok" for value in checks.values()) and len(checks) == 3
    return JSONResponse(
        {"status": "ready" if ok else "not_ready", "checks": checks, "workers": workers},
        status_code=200 if ok else 503,
    )
