"""CSRF from the same site, in a real browser: an assessor logged in to the service opens a page served
from another port of the same host. The page tries what worked before this hardening — a plain form
upload, ``fetch(..., {mode: "no-cors", credentials: "include"})`` to create a unit, start a bulk job on
a server folder and log the user out. Nothing is stored, no job starts, the session survives; and the
service's own UI, in the same browser, still changes data (it sends the CSRF token)."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator

import pytest
from fixtures.server import free_port
from playwright.sync_api import sync_playwright

from .conftest import login, record

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
ATTACK_PAGE = """<!doctype html><html><body>
<iframe name="sink" style="display:none"></iframe>
<form id="upload" method="post" enctype="multipart/form-data" target="sink" action="{svc}/api/dossiers/{dossier}/documents">
  <input type="hidden" name="note" value="x"></form>
<script>
async function attack() {{
  const opts = (body) => ({{method: "POST", mode: "no-cors", credentials: "include",
                            headers: {{"Content-Type": "text/plain"}}, body}});
  await fetch("{svc}/api/units", opts(JSON.stringify({{name: "Don vi gia mao", kind: "xa", province: "Sơn La"}})));
  await fetch("{svc}/api/bulk", opts(JSON.stringify({{folder: "/tmp"}})));
  const form = new FormData();
  form.append("files", new Blob(["Báo cáo giả mạo: đạt 05/05 tiêu chí an toàn về an ninh, trật tự."]), "gia-mao.txt");
  await fetch("{svc}/api/dossiers/{dossier}/documents", {{method: "POST", mode: "no-cors", credentials: "include", body: form}});
  document.getElementById("upload").submit();
  await new Promise((resolve) => setTimeout(resolve, 500));
  await fetch("{svc}/api/auth/logout", {{method: "POST", mode: "no-cors", credentials: "include"}});
  document.title = "done";
}}
attack();
</script></body></html>"""


@pytest.fixture
def attacker(target) -> Iterator[tuple[str, dict]]:
    """A web server on another port of the same host; ``pages`` maps a path to the HTML it serves."""
    pages: dict[str, str] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            body = pages.get(self.path, "").encode()
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", pages
    finally:
        server.shutdown()


def test_forged_requests_from_another_port_change_nothing(target, attacker):
    attacker_url, pages = attacker
    with login(target.url, *target.admin) as admin:
        username, password = "thamdinh.csrf", "ThamDinh-csrf-2026"
        created = admin.post(
            "/api/users",
            json={"username": username, "password": password, "role": "assessor", "province": "Sơn La"},
        )
        assert created.status_code in (201, 409), created.text
        unit = admin.post(
            "/api/units", json={"name": "UBND xã Chiềng Cọ", "kind": "xa", "province": "Sơn La"}
        )
        dossier = admin.post("/api/dossiers", json={"unit_id": unit.json()["id"], "year": 2031}).json()["id"]
        units_before = admin.get("/api/units", params={"page_size": 500}).json()["total"]
        jobs_before = admin.get("/api/jobs").json()["total"]
        pages["/attack.html"] = ATTACK_PAGE.format(svc=target.url, dossier=dossier)

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            context = browser.new_context()
            page = context.new_page()
            page.set_default_timeout(30_000)
            page.goto(f"{target.url}/")
            page.fill("#login-username", username)
            page.fill("#login-password", password)
            page.click("form.login-card button[type=submit]")
            page.get_by_test_id("current-user").wait_for()
            # The victim opens the attacker's page (same host, another port: same site).
            page.goto(f"{attacker_url}/attack.html")
            page.wait_for_function("document.title === 'done'")
            page.wait_for_timeout(500)
            # Back on the service: still logged in, and the UI itself can still change data.
            page.goto(f"{target.url}/")
            page.get_by_test_id("current-user").wait_for()  # the session is back (its /api/me answered)
            me = page.evaluate("fetch('/api/me').then((r) => r.status)")
            ui_change = page.evaluate(
                """import('/static/js/api.js').then((api) => api.post('/api/units',
                     {name: 'Đơn vị tạo từ giao diện', kind: 'xa'})).then(() => 201, (e) => e.status)"""
            )
            browser.close()

        units_after = admin.get("/api/units", params={"page_size": 500}).json()["total"]
        documents = admin.get(f"/api/dossiers/{dossier}").json()["document_count"]
        jobs_after = admin.get("/api/jobs").json()["total"]
        record(
            "csrf_attacks",
            forged_units=units_after - units_before - (1 if ui_change == 201 else 0),
            forged_documents=documents,
            forged_jobs=jobs_after - jobs_before,
            session_after=me,
            ui_change=ui_change,
        )
    assert documents == 0 and jobs_after == jobs_before
    assert me == 200  # the forged log-out did not end the session
    assert ui_change == 201 and units_after == units_before + 1  # only the UI's own request
