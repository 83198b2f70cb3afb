"""What a new assessor reported after a first day with the UI, each held in a real browser:

1. the criteria tab has nothing current until the first j (as the document review), and the current card is marked;
2. the header's "Theo quyết định của cán bộ" counts the assessor's decisions only, and says how many are open;
3. the scorecard's "Minh chứng" column counts the quoted sentences (never 0 when there are some);
4. a document held out of the proposal is not counted in the review progress, but shown apart, and the dossier
   list counts the same;
5. an item undone back to "Chưa xem xét" names no reviewer;
6. the upload hint lists exactly the formats the file picker accepts (RTF too);
7. the change log names the unit, not its id;
8. toasts keep off the shortcuts panel, the sticky bar off the current criterion card, and at 390 px every tab
   label is whole.

Every wait is on a condition (Playwright's expect or wait_for_function), never on a fixed time."""

from __future__ import annotations

import re

import pytest
from e2e_server import ASSESSOR, LiveServer
from playwright.sync_api import Browser, Page, expect
from seeded import UNIT, logged_in_page, report_dossier, wait_job

# UI behaviour: one backend is enough (the flows of test_browser and test_assessor_day, and the API tests, run on
# both SQLite and PostgreSQL).
pytestmark = [pytest.mark.browser, pytest.mark.parametrize("live_server", ["sqlite"], indirect=True)]

FOREIGN = "so-tu-phap-lang-son-ke-hoach-2025"  # Sở Tư pháp Lạng Sơn, 2025: not this unit, not this year


@pytest.fixture(scope="module")
def dossier(live_server: LiveServer, seed_path) -> dict:
    return report_dossier(live_server, seed_path)


def criteria_tab(page: Page, dossier_id: int) -> None:
    page.goto(f"/#/dossiers/{dossier_id}?tab=criteria")
    expect(page.locator("article.criterion").first).to_be_visible()


def decision_of(page: Page, criterion: str):
    return page.locator(f"article.criterion[data-criterion='{criterion}'] [data-testid=decision-text]")


def test_nothing_is_current_until_the_first_j(
    browser: Browser, live_server: LiveServer, dossier: dict
) -> None:
    page, errors = logged_in_page(browser, live_server)
    criteria_tab(page, dossier["id"])
    cards = page.locator("article.criterion")
    first = cards.first.get_attribute("data-criterion")
    current = page.locator("article.criterion.is-current")
    expect(current).to_have_count(0)
    # "r" with nothing chosen decides nothing, and says to press j.
    page.keyboard.press("r")
    expect(page.locator("#toasts")).to_contain_text("nhấn j")
    expect(
        page.locator("article.criterion [data-testid=decision-text]", has_text="Chưa có quyết định")
    ).to_have_count(cards.count())
    # The first j makes the first criterion current, visibly marked; "j r" rejects that one.
    page.keyboard.press("j")
    expect(current).to_have_attribute("data-criterion", first)
    expect(current.get_by_test_id("current-mark")).to_be_visible()
    expect(page.get_by_test_id("current-mark")).to_have_count(1)
    page.keyboard.press("r")
    expect(decision_of(page, first)).to_contain_text("Không đạt")
    page.keyboard.press("Backspace")
    expect(decision_of(page, first)).to_contain_text("Chưa có quyết định")
    # The document review does the same: no item until j, then the first.
    page.goto(f"/#/documents/{dossier['report_id']}")
    marks = page.locator("mark[data-evidence-id]")
    expect(marks.first).to_be_visible()
    expect(page.get_by_test_id("evidence-detail")).to_have_count(0)
    page.keyboard.press("j")
    expect(page.get_by_test_id("evidence-detail")).to_have_attribute(
        "data-evidence-id", marks.first.get_attribute("data-evidence-id")
    )
    page.context.close()
    assert errors == []


def test_the_current_card_is_not_under_the_sticky_bar(
    browser: Browser, live_server: LiveServer, dossier: dict
) -> None:
    page, errors = logged_in_page(browser, live_server, width=1280, height=700)
    criteria_tab(page, dossier["id"])
    cards = page.locator("article.criterion")
    current = page.locator("article.criterion.is-current")
    ids = [cards.nth(i).get_attribute("data-criterion") for i in range(cards.count())]
    # k from nothing goes to the last card (scrolls down), j wraps to the first (scrolls up), then on.
    page.keyboard.press("k")
    expect(current).to_have_attribute("data-criterion", ids[-1])
    for criterion in ids:
        page.keyboard.press("j")
        expect(current).to_have_attribute("data-criterion", criterion)
        page.wait_for_function("""() => {
            const card = document.querySelector('article.criterion.is-current');
            const bar = document.querySelector('.review-bar');
            const top = document.getElementById('topbar');
            const covered = Math.max(bar.getBoundingClientRect().bottom, top.getBoundingClientRect().bottom);
            return card.getBoundingClientRect().top >= covered - 1;
        }""")
    page.context.close()
    assert errors == []


def test_the_assessor_result_counts_decisions_only(
    browser: Browser, live_server: LiveServer, dossier: dict
) -> None:
    with live_server.client(ASSESSOR) as api:
        card = api.get(f"/api/dossiers/{dossier['id']}/scorecard").json()
        criterion = card["criteria"][0]["id"]
        total = len(card["criteria"])
        path = f"/api/dossiers/{dossier['id']}/scorecard/criteria/{criterion}"
        decided = api.put(path, json={"decision": "not_met", "note": "", "version": 0})
        assert decided.status_code == 200, decided.text
    page, errors = logged_in_page(browser, live_server)
    try:
        page.goto(f"/#/dossiers/{dossier['id']}")
        result = page.get_by_test_id("assessor-result")
        expect(result).to_contain_text(f"1/{total} tiêu chí đã quyết định: 1 không đạt")
        expect(result).to_contain_text(f"{total - 1} tiêu chí chưa quyết định")
        # No verdict and no proposal counts mixed in while criteria are open.
        expect(result.locator("[data-result]")).to_have_count(0)
        expect(result).not_to_contain_text("Chưa đủ căn cứ")
        expect(result).not_to_contain_text(" đạt ·")
        page.goto(f"/#/dossiers/{dossier['id']}?tab=scorecard")
        expect(page.get_by_test_id("scorecard-assessor")).to_contain_text(f"1/{total} tiêu chí đã quyết định")
    finally:
        with live_server.client(ASSESSOR) as api:
            version = api.get(f"/api/dossiers/{dossier['id']}/scorecard").json()["criteria"][0]["decision"][
                "version"
            ]
            api.delete(f"{path}?version={version}").raise_for_status()
    page.context.close()
    assert errors == []


def test_the_scorecard_counts_quoted_sentences(
    browser: Browser, live_server: LiveServer, dossier: dict
) -> None:
    with live_server.client(ASSESSOR) as api:
        rows = api.get(f"/api/dossiers/{dossier['id']}/scorecard").json()["criteria"]
    quoted = {
        row["id"]: max(
            len([q for q in row["quotes"] if q.get("role", "evidence") == "evidence"]),
            len(row.get("deciding") or []),
        )
        for row in rows
    }
    assert any(quoted.values()), quoted
    page, errors = logged_in_page(browser, live_server)
    page.goto(f"/#/dossiers/{dossier['id']}?tab=scorecard")
    table = page.get_by_test_id("scorecard-table")
    expect(table).to_be_visible()
    for criterion, count in quoted.items():
        cell = table.locator(f"tr[data-criterion='{criterion}'] td[data-label='Minh chứng']")
        if count:
            expect(cell).to_contain_text(f"{count} câu")
        expect(cell).not_to_have_text("0")
    page.context.close()
    assert errors == []


def test_an_undone_item_names_no_reviewer(browser: Browser, live_server: LiveServer, dossier: dict) -> None:
    page, errors = logged_in_page(browser, live_server)
    page.goto(f"/#/documents/{dossier['report_id']}")
    expect(page.locator("mark[data-evidence-id]").first).to_be_visible()
    page.keyboard.press("j")
    detail = page.get_by_test_id("evidence-detail")
    item = detail.get_attribute("data-evidence-id")
    page.keyboard.press("r")
    expect(page.locator(f"mark[data-evidence-id='{item}']")).to_have_attribute("data-status", "rejected")
    expect(detail).not_to_have_attribute("data-evidence-id", item)
    page.keyboard.press("Backspace")
    expect(detail).to_have_attribute("data-evidence-id", item)
    expect(page.get_by_test_id("detail-status")).to_have_text("Chưa xem xét")
    expect(detail).not_to_contain_text("Người duyệt")
    page.keyboard.press("c")  # reviewed again: now the reviewer shows
    page.locator(f"mark[data-evidence-id='{item}']").click()
    expect(detail).to_have_attribute("data-evidence-id", item)
    expect(detail.get_by_test_id("detail-reviewer")).to_have_text(ASSESSOR[0])
    page.context.close()
    assert errors == []


def test_the_upload_hint_lists_the_accepted_formats(
    browser: Browser, live_server: LiveServer, dossier: dict
) -> None:
    page, errors = logged_in_page(browser, live_server)
    page.goto(f"/#/dossiers/{dossier['id']}")
    accept = page.locator("#file-input").get_attribute("accept")
    formats = [item.strip().lstrip(".").upper() for item in accept.split(",")]
    assert "RTF" in formats
    hint = page.locator("span", has_text="có thể chọn nhiều tệp")
    expect(hint).to_have_text(f"hoặc bấm để chọn — {', '.join(formats)}; có thể chọn nhiều tệp")
    page.context.close()
    assert errors == []


def test_the_change_log_names_the_unit(browser: Browser, live_server: LiveServer, dossier: dict) -> None:
    page, errors = logged_in_page(browser, live_server)
    page.goto(f"/#/dossiers/{dossier['id']}?tab=trail")
    trail = page.get_by_test_id("trail-table")
    expect(trail).to_contain_text(f"Đơn vị: {UNIT}")
    expect(trail).not_to_contain_text(re.compile(r"Đơn vị: #?\d"))
    page.context.close()
    assert errors == []


def test_toasts_keep_off_the_shortcuts(browser: Browser, live_server: LiveServer, dossier: dict) -> None:
    page, errors = logged_in_page(browser, live_server, width=1280, height=900)
    page.goto(f"/#/documents/{dossier['report_id']}")
    expect(page.locator("mark[data-evidence-id]").first).to_be_visible()
    page.keyboard.press("j")
    page.keyboard.press("c")
    page.keyboard.press("Backspace")
    expect(page.locator(".toast").first).to_be_visible()
    shortcuts = page.get_by_test_id("shortcuts")
    expect(shortcuts).to_be_visible()
    overlaps = page.evaluate("""() => {
        const panel = document.querySelector('[data-testid=shortcuts]').getBoundingClientRect();
        return [...document.querySelectorAll('.toast')].filter((toast) => {
            const box = toast.getBoundingClientRect();
            return box.left < panel.right && box.right > panel.left && box.top < panel.bottom && box.bottom > panel.top;
        }).map((toast) => toast.textContent);
    }""")
    assert overlaps == []
    page.context.close()
    assert errors == []


def test_every_tab_label_is_whole_at_390px(browser: Browser, live_server: LiveServer, dossier: dict) -> None:
    page, errors = logged_in_page(browser, live_server, width=390, height=844)
    page.goto(f"/#/dossiers/{dossier['id']}?tab=trail")
    expect(page.get_by_test_id("trail-table")).to_be_visible()
    tabs = page.locator("nav.tabs a")
    expect(tabs).to_have_count(4)
    expect(tabs.last).to_have_text("Nhật ký thay đổi")
    for i in range(tabs.count()):
        box = tabs.nth(i).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, (tabs.nth(i).inner_text(), box)
    page.wait_for_function("""() => [document.querySelector('nav.tabs'), ...document.querySelectorAll('nav.tabs a')]
        .every((el) => el.scrollWidth <= el.clientWidth + 1)""")
    page.context.close()
    assert errors == []


def test_a_held_out_document_is_not_counted_in_the_review_progress(
    browser: Browser, live_server: LiveServer, dossier: dict, seed_path
) -> None:
    with live_server.client(ASSESSOR) as api:
        foreign = seed_path(FOREIGN, "txt")
        uploaded = api.post(
            f"/api/dossiers/{dossier['id']}/documents",
            files=[("files", (foreign.name, foreign.read_bytes(), "text/plain"))],
        )
        assert uploaded.status_code == 201, uploaded.text
        item = uploaded.json()["documents"][0]
        assert wait_job(api, item["job_id"])["status"] == "done"
        foreign_id = item["document"]["id"]
        in_proposal = api.get(f"/api/evidence?document_id={dossier['report_id']}&page_size=1").json()["total"]
        held = api.get(f"/api/evidence?document_id={foreign_id}&page_size=1").json()["total"]
        checks = api.get(f"/api/dossiers/{dossier['id']}").json()["checks"]
        assert foreign_id in checks["held_out"]
    assert held > 0
    page, errors = logged_in_page(browser, live_server)
    page.goto(f"/#/dossiers/{dossier['id']}")
    progress = page.get_by_test_id("review-progress")
    expect(progress.locator("[role=progressbar]")).to_have_attribute(
        "aria-valuetext", re.compile(f"/{in_proposal} ")
    )
    expect(progress.get_by_test_id("held-out-progress")).to_contain_text(f"{held} minh chứng")
    # The dossier list shows the same progress as the dossier itself.
    page.goto("/#/")
    listed = page.locator(f"tr[data-dossier-id='{dossier['id']}'] .confirm-cell")
    expect(listed.locator("[role=progressbar]")).to_have_attribute(
        "aria-valuetext", re.compile(f"/{in_proposal} ")
    )
    expect(listed).to_have_attribute("title", re.compile(f"ngoài đề xuất .*: {held} minh chứng"))
    page.context.close()
    assert errors == []


def test_a_wrong_upload_is_withdrawn_and_brought_back_from_the_documents_tab(
    browser: Browser, live_server: LiveServer, seed_path
) -> None:
    """A file uploaded into the wrong dossier is withdrawn (nothing deleted) and leaves the proposal; the trail says
    who did it; it can be brought back."""
    own = report_dossier(live_server, seed_path)
    with live_server.client(ASSESSOR) as api:
        path = seed_path(FOREIGN, "txt")
        uploaded = api.post(
            f"/api/dossiers/{own['id']}/documents",
            files=[("files", (path.name, path.read_bytes(), "application/octet-stream"))],
        ).json()["documents"][0]
        assert wait_job(api, uploaded["job_id"])["status"] == "done"
        foreign_id = uploaded["document"]["id"]
    page, errors = logged_in_page(browser, live_server)
    page.goto(f"/#/dossiers/{own['id']}?tab=documents")
    row = page.locator(f"tr[data-document-id='{foreign_id}']")
    row.get_by_test_id("withdraw-document").click()
    row.get_by_role("textbox", name="Lý do rút khỏi hồ sơ").fill("Nhầm hồ sơ")
    row.get_by_test_id("withdraw-confirm").click()
    expect(
        page.locator(f"tr[data-document-id='{foreign_id}'] [data-testid=document-withdrawn]")
    ).to_be_visible()
    with live_server.client(ASSESSOR) as api:
        card = api.get(f"/api/dossiers/{own['id']}/scorecard").json()
        assert foreign_id not in {q["document_id"] for c in card["criteria"] for q in c["quotes"]}
        assert api.get(f"/api/documents/{foreign_id}").status_code == 200  # kept
    page.goto(f"/#/dossiers/{own['id']}?tab=trail")
    expect(page.get_by_test_id("trail-table")).to_contain_text("Rút tài liệu khỏi hồ sơ")
    page.goto(f"/#/dossiers/{own['id']}?tab=documents")
    row = page.locator(f"tr[data-document-id='{foreign_id}']")
    row.get_by_test_id("restore-document").click()
    row.get_by_test_id("restore-confirm").click()
    expect(
        page.locator(f"tr[data-document-id='{foreign_id}'] [data-testid=withdraw-document]")
    ).to_be_visible()
    page.context.close()
    assert errors == []
