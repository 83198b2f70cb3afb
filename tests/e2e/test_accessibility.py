"""axe-core (WCAG 2.1 A and AA, and axe's best practices) on every screen of the UI, in a real browser: log-in (and
its refusal), the dossier list, a dossier's four tabs (with an upload row and a mismatch warning), the document
review with its marks and the detail panel open (and the edit form), the audit, the users screen (admin), the
auditor's read-only review, and the list, the review and the criteria panel at 390 px.

The figures per screen are printed and written to /tmp/minhchung-e2e/axe-report.txt (and .json), so a person can
read them; each screen is then its own test, which fails with axe's own account of what is wrong.

No rule is switched off. A rule proven to be a false positive may be listed in FALSE_POSITIVES with the reason."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from axe_playwright_python.sync_playwright import Axe
from e2e_server import ADMIN, ASSESSOR, SCREENSHOTS, LiveServer
from playwright.sync_api import Browser, Page, expect
from seeded import logged_in_page, report_dossier

# What axe judges is the page, not the database behind it: one backend is enough (the other browser tests run on both).
pytestmark = [pytest.mark.browser, pytest.mark.parametrize("live_server", ["sqlite"], indirect=True)]

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Also run, reported and held to zero as well: axe's best practices (heading order, landmarks, …).
EXTRA_TAGS = ["best-practice"]
# rule id → why it is a false positive here (none today: every violation axe finds is mended in the UI).
FALSE_POSITIVES: dict[str, str] = {}
REPORT_TXT = SCREENSHOTS / "axe-report.txt"
REPORT_JSON = SCREENSHOTS / "axe-report.json"

SCREENS = [
    "login",
    "login-refused",
    "dossiers",
    "dossier-documents",
    "dossier-documents-upload",
    "dossier-mismatch",
    "dossier-criteria",
    "dossier-scorecard",
    "dossier-trail",
    "document-review",
    "document-edit",
    "audit",
    "users",
    "auditor-review",
    "phone-dossiers",
    "phone-review",
    "phone-criteria",
]
FOREIGN = "so-tu-phap-lang-son-ke-hoach-2025"  # Sở Tư pháp Lạng Sơn, 2025: not this dossier's
AUDITOR_AXE = ("giamsat.axe", "GiamSat-axe-2026!")  # not "kiemtra…": test_browser looks for that name


@dataclass
class Findings:
    """What axe says of one screen: WCAG 2.1 A/AA violations, best-practice ones, and what it could not decide
    alone ("needs review": reported, not failed)."""

    wcag: list[dict]
    practice: list[dict]
    review: list[dict]


def run_axe(page: Page) -> Findings:
    """axe-core on the page as it is now."""
    results = (
        Axe()
        .run(
            page,
            options={
                "runOnly": {"type": "tag", "values": AXE_TAGS + EXTRA_TAGS},
                "resultTypes": ["violations", "incomplete"],
            },
        )
        .response
    )
    violations = [v for v in results["violations"] if v["id"] not in FALSE_POSITIVES]
    wcag = [v for v in violations if set(v["tags"]) & set(AXE_TAGS)]
    return Findings(
        wcag=wcag, practice=[v for v in violations if v not in wcag], review=results["incomplete"]
    )


def summary(violations: list[dict]) -> dict[str, int]:
    """rule id → number of elements concerned."""
    return {v["id"]: len(v["nodes"]) for v in violations}


def account(violations: list[dict]) -> str:
    """axe's words for each violation, with the first few elements (what a developer needs to mend it)."""
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} — {len(v['nodes'])} element(s)")
        for node in v["nodes"][:4]:
            lines.append(
                f"    {', '.join(map(str, node['target']))}: {node.get('failureSummary', '').splitlines()[-1:]}"
            )
    return "\n".join(lines)


def write_report(found: dict[str, Findings]) -> str:
    def cell(violations: list[dict]) -> str:
        counts = summary(violations)
        return f"{len(counts)}/{sum(counts.values())}"

    rows = [f"{'screen':26} {'WCAG':>6} {'b.p.':>6} {'review':>7}  rules (elements)"]
    totals: dict[str, dict[str, int]] = {"WCAG": {}, "best practice": {}, "needs review": {}}
    for screen in SCREENS:
        f = found[screen]
        for name, violations in (("WCAG", f.wcag), ("best practice", f.practice), ("needs review", f.review)):
            for rule, n in summary(violations).items():
                totals[name][rule] = totals[name].get(rule, 0) + n
        rules = ", ".join(f"{rule} ({n})" for rule, n in sorted(summary(f.wcag + f.practice).items())) or "—"
        rows.append(f"{screen:26} {cell(f.wcag):>6} {cell(f.practice):>6} {cell(f.review):>7}  {rules}")
    rows.append("(cells: rules/elements; review = axe could not decide alone, e.g. colour over a sticky bar)")
    for name, counts in totals.items():
        rows.append(
            f"per rule, {name} (elements, all screens): "
            + (", ".join(f"{rule} {n}" for rule, n in sorted(counts.items())) or "none")
        )
    text = "\n".join(rows)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    REPORT_TXT.write_text(text + "\n", encoding="utf-8")
    REPORT_JSON.write_text(
        json.dumps(
            {
                screen: {
                    "wcag": summary(f.wcag),
                    "best_practice": summary(f.practice),
                    "needs_review": summary(f.review),
                }
                for screen, f in found.items()
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    return text


@pytest.fixture(scope="module")
def axe_figures(browser: Browser, live_server: LiveServer, seed_path) -> dict[str, Findings]:
    """Visit every screen in the state a person sees it and run axe there; screen → violations."""
    dossier = report_dossier(live_server, seed_path)
    found: dict[str, Findings] = {}

    def check(screen: str, page: Page, ready: Callable[[], None]) -> None:
        ready()
        found[screen] = run_axe(page)

    # The log-in screen, before anyone is signed in.
    context = browser.new_context(
        base_url=live_server.base_url, viewport={"width": 1280, "height": 900}, locale="vi-VN"
    )
    login = context.new_page()
    login.goto("/")
    check("login", login, lambda: expect(login.locator("#login-username")).to_be_visible())

    def refused() -> None:  # a wrong password: the message in its alert box
        login.fill("#login-username", ASSESSOR[0])
        login.fill("#login-password", "sai-mat-khau")
        login.click("form.login-card button[type=submit]")
        expect(login.locator(".login-card .alert-error")).to_be_visible()

    check("login-refused", login, refused)
    context.close()

    page, errors = logged_in_page(browser, live_server)
    check("dossiers", page, lambda: expect(page.get_by_test_id("dossier-table")).to_be_visible())
    page.goto(f"/#/dossiers/{dossier['id']}")
    check("dossier-documents", page, lambda: expect(page.get_by_test_id("documents-table")).to_be_visible())

    def uploaded() -> None:  # the same file again: a row with its two progress bars, stored as a duplicate
        page.set_input_files("#file-input", str(dossier["path"]))
        row = page.locator(f".upload-row[data-file='{dossier['report']}']")
        expect(row).to_have_class(re.compile(r"is-(done|failed)"))
        expect(row.get_by_test_id("open-document")).to_be_visible()

    check("dossier-documents-upload", page, uploaded)

    def mismatch() -> (
        None
    ):  # another unit's plan: the warning in the header and on its row, with "accept anyway"
        foreign = seed_path(FOREIGN, "txt")
        page.set_input_files("#file-input", str(foreign))
        expect(page.locator(f".upload-row[data-file='{foreign.name}']")).to_have_class(
            re.compile(r"is-(done|failed)")
        )
        expect(page.get_by_test_id("dossier-warnings")).to_contain_text(foreign.name)
        expect(page.get_by_test_id("documents-table").get_by_test_id("accept-mismatch")).to_be_visible()

    check("dossier-mismatch", page, mismatch)

    def criteria() -> None:  # one decision taken with the keyboard, so a decided card is on screen too
        page.goto(f"/#/dossiers/{dossier['id']}?tab=criteria")
        current = page.locator("article.criterion.is-current")
        expect(page.locator("article.criterion").first).to_be_visible()
        page.keyboard.press("j")  # nothing is current until the first j
        expect(current).to_have_count(1)
        first = current.get_attribute("data-criterion")
        page.keyboard.press("c")
        expect(
            page.locator(f"article.criterion[data-criterion='{first}'] [data-testid=decision-text]")
        ).to_contain_text("Đạt")

    check("dossier-criteria", page, criteria)
    page.goto(f"/#/dossiers/{dossier['id']}?tab=scorecard")
    check("dossier-scorecard", page, lambda: expect(page.get_by_test_id("scorecard-table")).to_be_visible())
    page.goto(f"/#/dossiers/{dossier['id']}?tab=trail")
    check("dossier-trail", page, lambda: expect(page.get_by_test_id("trail-table")).to_be_visible())

    def review() -> None:  # marks of every kind, one confirmed, the detail of the next one open
        page.goto(f"/#/documents/{dossier['report_id']}")
        marks = page.locator("mark[data-evidence-id]")
        expect(marks.first).to_be_visible()
        marks.first.click()
        detail = page.get_by_test_id("evidence-detail")
        expect(detail).to_have_attribute("data-evidence-id", marks.first.get_attribute("data-evidence-id"))
        page.keyboard.press("c")
        expect(marks.first).to_have_attribute("data-status", "confirmed")
        expect(detail).not_to_have_attribute(
            "data-evidence-id", marks.first.get_attribute("data-evidence-id")
        )
        page.locator("details summary", has_text="Lịch sử thay đổi").click()
        expect(page.get_by_test_id("history-list").or_(page.locator(".history .muted"))).to_be_visible()

    check("document-review", page, review)

    def edit() -> None:
        page.keyboard.press("e")
        expect(page.get_by_test_id("edit-form")).to_be_visible()

    check("document-edit", page, edit)
    page.goto("/#/audit")
    check("audit", page, lambda: expect(page.get_by_test_id("audit-table")).to_be_visible())
    page.context.close()

    admin, admin_errors = logged_in_page(browser, live_server, ADMIN)
    admin.goto("/#/users")
    check("users", admin, lambda: expect(admin.get_by_test_id("users-table")).to_be_visible())
    admin.context.close()

    with live_server.client(ADMIN) as api:  # an auditor of its own (test_browser makes "kiemtra" in the UI)
        made = api.post(
            "/api/users", json={"username": AUDITOR_AXE[0], "password": AUDITOR_AXE[1], "role": "auditor"}
        )
        assert made.status_code in (200, 201), made.text
    auditor, auditor_errors = logged_in_page(browser, live_server, AUDITOR_AXE)

    def read_only() -> None:  # the auditor's review: the detail without any button
        auditor.goto(f"/#/documents/{dossier['report_id']}")
        auditor.locator("mark[data-evidence-id]").first.click()
        expect(auditor.get_by_test_id("evidence-detail")).to_contain_text("Chế độ chỉ xem")

    check("auditor-review", auditor, read_only)
    auditor.context.close()

    phone, phone_errors = logged_in_page(browser, live_server, width=390, height=844)
    check("phone-dossiers", phone, lambda: expect(phone.get_by_test_id("dossier-table")).to_be_visible())

    def phone_review() -> None:
        phone.goto(f"/#/documents/{dossier['report_id']}")
        mark = phone.locator("mark[data-evidence-id][data-status=proposed]").first
        expect(mark).to_be_visible()
        evidence_id = mark.get_attribute("data-evidence-id")
        mark.click()
        expect(phone.get_by_test_id("evidence-detail")).to_have_attribute("data-evidence-id", evidence_id)

    check("phone-review", phone, phone_review)
    phone.goto(f"/#/dossiers/{dossier['id']}?tab=criteria")

    def phone_criteria() -> None:
        expect(phone.locator("article.criterion").first).to_be_visible()
        phone.keyboard.press("j")
        expect(phone.locator("article.criterion.is-current")).to_be_visible()

    check("phone-criteria", phone, phone_criteria)
    phone.context.close()

    print("\naxe-core " + ", ".join(AXE_TAGS + EXTRA_TAGS) + " — per screen\n" + write_report(found))
    assert errors == admin_errors == auditor_errors == phone_errors == []
    return found


@pytest.mark.parametrize("screen", SCREENS)
def test_no_wcag_violations(axe_figures: dict[str, Findings], screen: str) -> None:
    violations = axe_figures[screen].wcag
    assert not violations, f"{screen}: {len(violations)} WCAG 2.1 A/AA rule(s) broken\n{account(violations)}"


@pytest.mark.parametrize("screen", SCREENS)
def test_no_best_practice_violations(axe_figures: dict[str, Findings], screen: str) -> None:
    violations = axe_figures[screen].practice
    assert not violations, f"{screen}: {len(violations)} axe best practice(s) broken\n{account(violations)}"


def test_evidence_marks_carry_no_prohibited_aria(axe_figures: dict[str, Findings]) -> None:
    """A <mark> may not be named with aria-label (axe lists it under "needs review", not as a violation); the
    marks are described instead, so a screen reader reads the quote, then its kind and review state."""
    for screen in ("document-review", "document-edit", "phone-review"):
        assert "aria-prohibited-attr" not in summary(axe_figures[screen].review), screen
