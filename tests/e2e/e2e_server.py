"""A real Minh Chứng server and Debian Chromium for the browser tests (`minhchung serve`, temp SQLite and storage)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]
MINHCHUNG = Path(sys.executable).with_name("minhchung")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SCREENSHOTS = Path("/tmp/minhchung-e2e")

ADMIN = ("admin", "Admin-e2e-2026!")
ASSESSOR = ("thamdinh.sonla", "ThamDinh-e2e-2026!")
AUDITOR = ("kiemtra", "KiemTra-e2e-2026!")
PROVINCE = "Sơn La"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/test"


def postgres_available() -> bool:
    """PostgreSQL answers on this machine (the browser tests then run against it too)."""
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            return True
    except OSError:
        return False


BACKENDS = ["sqlite"] + (["postgresql"] if postgres_available() else [])


@contextmanager
def database(backend: str, root: Path) -> Iterator[str]:
    """A new, empty database; a PostgreSQL one is dropped afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{root / 'minhchung.db'}"
        return
    import psycopg

    name = f"minhchung_e2e_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass
class LiveServer:
    """The running service and how to talk to it outside the browser."""

    base_url: str
    process: subprocess.Popen
    log_path: Path
    backend: str

    def client(self, credentials: tuple[str, str]) -> httpx.Client:
        """An API client logged in as `credentials` (bearer token)."""
        response = httpx.post(f"{self.base_url}/api/auth/login", timeout=30,
                               json={"username": credentials[0], "password": credentials[1]})
        response.raise_for_status()
        return httpx.Client(base_url=self.base_url, timeout=30,
                            headers={"Authorization": f"Bearer {response.json()['token']}"})

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]


def wait_ready(base_url: str, process: subprocess.Popen, log_path: Path, timeout: float = 120) -> None:
    """Wait until /ready answers 200 (database, migrations and worker up) or fail with the server log."""
    deadline = time.monotonic() + timeout
    last = "no answer"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"minhchung serve exited ({process.returncode}):\n{log_path.read_text()[-4000:]}")
        try:
            response = httpx.get(f"{base_url}/ready", timeout=5)
            if response.status_code == 200:
                return
            last = f"{response.status_code} {response.text[:300]}"
        except httpx.HTTPError as err:
            last = repr(err)
        time.sleep(0.5)
    raise RuntimeError(f"server not ready after {timeout}s ({last}):\n{log_path.read_text()[-4000:]}")


@pytest.fixture(scope="session", params=BACKENDS)
def live_server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
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
            cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    server = LiveServer(f"http://127.0.0.1:{port}", process, log_path, backend)
    try:
        wait_ready(server.base_url, process, log_path)
        with server.client(ADMIN) as admin:
            response = admin.post("/api/users", json={
                "username": ASSESSOR[0], "password": ASSESSOR[1], "role": "assessor", "province": PROVINCE,
            })
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


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (the bundled browsers cannot be downloaded here)."""
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
