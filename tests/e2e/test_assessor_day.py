"""The assessor's day in a real browser (issue 14): labels from the one vocabulary, a document that does not
belong to its dossier (warned at upload, in the header, held out until accepted), the criteria panel built for
deciding (deciding sentences with their document and page, one decision at a time, undo, keys that keep working
after a filter click and can be switched off), and screens that fit at 1024 px and 390 px.

Every wait is on a condition (Playwright's expect, or a job's status), never on a fixed time."""

from __future__ import annotations

import re

import pytest
from e2e_server import ASSESSOR, SCREENSHOTS, LiveServer
from playwright.sync_api import Browser, Page, expect
from seeded import PROCESSING_TIMEOUT_S, logged_in_page, report_dossier

pytestmark = pytest.mark.browser

FOREIGN = "so-tu-phap-lang-son-ke-hoach-2025"  # Sở Tư pháp Lạng Sơn, 2025: does not belong to the dossier


@pytest.fixture(scope="module")
def dossier(live_server: LiveServer, seed_path) -> dict:
    """A Sở KH&ĐT Sơn La 2022 dossier with its own report processed (through the API)."""
    return report_dossier(live_server, seed_path)


def open_page(
    browser: Browser, live_server: LiveServer, width: int = 1280, height: int = 900
) -> tuple[Page, list[str]]:
    return logged_in_page(browser, live_server, width=width, height=height)


def shot(page: Page, name: str, backend: str, *, full_page: bool = True) -> None:
    page.evaluate("document.getElementById('toasts')?.replaceChildren()")
    prefix = "" if backend == "sqlite" else f"{backend}-"
    page.screenshot(path=str(SCREENSHOTS / f"{prefix}{name}.png"), full_page=full_page)


def no_sideways_scroll(page: Page, selector: str = "html") -> None:
    """Nothing inside `selector` is wider than the box (waits until layout settles)."""
    page.wait_for_function(
        "(sel) => [...document.querySelectorAll(sel)].every((el) => el.scrollWidth <= el.clientWidth + 1)",
        arg=selector,
    )


def test_labels_come_from_the_vocabulary(browser: Browser, live_server: LiveServer, dossier: dict) -> None:
    page, errors = open_page(browser, live_server)
    page.goto(f"/#/documents/{dossier['report_id']}")
    legend = page.get_by_test_id("legend")
    expect(legend).to_contain_text("Chưa xem xét")  # review state "proposed", not "Đề xuất"
    expect(legend).to_contain_text("Đã bác bỏ")
    expect(legend).to_contain_text("Ngày, thời kỳ")  # evidence kind, as labels.json spells it
    page.locator("mark[data-evidence-id]").first.click()
    expect(page.locator("[data-action=reject]")).to_contain_text("Bác bỏ")  # not "Loại" (which means type)
    page.goto("/")
    expect(page.get_by_test_id("unit-kind")).to_have_value("")  # no default kind
    expect(page.locator("th", has_text="Loại đơn vị")).to_be_visible()
    expect(page.locator("th", has_text="Hệ thống đề xuất")).to_be_visible()
    page.context.close()
    assert errors == []


def test_a_foreign_document_is_warned_and_kept_out_until_accepted(
    browser: Browser, live_server: LiveServer, dossier: dict, seed_path
) -> None:
    page, errors = open_page(browser, live_server)
    page.goto(f"/#/dossiers/{dossier['id']}")
    foreign = seed_path(FOREIGN, "txt")
    page.set_input_files("#file-input", str(foreign))
    row = page.locator(f".upload-row[data-file='{foreign.name}']")
    # Warned in the upload answer already, before processing ends.
    warning = row.get_by_test_id("upload-warning")
    expect(warning).to_contain_text("Lạng Sơn")
    expect(warning).to_contain_text("Văn bản năm 2025, hồ sơ năm 2022")
    expect(row).to_have_class(re.compile("is-done"), timeout=PROCESSING_TIMEOUT_S * 1000)
    # In the header, and on its row; it is not counted in the proposal.
    header = page.get_by_test_id("dossier-warnings")
    expect(header).to_contain_text(foreign.name)
    expect(header).to_contain_text("chưa tính vào kết quả đề xuất")
    shot(page, "mismatch-warning", live_server.backend)
    with live_server.client(ASSESSOR) as api:
        card = api.get(f"/api/dossiers/{dossier['id']}/scorecard").json()
        assert card["excluded_documents"] == [foreign.name]
    # Accept anyway, with a reason: it counts from now on and the trail says so in words.
    mismatch = page.get_by_test_id("documents-table").get_by_test_id("document-mismatch")
    mismatch.get_by_test_id("accept-mismatch").click()
    mismatch.locator("input[name=note]").fill("Văn bản tham khảo của sở bạn")
    mismatch.get_by_test_id("accept-confirm").click()
    expect(page.get_by_test_id("dossier-warnings")).to_contain_text("đã được chấp nhận")
    with live_server.client(ASSESSOR) as api:
        card = api.get(f"/api/dossiers/{dossier['id']}/scorecard").json()
        assert card["excluded_documents"] == []
    page.goto(f"/#/dossiers/{dossier['id']}?tab=trail")
    trail = page.get_by_test_id("trail-table")
    expect(trail).to_contain_text("Vẫn dùng tài liệu không khớp hồ sơ")
    expect(trail).to_contain_text(f"Tài liệu {foreign.name}")
    expect(trail).to_contain_text("Văn bản tham khảo của sở bạn")
    page.context.close()
    assert errors == []


def current_id(page: Page) -> str:
    current = page.locator("article.criterion.is-current")
    expect(current).to_have_count(1)
    return current.get_attribute("data-criterion")


def decision_of(page: Page, criterion: str):
    return page.locator(f"article.criterion[data-criterion='{criterion}'] [data-testid=decision-text]")


def test_deciding_sentences_name_their_document_and_page(
    browser: Browser, live_server: LiveServer, dossier: dict
) -> None:
    page, errors = open_page(browser, live_server)
    page.goto(f"/#/dossiers/{dossier['id']}?tab=criteria")
    sentence = page.get_by_test_id("deciding-sentence").first
    expect(sentence).to_be_visible()
    source = sentence.get_by_test_id("deciding-source")
    expect(source).to_contain_text(re.compile(r"\.txt"))
    link = sentence.get_by_test_id("open-page")
    href = link.get_attribute("href")
    assert re.fullmatch(r"/api/documents/\d+/file(#page=\d+)?", href), href
    if "#page=" in href:
        expect(source).to_contain_text("trang ")
    assert page.request.get(href.split("#")[0]).status == 200
    # Points and reasons are words; no raw codes on the panel.
    panel = page.locator(".tab-body")
    for raw in ("not_met", "count_met", "['all']", '["all"]', "criterion_claim", "ev_"):
        expect(panel).not_to_contain_text(raw)
    page.context.close()
    assert errors == []


def test_one_decision_at_a_time_with_undo_and_switchable_keys(
    browser: Browser, live_server: LiveServer, dossier: dict
) -> None:
    page, errors = open_page(browser, live_server)
    page.goto(f"/#/dossiers/{dossier['id']}?tab=criteria")
    expect(page.locator("article.criterion").first).to_be_visible()
    page.keyboard.press("j")  # nothing is current until the first j (as in the document review)
    first = current_id(page)
    expect(decision_of(page, first)).to_contain_text("Chưa có quyết định")

    # "c": Đạt, and the next criterion becomes the current one.
    page.keyboard.press("c")
    expect(decision_of(page, first)).to_contain_text("Đạt")
    expect(page.locator("article.criterion.is-current")).not_to_have_attribute("data-criterion", first)
    second = current_id(page)

    # Backspace undoes it: no decision again, back on that criterion.
    page.keyboard.press("Backspace")
    expect(decision_of(page, first)).to_contain_text("Chưa có quyết định")
    expect(page.locator("article.criterion.is-current")).to_have_attribute("data-criterion", first)

    # "r": Không đạt; Ctrl+Z undoes it too.
    page.keyboard.press("r")
    expect(decision_of(page, first)).to_contain_text("Không đạt")
    page.keyboard.press("Control+z")
    expect(decision_of(page, first)).to_contain_text("Chưa có quyết định")

    # "s" skips without deciding.
    page.keyboard.press("s")
    expect(page.locator("article.criterion.is-current")).to_have_attribute("data-criterion", second)
    expect(decision_of(page, first)).to_contain_text("Chưa có quyết định")

    # Keys keep working after a click on the filter.
    page.get_by_test_id("only-open").click()
    expect(page.get_by_test_id("only-open")).to_be_checked()
    page.keyboard.press("c")
    # Decided, it leaves the "open only" list; the next open criterion is the current one.
    expect(page.locator(f"article.criterion[data-criterion='{second}']")).to_have_count(0)
    expect(page.locator("article.criterion.is-current")).not_to_have_attribute("data-criterion", second)

    # Switched off (WCAG 2.1.4), "c" does nothing; back on, "r" decides the current one.
    page.get_by_test_id("only-open").click()
    expect(decision_of(page, second)).to_contain_text("Đạt")
    page.get_by_test_id("keys-toggle").click()
    expect(page.get_by_test_id("keys-toggle")).not_to_be_checked()
    idle = current_id(page)
    page.keyboard.press("c")
    page.get_by_test_id("keys-toggle").click()
    expect(page.get_by_test_id("keys-toggle")).to_be_checked()
    page.keyboard.press("r")
    expect(decision_of(page, idle)).to_contain_text("Không đạt")
    shot(page, "criteria-deciding", live_server.backend)

    # A decision can be cleared with its button; the header shows the assessor's result next to the machine's.
    page.locator(f"article.criterion[data-criterion='{idle}'] [data-action=clear]").click()
    expect(decision_of(page, idle)).to_contain_text("Chưa có quyết định")
    expect(page.get_by_test_id("machine-result")).to_be_visible()
    # It counts the assessor's decisions only (one left: "1/5 tiêu chí đã quyết định: 1 đạt").
    expect(page.get_by_test_id("assessor-result")).to_contain_text(
        re.compile(r"1/\d+ tiêu chí đã quyết định: 1 đạt")
    )
    with live_server.client(ASSESSOR) as api:
        card = {c["id"]: c for c in api.get(f"/api/dossiers/{dossier['id']}/scorecard").json()["criteria"]}
    assert card[first]["decision"] is None
    assert card[second]["decision"]["decision"] == "met"
    assert card[idle]["decision"] is None
    # The change log says what was decided, in words.
    page.goto(f"/#/dossiers/{dossier['id']}?tab=trail")
    trail = page.get_by_test_id("trail-table")
    expect(trail).to_contain_text("Quyết định tiêu chí")
    expect(trail).to_contain_text(f"Tiêu chí {second}")
    expect(trail).to_contain_text("Quyết định: Đạt")
    expect(trail).to_contain_text("Xoá quyết định tiêu chí")
    expect(trail).not_to_contain_text("not_met")
    page.context.close()
    assert errors == []


def test_marks_are_reachable_with_tab(browser: Browser, live_server: LiveServer, dossier: dict) -> None:
    page, errors = open_page(browser, live_server)
    page.goto(f"/#/documents/{dossier['report_id']}")
    first = page.locator("mark[data-evidence-id]").first
    expect(first).to_be_visible()
    first.focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.dataset.evidenceId || ''")
    assert focused and focused != first.get_attribute("data-evidence-id")
    expect(page.get_by_test_id("evidence-detail")).to_have_attribute("data-evidence-id", focused)
    page.context.close()
    assert errors == []


@pytest.mark.parametrize("width", [1024, 1280])
def test_tables_fit(browser: Browser, live_server: LiveServer, dossier: dict, width: int) -> None:
    page, errors = open_page(browser, live_server, width=width)
    expect(page.get_by_test_id("dossier-table")).to_be_visible()
    no_sideways_scroll(page, "html, .card-flush")
    page.goto(f"/#/dossiers/{dossier['id']}")
    expect(page.get_by_test_id("documents-table")).to_be_visible()
    no_sideways_scroll(page, "html, .card-flush")
    page.goto(f"/#/dossiers/{dossier['id']}?tab=scorecard")
    expect(page.get_by_test_id("scorecard-table")).to_be_visible()
    no_sideways_scroll(page, "html, .card-flush")
    shot(page, f"scorecard-{width}", live_server.backend)
    page.context.close()
    assert errors == []


def test_top_bar_and_review_work_at_390px(browser: Browser, live_server: LiveServer, dossier: dict) -> None:
    page, errors = open_page(browser, live_server, width=390, height=844)
    expect(page.locator("#mainnav a", has_text="Hồ sơ")).to_be_visible()
    expect(page.locator("#userbox button", has_text="Đăng xuất")).to_be_visible()
    no_sideways_scroll(page)
    shot(page, "phone-dossiers", live_server.backend)
    page.goto(f"/#/dossiers/{dossier['id']}?tab=criteria")
    current = page.locator("article.criterion").first
    expect(current).to_be_visible()
    criterion = current.get_attribute("data-criterion")
    no_sideways_scroll(page)
    # Deciding with a tap on the button works on a phone.
    current.locator("button[data-decision=unclear]").click()
    expect(decision_of(page, criterion)).to_contain_text("Chưa đủ căn cứ")
    shot(page, "phone-criteria", live_server.backend)
    for bar in page.locator("[role=progressbar]").all():
        assert bar.get_attribute("aria-label"), "every progress bar has an accessible name"
    # The evidence review too: the text, then the detail under it; a tap on a mark, "c" confirms.
    page.goto(f"/#/documents/{dossier['report_id']}")
    mark = page.locator("mark[data-evidence-id][data-status=proposed]").first
    expect(mark).to_be_visible()
    evidence_id = mark.get_attribute("data-evidence-id")
    mark.click()
    expect(page.get_by_test_id("evidence-detail")).to_have_attribute("data-evidence-id", evidence_id)
    page.keyboard.press("c")
    expect(page.locator(f"mark[data-evidence-id='{evidence_id}']")).to_have_attribute(
        "data-status", "confirmed"
    )
    no_sideways_scroll(page)
    shot(page, "phone-document", live_server.backend, full_page=False)
    page.context.close()
    assert errors == []


RAW = (
    "criteria",
    "status",
    "count_met",
    "count_total",
    '["all"]',
    "['all']",
    "period",
    "false",
    "true",
    "inferred_year",
    "not_met",
    "modality",
)


def test_detail_and_edit_form_speak_vietnamese(
    browser: Browser, live_server: LiveServer, dossier: dict
) -> None:
    page, errors = open_page(browser, live_server)
    page.goto(f"/#/documents/{dossier['report_id']}")
    claims = page.locator("mark[data-kind=criterion_claim]")
    expect(claims.first).to_be_visible()
    detail = page.get_by_test_id("evidence-detail")
    for index in range(min(claims.count(), 4)):
        claims.nth(index).click()
        expect(detail).to_have_attribute(
            "data-evidence-id", claims.nth(index).get_attribute("data-evidence-id")
        )
        values = detail.get_by_test_id("detail-value").inner_text()
        assert not [raw for raw in RAW if raw in values], values
    detail.locator("[data-action=edit]").click()
    form = page.get_by_test_id("edit-form")
    expect(form).to_be_visible()
    labels = " ".join(form.locator("label").all_inner_texts())
    assert not [raw for raw in RAW if raw in labels], labels
    # Codes are choices, not free text.
    status = form.locator("select[name=value-status]")
    if status.count():
        assert "Đạt" in status.locator("option").all_inner_texts()
    shot(page, "edit-form", live_server.backend)
    page.context.close()
    assert errors == []
