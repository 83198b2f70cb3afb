"""``kill -9`` of ``minhchung serve`` in the middle of a stream of uploads: no worker outlives it, no
acknowledged upload is lost, and after a restart ``/ready`` counts only the new instance's workers.
Both run with ``pytest -m soak tests/reliability`` (two server starts and model loading make them too long
for ``make test``); the second also waits until every acknowledged upload has been processed."""

from __future__ import annotations

import threading
import time

import httpx
import pytest

from .conftest import Serve, gone, login, record

UPLOADS = 12
KILL_AFTER = 4  # acknowledged uploads before the kill


def _text(index: int) -> bytes:
    return (
        f"ỦY BAN NHÂN DÂN XÃ SỐ {index}\nBÁO CÁO\nKết quả thực hiện tiêu chuẩn an toàn về an ninh, trật tự "
        f"năm 2024. Thực hiện Thông tư số 124/2021/TT-BCA, xã tổ chức {index + 3} cuộc tuyên truyền; "
        "không có tội phạm nghiêm trọng xảy ra trên địa bàn.\n"
    ).encode()


def _upload_stream(
    url: str, headers: dict, dossier: int, acknowledged: list[dict], first_acks: threading.Event
):
    with httpx.Client(base_url=url, headers=headers, timeout=30) as client:
        for index in range(UPLOADS):
            try:
                response = client.post(
                    f"/api/dossiers/{dossier}/documents",
                    files=[("files", (f"bao-cao-{index}.txt", _text(index), "text/plain"))],
                )
            except httpx.HTTPError:
                return  # the server is gone: the rest were never acknowledged
            if response.status_code == 201:
                item = response.json()["documents"][0]
                acknowledged.append(
                    {
                        "index": index,
                        "id": item["document"]["id"],
                        "job_id": item["job_id"],
                        "sha256": item["document"]["sha256"],
                    }
                )
                if len(acknowledged) >= KILL_AFTER:
                    first_acks.set()


def _kill_during_uploads(tmp_path, workers: int) -> tuple[Serve, list[dict], list[int], float]:
    server = Serve(tmp_path, workers=workers)
    server.start(wait_for="/ready")
    with login(server.url, "admin", server.env()["MINHCHUNG_ADMIN_PASSWORD"]) as admin:
        unit = admin.post(
            "/api/units", json={"name": "UBND xã Mường Bú", "kind": "xa", "province": "Sơn La"}
        ).json()
        dossier = admin.post("/api/dossiers", json={"unit_id": unit["id"], "year": 2024}).json()["id"]
        headers = dict(admin.headers)
    worker_pids = server.workers_now()
    assert len(worker_pids) == workers
    acknowledged: list[dict] = []
    first_acks = threading.Event()
    uploader = threading.Thread(
        target=_upload_stream, args=(server.url, headers, dossier, acknowledged, first_acks)
    )
    uploader.start()
    assert first_acks.wait(120)
    server.kill9()
    killed_at = time.monotonic()
    uploader.join(60)
    deadline = killed_at + 30
    while not all(gone(pid) for pid in worker_pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    orphans = [pid for pid in worker_pids if not gone(pid)]
    return server, acknowledged, orphans, time.monotonic() - killed_at


def _check_after_restart(server: Serve, acknowledged: list[dict]) -> tuple[list[dict], dict]:
    server.start(wait_for="/ready")
    with login(server.url, "admin", server.env()["MINHCHUNG_ADMIN_PASSWORD"]) as admin:
        lost = []
        for item in acknowledged:
            document = admin.get(f"/api/documents/{item['id']}")
            stored = admin.get(f"/api/documents/{item['id']}/file")
            if (
                document.status_code != 200
                or document.json()["sha256"] != item["sha256"]
                or stored.content != _text(item["index"])
                or document.json()["job_id"] is None
            ):
                lost.append(item)
        ready = admin.get("/ready").json()
    return lost, ready


@pytest.mark.soak  # ≈ 20–30 s on 2 shared cores; tests/api/test_worker_limits.py has the quick orphan check
def test_kill_9_of_serve_leaves_no_orphan_worker_and_loses_no_acknowledged_upload(tmp_path):
    server, acknowledged, orphans, seconds = _kill_during_uploads(tmp_path, workers=1)
    try:
        lost, ready = _check_after_restart(server, acknowledged)
        live_workers = len(server.workers_now())
    finally:
        server.stop()
    record(
        "kill9_serve",
        acknowledged=len(acknowledged),
        lost_acknowledged=len(lost),
        orphan_workers=len(orphans),
        seconds_until_workers_gone=round(seconds, 2),
        ready_workers_after_restart=ready.get("workers"),
    )
    assert orphans == [] and lost == [] and len(acknowledged) >= KILL_AFTER
    assert ready["status"] == "ready" and ready["workers"] == live_workers == 1


@pytest.mark.soak
def test_soak_every_acknowledged_upload_is_processed_after_kill_9(tmp_path):
    server, acknowledged, orphans, _seconds = _kill_during_uploads(tmp_path, workers=2)
    try:
        lost, _ready = _check_after_restart(server, acknowledged)
        with login(server.url, "admin", server.env()["MINHCHUNG_ADMIN_PASSWORD"]) as admin:
            deadline = time.monotonic() + 600
            statuses: dict[int, str] = {}
            while time.monotonic() < deadline:
                statuses = {
                    i["id"]: admin.get(f"/api/documents/{i['id']}").json()["status"] for i in acknowledged
                }
                if all(status in {"done", "failed"} for status in statuses.values()):
                    break
                time.sleep(1)
    finally:
        server.stop()
    record(
        "kill9_soak",
        acknowledged=len(acknowledged),
        lost_acknowledged=len(lost),
        orphan_workers=len(orphans),
        processed=sum(s == "done" for s in statuses.values()),
        failed=sum(s == "failed" for s in statuses.values()),
    )
    assert orphans == [] and lost == []
    assert all(status == "done" for status in statuses.values()), statuses
