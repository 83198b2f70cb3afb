"""The criteria layer's entry points for callers that hold stored findings (the API): a scorecard from quotes
per document, the assessor's decision in the exported forms, and an overall label naming what to check."""

from __future__ import annotations

import io

import pytest
from docx import Document
from openpyxl import load_workbook

from extractor.criteria import export, sources
from extractor.criteria.scorecard import build, build_from_quotes, overall, quotes_by_criterion

SO_KHDT = "so-khdt-bao-cao-ket-qua-2022"
SON_LA = "so-tu-phap-son-la-bao-cao-6-thang-2023"
DECISION = {
    "decision": "met",
    "note": "Không có vụ việc",
    "decided_by": "thamdinh_sonla",
    "decided_at": "2023-11-20T08:30:00+00:00",
}


@pytest.fixture(scope="module")
def khdt(seed_path):
    return sources.load(seed_path(SO_KHDT, "pdf"))


def test_quotes_per_document_give_the_same_scorecard_and_keep_the_callers_keys(khdt):
    stored = {
        cid: [{**quote, "document_id": 7} for quote in quotes]
        for cid, quotes in quotes_by_criterion(khdt).items()
    }
    from_quotes = build_from_quotes(
        [(khdt.document, stored)], unit="Sở KH&ĐT", year=2022, subject_type="co_quan"
    )
    card = build([khdt], unit="Sở KH&ĐT", year=2022, subject_type="co_quan")
    assert [
        (row["id"], row["status"], row["needs_assessor"], row["reasons"]) for row in from_quotes["criteria"]
    ] == [(row["id"], row["status"], row["needs_assessor"], row["reasons"]) for row in card["criteria"]]
    assert from_quotes["overall"] == card["overall"]
    quotes = [quote for row in from_quotes["criteria"] for quote in row["evidence"]]
    assert quotes and all(
        quote["document_id"] == 7 and quote["document"] == khdt.document.source for quote in quotes
    )
    # what the layer only uses to judge stays out of the shown evidence
    assert not any({"families", "forecast", "criterion", "doc_type"} & set(quote) for quote in quotes)
    plain = [quote for row in card["criteria"] for quote in row["evidence"]]
    assert [{k: v for k, v in quote.items() if k != "document_id"} for quote in quotes] == plain


def test_a_dossier_without_quotes_has_every_criterion_missing():
    from extractor.models import DocumentInfo

    card = build_from_quotes(
        [(DocumentInfo(source="to-trinh.pdf", sha256="0" * 64, pages=1), {})],
        unit="Trường THPT Chu Văn An",
        year=2024,
        subject_type="co_so_giao_duc",
    )
    assert {row["status"] for row in card["criteria"]} == {"missing"} and len(card["criteria"]) == 6
    assert card["overall"]["proposal"] == "chua_du_can_cu"


def _row(criterion_id: str, status: str, needs: bool) -> dict:
    return {"id": criterion_id, "status": status, "needs_assessor": needs}


@pytest.mark.parametrize(
    ("rows", "proposal"),
    [
        ([_row("TT124.6.1", "met", True), _row("TT124.6.2", "met", False)], "dat"),
        (
            [
                _row("TT124.6.1", "met", True),
                _row("TT124.6.2", "not_met", False),
                _row("TT124.6.3", "met", True),
            ],
            "chua_dat",
        ),
        ([_row("TT124.6.1", "met", True), _row("TT124.6.2", "missing", True)], "chua_du_can_cu"),
    ],
)
def test_the_overall_label_names_every_criterion_the_assessor_must_check(rows, proposal):
    result = overall(rows)
    assert result["proposal"] == proposal
    assert result["criteria_to_check"] == [row["id"] for row in rows if row["needs_assessor"]]
    for criterion_id in result["criteria_to_check"]:
        assert result["label_vi"].count(criterion_id) == 1, result["label_vi"]


def test_son_la_label_names_every_criterion_still_to_check(seed_path):
    card = build([sources.load(seed_path(SON_LA, "docx"), "co_quan")])
    result = card["overall"]
    assert result["proposal"] != "dat"
    unsettled = [row["id"] for row in card["criteria"] if row["status"] != "met"]
    assert unsettled and all(
        cid in result["criteria_to_check"] and cid in result["label_vi"] for cid in unsettled
    )


def test_exports_write_the_assessors_decision_into_its_column(khdt, tmp_path):
    card = build([khdt])
    card["criteria"][2]["decision"] = DECISION  # TT124.6.3
    expected = "Đạt — Không có vụ việc (thamdinh_sonla, 2023-11-20)"
    assert export.decision_text(card["criteria"][2]) == expected

    stream = io.BytesIO()
    export.to_xlsx(card, stream)
    sheet = load_workbook(io.BytesIO(stream.getvalue()))["Phiếu đánh giá"]
    header = next(row for row in sheet.iter_rows(values_only=True) if row and row[0] == "Mã tiêu chí")
    rows = {
        row[0]: dict(zip(header, row, strict=True))
        for row in sheet.iter_rows(values_only=True)
        if row and str(row[0]).startswith("TT124.")
    }
    assert rows["TT124.6.3"]["Ý kiến người thẩm định"] == expected
    assert rows["TT124.6.3"]["Kết quả đề xuất"] == "Đạt"  # the proposal stays next to the decision
    assert not rows["TT124.6.1"]["Ý kiến người thẩm định"]

    path = export.to_docx(card, tmp_path / "phieu.docx")
    table = Document(path).tables[0]
    assessor = [cell.text for cell in table.rows[0].cells].index("Ý kiến người thẩm định")
    by_id = {line.cells[0].text.split("\n", 1)[0]: line.cells[assessor].text for line in table.rows[1:]}
    assert by_id["TT124.6.3"] == expected
    assert by_id["TT124.6.1"].startswith("□ Đạt")  # undecided: the boxes to tick on paper
