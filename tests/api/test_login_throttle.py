"""Log-in throttling: per client address and per account (429 with Retry-After), a lockout an admin
lifts, and at most a bounded number of password hashes at once."""

from __future__ import annotations

import asyncio
import threading
from datetime import UTC, datetime

import pytest

from api.throttle import AddressThrottle, HashGate, HashGateBusy

from .conftest import PASSWORD, SQLITE_ONLY


def login(client, username: str, password: str):
    return client.post("/api/auth/login", json={"username": username, "password": password})


@pytest.fixture
def settings(settings):
    settings.login_max_failures = 5
    settings.login_address_failures = 1000  # this file's account tests share one client address
    return settings


def test_wrong_passwords_lock_the_account_even_for_the_right_password_until_an_admin_unlocks(client, auth):
    for _ in range(4):
        assert login(client, "thamdinh_sonla", "sai-mat-khau").status_code == 401
    fifth = login(client, "thamdinh_sonla", "sai-mat-khau")
    assert fifth.status_code == 429 and fifth.json()["error"]["code"] == "account_locked"
    assert int(fifth.headers["Retry-After"]) > 0
    right = login(client, "thamdinh_sonla", PASSWORD)  # the 100-wrong-then-right attack now fails
    assert right.status_code == 429 and right.json()["error"]["code"] == "account_locked"
    assert 0 < int(right.headers["Retry-After"]) <= 900
    # Other accounts are not affected.
    assert login(client, "thamdinh_langson", PASSWORD).status_code == 200

    users = {u["username"]: u for u in client.get("/api/users", headers=auth("admin")).json()}
    locked = users["thamdinh_sonla"]
    assert locked["failed_logins"] == 5
    assert datetime.fromisoformat(locked["locked_until"]) > datetime.now(UTC)  # with its offset
    unlocked = client.post(f"/api/users/{locked['id']}/unlock", headers=auth("admin"))
    assert unlocked.status_code == 200 and unlocked.json()["locked_until"] is None
    assert login(client, "thamdinh_sonla", PASSWORD).status_code == 200
    # Only admins unlock.
    assert client.post(f"/api/users/{locked['id']}/unlock", headers=auth("kiemtoan")).status_code == 403


@SQLITE_ONLY
def test_one_client_address_is_throttled_across_accounts(client):
    client.app.state.mc.address_throttle = AddressThrottle(limit=3, window=300)
    for name in ("khong-co-1", "khong-co-2", "khong-co-3"):
        assert login(client, name, "sai-mat-khau").status_code == 401
    refused = login(client, "admin", PASSWORD)
    assert refused.status_code == 429 and refused.json()["error"]["code"] == "too_many_attempts"
    assert 0 < int(refused.headers["Retry-After"]) <= 300


def test_address_throttle_window_and_bounded_memory():
    now = [0.0]
    throttle = AddressThrottle(limit=2, window=60, max_addresses=100, clock=lambda: now[0])
    throttle.failed("10.0.0.1")
    assert throttle.retry_after("10.0.0.1") is None
    throttle.failed("10.0.0.1")
    assert throttle.retry_after("10.0.0.1") == 60
    now[0] = 30.0
    assert throttle.retry_after("10.0.0.1") == 30
    now[0] = 61.0
    assert throttle.retry_after("10.0.0.1") is None  # the window moved on
    for index in range(1000):
        throttle.failed(f"10.1.{index // 256}.{index % 256}")
    assert len(throttle._failures) == 100  # least recently seen addresses forgotten


def test_hash_gate_runs_at_most_its_concurrency_and_refuses_past_its_queue():
    gate = HashGate(concurrency=2, queue=3)
    release = threading.Event()
    running, peak = [0], [0]
    lock = threading.Lock()

    def slow_hash() -> str:
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        release.wait(10)
        with lock:
            running[0] -= 1
        return "ok"

    async def flood() -> list[str]:
        async def one() -> str:
            try:
                return await gate.run(slow_hash)
            except HashGateBusy:
                return "busy"

        tasks = [asyncio.create_task(one()) for _ in range(20)]
        await asyncio.sleep(0.2)
        release.set()
        return await asyncio.gather(*tasks)

    results = asyncio.run(flood())
    gate.shutdown()
    assert results.count("ok") == 5 and results.count("busy") == 15
    assert peak[0] <= 2 and gate.peak == 5
