"""Service test fixtures: a fresh database per test (SQLite, and PostgreSQL when 127.0.0.1:5432 answers),
an app with TestClient, users of each role, and a real uvicorn server + worker processes for the
restart and concurrency tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.app import create_app
from api.db import make_engine
from api.migrate import upgrade_head
from api.routers.auth import create_user
from api.settings import Settings

REPO = Path(__file__).resolve().parents[2]
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/test"
PASSWORD = "mat-khau-thu-nghiem"


def postgres_available() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            return True
    except OSError:
        return False


BACKENDS = ["sqlite"] + (["postgresql"] if postgres_available() else [])


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path) -> Iterator[str]:
    """A new, empty database for one test; PostgreSQL databases are dropped afterwards."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'minhchung.db'}"
        return
    import psycopg

    name = f"minhchung_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def settings(database_url, tmp_path) -> Settings:
    return Settings(database_url=database_url, storage_dir=tmp_path / "storage",
                    max_upload_bytes=2 * 1024 * 1024, job_lease_seconds=3, worker_stale_seconds=30,
                    bulk_output_dir=tmp_path / "bulk")


@pytest.fixture
def app(settings):
    application = create_app(settings, migrate=True)
    yield application
    application.state.mc.engine.dispose()


@pytest.fixture
def engine(app):
    return app.state.mc.engine


@pytest.fixture
def users(engine) -> dict[str, str]:
    """username → role; all with PASSWORD. Assessors: Sơn La and Lạng Sơn."""
    made = {"admin": ("admin", None), "thamdinh_sonla": ("assessor", "Sơn La"),
            "thamdinh_langson": ("assessor", "Lạng Sơn"), "kiemtoan": ("auditor", None)}
    with Session(engine) as session:
        for username, (role, province) in made.items():
            create_user(session, username, PASSWORD, role, province)
        session.commit()
    return {name: role for name, (role, _) in made.items()}


@pytest.fixture
def client(app) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


def login(client, username: str) -> dict[str, str]:
    response = client.post("/api/auth/login", json={"username": username, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['token']}"}


@pytest.fixture
def auth(client, users):
    """``auth("kiemtoan")`` → headers with that user's bearer token."""
    cache: dict[str, dict[str, str]] = {}

    def headers(username: str) -> dict[str, str]:
        if username not in cache:
            cache[username] = login(client, username)
        return cache[username]

    return headers


def make_dossier(client, headers, *, name="Sở Kế hoạch và Đầu tư", kind="co_quan", province="Sơn La",
                 year=2022) -> int:
    unit = client.post("/api/units", json={"name": name, "kind": kind, "province": province}, headers=headers)
    assert unit.status_code == 201, unit.text
    dossier = client.post("/api/dossiers", json={"unit_id": unit.json()["id"], "year": year}, headers=headers)
    assert dossier.status_code == 201, dossier.text
    return dossier.json()["id"]


# real processes -------------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def process_env(settings: Settings) -> dict[str, str]:
    return {**os.environ, **settings.to_env(), "PYTHONPATH": str(REPO)}


class LiveService:
    """uvicorn serving ``create_app`` on a free port, and worker processes started on demand."""

    def __init__(self, settings: Settings, log_dir: Path) -> None:
        self.settings, self.log_dir = settings, log_dir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server: subprocess.Popen | None = None
        self.workers: list[subprocess.Popen] = []

    def _spawn(self, args: list[str], name: str) -> subprocess.Popen:
        log = (self.log_dir / f"{name}.log").open("ab")
        return subprocess.Popen([sys.executable, *args], env=process_env(self.settings), cwd=REPO,
                                stdout=log, stderr=subprocess.STDOUT)

    def start_server(self) -> None:
        self.server = self._spawn(["-m", "uvicorn", "--factory", "api.app:create_app", "--host", "127.0.0.1",
                                   "--port", str(self.port), "--log-level", "warning"], "server")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/health", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        raise RuntimeError((self.log_dir / "server.log").read_text())

    def start_worker(self) -> subprocess.Popen:
        worker = self._spawn(["-m", "api.worker"], f"worker{len(self.workers)}")
        self.workers.append(worker)
        return worker

    def stop(self) -> None:
        for process in [*self.workers, self.server]:
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()


@pytest.fixture
def live(settings, users, tmp_path) -> Iterator[LiveService]:
    """A real HTTP server on localhost over the test's database (migrated, with the users)."""
    upgrade_head(make_engine(settings.database_url))
    service = LiveService(settings, tmp_path)
    service.start_server()
    try:
        yield service
    finally:
        service.stop()


def live_login(live: LiveService, username: str) -> dict[str, str]:
    response = httpx.post(f"{live.url}/api/auth/login", json={"username": username, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['token']}"}


SEED = REPO / "corpora" / "seeds" / "so-khdt-bao-cao-ket-qua-2022.txt"


def add_evidence(engine, document_id: int) -> list[str]:
    """Store a small extraction result for ``document_id`` the way the worker does (review tests need
    evidence rows, not the extractors): a legal reference, a count and a criterion claim."""
    from api.orm import Document
    from api.results import evidence_row_id, store_result
    from extractor.models import DocumentInfo, Evidence, ExtractionResult

    with Session(engine) as session:
        document = session.get(Document, document_id)
        items = [
            Evidence("legal_ref", "Thông tư số 124/2021/TT-BCA", 100, 127,
                     {"doc_type": "thong_tu", "key": "124/2021/TT-BCA"}, 0.98, "legal_refs", page=1),
            Evidence("count", "05/05 tiêu chí", 400, 414, {"value": 5, "unit": "tiêu chí"}, 0.9, "counts", page=1),
            Evidence("criterion_claim", "Tiêu chí 3: không có trường hợp xảy ra", 900, 937,
                     {"criteria": ["TT124.6.3"], "status": "met"}, 0.8, "claims", page=2,
                     criteria=["TT124.6.3"]),
        ]
        for item in items:
            item.assign_id(document.sha256)
        info = DocumentInfo(source=document.filename, sha256=document.sha256, pages=2, doc_type="bao_cao",
                            year=2022, text="x" * 1000)
        store_result(session, document, ExtractionResult(document=info, evidence=items))
        session.commit()
        return [evidence_row_id(item, document_id) for item in items]


def upload(client, headers, dossier_id: int, *paths: Path, names: list[str] | None = None):
    files = [("files", ((names[i] if names else p.name), p.read_bytes(), "application/octet-stream"))
             for i, p in enumerate(paths)]
    return client.post(f"/api/dossiers/{dossier_id}/documents", files=files, headers=headers)
