"""``minhchung serve`` at start (issue 14): a port already in use is a clear Vietnamese/English error and a
non-zero exit before any start line (and before the database is touched); a SQLite database is named by
its absolute path; a real start says the database, the admin's password and how to stop."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from pathlib import Path
from queue import Empty, Queue

from fixtures.server import free_port

from extractor.commands.serve import PORT_IN_USE_EXIT, database_description

REPO = Path(__file__).resolve().parents[2]
SUCCESS_MARKS = ("Minh Chứng: http://", "Uvicorn running", "first admin", "Application startup complete")


def _env(root: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "DATABASE_URL": "sqlite:///var/minhchung.db",  # relative: the start line must resolve it
        "MINHCHUNG_STORAGE_DIR": str(root / "storage"),
        "MINHCHUNG_BULK_DIR": str(root / "bulk"),
        "MINHCHUNG_ADMIN_PASSWORD": "mat-khau-thu-nghiem-14",
    }


def _serve(root: Path, port: int, **popen) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "extractor.cli",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "0",
        ],
        cwd=root,
        env=_env(root),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **popen,
    )


def test_a_port_in_use_is_a_clear_error_and_a_non_zero_exit_before_any_start_line(tmp_path):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        process = _serve(tmp_path, port)
        try:
            out, err = process.communicate(timeout=120)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
    assert process.returncode == PORT_IN_USE_EXIT != 0
    assert f"cổng {port}" in err and "đang được chương trình khác dùng" in err
    assert f"port {port}" in err and "already in use" in err
    assert "Traceback" not in err
    for mark in SUCCESS_MARKS:
        assert mark not in out and mark not in err, mark
    assert not (tmp_path / "var" / "minhchung.db").exists()  # stopped before migrations


def test_sqlite_is_named_by_its_absolute_path_and_a_server_by_host_only(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert database_description("sqlite:///var/minhchung.db") == f"SQLite {tmp_path / 'var' / 'minhchung.db'}"
    assert database_description("sqlite:////srv/mc/mc.db") == "SQLite /srv/mc/mc.db"
    shown = database_description("postgresql+psycopg://minhchung:bi-mat@db.local/minhchung")
    assert "bi-mat" not in shown and "db.local/minhchung" in shown


def _start_lines(process: subprocess.Popen) -> list[str]:
    """What ``serve`` prints up to its stop line (the server is then listening); each line within 180 s,
    and fewer lines when the output stalls or ends before it."""
    assert process.stdout is not None
    stdout = process.stdout
    queue: Queue[str | None] = Queue()
    threading.Thread(target=lambda: [*map(queue.put, stdout), queue.put(None)], daemon=True).start()
    lines: list[str] = []
    while True:
        try:
            line = queue.get(timeout=180)
        except Empty:
            return lines
        if line is None:
            return lines
        lines.append(line)
        if line.startswith("Dừng / stop"):
            return lines


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def test_a_real_start_names_the_sqlite_file_the_admin_password_and_how_to_stop(tmp_path):
    port = free_port()
    process = _serve(tmp_path, port, start_new_session=True)
    try:
        lines = _start_lines(process)
    finally:
        _stop(process)
    text = "".join(lines)
    assert f"SQLite {tmp_path / 'var' / 'minhchung.db'}" in text, text + (
        process.stderr.read() if process.stderr else ""
    )
    assert "first admin created: admin" in text and "(from MINHCHUNG_ADMIN_PASSWORD)" in text
    assert "Ctrl+C" in text
    assert text.index("SQLite") < text.index(f"Minh Chứng: http://127.0.0.1:{port}/")


def _failed_logins_then_another_client(port: int) -> int:
    """Two failed log-ins said to come from one client, then a log-in said to come from another: the last
    one's HTTP status (429 when both were counted as one address)."""
    import httpx

    url = f"http://127.0.0.1:{port}/api/auth/login"
    wrong = {"username": "admin", "password": "sai-mat-khau"}
    with httpx.Client(timeout=60) as client:
        for _ in range(2):
            assert client.post(url, json=wrong, headers={"X-Forwarded-For": "203.0.113.1"}).status_code == 401
        return client.post(url, json=wrong, headers={"X-Forwarded-For": "203.0.113.2"}).status_code


def test_a_real_server_believes_x_forwarded_for_only_from_the_listed_proxies(tmp_path):
    """uvicorn itself would believe any request from this machine; ``serve`` follows MINHCHUNG_TRUSTED_PROXIES
    alone: none listed, two "clients" from 127.0.0.1 are one address; 127.0.0.1 listed, they are two."""
    statuses = []
    for trusted in ("", "127.0.0.1"):
        root = tmp_path / (trusted or "none")
        root.mkdir()
        port = free_port()
        environment = {
            **_env(root),
            "MINHCHUNG_LOGIN_ADDRESS_FAILURES": "2",
            "MINHCHUNG_TRUSTED_PROXIES": trusted,
        }
        process = subprocess.Popen(
            [sys.executable, "-m", "extractor.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
            + ["--workers", "0"],
            cwd=root,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            start_new_session=True,
        )
        try:
            started = _start_lines(process)
            assert started and started[-1].startswith("Dừng / stop"), f"serve is not listening: {started}"
            statuses.append(_failed_logins_then_another_client(port))
        finally:
            _stop(process)
    assert statuses == [429, 401]
