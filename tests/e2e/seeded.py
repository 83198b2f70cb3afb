"""A processed Sở KH&ĐT Sơn La 2022 dossier made through the API, for browser tests that start from one, and the
log-in a person does on the page. Each call makes its own unit (names need not be unique), so test modules do not
share decisions."""

from __future__ import annotations

import time

from e2e_server import ASSESSOR, BROWSER_WAIT_MS, PROVINCE, LiveServer
from playwright.sync_api import Browser, Page, expect

REPORT = "so-khdt-bao-cao-ket-qua-2022"  # Sở Kế hoạch và Đầu tư, 2022: belongs to a 2022 dossier of that unit
UNIT = "Sở Kế hoạch và Đầu tư"
PROCESSING_TIMEOUT_S = 240


def wait_job(api, job_id: int) -> dict:
    """Poll a job until it ends (a deadline, not a fixed sleep)."""
    deadline = time.monotonic() + PROCESSING_TIMEOUT_S
    while time.monotonic() < deadline:
        job = api.get(f"/api/jobs/{job_id}").json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.3)
    raise AssertionError(f"job {job_id} did not finish in {PROCESSING_TIMEOUT_S} s")


def report_dossier(live_server: LiveServer, seed_path, fmt: str = "txt") -> dict:
    """A new unit and its 2022 dossier holding the processed report: {id, report, report_id}."""
    with live_server.client(ASSESSOR) as api:
        unit = api.post("/api/units", json={"name": UNIT, "kind": "co_quan", "province": PROVINCE})
        assert unit.status_code == 201, unit.text
        created = api.post("/api/dossiers", json={"unit_id": unit.json()["id"], "year": 2022})
        assert created.status_code == 201, created.text
        dossier_id = created.json()["id"]
        path = seed_path(REPORT, fmt)
        uploaded = api.post(
            f"/api/dossiers/{dossier_id}/documents",
            files=[("files", (path.name, path.read_bytes(), "application/octet-stream"))],
        )
        assert uploaded.status_code == 201, uploaded.text
        item = uploaded.json()["documents"][0]
        assert wait_job(api, item["job_id"])["status"] == "done"
    return {"id": dossier_id, "report": path.name, "report_id": item["document"]["id"], "path": path}


def logged_in_page(
    browser: Browser,
    live_server: LiveServer,
    credentials: tuple[str, str] = ASSESSOR,
    width: int = 1280,
    height: int = 900,
) -> tuple[Page, list[str]]:
    """A fresh browser context, logged in through the form; page errors are collected in the list."""
    context = browser.new_context(
        base_url=live_server.base_url, viewport={"width": width, "height": height}, locale="vi-VN"
    )
    page = context.new_page()
    page.set_default_timeout(BROWSER_WAIT_MS)
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto("/")
    page.fill("#login-username", credentials[0])
    page.fill("#login-password", credentials[1])
    page.click("form.login-card button[type=submit]")
    expect(page.get_by_test_id("current-user")).to_have_text(credentials[0])
    return page, errors
