"""The assessor's review of the Sở KH&ĐT 2022 report, from the keyboard, with every key press and click counted:
used by scripts/measure_review.py (keystrokes and seconds, this UI or an older commit's) and by
test_review_keystrokes.py (the count stays near one key per decision).

From the dossier page the upload left open:
  1. the evidence: open the report (its link after the upload), then every evidence item in turn (j selects the
     first): the assessor confirms (c) what the hand-made gold annotation of the report also marks (same kind,
     same words) and rejects (r) the rest; each key moves on by itself;
  2. the criteria: "Xem theo tiêu chí", then every criterion in turn with its deciding quotes on screen: the system
     proposes "Đạt" → confirm with c, "Không đạt" → reject with r, anything else → skip with s.
A link is reached with as many Tab presses as it takes. After each key the path waits for what the person would
wait for (the decision shown, the next item selected), never for a fixed time.

The UI before the assessor's day (258979b) had no keys for criteria: a decision there is a choice in a list and a
"Lưu quyết định" button, so the path clicks and counts each click (opening the list and choosing are two); its
evidence keys did not move on, so each item also takes a j."""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from e2e_server import ASSESSOR, REPO
from playwright.sync_api import Page, expect

SEED = "so-khdt-bao-cao-ket-qua-2022"
GOLD = REPO / "corpora" / "gold" / f"{SEED}.json"
KEY_FOR_PROPOSAL = {"met": "c", "not_met": "r"}  # anything else: s


@dataclass
class Tally:
    """What the person did in one part of the review."""

    keys: int = 0
    clicks: int = 0
    seconds: float = 0.0
    items: int = 0
    decisions: int = 0  # decisions recorded (c / r, or a saved choice)
    skipped: int = 0
    detail: dict[str, int] = field(default_factory=dict)  # key or click → how many times

    def add(self, name: str, *, click: bool = False) -> None:
        if click:
            self.clicks += 1
        else:
            self.keys += 1
        self.detail[name] = self.detail.get(name, 0) + 1


class Person:
    """Presses keys and clicks on the page, each counted in the current tally."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.tally = Tally()

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)
        self.tally.add(key)

    def click(self, locator, name: str) -> None:
        locator.click()
        self.tally.add(name, click=True)

    def tab_to(self, selector: str, text: str = "") -> None:
        """Tab until an element matching `selector` (and holding `text`) has the focus (each Tab counted)."""
        for _ in range(400):
            if self.page.evaluate(
                """([s, text]) => Boolean(document.activeElement?.matches(s)
                                       && document.activeElement.textContent.includes(text))""",
                [selector, text],
            ):
                return
            self.press("Tab")
        raise AssertionError(f"Tab never reached {selector} {text}")


def gold_marks(path: Path = GOLD) -> set[tuple[str, str]]:
    """(kind, words) of every evidence item the gold annotation of the report marks."""
    return {
        (item["kind"], words(item["text"]))
        for item in json.loads(path.read_text(encoding="utf-8"))["annotations"]
    }


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def proposals(page: Page) -> list[tuple[str, str]]:
    """(criterion id, proposal) of every criterion card, in the order on screen."""
    return page.locator("article.criterion").evaluate_all(
        """cards => cards.map((card) => [card.dataset.criterion,
             card.querySelector('.criterion-status [data-result]')?.dataset.result || ''])"""
    )


def evidence_in_order(page: Page, document_id: int) -> list[dict]:
    """The document's evidence in the review's order (by start, longer first), read from the API."""
    found = page.request.get(f"/api/evidence?document_id={document_id}&page_size=500").json()["items"]
    return sorted(found, key=lambda ev: (ev["start"], -ev["end"]))


def to_criteria(person: Person, keys: bool) -> None:
    """From the document review to its dossier's criteria ("Xem theo tiêu chí")."""
    page = person.page
    if keys:
        person.tab_to("button", "Xem theo tiêu chí")
        person.press("Enter")
    else:
        person.click(page.locator("button", has_text="Xem theo tiêu chí"), "click: Xem theo tiêu chí")
    expect(page.locator("article.criterion").first).to_be_visible()


def criteria_with_keys(person: Person) -> None:
    page = person.page
    to_criteria(person, keys=True)
    current = page.locator("article.criterion.is-current")
    if page.get_by_test_id("start-hint").count():  # nothing current until j, as in the document review
        person.press("j")
    expect(current).to_have_count(1)
    rows = proposals(page)
    person.tally.items = len(rows)
    for index, (criterion, proposal) in enumerate(rows):
        expect(current).to_have_attribute("data-criterion", criterion)
        key = KEY_FOR_PROPOSAL.get(proposal, "s")
        person.press(key)
        if key == "s":
            person.tally.skipped += 1
        else:
            person.tally.decisions += 1
            decided = "met" if key == "c" else "not_met"
            expect(
                page.locator(
                    f"article.criterion[data-criterion='{criterion}'] "
                    f"[data-testid=decision-text] [data-result={decided}]"
                )
            ).to_have_count(1)
        if index + 1 < len(rows):
            expect(current).to_have_attribute("data-criterion", rows[index + 1][0])


def criteria_with_mouse(person: Person) -> None:
    """The older panel: a list of choices and a save button per criterion; no keys."""
    page = person.page
    to_criteria(person, keys=False)
    rows = proposals(page)
    person.tally.items = len(rows)
    for criterion, proposal in rows:
        card = page.locator(f"article.criterion[data-criterion='{criterion}']")
        if proposal not in KEY_FOR_PROPOSAL:
            person.tally.skipped += 1  # nothing to do: scroll on
            continue
        card.get_by_test_id("decision-select").select_option(proposal)
        person.tally.add("click: open the list", click=True)
        person.tally.add("click: choose", click=True)
        person.click(card.locator("button[type=submit]"), "click: save")
        person.tally.decisions += 1
        expect(
            page.locator(f"article.criterion[data-criterion='{criterion}'] .criterion-foot")
        ).to_contain_text(ASSESSOR[0])


def open_report(person: Person) -> None:
    """From the dossier page after the upload: its link to the report (on the upload row or in the table)."""
    person.tab_to("a[data-testid=open-document], a[data-testid=document-link]")
    person.press("Enter")
    expect(person.page.locator("mark[data-evidence-id]").first).to_be_visible()


def evidence_items(person: Person, document_id: int, moves_on: bool) -> None:
    """j selects the first item; c / r decide it. Where the keys do not move on by themselves (older UI), j does."""
    page = person.page
    gold = gold_marks()
    items = evidence_in_order(page, document_id)
    person.tally.items = len(items)
    detail = page.get_by_test_id("evidence-detail")
    person.press("j")
    for index, ev in enumerate(items):
        expect(detail).to_have_attribute("data-evidence-id", ev["id"])
        key = "c" if (ev["kind"], words(ev["text"])) in gold else "r"
        person.press(key)
        person.tally.decisions += 1
        if not moves_on:
            expect(detail).to_have_class(re.compile(f"status-{'confirmed' if key == 'c' else 'rejected'}"))
            if index + 1 < len(items):
                person.press("j")
        elif len(items) > 1:
            expect(detail).to_have_attribute("data-evidence-id", items[(index + 1) % len(items)]["id"])
    left = [ev["id"] for ev in evidence_in_order(page, document_id) if ev["status"] == "proposed"]
    assert not left, f"left undecided: {left[:5]}"


def keys_for_criteria(page: Page) -> bool:
    """Does this UI decide criteria from the keyboard (the panel of the assessor's day)?"""
    return page.evaluate(
        "fetch('/static/js/views/criteria.js').then((r) => r.text()).then((t) => t.includes('keys-toggle'))"
    )


def review(page: Page, document_id: int) -> dict[str, Tally]:
    """The whole review from the dossier page the upload left open: the report's evidence, then the criteria."""
    page.evaluate("document.activeElement?.blur()")  # nothing focused: the path starts from the page
    keys = keys_for_criteria(page)
    person = Person(page)
    started = time.perf_counter()
    open_report(person)
    evidence_items(person, document_id, moves_on=keys)
    person.tally.seconds = time.perf_counter() - started
    parts = {"evidence": person.tally}
    person.tally = Tally()
    started = time.perf_counter()
    (criteria_with_keys if keys else criteria_with_mouse)(person)
    person.tally.seconds = time.perf_counter() - started
    parts["criteria"] = person.tally
    return parts
