"""Scorecard downloads: the criteria layer's XLSX/DOCX (``extractor.criteria.export``) with the assessors'
decisions written into its assessor column."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Any

from extractor.criteria import export

ASSESSOR_HEADER = "Ý kiến người thẩm định"  # the criteria layer's assessor column (XLSX and DOCX)
FALLBACK_HEADER = "Quyết định của cán bộ thẩm định"


def layer_card(card: dict[str, Any]) -> dict[str, Any]:
    """The API scorecard in the shape ``extractor.criteria.export`` reads (``scorecard.build``'s)."""
    return {
        "unit": card["unit"]["name"], "year": card["year"], "subject_type": card["subject_type"],
        "documents": card["documents"], "overall": card["overall"],
        "criteria": [{"id": row["id"], "title": row["title_vi"], "title_en": row["title_en"],
                      "status": row["proposed"], "confidence": row["confidence"],
                      "needs_assessor": row["needs_assessor"], "reasons": row["reasons"],
                      "evidence": row["quotes"]} for row in card["criteria"]],
    }


def decision_text(row: dict[str, Any]) -> str:
    """“Đạt — note (who, date)”, or "" when the assessor has not decided."""
    decision = row.get("decision")
    if not decision:
        return ""
    text = export.STATUS_VI.get(decision["decision"], decision["decision"])
    if decision.get("note"):
        text += f" — {decision['note']}"
    when = (decision.get("decided_at") or "")[:10]
    return f"{text} ({decision['decided_by']}{', ' + when if when else ''})"


def _render(writer: Any, card: dict[str, Any], suffix: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="minhchung-export-") as tmp:
        path = Path(tmp) / f"phieu{suffix}"
        writer(layer_card(card), path)
        return path.read_bytes()


def scorecard_xlsx(card: dict[str, Any]) -> bytes:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(_render(export.to_xlsx, card, ".xlsx")))
    sheet = book.worksheets[0]
    decisions = {row["id"]: decision_text(row) for row in card["criteria"]}
    header = next((cells for cells in sheet.iter_rows() if cells[0].value == "Mã tiêu chí"), None)
    if header is None:
        raise ValueError("criteria export without a 'Mã tiêu chí' header row")
    column = next((cell.column for cell in header if str(cell.value or "").startswith(ASSESSOR_HEADER)), None)
    if column is None:
        column = len(header) + 1
        sheet.cell(row=header[0].row, column=column, value=FALLBACK_HEADER)
    for cells in sheet.iter_rows(min_row=header[0].row + 1):
        if cells[0].value in decisions:
            sheet.cell(row=cells[0].row, column=column, value=decisions[cells[0].value])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def scorecard_docx(card: dict[str, Any]) -> bytes:
    from docx import Document

    document = Document(io.BytesIO(_render(export.to_docx, card, ".docx")))
    table = document.tables[0]
    titles = [cell.text for cell in table.rows[0].cells]
    column = next((i for i, title in enumerate(titles) if title.startswith(ASSESSOR_HEADER)), len(titles) - 1)
    decisions = {row["id"]: decision_text(row) for row in card["criteria"]}
    for line in table.rows[1:]:
        criterion_id = line.cells[0].text.split(":", 1)[0].strip()
        if decisions.get(criterion_id):
            line.cells[column].text = decisions[criterion_id]
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
