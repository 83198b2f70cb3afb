"""A real ``minhchung serve`` for the reliability suite (loopback only, temporary SQLite and storage),
or the live server named by ``MINHCHUNG_RELIABILITY_URL`` (with ``MINHCHUNG_RELIABILITY_ADMIN`` and
``MINHCHUNG_RELIABILITY_PASSWORD``, and ``MINHCHUNG_RELIABILITY_PID`` to measure its memory) for the
tests that only need HTTP.

Figures the tests measure are written to ``$MINHCHUNG_RELIABILITY_REPORT`` (default
``/tmp/minhchung-reliability.jsonl``), one JSON object per line, so a run can be quoted."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import psutil
import pytest
from fixtures.server import free_port, wait_answering

REPO = Path(__file__).resolve().parents[2]
ADMIN = ("admin", "Quan-tri-reliability-2026")
REPORT = Path(os.environ.get("MINHCHUNG_RELIABILITY_REPORT", "/tmp/minhchung-reliability.jsonl"))


def record(name: str, **figures: object) -> None:
    """Append one measurement to the report file (and print it for ``-s`` runs)."""
    line = json.dumps(
        {"test": name, "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), **figures},
        ensure_ascii=False,
    )
    print(line)
    with REPORT.open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")


@dataclass
class Serve:
    """``python -m extractor.cli serve`` on a free loopback port over ``root``'s database and storage."""

    root: Path
    workers: int = 1
    extra_env: dict[str, str] = field(default_factory=dict)
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None
    starts: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.root / f"serve-{self.starts}.log"

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "PYTHONPATH": str(REPO),
            "DATABASE_URL": f"sqlite:///{self.root / 'minhchung.db'}",
            "MINHCHUNG_STORAGE_DIR": str(self.root / "storage"),
            "MINHCHUNG_BULK_DIR": str(self.root / "bulk"),
            "MINHCHUNG_ADMIN_USERNAME": ADMIN[0],
            "MINHCHUNG_ADMIN_PASSWORD": ADMIN[1],
            "MINHCHUNG_JOB_LEASE_SECONDS": "5",
            **self.extra_env,
        }

    def start(self, wait_for: str = "/health") -> None:
        self.starts += 1
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "extractor.cli",
                    "serve",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(self.port),
                    "--workers",
                    str(self.workers),
                ],
                cwd=self.root,
                env=self.env(),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        wait_answering(f"{self.url}{wait_for}", self.process, self.log_path, timeout=180)

    def workers_now(self) -> list[int]:
        """Pids of the worker processes the server runs now."""
        if self.process is None or self.process.poll() is not None:
            return []
        return [
            child.pid
            for child in psutil.Process(self.process.pid).children()
            if "api.worker" in " ".join(child.cmdline())
        ]

    def kill9(self) -> None:
        """``kill -9`` of the serving process (its workers are not signalled by us)."""
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def login(url: str, username: str, password: str) -> httpx.Client:
    """An HTTP client logged in with a bearer token."""
    response = httpx.post(
        f"{url}/api/auth/login", json={"username": username, "password": password}, timeout=60
    )
    response.raise_for_status()
    return httpx.Client(
        base_url=url, timeout=60, headers={"Authorization": f"Bearer {response.json()['token']}"}
    )


def gone(pid: int) -> bool:
    """The process has exited (a zombie waiting to be reaped counts as gone)."""
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


@dataclass
class Target:
    """The server the HTTP-only tests talk to and an admin's credentials there."""

    url: str
    admin: tuple[str, str]
    pid: int | None  # known when the suite started the server itself


@pytest.fixture(scope="session")
def target(tmp_path_factory) -> Iterator[Target]:
    """The live server of ``MINHCHUNG_RELIABILITY_URL`` (loopback only), else a fresh ``serve`` with no
    workers (these tests need none), shared by the HTTP-only tests (the login flood, which locks the
    loopback address for the address window, runs last: files run in name order)."""
    url = os.environ.get("MINHCHUNG_RELIABILITY_URL")
    if url:
        host = urlsplit(url).hostname
        assert host in {"127.0.0.1", "localhost", "::1"}, "the reliability suite runs against loopback only"
        pid = os.environ.get("MINHCHUNG_RELIABILITY_PID")  # to measure the server's memory, when local
        yield Target(
            url.rstrip("/"),
            (os.environ["MINHCHUNG_RELIABILITY_ADMIN"], os.environ["MINHCHUNG_RELIABILITY_PASSWORD"]),
            int(pid) if pid else None,
        )
        return
    server = Serve(tmp_path_factory.mktemp("reliability"), workers=0)
    server.start()
    try:
        yield Target(server.url, ADMIN, server.process.pid)
    finally:
        server.stop()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "soak: long reliability runs (minutes); only with `-m soak`")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """``soak`` tests run only when asked for (``pytest -m soak tests/reliability``); ``make test`` and
    ``.ci/run`` deselect them (reported as deselected, not skipped)."""
    if "soak" in (config.option.markexpr or ""):
        return
    chosen = [item for item in items if item.get_closest_marker("soak") is None]
    if len(chosen) != len(items):
        config.hook.pytest_deselected(items=[item for item in items if item not in chosen])
        items[:] = chosen
