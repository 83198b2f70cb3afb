"""The service over real processes (one uvicorn server per backend, shared by these tests): a job survives
killing the worker mid-job and never duplicates evidence, bad content found only at processing time fails
the job cleanly, and two concurrent confirmations of the same evidence never lose an update."""

from __future__ import annotations

import signal
import subprocess
import threading
import time
from pathlib import Path

import httpx

from api.db import make_engine

from .conftest import add_evidence

TIMEOUT = 240


def wait_job(live, headers, job_id: int, until: set[str]) -> dict:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        job = httpx.get(f"{live.url}/api/jobs/{job_id}", headers=headers).json()
        if job["status"] in until:
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} never reached {until}: {job}")


def wait_file(path: Path, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not path.exists():
        assert process.poll() is None, f"the worker ended (exit {process.returncode}) before {path.name}"
        assert time.monotonic() < deadline, f"the worker never reached {path.name}"
        time.sleep(0.05)


def all_evidence(live, headers, document_id: int) -> list[dict]:
    page = httpx.get(
        f"{live.url}/api/evidence", params={"document_id": document_id, "page_size": 500}, headers=headers
    ).json()
    assert page["total"] == len(page["items"])
    return page["items"]


def new_dossier(live, headers, name: str, kind: str, year: int) -> int:
    unit = httpx.post(
        f"{live.url}/api/units", headers=headers, json={"name": name, "kind": kind, "province": "Sơn La"}
    ).json()
    return httpx.post(
        f"{live.url}/api/dossiers", headers=headers, json={"unit_id": unit["id"], "year": year}
    ).json()["id"]


def test_job_survives_killing_the_worker_and_never_duplicates_evidence(live, seed_path, tmp_path):
    live.stop_workers()  # the job must go to the worker this test kills
    admin = live.headers("admin")
    dossier = new_dossier(live, admin, "Sở Kế hoạch và Đầu tư", "co_quan", 2022)
    pdf = seed_path("so-khdt-bao-cao-ket-qua-2022", "pdf")
    uploaded = httpx.post(
        f"{live.url}/api/dossiers/{dossier}/documents",
        headers=admin,
        files=[("files", (pdf.name, pdf.read_bytes(), "application/pdf"))],
    ).json()
    job_id = uploaded["documents"][0]["job_id"]
    document_id = uploaded["documents"][0]["document"]["id"]

    held = tmp_path / "extracting"
    first = live.start_worker(held=held)
    wait_file(held, first)
    first.send_signal(signal.SIGKILL)  # mid-job: it holds the job and is extracting
    first.wait()
    after_kill = httpx.get(f"{live.url}/api/jobs/{job_id}", headers=admin).json()
    assert (after_kill["status"], after_kill["attempts"]) == ("running", 1)
    assert all_evidence(live, admin, document_id) == []

    live.start_worker()  # "restart": the expired lease is re-claimed
    done = wait_job(live, admin, job_id, {"done", "failed"})
    assert (done["status"], done["attempts"], done["progress"]) == ("done", 2, 1.0)
    evidence = all_evidence(live, admin, document_id)
    assert evidence and len({e["id"] for e in evidence}) == len(evidence) == done["result"]["evidence"]
    document = httpx.get(f"{live.url}/api/documents/{document_id}", headers=admin).json()
    assert document["status"] == "done" and document["page_count"] >= 1
    assert document["info"]["year"] == 2022 and document["info"]["source"] == pdf.name
    first_item = evidence[0]
    assert document["text"][first_item["start"] : first_item["end"]] == first_item["text"]

    # Review one item, then run the extraction again: same evidence, the review is kept.
    reviewed = httpx.patch(
        f"{live.url}/api/evidence/{first_item['id']}",
        headers=admin,
        json={"version": 1, "status": "confirmed"},
    ).json()
    again = httpx.post(f"{live.url}/api/documents/{document_id}/reprocess", headers=admin).json()
    assert wait_job(live, admin, again["job_id"], {"done", "failed"})["status"] == "done"
    rerun = all_evidence(live, admin, document_id)
    assert sorted(e["id"] for e in rerun) == sorted(e["id"] for e in evidence)
    kept = next(e for e in rerun if e["id"] == first_item["id"])
    assert (kept["status"], kept["version"]) == ("confirmed", reviewed["version"])

    ready = httpx.get(f"{live.url}/ready").json()
    assert ready["checks"]["worker"] == "ok"


def test_unreadable_content_fails_the_job_with_a_typed_error(live):
    admin = live.headers("admin")
    dossier = new_dossier(live, admin, "Công ty ABC", "doanh_nghiep", 2024)
    english = ("The quarterly security report lists the activities of the company in detail. " * 20).encode()
    uploaded = httpx.post(
        f"{live.url}/api/dossiers/{dossier}/documents",
        headers=admin,
        files=[("files", ("report.txt", english, "text/plain"))],
    ).json()
    live.ensure_worker()
    job = wait_job(live, admin, uploaded["documents"][0]["job_id"], {"done", "failed"})
    assert job["status"] == "failed" and job["error"]["code"] == "not_vietnamese"
    assert job["attempts"] == 1  # bad input is not retried
    document = httpx.get(
        f"{live.url}/api/documents/{uploaded['documents'][0]['document']['id']}", headers=admin
    ).json()
    assert document["status"] == "failed" and document["error"]["message_vi"]
    assert httpx.get(f"{live.url}/health").json() == {"status": "ok"}


def test_concurrent_confirmations_one_wins_one_gets_409(live, tmp_path):
    """Two assessors send a change with the same version at the same moment over real HTTP."""
    live.stop_workers()  # the upload's job stays queued: its evidence here is written by add_evidence
    admin = live.headers("admin")
    dossier = new_dossier(live, admin, "Sở Tư pháp", "co_quan", 2023)
    note = tmp_path / "bao-cao.txt"
    note.write_text(
        "Báo cáo kết quả thực hiện tiêu chí an toàn về an ninh, trật tự năm 2023.", encoding="utf-8"
    )
    uploaded = httpx.post(
        f"{live.url}/api/dossiers/{dossier}/documents",
        headers=admin,
        files=[("files", (note.name, note.read_bytes(), "text/plain"))],
    ).json()
    engine = make_engine(live.settings.database_url)
    try:
        ids = add_evidence(engine, uploaded["documents"][0]["document"]["id"])
    finally:
        engine.dispose()
    tokens = [live.headers("thamdinh_sonla"), admin]
    barrier = threading.Barrier(2)
    results: list[httpx.Response] = [None, None]  # type: ignore[list-item]

    def send(index: int, status: str) -> None:
        with httpx.Client(base_url=live.url, headers=tokens[index]) as http:
            barrier.wait()
            results[index] = http.patch(f"/api/evidence/{ids[2]}", json={"version": 1, "status": status})

    threads = [
        threading.Thread(target=send, args=(0, "confirmed")),
        threading.Thread(target=send, args=(1, "rejected")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r.status_code for r in results) == [200, 409]
    winner = next(r for r in results if r.status_code == 200).json()
    final = httpx.get(f"{live.url}/api/evidence/{ids[2]}", headers=tokens[0]).json()
    assert final["status"] == winner["status"] and final["version"] == 2
    history = httpx.get(f"{live.url}/api/evidence/{ids[2]}/history", headers=tokens[0]).json()
    assert len(history) == 1  # the losing change left no trace
