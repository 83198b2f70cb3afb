"""Scorecard exports: an XLSX workbook (openpyxl) and a printable Vietnamese DOCX form (python-docx).

Both read ``scorecard.build``'s shape; a criterion row may also carry the assessor's ``decision``
(``{"decision", "note", "decided_by", "decided_at"}``), written into the column "Ý kiến người thẩm định".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO

STATUS_VI = {"met": "Đạt", "not_met": "Không đạt", "unclear": "Chưa rõ", "missing": "Thiếu minh chứng"}
SUBJECT_VI = {"khu_dan_cu": "Khu dân cư", "xa": "Xã, phường, thị trấn", "co_quan": "Cơ quan",
              "doanh_nghiep": "Doanh nghiệp", "co_so_giao_duc": "Cơ sở giáo dục"}
MAX_QUOTES = 3
UNDECIDED_DOCX = "□ Đạt   □ Không đạt\n"  # the box the assessor ticks on paper


def decision_text(row: dict[str, Any]) -> str:
    """The assessor's decision on a criterion row, “Đạt — note (who, date)”, or "" when there is none."""
    decision = row.get("decision")
    if not decision:
        return ""
    text = STATUS_VI.get(decision["decision"], decision["decision"])
    if decision.get("note"):
        text += f" — {decision['note']}"
    when = str(decision.get("decided_at") or "")[:10]
    who = decision.get("decided_by") or ""
    return f"{text} ({who}{', ' + when if when else ''})"


def _quotes(row: dict[str, Any]) -> list[str]:
    lines = []
    for quote in [item for item in row["evidence"] if item["role"] == "evidence"][:MAX_QUOTES]:
        page = f"tr. {quote['page']}" if quote.get("page") else "tr. ?"
        lines.append(f"“{quote['text']}” ({Path(quote['document']).name}, {page})")
    return lines


def _target(path: str | Path | BinaryIO) -> Path | BinaryIO:
    """A file path, or a binary stream (e.g. ``io.BytesIO`` for a download) left as it is."""
    return Path(path) if isinstance(path, str | Path) else path


def to_xlsx(card: dict[str, Any], path: str | Path | BinaryIO) -> Path | BinaryIO:
    """Sheet "Phiếu đánh giá" (one row per criterion) and sheet "Minh chứng" (one row per quote)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Phiếu đánh giá"
    sheet.append(["Đơn vị", card["unit"] or "", "Năm", card["year"] or "", "Loại",
                  SUBJECT_VI.get(card["subject_type"], card["subject_type"] or "")])
    sheet.append(["Đề xuất chung", card["overall"]["label_vi"]])
    sheet.append([])
    header = ["Mã tiêu chí", "Tiêu chí", "Kết quả đề xuất", "Độ tin cậy", "Cần thẩm định", "Ghi chú",
              "Minh chứng", "Ý kiến người thẩm định"]
    sheet.append(header)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in card["criteria"]:
        sheet.append([row["id"], row["title"], STATUS_VI[row["status"]], row["confidence"],
                      "Có" if row["needs_assessor"] else "Không", " ".join(row["reasons"]),
                      "\n".join(_quotes(row)), decision_text(row)])
    for column, width in zip("ABCDEFGH", (12, 45, 16, 11, 13, 40, 80, 30), strict=True):
        sheet.column_dimensions[column].width = width
    for line in sheet.iter_rows(min_row=5):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    quotes = book.create_sheet("Minh chứng")
    quotes.append(["Mã tiêu chí", "Tệp", "Trang", "Bắt đầu", "Kết thúc", "Trạng thái", "Vai trò", "Độ tin cậy", "Trích dẫn"])
    for row in card["criteria"]:
        for quote in row["evidence"]:
            quotes.append([row["id"], quote["document"], quote["page"], quote["start"], quote["end"],
                           quote["status"], quote["role"], quote["confidence"], quote["text"]])
    target = _target(path)
    book.save(target)
    return target


def to_docx(card: dict[str, Any], path: str | Path | BinaryIO) -> Path | BinaryIO:
    """A printable scorecard: criterion, proposed result, quotes with page, assessor column, signatures."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run("PHIẾU ĐÁNH GIÁ TIÊU CHÍ “AN TOÀN VỀ AN NINH, TRẬT TỰ”\n(Thông tư 124/2021/TT-BCA)")
    run.bold = True
    document.add_paragraph(f"Đơn vị: {card['unit'] or '…………………………'}")
    document.add_paragraph(f"Loại đơn vị: {SUBJECT_VI.get(card['subject_type'], '…………')}"
                           f"    Năm đánh giá: {card['year'] or '……'}")
    document.add_paragraph("Hồ sơ: " + "; ".join(Path(item).name for item in card["documents"]))
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Tiêu chí", "Kết quả đề xuất", "Minh chứng (trích dẫn, trang)",
                                                 "Ghi chú", "Ý kiến người thẩm định"), strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for row in card["criteria"]:
        cells = table.add_row().cells
        cells[0].text = f"{row['id']}: {row['title']}"
        cells[1].text = STATUS_VI[row["status"]] + (" (cần thẩm định)" if row["needs_assessor"] else "")
        cells[2].text = "\n".join(_quotes(row)) or "Không có"
        cells[3].text = " ".join(row["reasons"])
        cells[4].text = decision_text(row) or UNDECIDED_DOCX
    document.add_paragraph()
    verdict = document.add_paragraph()
    verdict.add_run(card["overall"]["label_vi"]).bold = True
    document.add_paragraph("Kết luận của người thẩm định: □ Đạt   □ Chưa đạt tiêu chuẩn “An toàn về an ninh, trật tự”")
    document.add_paragraph("Phiếu do Minh Chứng lập sẵn từ minh chứng trong hồ sơ; kết quả đề xuất chỉ để tham khảo, "
                           "người thẩm định quyết định.")
    signatures = document.add_table(rows=2, cols=2)
    signatures.rows[0].cells[0].text = "NGƯỜI THẨM ĐỊNH\n(Ký, ghi rõ họ tên)"
    signatures.rows[0].cells[1].text = "THỦ TRƯỞNG ĐƠN VỊ\n(Ký, ghi rõ họ tên, đóng dấu)"
    for cell in signatures.rows[0].cells:
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    signatures.rows[1].cells[0].text = "\n\n\n………………………"
    signatures.rows[1].cells[1].text = "\n\n\n………………………"
    target = _target(path)
    document.save(target)
    return target
