"""A real Minh Chứng server and Debian Chromium for the browser tests (`minhchung serve`, temp SQLite and storage)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fixtures.server import BACKENDS, free_port, pg_database, wait_answering
from playwright.sync_api import expect

# Upper bounds for waiting on the page (conditions are awaited, never slept for): generous, so that a loaded
# 2-core machine passes; a test that works finishes long before them.
BROWSER_WAIT_MS = 90_000
expect.set_options(timeout=BROWSER_WAIT_MS)

REPO = Path(__file__).resolve().parents[2]
MINHCHUNG = Path(sys.executable).with_name("minhchung")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path("/tmp/minhchung-e2e")

ADMIN = ("admin", "Admin-e2e-2026!")
ASSESSOR = ("thamdinh.sonla", "ThamDinh-e2e-2026!")
AUDITOR = ("kiemtra", "KiemTra-e2e-2026!")
PROVINCE = "Sơn La"


@contextmanager
def database(backend: str, root: Path) -> Iterator[str]:
    """A new, empty database; a PostgreSQL one is dropped afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{root / 'minhchung.db'}"
        return
    with pg_database("minhchung_e2e") as url:
        yield url


@dataclass
class LiveServer:
    """The running service and how to talk to it outside the browser."""

    base_url: str
    process: subprocess.Popen
    log_path: Path
    backend: str

    def client(self, credentials: tuple[str, str]) -> httpx.Client:
        """An API client logged in as `credentials` (bearer token)."""
        response = httpx.post(
            f"{self.base_url}/api/auth/login",
            timeout=30,
            json={"username": credentials[0], "password": credentials[1]},
        )
        response.raise_for_status()
        return httpx.Client(
            base_url=self.base_url,
            timeout=30,
            headers={"Authorization": f"Bearer {response.json()['token']}"},
        )

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]


@pytest.fixture(scope="session", params=BACKENDS)
def live_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    """`minhchung serve` with its own database (SQLite, and PostgreSQL when it answers) and storage;
    the assessor is created via the API (the auditor is created in the admin's screen by a test)."""
    root = tmp_path_factory.mktemp("minhchung-e2e")
    with database(request.param, root) as database_url:
        yield from serve(request.param, database_url, root)


def serve(backend: str, database_url: str, root: Path) -> Iterator[LiveServer]:
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "MINHCHUNG_STORAGE_DIR": str(root / "storage"),
        "MINHCHUNG_BULK_DIR": str(root / "bulk"),
        "MINHCHUNG_ADMIN_USERNAME": ADMIN[0],
        "MINHCHUNG_ADMIN_PASSWORD": ADMIN[1],
    }
    log_path = root / "server.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [str(MINHCHUNG), "serve", "--host", "127.0.0.1", "--port", str(port)],
            cwd=root,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = LiveServer(f"http://127.0.0.1:{port}", process, log_path, backend)
    try:
        wait_answering(
            f"{server.base_url}/ready", process, log_path, timeout=120
        )  # database, migrations, worker
        with server.client(ADMIN) as admin:
            response = admin.post(
                "/api/users",
                json={
                    "username": ASSESSOR[0],
                    "password": ASSESSOR[1],
                    "role": "assessor",
                    "province": PROVINCE,
                },
            )
            assert response.status_code in (200, 201), response.text
        yield server
    finally:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(log_path, SCREENSHOTS / f"server-{backend}.log")
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium driven by Playwright (the bundled browsers cannot be downloaded here). One per test
    module: Playwright's sync API runs an event loop while it is open, which later suites (the reliability
    suite's asyncio clients) must not inherit."""
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
