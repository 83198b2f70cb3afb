"""``/health`` answers while every thread of the API's pool is busy (it touches no thread pool)."""

from __future__ import annotations

import threading

import anyio.to_thread
import httpx

from .conftest import SQLITE_ONLY


@SQLITE_ONLY
def test_health_answers_while_the_thread_pool_is_exhausted(app):
    busy = threading.Event()
    release = threading.Event()

    @app.get("/test/one-thread")
    async def one_thread_only() -> dict[
        str, int
    ]:  # the pool of 40 threads, shrunk to 1: one request fills it
        anyio.to_thread.current_default_thread_limiter().total_tokens = 1
        return {"threads": 1}

    @app.get("/test/occupy-the-pool")
    def occupy() -> dict[str, str]:  # a sync route, as the API's work routes are
        busy.set()
        release.wait(60)
        return {"status": "released"}

    from fastapi.testclient import TestClient

    with TestClient(app) as client:
        assert client.get("/test/one-thread").status_code == 200
        holder = threading.Thread(target=lambda: client.get("/test/occupy-the-pool"))
        holder.start()
        assert busy.wait(30)
        try:
            answered: list[httpx.Response] = []
            prober = threading.Thread(target=lambda: answered.append(client.get("/health")))
            prober.start()
            prober.join(30)  # generous: with a pooled /health this waits for `release` (never, here)
            assert answered and answered[0].json() == {"status": "ok"}
        finally:
            release.set()
            holder.join(60)
