"""Exports show the dossier's warnings (issue 14): a scorecard built from documents of different units and
years names each mismatch, the documents left out of the proposal and a unit outside TT124's scope — in a
“Lưu ý về hồ sơ” block of the DOCX and a sheet (plus a pointer row) of the XLSX; a consistent dossier has
neither."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from extractor.criteria import export, scorecard
from extractor.pipeline import extract_file

from .cards import card

REPO = Path(__file__).resolve().parents[2]
SEEDS = (
    "corpora/seeds/so-khdt-bao-cao-ket-qua-2022.txt",
    "corpora/seeds/so-tu-phap-lang-son-ke-hoach-2025.txt",
)
OTHER = Path(SEEDS[1]).name


@pytest.fixture(scope="module")
def mixed_card():
    """The card of two seed files of different units and years (the first one decides the dossier)."""
    built = scorecard.build([extract_file(REPO / seed) for seed in SEEDS])
    assert built["warnings"] and built["excluded_documents"], built["warnings"]
    return built


def _docx_text(built, **kwargs) -> str:
    buffer = io.BytesIO()
    export.to_docx(built, buffer, **kwargs)
    word = Document(io.BytesIO(buffer.getvalue()))
    return "\n".join(
        [p.text for p in word.paragraphs]
        + [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    )


def _workbook(built):
    buffer = io.BytesIO()
    export.to_xlsx(built, buffer)
    return load_workbook(io.BytesIO(buffer.getvalue()))


def _cells(book) -> list[str]:
    return [
        str(cell.value)
        for sheet in book.worksheets
        for line in sheet.iter_rows()
        for cell in line
        if cell.value is not None
    ]


def test_the_docx_names_each_warning_and_the_document_left_out(mixed_card):
    text = _docx_text(mixed_card)
    assert "Lưu ý về hồ sơ:" in text
    for warning in mixed_card["warnings"]:
        assert f"{OTHER}: {warning['message_vi']}" in text
    assert "Văn bản năm 2025, hồ sơ năm 2022." in text
    assert (
        "Không tính vào kết quả đề xuất" in text and OTHER in text.split("Không tính vào kết quả đề xuất")[1]
    )
    # the block stands before the criteria table's rows
    assert text.index("Lưu ý về hồ sơ") < text.index(mixed_card["overall"]["label_vi"])


def test_the_xlsx_has_a_warnings_sheet_and_a_pointer_on_the_scorecard_sheet(mixed_card):
    book = _workbook(mixed_card)
    assert book.sheetnames[1] == "Lưu ý về hồ sơ"
    rows = [[cell.value for cell in line] for line in book["Lưu ý về hồ sơ"].iter_rows()]
    assert rows[0][0] == "Tệp" and rows[0][4] == "Lưu ý"
    by_field = {row[1]: row for row in rows[1 : 1 + len(mixed_card["warnings"])]}
    assert by_field["Năm"][:6] == [OTHER, "Năm", 2025, 2022, "Văn bản năm 2025, hồ sơ năm 2022.", "Không"]
    assert by_field["Đơn vị"][2] == "Sở Tư pháp tỉnh Lạng Sơn"
    assert any("Không tính vào kết quả đề xuất" in str(row[4]) and OTHER in str(row[4]) for row in rows)
    summary = book.worksheets[0]
    assert summary["A3"].value == "Lưu ý về hồ sơ" and "Không tính vào kết quả đề xuất" in summary["B3"].value
    assert summary["A4"].value == "Mã tiêu chí"  # the table's header stays on row 4
    assert any("Văn bản năm 2025, hồ sơ năm 2022." in value for value in _cells(book))


def test_an_accepted_document_and_a_unit_outside_scope_are_noted():
    built = card(
        warnings=[
            {
                "source": "/hs/ke-hoach-2024.docx",
                "field": "year",
                "document_value": 2024,
                "dossier_value": 2023,
                "message_vi": "Văn bản năm 2024, hồ sơ năm 2023.",
            }
        ],
        excluded_documents=[],
    )
    built["overall"]["outside_scope"] = "đơn vị thuộc Bộ Quốc phòng, ngoài phạm vi Thông tư 124"
    text = _docx_text(built)
    assert "ke-hoach-2024.docx: Văn bản năm 2024, hồ sơ năm 2023." in text
    assert "Người thẩm định đã chấp nhận, vẫn tính vào đề xuất: ke-hoach-2024.docx" in text
    assert "Phạm vi áp dụng: đơn vị thuộc Bộ Quốc phòng, ngoài phạm vi Thông tư 124" in text
    book = _workbook(built)
    rows = [[cell.value for cell in line] for line in book["Lưu ý về hồ sơ"].iter_rows()]
    assert rows[1][5] == "Có"
    assert any("ngoài phạm vi Thông tư 124" in str(row[4]) for row in rows)


def test_a_consistent_dossier_has_no_notes():
    assert "Lưu ý về hồ sơ" not in _docx_text(card())
    book = _workbook(card())
    assert "Lưu ý về hồ sơ" not in book.sheetnames and book.worksheets[0]["A3"].value is None
