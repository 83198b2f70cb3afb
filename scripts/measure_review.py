#!/usr/bin/env python3
"""Keystrokes (and clicks) and seconds an assessor needs to review the Sở KH&ĐT Sơn La 2022 report end to end
(issue 14, "the assessor's day"), in Debian's Chromium driven by Playwright.

It starts its own `minhchung serve` (temporary SQLite and storage), logs in as the assessor, makes a unit and its
2022 dossier, uploads the seed "so-khdt-bao-cao-ket-qua-2022" on the dossier page and waits for its processing.
Then the measured part, the path of tests/e2e/review_path.py: every evidence item of the report (c where the gold
annotation agrees, r where it does not), then every criterion (c / r from the system's proposal, s otherwise),
keys only; links and buttons are reached with Tab. The seconds are the UI's and the server's along that path (each key waits
for its result), without a person's reading time: they depend on the machine, the keystrokes do not.

`--commit REV` serves an older commit's UI and API instead (`git archive` into a temporary directory). Its UI may
lack keys for criteria (258979b, before the assessor's day): then the path clicks there and counts the clicks.

    .venv/bin/python scripts/measure_review.py                  # this checkout
    .venv/bin/python scripts/measure_review.py --commit 258979b
    .venv/bin/python scripts/measure_review.py --format txt --json /tmp/review.json
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "tests"), str(REPO / "tests" / "e2e")]

from e2e_server import ASSESSOR, CHROMIUM, CHROMIUM_ARGS, PROVINCE, serve  # noqa: E402
from fixtures.files import seed_file  # noqa: E402
from playwright.sync_api import expect, sync_playwright  # noqa: E402
from review_path import SEED, keys_for_criteria, review  # noqa: E402

UNIT = "Sở Kế hoạch và Đầu tư"
PROCESSING_MS = 300_000


def old_tree(commit: str, root: Path) -> Path:
    """The files of `commit` (git archive) in a directory, with a site hook that puts them first on the path."""
    tree = root / f"tree-{commit}"
    tree.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", commit], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    shim = root / "shim"
    shim.mkdir()
    (shim / "sitecustomize.py").write_text(
        f"import sys; sys.path.insert(0, {str(tree)!r}); import api  # noqa\n"
    )
    os.environ["PYTHONPATH"] = f"{shim}:{tree}"
    return tree


def measure(commit: str | None, fmt: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="measure-review-") as tmp:
        root = Path(tmp)
        if commit:
            old_tree(commit, root)
        seed = seed_file(SEED, fmt)
        servers = serve("sqlite", f"sqlite:///{root / 'minhchung.db'}", root)
        server = next(servers)
        try:
            with server.client(ASSESSOR) as api:
                unit = api.post("/api/units", json={"name": UNIT, "kind": "co_quan", "province": PROVINCE})
                unit.raise_for_status()
                dossier = api.post("/api/dossiers", json={"unit_id": unit.json()["id"], "year": 2022})
                dossier.raise_for_status()
                dossier_id = dossier.json()["id"]
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(
                    base_url=server.base_url, viewport={"width": 1280, "height": 900}, locale="vi-VN"
                )
                page.set_default_timeout(PROCESSING_MS)
                page.goto("/")
                page.fill("#login-username", ASSESSOR[0])
                page.fill("#login-password", ASSESSOR[1])
                page.click("form.login-card button[type=submit]")
                expect(page.get_by_test_id("current-user")).to_have_text(ASSESSOR[0])
                page.goto(f"/#/dossiers/{dossier_id}")
                page.set_input_files("#file-input", str(seed))
                row = page.locator(f".upload-row[data-file='{seed.name}']")
                expect(row).to_have_class(re.compile(r"is-(done|failed)"), timeout=PROCESSING_MS)
                assert "is-done" in (row.get_attribute("class") or ""), row.inner_text()
                document_id = int(row.get_by_test_id("open-document").get_attribute("href").rsplit("/", 1)[1])
                criteria_keys = keys_for_criteria(page)
                started = time.perf_counter()
                parts = review(page, document_id)
                total = time.perf_counter() - started
                browser.close()
        finally:
            servers.close()
    return {
        "commit": commit or git_head(),
        "format": fmt,
        "criteria_keys": criteria_keys,
        "seconds": total,
        "parts": {name: vars(t) for name, t in parts.items()},
    }


def git_head() -> str:
    head = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    )
    dirty = subprocess.run(
        ["git", "-C", str(REPO), "status", "--porcelain", "api/static"], capture_output=True, text=True
    ).stdout.strip()
    return head.stdout.strip() + (" (+ changes)" if dirty else "")


def table(result: dict) -> str:
    rows = [
        f"UI of {result['commit']}, seed {SEED}.{result['format']}"
        + ("" if result["criteria_keys"] else " (criteria: no keys in this UI, clicked)"),
        f"{'part':10} {'items':>5} {'decided':>7} {'skipped':>7} {'keys':>5} {'clicks':>6} {'seconds':>8}",
    ]
    keys = clicks = 0
    for name, part in result["parts"].items():
        rows.append(
            f"{name:10} {part['items']:>5} {part['decisions']:>7} {part['skipped']:>7} {part['keys']:>5} "
            f"{part['clicks']:>6} {part['seconds']:>8.1f}"
        )
        keys += part["keys"]
        clicks += part["clicks"]
    rows.append(f"{'total':10} {'':>5} {'':>7} {'':>7} {keys:>5} {clicks:>6} {result['seconds']:>8.1f}")
    for name, part in result["parts"].items():
        rows.append(f"  {name}: " + ", ".join(f"{k} ×{n}" for k, n in sorted(part["detail"].items())))
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--commit", help="measure the UI of this commit instead of this checkout (e.g. 258979b)"
    )
    parser.add_argument(
        "--format", default="pdf", choices=["pdf", "txt", "docx"], help="the seed's file format"
    )
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    result = measure(args.commit, args.format)
    print(table(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
