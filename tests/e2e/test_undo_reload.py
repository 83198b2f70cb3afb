"""Undo survives a reload (issue 14): the review's history of decisions (Backspace / Ctrl+Z) is kept per document
and per dossier in the tab's sessionStorage, so after a reload the last decisions are still undone, on the server,
through the same calls as before. The history holds ids and previous states, never the document's text."""

from __future__ import annotations

import json

import pytest
from e2e_server import ASSESSOR, LiveServer
from playwright.sync_api import Browser, Page, expect
from seeded import logged_in_page, report_dossier

# UI behaviour: one backend is enough (the flows of test_browser and test_assessor_day, and the API tests, run on
# both SQLite and PostgreSQL).
pytestmark = [pytest.mark.browser, pytest.mark.parametrize("live_server", ["sqlite"], indirect=True)]


@pytest.fixture(scope="module")
def dossier(live_server: LiveServer, seed_path) -> dict:
    return report_dossier(live_server, seed_path)


def stored_histories(page: Page) -> dict[str, str]:
    return page.evaluate("""Object.fromEntries(Object.keys(sessionStorage)
        .filter((key) => key.startsWith('minhchung.undo.')).map((key) => [key, sessionStorage.getItem(key)]))""")


def test_evidence_decisions_are_undone_after_a_reload(
    browser: Browser, live_server: LiveServer, dossier: dict
) -> None:
    page, errors = logged_in_page(browser, live_server)
    page.goto(f"/#/documents/{dossier['report_id']}")
    proposed = page.locator("mark[data-evidence-id][data-status=proposed]")
    expect(proposed.first).to_be_visible()
    first = proposed.first.get_attribute("data-evidence-id")
    proposed.first.click()
    detail = page.get_by_test_id("evidence-detail")
    expect(detail).to_have_attribute("data-evidence-id", first)
    page.keyboard.press("c")  # confirms, then moves on to the next evidence
    expect(page.locator(f"mark[data-evidence-id='{first}']")).to_have_attribute("data-status", "confirmed")
    expect(detail).not_to_have_attribute("data-evidence-id", first)
    second = detail.get_attribute("data-evidence-id")
    page.keyboard.press("r")
    expect(page.locator(f"mark[data-evidence-id='{second}']")).to_have_attribute("data-status", "rejected")
    with live_server.client(ASSESSOR) as api:
        assert api.get(f"/api/evidence/{first}").json()["status"] == "confirmed"
        assert api.get(f"/api/evidence/{second}").json()["status"] == "rejected"
        texts = [api.get(f"/api/evidence/{ev}").json()["text"] for ev in (first, second)]

    # What the tab keeps: the two ids and their previous state, not the words of the document.
    kept = stored_histories(page)[f"minhchung.undo.document.{dossier['report_id']}"]
    assert [entry["id"] for entry in json.loads(kept)["items"]] == [first, second]
    assert not [text for text in texts if text in kept]

    page.reload()
    expect(page.locator(f"mark[data-evidence-id='{second}']")).to_have_attribute("data-status", "rejected")
    page.keyboard.press("Backspace")
    expect(page.locator(f"mark[data-evidence-id='{second}']")).to_have_attribute("data-status", "proposed")
    page.keyboard.press("Control+z")
    expect(page.locator(f"mark[data-evidence-id='{first}']")).to_have_attribute("data-status", "proposed")
    with live_server.client(ASSESSOR) as api:
        assert api.get(f"/api/evidence/{first}").json()["status"] == "proposed"
        assert api.get(f"/api/evidence/{second}").json()["status"] == "proposed"
    # Nothing more to undo: the history is used up, and says so.
    page.keyboard.press("Backspace")
    expect(page.locator("#toasts")).to_contain_text("Không còn thay đổi nào để hoàn tác")
    page.context.close()
    assert errors == []


def test_criterion_decisions_are_undone_after_a_reload(
    browser: Browser, live_server: LiveServer, dossier: dict
) -> None:
    page, errors = logged_in_page(browser, live_server)
    page.goto(f"/#/dossiers/{dossier['id']}?tab=criteria")
    current = page.locator("article.criterion.is-current")
    expect(page.locator("article.criterion").first).to_be_visible()
    page.keyboard.press("j")  # nothing is current until the first j
    expect(current).to_have_count(1)
    first = current.get_attribute("data-criterion")

    def decision(criterion: str):
        return page.locator(f"article.criterion[data-criterion='{criterion}'] [data-testid=decision-text]")

    page.keyboard.press("c")
    expect(decision(first)).to_contain_text("Đạt")
    expect(current).not_to_have_attribute("data-criterion", first)
    second = current.get_attribute("data-criterion")
    page.keyboard.press("r")
    expect(decision(second)).to_contain_text("Không đạt")

    page.reload()
    expect(decision(second)).to_contain_text("Không đạt")
    expect(page.locator("[data-action=undo]")).to_be_enabled()  # the button says there is something to undo
    page.keyboard.press("Backspace")
    expect(decision(second)).to_contain_text("Chưa có quyết định")
    page.keyboard.press("Control+z")
    expect(decision(first)).to_contain_text("Chưa có quyết định")
    expect(page.locator("[data-action=undo]")).to_be_disabled()
    with live_server.client(ASSESSOR) as api:
        card = {c["id"]: c for c in api.get(f"/api/dossiers/{dossier['id']}/scorecard").json()["criteria"]}
    assert card[first]["decision"] is None
    assert card[second]["decision"] is None

    # Signing out forgets the histories of the tab.
    page.keyboard.press("c")
    expect(decision(first)).to_contain_text("Đạt")
    assert stored_histories(page)
    page.click("#userbox >> text=Đăng xuất")
    expect(page.locator("#login-username")).to_be_visible()
    assert stored_histories(page) == {}
    page.context.close()
    assert errors == []
