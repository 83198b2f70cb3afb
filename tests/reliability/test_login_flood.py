"""Login flood over real HTTP: 200 concurrent wrong passwords for one account while ``/health`` is probed.
The flood is refused (401, then 429 with Retry-After), the account ends locked (the right password no
longer opens it), ``/health`` keeps answering fast, and the server's memory stays bounded (at most a
few argon2 hashes of 64 MiB run at once)."""

from __future__ import annotations

import asyncio
import json
import secrets
import subprocess
import sys
import threading
import time
from collections import Counter

import httpx
import psutil

from .conftest import login, record

FLOOD = 200
HEALTH_INTERVAL = 0.02
HEALTH_P99_BOUND = 5.0  # seconds; generous for a loaded 2-core machine (58.8 s before throttling)
RSS_GROWTH_BOUND = 450 * 1024 * 1024  # bytes (0.45 → 1.3 GB before: +850 MB)


def _rss(pid: int | None) -> int | None:
    return psutil.Process(pid).memory_info().rss if pid else None


class PeakMemory:
    """Samples the server's resident memory every 50 ms while the block runs; ``peak`` in bytes."""

    def __init__(self, pid: int | None) -> None:
        self.pid, self.peak, self._stop = pid, _rss(pid), threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(0.05):
            self.peak = max(self.peak or 0, _rss(self.pid) or 0)

    def __enter__(self) -> PeakMemory:
        if self.pid:
            self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        if self.pid:
            self._thread.join()


# The probe runs in its own process, so the flood's client work does not slow the measurement down.
PROBE = """
import json, sys, time, httpx, pathlib
url, stop, interval = sys.argv[1], pathlib.Path(sys.argv[2]), float(sys.argv[3])
latencies = []
with httpx.Client(timeout=120) as client:
    client.get(url)
    print("ready", flush=True)
    while not stop.exists():
        started = time.perf_counter()
        assert client.get(url).status_code == 200
        latencies.append(time.perf_counter() - started)
        time.sleep(interval)
print(json.dumps(latencies), flush=True)
"""


def _probe_health(url: str, stop) -> subprocess.Popen:
    probe = subprocess.Popen(
        [sys.executable, "-c", PROBE, f"{url}/health", str(stop), str(HEALTH_INTERVAL)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert probe.stdout.readline().strip() == "ready"
    return probe


async def _flood(url: str, username: str) -> tuple[Counter, list[str]]:
    statuses: Counter = Counter()
    retry_after: list[str] = []
    limits = httpx.Limits(max_connections=FLOOD + 10, max_keepalive_connections=FLOOD + 10)
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:

        async def wrong() -> None:
            response = await client.post(
                "/api/auth/login", json={"username": username, "password": secrets.token_hex(8)}
            )
            statuses[response.status_code] += 1
            if response.status_code == 429:
                retry_after.append(response.headers.get("retry-after", ""))

        await asyncio.gather(*(wrong() for _ in range(FLOOD)))
    return statuses, retry_after


def test_login_flood_is_throttled_and_liveness_stays_fast(target, tmp_path):
    with login(target.url, *target.admin) as admin:
        username = f"flood-{secrets.token_hex(4)}"
        password = "mat-khau-dung-" + secrets.token_hex(4)
        created = admin.post(
            "/api/users", json={"username": username, "password": password, "role": "auditor"}
        )
        assert created.status_code == 201, created.text
        rss_before = _rss(target.pid)
        stop = tmp_path / "stop-probe"
        probe = _probe_health(target.url, stop)
        time.sleep(0.2)
        started = time.perf_counter()
        with PeakMemory(target.pid) as memory:
            statuses, retry_after = asyncio.run(_flood(target.url, username))
        seconds = time.perf_counter() - started
        stop.touch()
        latencies = json.loads(probe.communicate(timeout=120)[0].strip().splitlines()[-1])
        rss_after = memory.peak
        latencies.sort()
        p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
        right = httpx.post(f"{target.url}/api/auth/login", json={"username": username, "password": password})
        user = next(u for u in admin.get("/api/users").json() if u["username"] == username)
        record(
            "login_flood",
            attempts=FLOOD,
            statuses=dict(statuses),
            seconds=round(seconds, 2),
            health_probes=len(latencies),
            health_p50=round(latencies[len(latencies) // 2], 4),
            health_p99=round(p99, 4),
            health_max=round(latencies[-1], 4),
            rss_before_mb=rss_before and round(rss_before / 2**20),
            rss_peak_mb=rss_after and round(rss_after / 2**20),
            right_password_after=right.status_code,
            account_locked=bool(user.get("locked_until")),
        )
    assert set(statuses) <= {401, 429} and statuses[401] <= 20, (
        statuses
    )  # no 5xx; most refused before hashing
    assert all(value.isdigit() and int(value) > 0 for value in retry_after)
    assert right.status_code == 429  # locked (account and address): the right password does not get in
    assert user.get("locked_until") is not None and user["failed_logins"] >= 5
    assert len(latencies) >= 3 and p99 < HEALTH_P99_BOUND, latencies[-5:]
    if rss_before is not None:
        assert rss_after - rss_before < RSS_GROWTH_BOUND
