"""Issue 11 on the forms: a quote read in a footnote says “(chú thích N)” after its text — on the printed
scorecard, in the workbook's criteria and evidence sheets, on the technical sheet (``source_part``,
``footnote``) and in the terminal table — in the vocabulary's words; body quotes read as before."""

from __future__ import annotations

import io

from docx import Document
from openpyxl import load_workbook

from extractor import vocabulary
from extractor.criteria import export
from extractor.forms import rows as form_rows
from extractor.forms.terminal import print_table
from extractor.models import DocumentInfo, Evidence, ExtractionResult

from .cards import card

NOTE_TEXT = "Nghị định số 96/2016/NĐ-CP"


def _footnoted_card() -> dict:
    built = card()
    first = built["criteria"][0]["evidence"][0]
    first.update(text=NOTE_TEXT, source_part="footnote", footnote=2)
    return built


def test_the_mark_comes_from_the_vocabulary():
    group = {entry["key"]: entry for entry in vocabulary.groups()["source_part"]}
    assert list(group) == ["body", "footnote"]
    assert vocabulary.source_mark("footnote", 2) == "(" + group["footnote"]["cite_vi"].format(number=2) + ")"
    assert vocabulary.source_mark("footnote", 2) == "(chú thích 2)"
    assert vocabulary.source_mark("body", None) == vocabulary.source_mark(None, None) == ""
    quote = {
        "document": "a/bao-cao.docx",
        "page": 3,
        "text": NOTE_TEXT,
        "source_part": "footnote",
        "footnote": 2,
    }
    assert form_rows.quote_line(quote) == f"“{NOTE_TEXT}” (chú thích 2) (bao-cao.docx, tr. 3)"
    assert form_rows.quote_line({**quote, "source_part": "body", "footnote": None}) == (
        f"“{NOTE_TEXT}” (bao-cao.docx, tr. 3)"
    )


def test_the_workbook_marks_the_footnote_quote_only():
    stream = io.BytesIO()
    export.to_xlsx(_footnoted_card(), stream)
    book = load_workbook(io.BytesIO(stream.getvalue()))
    criteria = book["Phiếu đánh giá"]
    header = [cell.value for cell in criteria[4]]
    shown = {
        line[0]: dict(zip(header, line, strict=True))
        for line in criteria.iter_rows(min_row=5, values_only=True)
        if line[0]
    }
    assert f"“{NOTE_TEXT}” (chú thích 2) (" in shown["TT124.6.1"]["Minh chứng"]
    assert shown["TT124.6.1"]["Minh chứng"].count("chú thích") == 1
    assert "chú thích" not in shown["TT124.6.2"]["Minh chứng"]
    quotes = [line for line in book["Minh chứng"].iter_rows(min_row=2, values_only=True)]
    assert [line[5] for line in quotes if "chú thích" in line[5]] == [f"{NOTE_TEXT} (chú thích 2)"]
    technical = book["Vị trí (kỹ thuật)"]
    header = [cell.value for cell in technical[1]]
    places = [
        dict(zip(header, line, strict=True)) for line in technical.iter_rows(min_row=2, values_only=True)
    ]
    assert [(p["source_part"], p["footnote"]) for p in places].count(("footnote", 2)) == 1
    assert all(p["source_part"] == "body" and p["footnote"] is None for p in places[1:])


def test_the_printed_form_marks_the_footnote_quote(tmp_path):
    word = Document(export.to_docx(_footnoted_card(), tmp_path / "phieu.docx"))
    text = "\n".join(cell.text for table in word.tables for row in table.rows for cell in row.cells)
    assert f"“{NOTE_TEXT}” (chú thích 2) (bao-cao-2023.pdf, tr. 1" in text
    assert text.count("chú thích") == 1


def test_the_terminal_table_marks_footnote_evidence():
    info = DocumentInfo(source="bao-cao.docx", sha256="0" * 64, pages=1)
    evidence = [
        Evidence(
            "legal_ref",
            "Thông tư số 124/2021/TT-BCA",
            10,
            37,
            {"key": "124/2021/TT-BCA"},
            0.9,
            "legal_refs",
            page=1,
        ),
        Evidence(
            "legal_ref",
            NOTE_TEXT,
            500,
            526,
            {"key": "96/2016/NĐ-CP"},
            0.9,
            "legal_refs",
            page=1,
            source_part="footnote",
            footnote=1,
        ),
    ]
    stream = io.StringIO()
    print_table(ExtractionResult(document=info, evidence=evidence), stream, width=200)
    out = stream.getvalue()
    assert "(chú thích 1)" in out and out.count("chú thích") == 1
