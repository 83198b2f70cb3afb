"""Bulk analysis through the queue: admin only, run by a worker with the bulk command's code."""

from __future__ import annotations

import shutil

from api.worker import Worker

from .conftest import REPO


def test_admin_bulk_job_on_a_server_folder(client, auth, settings, engine, tmp_path):
    folder = tmp_path / "ho-so" / "Sơn La" / "Sở Kế hoạch và Đầu tư" / "2022"
    folder.mkdir(parents=True)
    shutil.copy(REPO / "corpora/seeds/so-khdt-bao-cao-ket-qua-2022.txt", folder)
    assert (
        client.post(
            "/api/bulk", json={"folder": str(tmp_path / "ho-so")}, headers=auth("thamdinh_sonla")
        ).status_code
        == 403
    )
    missing = client.post("/api/bulk", json={"folder": str(tmp_path / "khong-co")}, headers=auth("admin"))
    assert missing.status_code == 422
    started = client.post("/api/bulk", json={"folder": str(tmp_path / "ho-so")}, headers=auth("admin"))
    assert started.status_code == 202
    job_id = started.json()["job_id"]

    assert Worker(settings, engine=engine).run_once()
    job = client.get(f"/api/jobs/{job_id}", headers=auth("kiemtoan")).json()
    assert job["status"] == "done", job
    assert job["result"]["summary"]["files"] == 1 and job["result"]["summary"]["failed"] == 0
    assert "summary.json" in job["result"]["files"]
