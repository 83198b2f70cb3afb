"""The whole review of the Sở KH&ĐT 2022 report from the keyboard (issue 14): every evidence item and every criterion
takes one key, and getting from one screen to the next only a few more (scripts/measure_review.py prints the
figures and the seconds; here only the count is held, which does not depend on the machine's speed)."""

from __future__ import annotations

import pytest
from e2e_server import ASSESSOR, LiveServer
from playwright.sync_api import Browser
from review_path import KEY_FOR_PROPOSAL, review
from seeded import logged_in_page, report_dossier

# UI behaviour: one backend is enough (the flows of test_browser and test_assessor_day, and the API tests, run on
# both SQLite and PostgreSQL).
pytestmark = [pytest.mark.browser, pytest.mark.parametrize("live_server", ["sqlite"], indirect=True)]

# Keys besides the one per item: Tab to the report's link and Enter, j for the first evidence, Tab to
# "Xem theo tiêu chí" and Enter, j for the first criterion (15 today). A few more are allowed; Tab runs of dozens are not.
MOVING_ABOUT = 20


def test_the_report_is_reviewed_with_one_key_per_item(
    browser: Browser, live_server: LiveServer, seed_path
) -> None:
    dossier = report_dossier(live_server, seed_path)
    page, errors = logged_in_page(browser, live_server)
    page.goto(f"/#/dossiers/{dossier['id']}")
    page.get_by_test_id("documents-table").wait_for()
    parts = review(page, dossier["report_id"])
    evidence, criteria = parts["evidence"], parts["criteria"]
    items = evidence.items + criteria.items
    keys = evidence.keys + criteria.keys
    print(
        f"\n{items} items (evidence {evidence.items}, criteria {criteria.items}): {keys} keys, "
        f"{evidence.clicks + criteria.clicks} clicks; {evidence.detail} {criteria.detail}"
    )
    assert evidence.clicks == criteria.clicks == 0
    assert evidence.items > 0 and criteria.items > 0
    assert keys <= items + MOVING_ABOUT

    # What the keys did is on the server: every evidence item decided (review_path checks), and each criterion
    # the system proposed as met / not met carries that decision.
    with live_server.client(ASSESSOR) as api:
        card = api.get(f"/api/dossiers/{dossier['id']}/scorecard").json()["criteria"]
    for row in card:
        if row["proposed"] in KEY_FOR_PROPOSAL:
            assert row["decision"]["decision"] == row["proposed"], row["id"]
        else:
            assert row["decision"] is None, row["id"]
    page.context.close()
    assert errors == []
