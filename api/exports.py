"""Scorecard files: an XLSX workbook and a printable Vietnamese DOCX form with the assessor's decisions."""

from __future__ import annotations

import io
from typing import Any

STATUS_VI = {"met": "Đạt", "not_met": "Không đạt", "unclear": "Chưa rõ", "missing": "Thiếu minh chứng"}
UNIT_KIND_VI = {"khu_dan_cu": "Khu dân cư", "xa": "Xã, phường, thị trấn", "co_quan": "Cơ quan",
                "doanh_nghiep": "Doanh nghiệp", "co_so_giao_duc": "Cơ sở giáo dục"}


def _quotes(criterion: dict[str, Any], limit: int = 5) -> str:
    lines = [f"“{e['text']}” (tr. {e['page'] or '?'}, {e['status']})" for e in criterion["evidence"][:limit]]
    extra = len(criterion["evidence"]) - limit
    if extra > 0:
        lines.append(f"… và {extra} minh chứng khác")
    return "\n".join(lines)


def _decision(criterion: dict[str, Any]) -> tuple[str, str, str]:
    decision = criterion.get("decision")
    if not decision:
        return "", "", ""
    return STATUS_VI.get(decision["decision"], decision["decision"]), decision.get("note") or "", decision["decided_by"]


def scorecard_xlsx(card: dict[str, Any]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Phiếu đánh giá"
    unit = card["unit"]
    sheet.append(["Phiếu đánh giá tiêu chuẩn “An toàn về an ninh, trật tự” (Thông tư 124/2021/TT-BCA)"])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(["Đơn vị", unit["name"]])
    sheet.append(["Loại đơn vị", UNIT_KIND_VI.get(card["subject_type"], card["subject_type"])])
    sheet.append(["Tỉnh/thành phố", unit["province"]])
    sheet.append(["Năm", card["year"]])
    sheet.append(["Kết quả", card["overall"]["label_vi"]])
    sheet.append([])
    header = ["Mã tiêu chí", "Tiêu chí", "Đề xuất", "Độ tin cậy", "Cần thẩm định", "Minh chứng",
              "Quyết định của cán bộ thẩm định", "Ghi chú", "Người quyết định"]
    sheet.append(header)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for criterion in card["criteria"]:
        decision, note, who = _decision(criterion)
        sheet.append([criterion["id"], criterion["title_vi"], STATUS_VI.get(criterion["proposed"]),
                      criterion["confidence"], "Có" if criterion["needs_assessor"] else "Không",
                      _quotes(criterion), decision, note, who])
    for column, width in zip("ABCDEFGHI", (12, 45, 16, 10, 12, 70, 20, 30, 16), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=9):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def scorecard_docx(card: dict[str, Any]) -> bytes:
    from docx import Document

    document = Document()
    unit = card["unit"]
    document.add_heading("PHIẾU ĐÁNH GIÁ TIÊU CHUẨN “AN TOÀN VỀ AN NINH, TRẬT TỰ”", level=1)
    document.add_paragraph("Theo Thông tư số 124/2021/TT-BCA ngày 28/12/2021 của Bộ Công an")
    document.add_paragraph(f"Đơn vị: {unit['name']} ({UNIT_KIND_VI.get(card['subject_type'], card['subject_type'])})")
    document.add_paragraph(f"Địa bàn: {unit.get('commune') or ''} {unit['province']}".strip())
    document.add_paragraph(f"Năm đánh giá: {card['year']}")
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, ("Tiêu chí", "Đề xuất", "Minh chứng (trang)",
                                                 "Quyết định", "Ghi chú"), strict=True):
        cell.text = title
    for criterion in card["criteria"]:
        decision, note, who = _decision(criterion)
        cells = table.add_row().cells
        cells[0].text = f"{criterion['id']}: {criterion['title_vi']}"
        cells[1].text = STATUS_VI.get(criterion["proposed"], criterion["proposed"])
        cells[2].text = _quotes(criterion) or "—"
        cells[3].text = f"{decision} ({who})" if decision else ""
        cells[4].text = note
    document.add_paragraph()
    document.add_paragraph(f"Kết quả: {card['overall']['label_vi']}")
    document.add_paragraph(f"Đã thẩm định {card['decided']}/{card['total']} tiêu chí.")
    signatures = document.add_table(rows=2, cols=2)
    signatures.rows[0].cells[0].text = "CÁN BỘ THẨM ĐỊNH"
    signatures.rows[0].cells[1].text = "THỦ TRƯỞNG ĐƠN VỊ"
    signatures.rows[1].cells[0].text = "(Ký, ghi rõ họ tên)"
    signatures.rows[1].cells[1].text = "(Ký, ghi rõ họ tên, đóng dấu)"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
