"""Write the analysis rows: CSV files and the unit × year × criterion workbook (XLSX)."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from extractor import vocabulary

# Cell colours of the criterion statuses (labels and order: ``extractor.vocabulary``).
STATUS_FILL = {"met": "C6EFCE", "not_met": "FFC7CE", "unclear": "FFEB9C", "missing": "EDEDED"}


def write_csv(path: Path, rows: list[dict[str, Any]], fields: list[str] | None = None) -> None:
    fields = fields or (list(rows[0]) if rows else ["empty"])
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def _header(sheet, names: list[str]) -> None:
    sheet.append(names)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"


def _widths(sheet, widths: dict[int, int]) -> None:
    for index, width in widths.items():
        sheet.column_dimensions[get_column_letter(index)].width = width


def write_workbook(path: Path, criteria: list[dict[str, Any]], dossiers: list[dict[str, Any]]) -> None:
    """``Tổng hợp`` (one row per unit and year) then one sheet per year: units × criteria."""
    book = Workbook()
    summary = book.active
    summary.title = "Tổng hợp"
    status_keys = vocabulary.keys("criterion_status")
    fields = [
        "province",
        "unit",
        "year",
        "subject_type",
        "documents",
        *[f"criteria_{s}" for s in status_keys],
        "criteria_total",
        "overall",
        "decision",
        "score",
        "band",
        "dien_hinh",
        "missing_documents",
        "score_source",
        "decision_source",
    ]
    _header(
        summary,
        [
            "Tỉnh",
            "Đơn vị",
            "Năm",
            "Loại đơn vị",
            "Số văn bản",
            *[f"Tiêu chí: {vocabulary.status_label(s)}" for s in status_keys],
            "Tổng tiêu chí",
            "Kết quả đề xuất",
            "Kết luận trong hồ sơ",
            "Điểm QĐ 510",
            "Xếp loại",
            "Điển hình",
            "Văn bản còn thiếu",
            "Điểm đọc từ",
            "Kết luận đọc từ",
        ],
    )
    for row in dossiers:
        values = [row[f] for f in fields]
        values[fields.index("overall")] = vocabulary.label("overall_proposal", row["overall"])
        values[fields.index("subject_type")] = vocabulary.label("subject_type", row["subject_type"])
        summary.append(values)
    _widths(
        summary,
        {
            1: 14,
            2: 40,
            3: 7,
            4: 16,
            fields.index("overall") + 1: 20,
            fields.index("missing_documents") + 1: 30,
            fields.index("score_source") + 1: 50,
            fields.index("decision_source") + 1: 50,
        },
    )

    by_year: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in criteria:
        by_year[row["year"]].append(row)
    for year in sorted(by_year):
        rows = by_year[year]
        ids = sorted(
            {r["criterion"] for r in rows}, key=lambda c: [int(p) if p.isdigit() else p for p in c.split(".")]
        )
        units: dict[tuple[str, str, str], dict[str, str]] = {}
        for r in rows:
            units.setdefault((r["province"], r["unit"], r["subject_type"] or ""), {})[r["criterion"]] = r[
                "status"
            ]
        sheet = book.create_sheet(str(year))
        _header(sheet, ["Tỉnh", "Đơn vị", "Loại đơn vị", *ids])
        for (province, unit, subject), statuses in sorted(units.items()):
            sheet.append(
                [
                    province,
                    unit,
                    vocabulary.label("subject_type", subject),
                    *[vocabulary.status_label(statuses.get(c)) if statuses.get(c) else "" for c in ids],
                ]
            )
            for offset, cid in enumerate(ids):
                status = statuses.get(cid)
                if status:
                    cell = sheet.cell(row=sheet.max_row, column=4 + offset)
                    cell.fill = PatternFill("solid", fgColor=STATUS_FILL[status])
        _widths(sheet, {1: 14, 2: 40, 3: 16, **{4 + i: 13 for i in range(len(ids))}})
    book.save(path)
