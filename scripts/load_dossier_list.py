"""How long ``GET /api/dossiers`` takes while many assessors use the service at once.

Starts the real service (``minhchung serve``) on its own SQLite database and storage in a temporary folder,
deleted afterwards (``DATABASE_URL`` is ignored: the script adds users and dossiers of its own, and must
never touch a real database), creates ``--dossiers`` dossiers with one uploaded report each (the seeds'
PDFs in turn) and waits until their documents are read; then ``--assessors`` clients, each in its own
thread with its own session, ask for the first page of the dossier list ``--requests`` times each, as fast
as the service answers. Prints the wall-clock latency per request (median, p95, max) and the requests
per second, for a cold list (no summary cached yet: the first request of the run) and under load.

    .venv/bin/python scripts/load_dossier_list.py --dossiers 60 --assessors 50 --requests 10

Wall time on a shared machine is what a user waits; run it on an idle machine for figures to quote.
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
PASSWORD = secrets.token_urlsafe(16)  # this run's throw-away users only
PROVINCE = "Sơn La"


def start_service(folder: Path, port: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'load.db'}",
        "MINHCHUNG_STORAGE_DIR": str(folder / "storage"),
        "MINHCHUNG_BULK_DIR": str(folder / "bulk"),
    }
    minhchung = [sys.executable, "-m", "extractor.cli"]
    for username, role in (("admin_tai", "admin"), ("thamdinh_tai", "assessor")):
        subprocess.run(
            [*minhchung, "user", "add", "--username", username, "--role", role, "--password", PASSWORD,
             "--province", PROVINCE],
            env=env, cwd=REPO, check=True, capture_output=True,
        )  # fmt: skip
    log = (folder / "service.log").open("wb")  # the server's own lines, kept out of the figures
    service = subprocess.Popen(
        [*minhchung, "serve", "--port", str(port), "--workers", "1", "-q"],
        env=env, cwd=REPO, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/ready", timeout=2).status_code == 200:
                return service
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    service.kill()
    raise SystemExit("the service did not become ready in 120 s")


def session(url: str, username: str) -> dict[str, str]:
    answer = httpx.post(
        f"{url}/api/auth/login", json={"username": username, "password": PASSWORD}, timeout=30
    )
    answer.raise_for_status()
    return {"Authorization": f"Bearer {answer.json()['token']}"}


def seed_pdfs() -> list[Path]:
    sys.path.insert(0, str(REPO / "tests"))
    from fixtures.files import SEED_NAMES, seed_file

    return [seed_file(name, "pdf") for name in SEED_NAMES]


def make_dossiers(url: str, headers: dict[str, str], count: int) -> None:
    pdfs = seed_pdfs()
    jobs: list[int] = []
    for number in range(count):
        unit = httpx.post(
            f"{url}/api/units",
            headers=headers,
            json={"name": f"Xã thử tải {number + 1}", "kind": "xa", "province": PROVINCE},
            timeout=30,
        ).json()
        dossier = httpx.post(
            f"{url}/api/dossiers", headers=headers, json={"unit_id": unit["id"], "year": 2023}, timeout=30
        ).json()["id"]
        pdf = pdfs[number % len(pdfs)]
        uploaded = httpx.post(
            f"{url}/api/dossiers/{dossier}/documents",
            headers=headers,
            files=[("files", (pdf.name, pdf.read_bytes(), "application/pdf"))],
            timeout=60,
        ).json()
        jobs += [item["job_id"] for item in uploaded["documents"]]
    deadline = time.monotonic() + 600
    for job in jobs:
        while httpx.get(f"{url}/api/jobs/{job}", headers=headers, timeout=30).json()["status"] not in {
            "done",
            "failed",
        }:
            if time.monotonic() > deadline:
                raise SystemExit("documents were not read within 10 minutes")
            time.sleep(0.1)


def listing(url: str, headers: dict[str, str]) -> float:
    started = time.perf_counter()
    answer = httpx.get(f"{url}/api/dossiers", params={"page_size": 50}, headers=headers, timeout=120)
    answer.raise_for_status()
    return time.perf_counter() - started


def under_load(url: str, assessors: int, requests: int) -> tuple[list[float], float]:
    headers = [session(url, "thamdinh_tai") for _ in range(assessors)]
    latencies: list[float] = []
    lock = threading.Lock()

    def assessor(own: dict[str, str]) -> None:
        for _ in range(requests):
            spent = listing(url, own)
            with lock:
                latencies.append(spent)

    threads = [threading.Thread(target=assessor, args=(own,)) for own in headers]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dossiers", type=int, default=60)
    parser.add_argument("--assessors", type=int, default=50)
    parser.add_argument("--requests", type=int, default=10, help="requests per assessor")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        service = start_service(Path(folder), args.port)
        try:
            url = f"http://127.0.0.1:{args.port}"
            make_dossiers(url, session(url, "admin_tai"), args.dossiers)
            cold = listing(url, session(url, "thamdinh_tai"))
            latencies, wall = under_load(url, args.assessors, args.requests)
        finally:
            service.terminate()
            service.wait(timeout=30)
    latencies.sort()
    p95 = latencies[max(0, round(0.95 * len(latencies)) - 1)]
    print(
        f"GET /api/dossiers (page of 50; {args.dossiers} dossiers, one report each): first request "
        f"{1000 * cold:.0f} ms; then {args.assessors} assessors × {args.requests} requests: median "
        f"{1000 * statistics.median(latencies):.0f} ms, p95 {1000 * p95:.0f} ms, max {1000 * latencies[-1]:.0f} ms, "
        f"{len(latencies) / wall:.1f} requests/s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
