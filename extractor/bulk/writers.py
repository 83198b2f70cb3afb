"""Write the analysis rows: CSV files and the unit × year × criterion workbook (XLSX)."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from extractor.bulk.dossiers import STATUS_VI

STATUS_FILL = {"met": "C6EFCE", "not_met": "FFC7CE", "target": "FFEB9C", "unclear": "DDEBF7", "missing": "EDEDED"}
OVERALL_VI = {"dat": "Đạt", "chua_dat": "Chưa đạt", "chua_ro": "Chưa đủ minh chứng"}


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
    fields = ["province", "unit", "year", "subject_type", "documents", "criteria_met", "criteria_not_met",
              "criteria_missing", "criteria_target_only", "criteria_unclear", "criteria_total", "overall",
              "decision", "score", "band", "dien_hinh", "missing_documents"]
    _header(summary, ["Tỉnh", "Đơn vị", "Năm", "Loại đơn vị", "Số văn bản", "Tiêu chí đạt", "Không đạt",
                      "Thiếu minh chứng", "Chỉ có kế hoạch", "Chưa rõ", "Tổng tiêu chí", "Kết quả đề xuất",
                      "Kết luận trong hồ sơ", "Điểm QĐ 510", "Xếp loại", "Điển hình", "Văn bản còn thiếu"])
    for row in dossiers:
        values = [row[f] for f in fields]
        values[fields.index("overall")] = OVERALL_VI.get(row["overall"], row["overall"])
        summary.append(values)
    _widths(summary, {1: 14, 2: 40, 3: 7, 4: 16, 12: 20, 17: 30})

    by_year: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in criteria:
        by_year[row["year"]].append(row)
    for year in sorted(by_year):
        rows = by_year[year]
        ids = sorted({r["criterion"] for r in rows}, key=lambda c: [int(p) if p.isdigit() else p for p in c.split(".")])
        units: dict[tuple[str, str, str], dict[str, str]] = {}
        for r in rows:
            units.setdefault((r["province"], r["unit"], r["subject_type"] or ""), {})[r["criterion"]] = r["status"]
        sheet = book.create_sheet(str(year))
        _header(sheet, ["Tỉnh", "Đơn vị", "Loại đơn vị", *ids])
        for (province, unit, subject), statuses in sorted(units.items()):
            sheet.append([province, unit, subject, *[STATUS_VI.get(statuses.get(c, ""), "") for c in ids]])
            for offset, cid in enumerate(ids):
                status = statuses.get(cid)
                if status:
                    cell = sheet.cell(row=sheet.max_row, column=4 + offset)
                    cell.fill = PatternFill("solid", fgColor=STATUS_FILL[status])
        _widths(sheet, {1: 14, 2: 40, 3: 16, **{4 + i: 13 for i in range(len(ids))}})
    book.save(path)
