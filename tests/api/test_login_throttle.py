"""Log-in throttling: per client address (behind trusted reverse proxies, the client they name) and per
account (429 with Retry-After), a lockout an admin lifts, and at most a bounded number of password hashes
at once."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.client_address import client_address, trusted_networks
from api.settings import Settings
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


# behind a reverse proxy -----------------------------------------------------------------------------------


@contextmanager
def served_from(settings, peer: str, trusted_proxies: tuple[str, ...] = ()) -> Iterator[TestClient]:
    """The service with ``trusted_proxies`` configured, reached from ``peer``, allowing 2 failed log-ins per
    client address."""
    application = create_app(replace(settings, trusted_proxies=trusted_proxies))
    try:
        with TestClient(application, client=(peer, 40000)) as test_client:
            test_client.app.state.mc.address_throttle = AddressThrottle(limit=2, window=300)
            yield test_client
    finally:
        application.state.mc.engine.dispose()


def login_from(client, forwarded_for: str | None, username: str = "khong-co"):
    headers = {} if forwarded_for is None else {"X-Forwarded-For": forwarded_for}
    return client.post(
        "/api/auth/login", json={"username": username, "password": "sai-mat-khau"}, headers=headers
    )


@SQLITE_ONLY
@pytest.mark.parametrize("trusted", [(), ("10.0.0.0/8",)], ids=["no proxy trusted", "another proxy trusted"])
def test_a_forged_forwarded_for_does_not_escape_the_throttle(settings, trusted):
    """A client talking to the service directly cannot pose as someone else by writing the header."""
    with served_from(settings, "203.0.113.7", trusted) as client:
        assert login_from(client, "198.51.100.1").status_code == 401
        assert login_from(client, "198.51.100.2").status_code == 401
        for forged in ("198.51.100.3", "10.0.0.9", None):
            refused = login_from(client, forged)
            assert refused.status_code == 429 and refused.json()["error"]["code"] == "too_many_attempts"


@SQLITE_ONLY
def test_clients_behind_a_trusted_proxy_are_throttled_separately(settings):
    with served_from(settings, "10.0.0.2", ("10.0.0.0/8", "fd00::/8")) as client:
        assert login_from(client, "198.51.100.1").status_code == 401
        assert login_from(client, "198.51.100.1, 10.0.0.3").status_code == 401  # two proxies, same client
        assert login_from(client, "198.51.100.1").status_code == 429
        # What a client writes left of the address the proxy appended is not believed.
        assert login_from(client, "192.0.2.50, 198.51.100.1").status_code == 429
        # Other clients behind the same proxy are not locked out with the first, nor the proxy itself.
        assert [login_from(client, "198.51.100.2").status_code for _ in range(3)] == [401, 401, 429]
        ipv6 = ["[2001:db8::5]:443", "2001:db8::5", "2001:db8:0:0::5"]  # one client, written three ways
        assert [login_from(client, address).status_code for address in ipv6] == [401, 401, 429]
        assert login_from(client, None).status_code == 401


@SQLITE_ONLY
def test_a_malformed_forwarded_for_falls_back_to_the_proxy_address(settings):
    malformed = ["not-an-address", "", " , ", "198.51.100.1,", "198.51.100.1, 10.0.0.3, garbage", "1.2.3"]
    with served_from(settings, "10.0.0.2", ("10.0.0.0/8",)) as client:
        answers = [login_from(client, header).status_code for header in malformed]
        assert answers == [401, 401, 429, 429, 429, 429]  # one address (the proxy's): no error, throttled
        assert login_from(client, None).status_code == 429  # the proxy's own requests share it
        assert login_from(client, "198.51.100.1").status_code == 401  # a readable client is its own


def test_the_client_address_is_the_right_most_untrusted_hop():
    trusted = trusted_networks(["10.0.0.0/8", " 192.168.1.1 ", "", "2001:db8:ffff::/48"])
    assert client_address("10.1.2.3", ["203.0.113.1, 198.51.100.7"], trusted) == "198.51.100.7"
    assert client_address("10.1.2.3", ["203.0.113.1", "198.51.100.7, 192.168.1.1"], trusted) == "198.51.100.7"
    assert client_address("::ffff:10.1.2.3", ["198.51.100.7:5555"], trusted) == "198.51.100.7"
    assert client_address("2001:db8:ffff::1", ["2001:db8::9"], trusted) == "2001:db8::9"
    assert client_address("10.1.2.3", ["10.2.2.2, 192.168.1.1"], trusted) == "10.1.2.3"  # proxies only
    assert client_address("198.51.100.7", ["203.0.113.1"], trusted) == "198.51.100.7"  # not a proxy
    assert client_address("testclient", ["203.0.113.1"], trusted) == "testclient"
    assert client_address(None, ["203.0.113.1"], trusted) == "unknown"
    with pytest.raises(ValueError, match="10.0.0.300"):
        trusted_networks(["10.0.0.300"])


def test_trusted_proxies_are_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("MINHCHUNG_TRUSTED_PROXIES", "10.0.0.0/8, ::1")
    settings = Settings.from_env()
    assert settings.trusted_proxies == ("10.0.0.0/8", "::1")
    assert settings.to_env()["MINHCHUNG_TRUSTED_PROXIES"] == "10.0.0.0/8,::1"
