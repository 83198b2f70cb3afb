"""End to end in a real browser: an assessor uploads a seed PDF, reviews evidence, exports the scorecard;
an auditor sees the same dossier without any edit control."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest
from e2e_server import ADMIN, ASSESSOR, AUDITOR, BROWSER_WAIT_MS, PROVINCE, SCREENSHOTS, LiveServer
from openpyxl import load_workbook
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

SEED = "so-khdt-bao-cao-ket-qua-2022"
OTHER_SEED = "xa-kon-gang-ke-hoach-tt124"
UNIT_NAME = "Sở Kế hoạch và Đầu tư tỉnh Sơn La"
PROCESSING_TIMEOUT_MS = 240_000


def new_page(browser: Browser, live_server: LiveServer) -> tuple[Page, list[str]]:
    context = browser.new_context(
        base_url=live_server.base_url,
        viewport={"width": 1400, "height": 900},
        accept_downloads=True,
        locale="vi-VN",
    )
    page = context.new_page()
    page.set_default_timeout(BROWSER_WAIT_MS)
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    return page, errors


def log_in(page: Page, credentials: tuple[str, str]) -> None:
    page.goto("/")
    page.fill("#login-username", credentials[0])
    page.fill("#login-password", credentials[1])
    page.click("form.login-card button[type=submit]")
    expect(page.get_by_test_id("current-user")).to_have_text(credentials[0])


def drop_files(page: Page, paths: list[Path]) -> None:
    """Drop real files on the drop zone, as a person dragging them from the file manager would."""
    files = [{"name": p.name, "data": base64.b64encode(p.read_bytes()).decode()} for p in paths]
    page.get_by_test_id("dropzone").evaluate(
        """(zone, files) => {
            const transfer = new DataTransfer();
            for (const f of files) {
                const bytes = Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0));
                transfer.items.add(new File([bytes], f.name));
            }
            for (const type of ["dragover", "drop"]) {
                zone.dispatchEvent(new DragEvent(type, {dataTransfer: transfer, bubbles: true, cancelable: true}));
            }
        }""",
        files,
    )


def shot(page: Page, name: str, backend: str) -> None:
    """Screenshot for a person to look at (transient toasts removed first); PostgreSQL runs get a prefix."""
    page.evaluate("document.getElementById('toasts')?.replaceChildren()")
    prefix = "" if backend == "sqlite" else f"{backend}-"
    page.screenshot(path=str(SCREENSHOTS / f"{prefix}{name}.png"), full_page=name != "document")


@pytest.fixture(scope="module")
def reviewed(browser: Browser, live_server: LiveServer, seed_path, tmp_path_factory) -> dict:
    """The assessor's whole session; returns what the later checks need."""
    page, errors = new_page(browser, live_server)
    page.goto("/")
    expect(page.locator("#login-username")).to_be_visible()
    shot(page, "login", live_server.backend)

    # A wrong password is refused with a Vietnamese message, not a crash.
    page.fill("#login-username", ASSESSOR[0])
    page.fill("#login-password", "sai-mat-khau")
    page.click("form.login-card button[type=submit]")
    expect(page.locator(".login-card .alert-error")).to_contain_text("Sai tên đăng nhập hoặc mật khẩu")

    log_in(page, ASSESSOR)
    expect(page.get_by_test_id("current-role")).to_have_text("Cán bộ thẩm định")

    # Create the unit and its dossier through the forms.
    unit_form = page.get_by_test_id("unit-form")
    unit_form.locator("input[name=name]").fill(UNIT_NAME)
    unit_form.locator("select[name=kind]").select_option("co_quan")
    expect(unit_form.locator("input[name=province]")).to_have_value(PROVINCE)
    unit_form.locator("button[type=submit]").click()
    dossier_form = page.get_by_test_id("dossier-form")
    expect(dossier_form.locator("select[name=unit_id] option")).to_contain_text([UNIT_NAME])
    dossier_form.locator("select[name=unit_id]").select_option(label=f"{UNIT_NAME} ({PROVINCE})")
    dossier_form.locator("input[name=year]").fill("2022")
    dossier_form.locator("button[type=submit]").click()
    page.wait_for_url("**/#/dossiers/*")
    dossier_id = int(page.url.rsplit("/", 1)[1].split("?")[0])
    expect(page.locator("h1")).to_contain_text(UNIT_NAME)

    # A corrupt "PDF" is refused with the server's reason on its row; the page keeps working.
    corrupt = tmp_path_factory.mktemp("bad") / "hong.pdf"
    corrupt.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8)
    page.set_input_files("#file-input", str(corrupt))
    bad_row = page.locator(".upload-row[data-file='hong.pdf']")
    expect(bad_row).to_have_class(re.compile("is-failed"))
    assert bad_row.locator(".upload-status").inner_text().strip()

    # Drop two real files at once on the drop zone (the seed as PDF, another seed as DOCX):
    # each gets its own row with an upload bar and a processing bar.
    pdf = seed_path(SEED, "pdf")
    docx = seed_path(OTHER_SEED, "docx")
    drop_files(page, [pdf, docx])
    row = page.locator(f".upload-row[data-file='{pdf.name}']")
    other_row = page.locator(f".upload-row[data-file='{docx.name}']")
    expect(row).to_be_visible()
    expect(other_row).to_be_visible()
    expect(row.locator(".meter-upload .meter-label")).to_have_text("100 %")
    shot(page, "upload-progress", live_server.backend)
    for uploaded in (row, other_row):
        expect(uploaded).to_have_class(re.compile(r"is-(done|failed)"), timeout=PROCESSING_TIMEOUT_MS)
        assert "is-done" in (uploaded.get_attribute("class") or ""), uploaded.locator(
            ".upload-status"
        ).inner_text()
    expect(row.get_by_test_id("open-document")).to_be_visible()
    expect(row.locator(".meter-job .meter-label")).to_have_text("100 %")
    expect(page.get_by_test_id("documents-table")).to_contain_text(pdf.name)
    expect(page.get_by_test_id("documents-table")).to_contain_text(docx.name)
    # each document's type in words, from the one vocabulary (a báo cáo and a kế hoạch)
    kinds = page.get_by_test_id("documents-table").locator("td[data-label='Loại văn bản']")
    for kind in ("Báo cáo", "Kế hoạch"):  # in either order: the two uploads race
        expect(kinds.filter(has_text=re.compile(f"^{kind}$"))).to_have_count(1, timeout=PROCESSING_TIMEOUT_MS)
    shot(page, "upload-done", live_server.backend)

    # The document view: text with highlights, legend and shortcuts on screen.
    row.get_by_test_id("open-document").click()
    marks = page.locator("mark[data-evidence-id]")
    expect(marks.first).to_be_visible()
    expect(page.get_by_test_id("legend")).to_contain_text("Căn cứ pháp lý")
    expect(page.get_by_test_id("shortcuts")).to_contain_text("xác nhận")
    document_id = int(page.url.rsplit("/", 1)[1].split("?")[0])

    # Click a highlight: its value, page and criterion show; confirm it with the button.
    marks.first.click()
    detail = page.get_by_test_id("evidence-detail")
    confirmed_id = detail.get_attribute("data-evidence-id")
    expect(detail).to_contain_text("Giá trị")
    expect(detail).to_contain_text("Trang")
    expect(detail).to_contain_text("Tiêu chí")
    detail.locator("button[data-action=confirm]").click()
    expect(page.get_by_test_id("detail-status")).to_have_text("Đã xác nhận")
    expect(page.locator(f"mark[data-evidence-id='{confirmed_id}']")).to_have_attribute(
        "data-status", "confirmed"
    )

    # Next evidence with "j", reject it with "r" — the keyboard path.
    page.keyboard.press("j")
    expect(page.get_by_test_id("evidence-detail")).not_to_have_attribute("data-evidence-id", confirmed_id)
    rejected_id = page.get_by_test_id("evidence-detail").get_attribute("data-evidence-id")
    page.keyboard.press("r")  # rejects, then moves on to the next evidence
    expect(page.locator(f"mark[data-evidence-id='{rejected_id}']")).to_have_attribute(
        "data-status", "rejected"
    )
    expect(page.get_by_test_id("evidence-detail")).not_to_have_attribute("data-evidence-id", rejected_id)

    # Edit in place with "e": re-assign a TT124 criterion.
    page.keyboard.press("j")
    edited_id = page.get_by_test_id("evidence-detail").get_attribute("data-evidence-id")
    assert edited_id not in (confirmed_id, rejected_id)
    page.keyboard.press("e")
    form = page.get_by_test_id("edit-form")
    criterion = form.locator("select[name=criteria] option:not(:checked)").first.get_attribute("value")
    form.locator("select[name=criteria]").select_option([criterion])
    form.locator("input[name=note]").fill("Gán lại tiêu chí khi kiểm thử")
    form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("edit-form")).to_have_count(0)
    expect(page.get_by_test_id("evidence-detail")).to_contain_text(criterion)

    # Someone else confirms the next evidence meanwhile: rejecting it from the stale page gets a clear
    # conflict message and the newer state; rejecting again (now on the current version) works.
    page.keyboard.press("j")
    contested_id = page.get_by_test_id("evidence-detail").get_attribute("data-evidence-id")
    assert contested_id not in (confirmed_id, rejected_id, edited_id)
    with live_server.client(ASSESSOR) as api:
        current = api.get(f"/api/evidence/{contested_id}").json()
        api.patch(
            f"/api/evidence/{contested_id}", json={"version": current["version"], "status": "confirmed"}
        ).raise_for_status()
    page.keyboard.press("r")
    expect(page.locator(".toast-error")).to_contain_text("người khác thay đổi")
    expect(page.get_by_test_id("detail-status")).to_have_text("Đã xác nhận")
    page.keyboard.press("r")
    expect(page.locator(f"mark[data-evidence-id='{contested_id}']")).to_have_attribute(
        "data-status", "rejected"
    )
    page.locator(f"mark[data-evidence-id='{confirmed_id}']").click()
    shot(page, "document", live_server.backend)

    # Scorecard view and XLSX export.
    # The per-criterion panel: record the assessor's decision on the first criterion.
    page.goto(f"/#/dossiers/{dossier_id}?tab=criteria")
    first = page.locator("article.criterion").first
    expect(first).to_be_visible()
    decided_criterion = first.get_attribute("data-criterion")
    first.locator(".decision-note").fill("Đủ kế hoạch và nghị quyết")
    first.locator("button[data-decision=met]").click()
    expect(
        page.locator(f"article.criterion[data-criterion='{decided_criterion}'] .criterion-foot")
    ).to_contain_text(ASSESSOR[0])
    shot(page, "criteria", live_server.backend)
    page.goto(f"/#/dossiers/{dossier_id}?tab=scorecard")
    expect(page.get_by_test_id("scorecard-table")).to_be_visible()
    shot(page, "scorecard", live_server.backend)
    with page.expect_download() as download_info:
        page.get_by_test_id("export-xlsx").click()
    xlsx = tmp_path_factory.mktemp("download") / "scorecard.xlsx"
    download_info.value.save_as(xlsx)

    page.goto("/")
    expect(page.locator(f"tr[data-dossier-id='{dossier_id}']")).to_be_visible()
    shot(page, "dossiers", live_server.backend)
    page.context.close()
    return {
        "dossier_id": dossier_id,
        "document_id": document_id,
        "confirmed": confirmed_id,
        "rejected": rejected_id,
        "edited": edited_id,
        "contested": contested_id,
        "criterion": criterion,
        "decided_criterion": decided_criterion,
        "xlsx": xlsx,
        "errors": errors,
    }


def test_review_changes_evidence_status_on_the_server(reviewed: dict, live_server: LiveServer) -> None:
    with live_server.client(ASSESSOR) as api:
        confirmed = api.get(f"/api/evidence/{reviewed['confirmed']}").json()
        rejected = api.get(f"/api/evidence/{reviewed['rejected']}").json()
        assert confirmed["status"] == "confirmed"
        assert rejected["status"] == "rejected"
        assert confirmed["updated_by"] == ASSESSOR[0]
        history = api.get(f"/api/evidence/{reviewed['confirmed']}/history").json()
        assert any((entry.get("after") or {}).get("status") == "confirmed" for entry in history)
        contested = api.get(f"/api/evidence/{reviewed['contested']}").json()
        assert contested["status"] == "rejected"
        assert contested["version"] >= 3  # proposed → confirmed (other tab) → rejected (this page)
        edited = api.get(f"/api/evidence/{reviewed['edited']}").json()
        assert reviewed["criterion"] in edited["criteria"]
        dossier = api.get(f"/api/dossiers/{reviewed['dossier_id']}").json()
        assert dossier["evidence"]["confirmed"] >= 1
        assert dossier["evidence"]["rejected"] >= 1
    assert reviewed["errors"] == []


def test_exported_scorecard_lists_every_criterion(reviewed: dict, live_server: LiveServer) -> None:
    with live_server.client(ASSESSOR) as api:
        criteria = api.get(f"/api/dossiers/{reviewed['dossier_id']}/scorecard").json()["criteria"]
    assert criteria, "the scorecard has criteria"
    # The edit form offered the criteria of this unit's kind (cơ quan), the ones on its scorecard.
    assert reviewed["criterion"] in {row["id"] for row in criteria}
    decided = next(row for row in criteria if row["id"] == reviewed["decided_criterion"])
    assert decided["decision"]["decision"] == "met"
    workbook = load_workbook(reviewed["xlsx"], read_only=True)
    cells = {
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    }
    text = "\n".join(cells)
    missing = [row["id"] for row in criteria if row["id"] not in text]
    assert not missing, f"criteria absent from the XLSX: {missing}"


def test_auditor_sees_no_edit_controls(reviewed: dict, browser: Browser, live_server: LiveServer) -> None:
    page, errors = new_page(browser, live_server)
    # The admin creates the auditor in the users screen, then signs out.
    log_in(page, ADMIN)
    page.click("#mainnav >> text=Người dùng")
    form = page.get_by_test_id("user-form")
    form.locator("input[name=username]").fill(AUDITOR[0])
    form.locator("input[name=password]").fill(AUDITOR[1])
    form.locator("select[name=role]").select_option("auditor")
    form.locator("button[type=submit]").click()
    # Its own row (a name that only contains it, such as another test's user, does not count).
    expect(
        page.get_by_test_id("users-table").get_by_role("cell", name=AUDITOR[0], exact=True)
    ).to_be_visible()
    shot(page, "admin-users", live_server.backend)
    page.click("#userbox >> text=Đăng xuất")
    expect(page.locator("#login-username")).to_be_visible()

    log_in(page, AUDITOR)
    expect(page.get_by_test_id("current-role")).to_have_text("Kiểm tra viên")
    expect(page.locator(f"tr[data-dossier-id='{reviewed['dossier_id']}']")).to_be_visible()
    expect(page.get_by_test_id("dossier-form")).to_have_count(0)
    expect(page.get_by_test_id("unit-form")).to_have_count(0)

    page.goto(f"/#/dossiers/{reviewed['dossier_id']}")
    expect(page.get_by_test_id("documents-table")).to_be_visible()
    expect(page.get_by_test_id("dropzone")).to_have_count(0)

    page.goto(f"/#/documents/{reviewed['document_id']}")
    page.locator("mark[data-evidence-id]").first.click()
    detail = page.get_by_test_id("evidence-detail")
    expect(detail).to_contain_text("Chế độ chỉ xem")
    expect(detail.locator("button")).to_have_count(0)
    status_before = page.get_by_test_id("detail-status").inner_text()
    page.keyboard.press("c")
    expect(page.get_by_test_id("detail-status")).to_have_text(status_before)
    shot(page, "auditor-document", live_server.backend)

    # The auditor reads who confirmed what: the evidence history and the dossier's trail.
    page.goto(f"/#/documents/{reviewed['document_id']}?evidence={reviewed['confirmed']}")
    page.locator("details summary", has_text="Lịch sử thay đổi").click()
    expect(page.get_by_test_id("history-list")).to_contain_text(ASSESSOR[0])
    page.goto(f"/#/dossiers/{reviewed['dossier_id']}?tab=trail")
    expect(page.get_by_test_id("trail-table")).to_contain_text(ASSESSOR[0])
    shot(page, "auditor-trail", live_server.backend)

    page.goto(f"/#/dossiers/{reviewed['dossier_id']}?tab=criteria")
    expect(page.locator("article.criterion").first).to_be_visible()
    expect(page.locator("button[data-decision]")).to_have_count(0)

    page.goto("/#/audit")
    expect(page.get_by_test_id("audit-table")).to_contain_text(UNIT_NAME)
    shot(page, "auditor-audit", live_server.backend)
    page.context.close()
    assert errors == []


def test_a_change_made_before_the_session_is_read_back_still_goes_through(
    browser: Browser, live_server: LiveServer
) -> None:
    """After a reload the UI learns its CSRF token from /api/me; on a busy server a person may act before
    that answer comes. The change must then fetch the token itself instead of being refused (403)."""
    page, errors = new_page(browser, live_server)
    log_in(page, ADMIN)
    held: list = []

    def hold_the_pages_own(route) -> None:  # the page's own /api/me stays unanswered; later ones go through
        if held:
            route.continue_()
        else:
            held.append(route)

    page.route("**/api/me", hold_the_pages_own)
    page.goto("/")
    for _ in range(600):  # the page asks for /api/me once its vocabulary has loaded
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "the page did not ask for /api/me"
    status = page.evaluate(
        """import('/static/js/api.js').then((api) => api.post('/api/units',
             {name: 'Đơn vị tạo khi trang đang tải', kind: 'xa', province: 'Sơn La'})).then(() => 201, (e) => e.status)"""
    )
    held[0].continue_()
    page.unroute("**/api/me")
    assert status == 201
    with live_server.client(ADMIN) as admin:
        names = [unit["name"] for unit in admin.get("/api/units", params={"page_size": 500}).json()["items"]]
    assert "Đơn vị tạo khi trang đang tải" in names
    page.context.close()
    assert errors == []
