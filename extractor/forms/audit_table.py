"""The auditor's view (``extractor.criteria.audit.audit``) as a table: one row per finding, to XLSX or CSV.

Wording: ``corpora/forms/audit.json``; statuses and kinds of unit: the vocabulary. CSV text that a
spreadsheet would run as a formula gets a leading apostrophe; XLSX cells are text.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from corpora import load_json
from extractor import vocabulary
from extractor.forms.sheets import bold_row, widths, working_table, write_row
from extractor.forms.text import csv_safe


def _form() -> dict[str, Any]:
    return load_json("forms", "audit.json")


def section_titles() -> dict[str, str]:
    """The audit's section titles, for the export and the plain-text audit alike."""
    return dict(_form()["sections"])


def conditional_words() -> str:
    """What a document asked only of units with a Party organisation says after its name."""
    return str(_form()["conditional"])


def _finding(unit: dict[str, Any], section: str, **fields: Any) -> dict[str, Any]:
    return {
        "unit": unit["unit"] or "",
        "year": unit["year"],
        "subject": vocabulary.label("subject_type", unit["subject_type"]),
        "section": _form()["sections"][section],
        "criterion": "",
        "status": "",
        "item": "",
        "document": "",
        "page": None,
        **fields,
    }


def findings(report: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every finding of every unit as a flat row (keys: the form's column keys)."""
    form = _form()
    for unit in report["units"]:

        def row(section: str, unit: dict[str, Any] = unit, **fields: Any) -> dict[str, Any]:
            return _finding(unit, section, **fields)

        for item in unit["unsupported"]:
            yield row(
                "unsupported",
                criterion=item["id"],
                status=vocabulary.status_label(item["status"]),
                item=f"{item['title']}. {' '.join(item['reasons'])}".strip(),
            )
        for item in unit["partially_supported"]:
            yield row(
                "partially_supported",
                criterion=item["id"],
                status=vocabulary.status_label("met"),
                item=f"{item['title']}. {' '.join(item['reasons'])}".strip(),
            )
        for item in unit["contradicted"]:
            quotes = item.get("evidence") or [{}]
            first = quotes[0]
            yield row(
                "contradicted",
                criterion=item["id"],
                status=vocabulary.status_label("not_met"),
                item=f"{item['title']}: “{first.get('text', '')}”" if first.get("text") else item["title"],
                document=Path(str(first.get("document") or "")).name,
                page=first.get("page"),
            )
        for item in unit["targets_without_results"]:
            yield row(
                "targets_without_results",
                criterion=item["criterion"],
                item=f"“{item['text']}”",
                document=Path(str(item["plan"])).name,
                page=item.get("page"),
            )
        for item in unit["missing_documents"]:
            yield row(
                "missing_documents",
                item=item["title_vi"] + (f" {form['conditional']}" if item["conditional"] else ""),
            )
        for item in unit["deadlines"]:
            yield row("deadlines", item=item["message_vi"], document=Path(str(item["document"])).name)


def _units(report: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for unit in report["units"]:
        count = sum(len(unit[key]) for key in _form()["sections"])
        yield {
            "unit": unit["unit"] or "",
            "year": unit["year"],
            "subject": vocabulary.label("subject_type", unit["subject_type"]),
            "documents": len(unit["documents"]),
            "proposal": vocabulary.label("overall_proposal", unit["overall"]["proposal"]),
            "label": unit["overall"]["label_vi"],
            "findings": count,
        }


def write_csv(report: dict[str, Any], out: TextIO) -> None:
    """One line per finding, the form's labels as header (write to a file opened with ``utf-8-sig``)."""
    columns = _form()["columns"]
    writer = csv.writer(out)
    writer.writerow([column["label"] for column in columns])
    for finding in findings(report):
        writer.writerow([csv_safe(finding[column["key"]]) for column in columns])


def _sheet(sheet: Any, columns: list[dict[str, Any]], rows: Iterator[dict[str, Any]]) -> None:
    from openpyxl.styles import Alignment

    write_row(sheet, 1, [column["label"] for column in columns])
    bold_row(sheet, 1)
    line = 2
    for row in rows:
        line = write_row(sheet, line, [row[column["key"]] for column in columns])
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    widths(sheet, [column["width"] for column in columns])
    working_table(sheet, 1, len(columns))


def write_xlsx(report: dict[str, Any], target: str | Path | Any) -> Any:
    """Sheet "Rà soát hồ sơ" (one row per finding) and sheet "Đơn vị" (one row per unit and year)."""
    from openpyxl import Workbook

    form = _form()
    book = Workbook()
    findings_sheet = book.active
    findings_sheet.title = form["sheet"]
    _sheet(findings_sheet, form["columns"], findings(report))
    _sheet(book.create_sheet(form["units_sheet"]), form["unit_columns"], _units(report))
    book.save(target)
    return target
