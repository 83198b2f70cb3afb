"""The printed scorecard follows Nghị định 30/2020/NĐ-CP: A4, margins, Times New Roman 13, quốc hiệu and
tiêu ngữ, number, place and date, page numbers from page 2, the table header on every page, the quote
column widest, two signature blocks and "Nơi nhận" — checked in the file and in LibreOffice's rendering."""

from __future__ import annotations

import subprocess

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from fixtures.files import convert

from extractor.criteria import export

from .cards import card


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    path = tmp_path_factory.mktemp("docx") / "phieu.docx"
    export.to_docx(card(), path, issuer="Công an tỉnh Sơn La")
    return path


def _texts(word) -> str:
    return "\n".join(
        [p.text for p in word.paragraphs]
        + [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    )


def test_page_font_and_margins_are_those_of_the_decree(written):
    word = Document(written)
    section = word.sections[0]

    def cm(length) -> float:
        return round(length.cm, 2)

    assert (cm(section.page_width), cm(section.page_height)) == (21.0, 29.7)
    assert (cm(section.top_margin), cm(section.bottom_margin), cm(section.left_margin)) == (2.0, 2.0, 3.0)
    assert 1.5 <= cm(section.right_margin) <= 2.0
    normal = word.styles["Normal"].font
    assert normal.name == "Times New Roman" and Pt(13) <= normal.size <= Pt(14)


def test_first_page_has_the_national_header_and_later_pages_a_number(written):
    section = Document(written).sections[0]
    assert section.different_first_page_header_footer
    header = section.first_page_header.tables[0]
    left, right = (cell.paragraphs for cell in header.rows[0].cells)
    assert [p.text for p in right] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert all(run.bold for p in right for run in p.runs) and all(run.underline for run in right[1].runs)
    assert left[1].text == "CÔNG AN TỈNH SƠN LA" and left[1].runs[0].bold
    number, place = header.rows[1].cells
    assert number.text.startswith("Số:") and "ngày" in place.text and "tháng" in place.text
    assert all(run.italic for run in place.paragraphs[0].runs)
    # pages 2…: a PAGE field; page 1's header has none
    assert "PAGE" in section.header._element.xml and "PAGE" not in section.first_page_header._element.xml


def test_the_table_repeats_its_header_and_gives_the_quotes_the_widest_column(written):
    table = Document(written).tables[0]
    first = table.rows[0]
    assert first._tr.trPr.find(qn("w:tblHeader")) is not None
    labels = [cell.text for cell in first.cells]
    widths = dict(zip(labels, (column.width for column in table.columns), strict=True))
    assert max(widths, key=widths.get) == "Minh chứng (trích dẫn, tệp, trang)"
    assert sum(widths.values()) <= Cm(21 - 3 - 1.5)
    rows = {row.cells[0].text.split("\n")[0]: [cell.text for cell in row.cells] for row in table.rows[1:]}
    assert list(rows) == [f"TT124.6.{n}" for n in range(1, 6)]
    assert rows["TT124.6.1"][1].startswith("Đạt") and rows["TT124.6.4"][1].startswith("Chưa đủ căn cứ")
    assert rows["TT124.6.5"][1].startswith("Không có minh chứng")  # vocabulary labels, not a local table
    assert rows["TT124.6.1"][2].count("“") == 3 and "(bao-cao-2023.pdf, tr. 2)" in rows["TT124.6.1"][2]


def test_signatures_and_recipients_close_the_form(written):
    text = _texts(Document(written))
    for words in (
        "NGƯỜI THẨM ĐỊNH",
        "THỦ TRƯỞNG CƠ QUAN",
        "(Ký, ghi rõ họ tên)",
        "Nơi nhận:",
        "Đơn vị được đánh giá: Sở Kế hoạch và Đầu tư tỉnh Sơn La",
    ):
        assert words in text


def test_deciding_quotes_and_points_are_shown_when_the_layer_gives_them(tmp_path):
    built = card()
    row = built["criteria"][0]
    row["deciding"] = [
        {
            "document": "ke-hoach.pdf",
            "document_id": None,
            "page": 4,
            "start": 10,
            "end": 60,
            "text": "Không để xảy ra điểm phức tạp về an ninh, trật tự.",
            "stance": "achieved",
            "rule": "điểm b: không để xảy ra điểm phức tạp",
            "points": ["TT124.4.3.b"],
        }
    ]
    row["points"] = [
        {"id": "TT124.4.3.a", "point": "a", "title": "Không có vụ việc", "status": "met"},
        {"id": "TT124.4.3.b", "point": "b", "title": "Không có điểm phức tạp", "status": "unclear"},
        {"id": "TT124.4.3.c", "point": "c", "title": "Không có tụ điểm", "status": "met"},
    ]
    word = Document(export.to_docx(built, tmp_path / "deciding.docx"))
    cells = [cell.text for cell in word.tables[0].rows[1].cells]
    assert cells[2] == (
        "[điểm b] “Không để xảy ra điểm phức tạp về an ninh, trật tự.” (ke-hoach.pdf, tr. 4; Kết quả đạt)"
    )  # the deciding quote only, not the evidence
    assert cells[0].splitlines()[-2:] == ["Đạt: điểm a, c", "Chưa đủ căn cứ: điểm b"]


def test_libreoffice_renders_it_on_a4_in_at_most_four_pages(written, tmp_path):
    pdf = convert(written, "pdf", tmp_path)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    assert "A4" in fields["Page size"]
    pages = int(fields["Pages"])
    assert 2 <= pages <= 4  # five criteria, three quotes each

    def page_text(number: int) -> str:
        return subprocess.run(
            ["pdftotext", "-layout", "-f", str(number), "-l", str(number), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    first, second = page_text(1), page_text(2)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first and "Độc lập - Tự do - Hạnh phúc" in first
    assert second.split()[0] == "2"  # the page number, from page 2 on
    assert "Minh chứng (trích dẫn, tệp," in second  # the repeated table header
    assert "NGƯỜI THẨM ĐỊNH" in page_text(pages)


def test_the_overall_line_says_how_much_of_it_the_assessor_decided(tmp_path):
    """A printed proposal must not pass the system's proposals off as the assessor's decisions."""
    built = card()
    built["criteria"][0]["decision"] = {
        "decision": "met",
        "note": "",
        "decided_by": "an",
        "decided_at": "2023-11-20T08:30:00+00:00",
    }
    for row in built["criteria"][1:]:
        row["decision"] = None
    text = _texts(Document(export.to_docx(built, tmp_path / "decided.docx")))
    assert "ở 1/5 tiêu chí; 4 tiêu chí còn lại theo đề xuất của hệ thống" in text
    for row in built["criteria"]:
        row["decision"] = {
            "decision": "met",
            "note": "",
            "decided_by": "an",
            "decided_at": "2023-11-20T08:30:00+00:00",
        }
    assert "Kết quả theo quyết định của người thẩm định (5/5 tiêu chí)" in _texts(
        Document(export.to_docx(built, tmp_path / "all.docx"))
    )
    cli = _texts(Document(export.to_docx(card(), tmp_path / "cli.docx")))  # a card made outside the service
    assert "Kết quả theo quyết định" not in cli and "theo đề xuất của hệ thống" not in cli
