"""The worker over real processes: a job survives killing the worker mid-job, never duplicates evidence,
and bad content found only at processing time fails the job cleanly."""

from __future__ import annotations

import signal
import time

import httpx

from .conftest import live_login

TIMEOUT = 240


def wait_job(live, headers, job_id: int, until: set[str]) -> dict:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        job = httpx.get(f"{live.url}/api/jobs/{job_id}", headers=headers).json()
        if job["status"] in until:
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} never reached {until}: {job}")


def all_evidence(live, headers, document_id: int) -> list[dict]:
    page = httpx.get(f"{live.url}/api/evidence", params={"document_id": document_id, "page_size": 500},
                     headers=headers).json()
    assert page["total"] == len(page["items"])
    return page["items"]


def test_job_survives_killing_the_worker_and_never_duplicates_evidence(live, seed_path):
    admin = live_login(live, "admin")
    unit = httpx.post(f"{live.url}/api/units", headers=admin,
                      json={"name": "Sở Kế hoạch và Đầu tư", "kind": "co_quan", "province": "Sơn La"}).json()
    dossier = httpx.post(f"{live.url}/api/dossiers", headers=admin, json={"unit_id": unit["id"], "year": 2022}).json()
    pdf = seed_path("so-khdt-bao-cao-ket-qua-2022", "pdf")
    uploaded = httpx.post(f"{live.url}/api/dossiers/{dossier['id']}/documents", headers=admin,
                          files=[("files", (pdf.name, pdf.read_bytes(), "application/pdf"))]).json()
    job_id = uploaded["documents"][0]["job_id"]
    document_id = uploaded["documents"][0]["document"]["id"]

    first = live.start_worker()
    running = wait_job(live, admin, job_id, {"running", "done", "failed"})
    first.send_signal(signal.SIGKILL)  # mid-job: the worker is still loading/extracting
    first.wait()
    assert running["status"] == "running"
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
    assert document["text"][first_item["start"]:first_item["end"]] == first_item["text"]

    # Review one item, then run the extraction again: same evidence, the review is kept.
    reviewed = httpx.patch(f"{live.url}/api/evidence/{first_item['id']}", headers=admin,
                           json={"version": 1, "status": "confirmed"}).json()
    again = httpx.post(f"{live.url}/api/documents/{document_id}/reprocess", headers=admin).json()
    assert wait_job(live, admin, again["job_id"], {"done", "failed"})["status"] == "done"
    rerun = all_evidence(live, admin, document_id)
    assert sorted(e["id"] for e in rerun) == sorted(e["id"] for e in evidence)
    kept = next(e for e in rerun if e["id"] == first_item["id"])
    assert (kept["status"], kept["version"]) == ("confirmed", reviewed["version"])

    ready = httpx.get(f"{live.url}/ready").json()
    assert ready["checks"]["worker"] == "ok"


def test_unreadable_content_fails_the_job_with_a_typed_error(live):
    admin = live_login(live, "admin")
    unit = httpx.post(f"{live.url}/api/units", headers=admin,
                      json={"name": "Công ty ABC", "kind": "doanh_nghiep", "province": "Sơn La"}).json()
    dossier = httpx.post(f"{live.url}/api/dossiers", headers=admin, json={"unit_id": unit["id"], "year": 2024}).json()
    english = ("The quarterly security report lists the activities of the company in detail. " * 20).encode()
    uploaded = httpx.post(f"{live.url}/api/dossiers/{dossier['id']}/documents", headers=admin,
                          files=[("files", ("report.txt", english, "text/plain"))]).json()
    live.start_worker()
    job = wait_job(live, admin, uploaded["documents"][0]["job_id"], {"done", "failed"})
    assert job["status"] == "failed" and job["error"]["code"] == "not_vietnamese"
    assert job["attempts"] == 1  # bad input is not retried
    document = httpx.get(f"{live.url}/api/documents/{uploaded['documents'][0]['document']['id']}",
                         headers=admin).json()
    assert document["status"] == "failed" and document["error"]["message_vi"]
    assert httpx.get(f"{live.url}/health").json() == {"status": "ok"}
