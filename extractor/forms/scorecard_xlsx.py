"""The scorecard as an XLSX working sheet.

Sheet "Phiếu đánh giá": one row per criterion, A4 landscape fit to width, header printed on every page,
frozen and filtered, confidence as a percentage, the assessor's decision chosen from a drop-down of the
vocabulary's status labels. Sheet "Minh chứng": one row per quote. Sheet "Vị trí (kỹ thuật)": offsets.
Every text cell is text (never a formula) and cleaned of XML-illegal characters.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO

from extractor import vocabulary
from extractor.forms import rows as form_rows
from extractor.forms.settings import scorecard_form
from extractor.forms.sheets import bold_row, widths, working_table, write_row

HEADER_ROW = 4


def _cells(row: dict[str, Any], settings: dict[str, Any]) -> dict[str, Any]:
    title = "\n".join([row["title"], *form_rows.point_lines(row)])
    return {
        "id": row["id"],
        "title": title,
        "proposal": vocabulary.status_label(row["status"]),
        "confidence": row["confidence"],
        "needs_assessor": settings["yes"] if row["needs_assessor"] else settings["no"],
        "reasons": " ".join(row["reasons"]),
        "evidence": "\n".join(form_rows.quote_line(quote) for quote in form_rows.shown_quotes(row)),
        "decision": form_rows.decision_label(row),
        "assessor": form_rows.decision_text(row),
    }


def _lists_sheet(book: Any, name: str) -> str:
    """A hidden sheet with the status labels; returns the range the drop-down reads."""
    sheet = book.create_sheet(name)
    labels = [vocabulary.status_label(key) for key in vocabulary.keys("criterion_status")]
    write_row(sheet, 1, ["Kết luận"])
    for index, label in enumerate(labels, start=2):
        write_row(sheet, index, [label])
    sheet.sheet_state = "hidden"
    return f"'{name}'!$A$2:$A${len(labels) + 1}"


def _scorecard_sheet(book: Any, card: dict[str, Any], settings: dict[str, Any]) -> None:
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    sheet = book.active
    sheet.title = settings["sheet"]
    columns = settings["columns"]
    keys = [column["key"] for column in columns]
    write_row(
        sheet,
        1,
        [
            "Đơn vị",
            card.get("unit") or "",
            "Năm",
            card.get("year") or "",
            "Loại",
            vocabulary.label("subject_type", card.get("subject_type")),
        ],
    )
    write_row(sheet, 2, ["Đề xuất chung", card["overall"]["label_vi"], form_rows.decided_line(card)])
    write_row(sheet, HEADER_ROW, [column["label"] for column in columns])
    bold_row(sheet, HEADER_ROW)
    line = HEADER_ROW + 1
    for row in card["criteria"]:
        cells = _cells(row, settings)
        line = write_row(sheet, line, [cells[key] for key in keys])
    last = line - 1
    widths(sheet, [column["width"] for column in columns])
    for cells in sheet.iter_rows(min_row=HEADER_ROW + 1, max_row=last):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    letter = {key: get_column_letter(index) for index, key in enumerate(keys, start=1)}
    for cell in sheet[letter["confidence"]][HEADER_ROW:]:
        cell.number_format = "0%"
    choices = _lists_sheet(book, settings["lists_sheet"])
    validation = DataValidation(
        type="list",
        formula1=choices,
        allow_blank=True,
        showDropDown=False,
        errorTitle="Kết luận",
        error="Chọn một kết luận trong danh sách.",
        promptTitle="Kết luận",
        prompt="Chọn kết luận của người thẩm định.",
    )
    validation.add(f"{letter['decision']}{HEADER_ROW + 1}:{letter['decision']}{max(last, HEADER_ROW + 1)}")
    sheet.add_data_validation(validation)
    working_table(
        sheet,
        HEADER_ROW,
        len(columns),
        landscape=settings["orientation"] == "landscape",
        freeze=f"C{HEADER_ROW + 1}",
    )


def _quote_text(quote: dict[str, Any]) -> str:
    """The quote as the evidence sheet shows it: its text, and “(chú thích N)” when read in a footnote."""
    mark = form_rows.source_mark(quote)
    text = str(quote.get("text") or "")
    return f"{text} {mark}" if mark else text


def _evidence_sheets(book: Any, card: dict[str, Any], settings: dict[str, Any]) -> None:
    quotes = book.create_sheet(settings["evidence_sheet"])
    write_row(quotes, 1, ["Mã tiêu chí", "Tệp", "Trang", "Tính chất", "Độ tin cậy", "Trích dẫn"])
    bold_row(quotes, 1)
    technical = book.create_sheet(settings["technical_sheet"])
    write_row(
        technical,
        1,
        [
            "Mã tiêu chí",
            "Đường dẫn tệp",
            "Trang",
            "Bắt đầu",
            "Kết thúc",
            "status",
            "role",
            "cue",
            "rule",
            "evidence_ids",
            "source_part",
            "footnote",
        ],
    )
    bold_row(technical, 1)
    line = 2
    for row in card["criteria"]:
        for quote in row["evidence"]:
            write_row(
                quotes,
                line,
                [
                    row["id"],
                    Path(str(quote.get("document") or "")).name,
                    quote.get("page"),
                    form_rows.stance_label(quote),
                    quote.get("confidence"),
                    _quote_text(quote),
                ],
            )
            write_row(
                technical,
                line,
                [
                    row["id"],
                    quote.get("document") or "",
                    quote.get("page"),
                    quote.get("start"),
                    quote.get("end"),
                    quote.get("status") or "",
                    quote.get("role") or "",
                    quote.get("cue") or "",
                    quote.get("rule") or "",
                    ", ".join(quote.get("evidence_ids") or []),
                    quote.get("source_part") or "body",
                    quote.get("footnote"),
                ],
            )
            line += 1
    for cell in quotes["E"][1:]:
        cell.number_format = "0%"
    widths(quotes, (12, 30, 7, 18, 11, 100))
    widths(technical, (12, 50, 7, 9, 9, 10, 10, 20, 30, 40, 12, 9))
    working_table(quotes, 1, 6)
    working_table(technical, 1, 12)


def _plain(value: Any) -> Any:
    """A cell value: numbers and text as they are, anything else as its text."""
    return value if value is None or isinstance(value, (str, int, float)) else str(value)


def _dossier_notes_sheet(book: Any, card: dict[str, Any], wording: dict[str, Any]) -> None:
    """Sheet “Lưu ý về hồ sơ”: one row per warning (file, field, the document's and the dossier's value, the
    message, whether it counts toward the proposal), then the other notes (left out, accepted, outside
    scope) in the message column; row 3 of the scorecard sheet points to it. Nothing when there is none."""
    lines = form_rows.dossier_notes(card, wording)
    if not lines:
        return
    sheet = book.create_sheet(wording["sheet"], 1)  # right after the scorecard sheet
    write_row(sheet, 1, wording["sheet_columns"])
    bold_row(sheet, 1)
    excluded = set(card.get("excluded_documents") or [])
    warnings = card.get("warnings") or []
    line = 2
    for item in warnings:
        source = str(item.get("source") or "")
        field = str(item.get("field") or "")
        line = write_row(
            sheet,
            line,
            [
                Path(source).name,
                wording["fields"].get(field, field),
                _plain(item.get("document_value")),
                _plain(item.get("dossier_value")),
                item.get("message_vi") or "",
                wording["not_counted"] if source in excluded else wording["counted"],
            ],
        )
    for note in lines[len(warnings) :]:
        line = write_row(sheet, line, ["", "", "", "", note, ""])
    widths(sheet, (34, 14, 26, 26, 70, 16))
    working_table(sheet, 1, len(wording["sheet_columns"]))
    summary = book.worksheets[0]
    write_row(
        summary,
        3,
        [
            wording["title"],
            "; ".join(
                [
                    wording["sheet_pointer"].format(count=len(lines), sheet=wording["sheet"]),
                    *lines[len(warnings) :],
                ]
            ),
        ],
    )


def write(card: dict[str, Any], target: Path | BinaryIO) -> Path | BinaryIO:
    """Write the workbook of ``card`` (``scorecard.build``'s shape) to a path or binary stream."""
    from openpyxl import Workbook

    settings = scorecard_form()["xlsx"]
    book = Workbook()
    _scorecard_sheet(book, card, settings)
    _evidence_sheets(book, card, settings)
    _dossier_notes_sheet(book, card, scorecard_form()["dossier_notes"])
    book.active = 0
    book.save(target)
    return target
