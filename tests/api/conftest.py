"""Service test fixtures.

Each test gets its own database (SQLite, and PostgreSQL when 127.0.0.1:5432 answers), cloned from a
template made once per run: migrated, with a user of each role and a bearer token for each (so tests need
not pay argon2 for every log-in; the log-in itself is tested in ``test_auth_access``). Tests over real
processes share one uvicorn server (and worker processes) per backend and module.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from fixtures.server import (
    BACKENDS,
    free_port,
    new_pg_name,
    pg_drop_statement,
    pg_execute,
    pg_url,
    wait_answering,
)
from sqlalchemy import text
from sqlalchemy.orm import Session

from api.app import create_app
from api.db import make_engine
from api.migrate import upgrade_head
from api.security import issue_token
from api.settings import Settings
from api.users import create_user

REPO = Path(__file__).resolve().parents[2]
PASSWORD = "mat-khau-thu-nghiem"
# username → (role, province). Assessors: Sơn La and Lạng Sơn. Created in this order (admin has id 1).
USERS = {
    "admin": ("admin", None),
    "thamdinh_sonla": ("assessor", "Sơn La"),
    "thamdinh_langson": ("assessor", "Lạng Sơn"),
    "kiemtoan": ("auditor", None),
}


SQLITE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@dataclass
class Templates:
    """One template database per backend (built on first use) and the users' bearer tokens."""

    folder: Path
    urls: dict[str, str] = field(default_factory=dict)
    tokens: dict[str, dict[str, str]] = field(default_factory=dict)  # backend → username → token
    pg_names: list[str] = field(default_factory=list)
    dropping: list[threading.Thread] = field(default_factory=list)

    def _build(self, backend: str) -> str:
        if backend == "sqlite":
            url = f"sqlite:///{self.folder / 'template.db'}"
        else:
            name = new_pg_name("minhchung_tpl")
            pg_execute(f'CREATE DATABASE "{name}"')
            self.pg_names.append(name)
            url = pg_url(name)
        engine = make_engine(url)
        upgrade_head(engine)
        with Session(engine) as session:
            users = {
                username: create_user(session, username, PASSWORD, role, province)
                for username, (role, province) in USERS.items()
            }
            self.tokens[backend] = {
                username: issue_token(session, user, ttl_hours=24) for username, user in users.items()
            }
            session.commit()
        if backend == "sqlite":
            with engine.connect() as connection:
                connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        engine.dispose()
        return url

    def clone(self, backend: str, where: Path) -> tuple[str, Callable[[], None]]:
        """A fresh copy of the template: its URL and how to drop it."""
        if backend not in self.urls:
            self.urls[backend] = self._build(backend)
        if backend == "sqlite":
            target = where / "minhchung.db"
            shutil.copyfile(self.folder / "template.db", target)
            return f"sqlite:///{target}", lambda: None
        name = new_pg_name("minhchung_test")
        pg_execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.urls[backend].rsplit("/", 1)[1]}"')
        return pg_url(name), lambda: self._drop_soon(name)

    def _drop_soon(self, name: str) -> None:
        """Drop a test's copy in the background (the next test need not wait for it)."""
        thread = threading.Thread(target=pg_execute, args=(pg_drop_statement(name),))
        thread.start()
        self.dropping.append(thread)

    def drop(self) -> None:
        for thread in self.dropping:
            thread.join()
        for name in self.pg_names:
            pg_execute(pg_drop_statement(name))


@pytest.fixture(scope="session")
def templates(tmp_path_factory) -> Iterator[Templates]:
    made = Templates(tmp_path_factory.mktemp("templates"))
    yield made
    made.drop()


def backend_of(database_url: str) -> str:
    return "sqlite" if database_url.startswith("sqlite") else "postgresql"


@pytest.fixture(params=BACKENDS)
def database_url(request, templates, tmp_path) -> Iterator[str]:
    """A new database for one test (a copy of the template); PostgreSQL copies are dropped afterwards."""
    url, drop = templates.clone(request.param, tmp_path)
    try:
        yield url
    finally:
        drop()


def make_settings(database_url: str, folder: Path) -> Settings:
    return Settings(
        database_url=database_url,
        storage_dir=folder / "storage",
        max_upload_bytes=2 * 1024 * 1024,
        job_lease_seconds=3,
        worker_stale_seconds=30,
        bulk_output_dir=folder / "bulk",
        bulk_workers=1,
    )


@pytest.fixture
def settings(database_url, tmp_path) -> Settings:
    return make_settings(database_url, tmp_path)


@pytest.fixture
def app(settings):
    application = create_app(settings)  # the template is migrated already
    yield application
    application.state.mc.engine.dispose()


@pytest.fixture
def engine(app):
    return app.state.mc.engine


@pytest.fixture
def users(database_url) -> dict[str, str]:
    """username → role; all with PASSWORD (they are in every test database)."""
    return {name: role for name, (role, _) in USERS.items()}


@pytest.fixture
def client(app) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def auth(templates, database_url, users):
    """``auth("kiemtoan")`` → headers with that user's bearer token."""
    tokens = templates.tokens[backend_of(database_url)]
    return lambda username: {"Authorization": f"Bearer {tokens[username]}"}


def make_dossier(
    client, headers, *, name="Sở Kế hoạch và Đầu tư", kind="co_quan", province="Sơn La", year=2022
) -> int:
    unit = client.post("/api/units", json={"name": name, "kind": kind, "province": province}, headers=headers)
    assert unit.status_code == 201, unit.text
    dossier = client.post("/api/dossiers", json={"unit_id": unit.json()["id"], "year": year}, headers=headers)
    assert dossier.status_code == 201, dossier.text
    return dossier.json()["id"]


# real processes -------------------------------------------------------------------------------------------


def process_env(settings: Settings) -> dict[str, str]:
    return {**os.environ, **settings.to_env(), "PYTHONPATH": str(REPO)}


class LiveService:
    """uvicorn serving ``create_app`` on a free port, and worker processes started on demand."""

    def __init__(self, settings: Settings, log_dir: Path, tokens: dict[str, str]) -> None:
        self.settings, self.log_dir, self.tokens = settings, log_dir, tokens
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server: subprocess.Popen | None = None
        self.workers: list[subprocess.Popen] = []
        self.spawned = 0

    def headers(self, username: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[username]}"}

    def _spawn(self, args: list[str], name: str, env: dict[str, str] | None = None) -> subprocess.Popen:
        log = (self.log_dir / f"{name}.log").open("ab")
        return subprocess.Popen(
            [sys.executable, *args],
            env={**process_env(self.settings), **(env or {})},
            cwd=REPO,
            stdout=log,
            stderr=subprocess.STDOUT,
        )

    def start_server(self) -> None:
        self.server = self._spawn(
            [
                "-m",
                "uvicorn",
                "--factory",
                "api.app:create_app",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--log-level",
                "warning",
            ],
            "server",
        )
        wait_answering(f"{self.url}/health", self.server, self.log_dir / "server.log", timeout=60)

    def start_worker(self, held: Path | None = None) -> subprocess.Popen:
        """A worker; with ``held``, one that stops at extraction and creates that file (held_worker.py)."""
        args = ["-m", "api.worker"] if held is None else [str(REPO / "tests/fixtures/held_worker.py")]
        env = None if held is None else {"MINHCHUNG_TEST_HELD": str(held)}
        worker = self._spawn(args, f"worker{self.spawned}", env)
        self.spawned += 1
        self.workers.append(worker)
        return worker

    def ensure_worker(self) -> None:
        if not any(worker.poll() is None for worker in self.workers):
            self.start_worker()

    @staticmethod
    def _end(process: subprocess.Popen) -> None:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()

    def stop_workers(self) -> None:
        for worker in self.workers:
            self._end(worker)
        self.workers = []

    def stop(self) -> None:
        self.stop_workers()
        if self.server is not None:
            self._end(self.server)


@pytest.fixture(scope="module", params=BACKENDS)
def live(request, templates, tmp_path_factory) -> Iterator[LiveService]:
    """A real HTTP server on localhost over its own database, shared by the module's tests of one backend."""
    folder = tmp_path_factory.mktemp(f"live-{request.param}")
    url, drop = templates.clone(request.param, folder)
    service = LiveService(make_settings(url, folder), folder, templates.tokens[request.param])
    service.start_server()
    try:
        yield service
    finally:
        service.stop()
        drop()


SEED = REPO / "corpora" / "seeds" / "so-khdt-bao-cao-ket-qua-2022.txt"
#: A plan of another province and year than make_dossier's: held out of that dossier's proposal.
LANG_SON_PLAN = REPO / "corpora" / "seeds" / "so-tu-phap-lang-son-ke-hoach-2025.txt"


def add_evidence(engine, document_id: int) -> list[str]:
    """Store a small extraction result for ``document_id`` the way the worker does (review tests need
    evidence rows, not the extractors): a legal reference, a count and a criterion claim."""
    from api.orm import Document
    from api.results import evidence_row_id, store_result
    from extractor.models import DocumentInfo, Evidence, ExtractionResult

    with Session(engine) as session:
        document = session.get(Document, document_id)
        items = [
            Evidence(
                "legal_ref",
                "Thông tư số 124/2021/TT-BCA",
                100,
                127,
                {"doc_type": "thong_tu", "key": "124/2021/TT-BCA"},
                0.98,
                "legal_refs",
                page=1,
            ),
            Evidence(
                "count", "05/05 tiêu chí", 400, 414, {"value": 5, "unit": "tiêu chí"}, 0.9, "counts", page=1
            ),
            Evidence(
                "criterion_claim",
                "Tiêu chí 3: không có trường hợp xảy ra",
                900,
                937,
                {"criteria": ["TT124.6.3"], "status": "met"},
                0.8,
                "claims",
                page=2,
                criteria=["TT124.6.3"],
            ),
        ]
        for item in items:
            item.assign_id(document.sha256)
        info = DocumentInfo(
            source=document.filename,
            sha256=document.sha256,
            pages=2,
            doc_type="bao_cao",
            year=2022,
            text="x" * 1000,
        )
        store_result(session, document, ExtractionResult(document=info, evidence=items))
        session.commit()
        return [evidence_row_id(item, document_id) for item in items]


def process_document(engine, document_id: int, path: Path) -> None:
    """What the worker does with an uploaded document: the real pipeline on ``path``, stored."""
    from api.orm import Document
    from api.results import store_result
    from extractor.pipeline import extract_file

    with Session(engine) as session:
        store_result(session, session.get(Document, document_id), extract_file(path, include_text=True))
        session.commit()


def upload(client, headers, dossier_id: int, *paths: Path, names: list[str] | None = None):
    files = [
        ("files", ((names[i] if names else p.name), p.read_bytes(), "application/octet-stream"))
        for i, p in enumerate(paths)
    ]
    return client.post(f"/api/dossiers/{dossier_id}/documents", files=files, headers=headers)
