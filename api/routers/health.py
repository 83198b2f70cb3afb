"""Liveness (``/health``) and readiness (``/ready``: database, migrations, a fresh worker heartbeat)."""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from api.migrate import migrations_current
from api.orm import WorkerHeartbeat, utcnow
from api.timeutil import as_utc

router = APIRouter(tags=["health"])


@router.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/ready")
def ready(request: Request) -> JSONResponse:
    state = request.app.state.mc
    checks: dict[str, str] = {}
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
                last = session.scalar(select(func.max(WorkerHeartbeat.beat_at)))
            fresh = last is not None and utcnow() - as_utc(last) < timedelta(
                seconds=state.settings.worker_stale_seconds)
            checks["worker"] = "ok" if fresh else ("none" if last is None else "stale")
        except Exception as error:
            checks["worker"] = f"error: {type(error).__name__}"
    ok = all(value == "ok" for value in checks.values()) and len(checks) == 3
    return JSONResponse({"status": "ready" if ok else "not_ready", "checks": checks},
                        status_code=200 if ok else 503)
