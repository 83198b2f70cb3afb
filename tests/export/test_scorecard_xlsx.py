"""The scorecard workbook is a working sheet: A4 landscape fit to width, print titles, frozen header, filter,
a drop-down of the vocabulary's status labels for the assessor, percentages, offsets on a technical sheet."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from extractor import vocabulary
from extractor.criteria import export

from .cards import card


@pytest.fixture(scope="module")
def book():
    built = card()
    built["criteria"][1]["decision"] = {
        "decision": "not_met",
        "note": "Có vụ việc",
        "decided_by": "an",
        "decided_at": "2023-11-20T08:30:00+00:00",
    }
    stream = io.BytesIO()
    export.to_xlsx(built, stream)
    return load_workbook(io.BytesIO(stream.getvalue()))


def _table(sheet, header_row: int = 4) -> tuple[list[str], dict[str, dict]]:
    header = [cell.value for cell in sheet[header_row]]
    rows = {
        line[0]: dict(zip(header, line, strict=True))
        for line in sheet.iter_rows(min_row=header_row + 1, values_only=True)
        if line[0]
    }
    return header, rows


def test_the_sheet_prints_on_a4_landscape_one_page_wide_with_its_header_on_every_page(book):
    sheet = book["Phiếu đánh giá"]
    assert book.active.title == "Phiếu đánh giá"
    setup = sheet.page_setup
    assert (str(setup.paperSize), setup.orientation, setup.fitToWidth, setup.fitToHeight) == (
        "9",
        "landscape",
        1,
        0,
    )
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$4:$4"
    assert sheet.freeze_panes == "C5"
    assert sheet.auto_filter.ref == "A4:I9"


def test_statuses_are_vietnamese_and_confidence_is_a_percentage(book):
    sheet = book["Phiếu đánh giá"]
    header, rows = _table(sheet)
    assert [rows[f"TT124.6.{n}"]["Kết quả đề xuất"] for n in range(1, 6)] == [
        vocabulary.status_label(key) for key in ("met", "met", "not_met", "unclear", "missing")
    ]
    assert sheet["D5"].value == pytest.approx(0.87) and sheet["D5"].number_format == "0%"
    assert rows["TT124.6.2"]["Kết luận của người thẩm định"] == "Không đạt"
    assert rows["TT124.6.2"]["Ý kiến người thẩm định"] == "Không đạt — Có vụ việc (an, 2023-11-20)"
    assert rows["TT124.6.1"]["Minh chứng"].count("“") == 3
    assert "Bắt đầu" not in header and "Kết thúc" not in header


def test_the_assessors_decision_is_a_drop_down_of_the_vocabulary_labels(book):
    sheet = book["Phiếu đánh giá"]
    (validation,) = sheet.data_validations.dataValidation
    assert validation.type == "list" and str(validation.sqref) == "H5:H9"
    lists = book["Danh mục"]
    assert lists.sheet_state == "hidden"
    source = validation.formula1.split("!")[1].replace("$", "")
    labels = [cell.value for line in lists[source] for cell in line]
    assert labels == [vocabulary.status_label(key) for key in vocabulary.keys("criterion_status")]


def test_points_and_deciding_quotes_in_the_workbook():
    built = card()
    row = built["criteria"][0]
    row["deciding"] = [
        {
            "document": "a/ke-hoach.pdf",
            "page": 2,
            "start": 5,
            "end": 20,
            "text": "Không có vụ việc.",
            "stance": "achieved",
            "rule": None,
            "points": ["TT124.4.3.a"],
        }
    ]
    row["points"] = [{"id": "TT124.4.3.a", "point": "a", "title": "Không có vụ việc", "status": "met"}]
    stream = io.BytesIO()
    export.to_xlsx(built, stream)
    _, rows = _table(load_workbook(io.BytesIO(stream.getvalue()))["Phiếu đánh giá"])
    assert rows["TT124.6.1"]["Minh chứng"] == "[điểm a] “Không có vụ việc.” (ke-hoach.pdf, tr. 2)"
    assert rows["TT124.6.1"]["Tiêu chí"].endswith("\na) Không có vụ việc: Đạt")


def test_offsets_are_on_the_technical_sheet_only(book):
    quotes = book["Minh chứng"]
    assert "Bắt đầu" not in [cell.value for cell in quotes[1]]
    assert quotes["E2"].number_format == "0%"
    assert quotes["D2"].value == vocabulary.label("statement_stance", "achieved")  # a quote of a met row
    technical = book["Vị trí (kỹ thuật)"]
    header = [cell.value for cell in technical[1]]
    first = dict(zip(header, [cell.value for cell in technical[2]], strict=True))
    quote = card()["criteria"][0]["evidence"][0]
    assert (first["Bắt đầu"], first["Kết thúc"], first["Đường dẫn tệp"]) == (
        quote["start"],
        quote["end"],
        "corpora/seeds/bao-cao-2023.pdf",
    )
    assert technical.freeze_panes == "A2" and technical.print_title_rows == "$1:$1"


def test_the_overall_row_says_how_much_of_it_the_assessor_decided(book):
    sheet = book.worksheets[0]
    assert "ở 1/5 tiêu chí" in " ".join(str(cell.value or "") for cell in sheet[2])
