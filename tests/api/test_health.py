"""Liveness and readiness."""

from __future__ import annotations

from sqlalchemy import text

from api.worker import Worker


def test_ready_needs_a_live_worker_and_current_migrations(client, settings, engine):
    assert client.get("/health").json() == {"status": "ok"}
    waiting = client.get("/ready")
    assert waiting.status_code == 503
    assert waiting.json()["checks"] == {"database": "ok", "migrations": "ok", "worker": "none"}

    Worker(settings, engine=engine).beat()  # what a running worker does every few seconds
    ready = client.get("/ready")
    assert ready.status_code == 200 and ready.json()["status"] == "ready"

    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'older'"))
    behind = client.get("/ready")
    assert behind.status_code == 503 and behind.json()["checks"]["migrations"] == "pending"
