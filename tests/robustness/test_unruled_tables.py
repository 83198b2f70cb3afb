"""Issue 11: tables of figures printed without lines — columns aligned by whitespace only (a DOCX
table without borders, a text typed with tab stops) — come out of the PDF one line per row, as ruled
tables do: "<label>: <figure> <unit>.", the serial column dropped, so no serial number is a count.
A DOCX typed with tab stops gives the same lines."""

from __future__ import annotations

import pytest
from fixtures.files import FIGURE_ROWS, figure_table_file
from variants import (
    WIDE_ROWS,
    footnoted_table_file,
    narrow_header_table_file,
    tab_stop_table_file,
    wide_unruled_table_file,
)

from extractor.ingest import load_document

FILES = {
    "no borders": lambda: figure_table_file("pdf", ruled=False),
    "footnotes on the page": lambda: footnoted_table_file("pdf"),
    "tab stops": lambda: tab_stop_table_file("pdf"),
    "tab stops (docx)": lambda: tab_stop_table_file("docx"),
    "header wrapped in narrow columns": lambda: narrow_header_table_file("pdf"),
}


def _counts(path):
    from extractor.pipeline import extract_file

    result = extract_file(path, include_text=True)
    return result, [e for e in result.evidence if e.kind == "count"]


@pytest.mark.parametrize("layout", sorted(FILES))
def test_each_row_is_one_line_and_each_count_comes_once_with_its_label(layout):
    result, counts = _counts(FILES[layout]())
    expected = {int(figure.replace(".", "")): (unit, label) for _, label, figure, unit in FIGURE_ROWS[1:]}
    assert sorted(e.value["value"] for e in counts) == sorted(expected)  # no serial number among them
    text = result.document.text
    for item in counts:
        unit, label = expected[item.value["value"]]
        assert item.value["unit"] == unit
        line_start = text.rfind("\n", 0, item.start) + 1
        assert text[line_start : item.start] == f"{label}: "
    assert (
        text.index("124/2021/TT-BCA")
        < text.index("Nội dung / Số lượng / Đơn vị tính")
        < text.index("Trên đây là báo cáo")
    )


def test_a_long_table_without_lines_reads_as_its_docx():
    """Twelve rows (serials 10, 11, 12), labels wrapped over up to six lines, some in lower case, two
    figure columns, the last row on the next page without the header: the PDF gives the rows the
    DOCX gives (the DOCX table is read from its XML)."""
    pdf = load_document(wide_unruled_table_file("pdf")).pages
    docx_lines = load_document(wide_unruled_table_file("docx")).pages[0].text.splitlines()
    pdf_lines = [line for page in pdf for line in page.text.splitlines()]
    rows = [line for line in docx_lines if line.endswith(".") and "(Kế hoạch)" in line]
    assert len(rows) == len(WIDE_ROWS) - 1
    assert [line for line in pdf_lines if line in rows] == rows
    assert len(pdf) == 2 and pdf[1].text.startswith("Vụ việc được hòa giải thành: 20 vụ việc (Kế hoạch)")
    assert pdf_lines[-2:] == ["Nơi nhận:", "- Công an huyện;"]
    _, pdf_counts = _counts(wide_unruled_table_file("pdf"))
    _, docx_counts = _counts(wide_unruled_table_file("docx"))
    assert sorted((e.value["value"], e.value["unit"]) for e in pdf_counts) == sorted(
        (e.value["value"], e.value["unit"]) for e in docx_counts
    )


def test_a_table_of_words_without_lines_is_left_alone(tmp_path):
    """A header with "STT" and "Kết quả" over words only ("Đạt"): not a table of figures, the page
    text stays as PDFium reads it (the serial numbers still dropped)."""
    import docx
    from fixtures.files import convert, use_font

    document = docx.Document()
    use_font(document)
    document.add_paragraph("Kết quả tự đánh giá các tiêu chí của xã năm 2023 như sau:")
    rows = [
        ("STT", "Tiêu chí", "Kết quả"),
        ("1", "Tiêu chí về tuyên truyền", "Đạt"),
        ("2", "Tiêu chí về hòa giải", "Chưa đạt"),
    ]
    table = document.add_table(rows=len(rows), cols=3)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    source = tmp_path / "words.docx"
    document.save(str(source))
    text = load_document(convert(source, "pdf", tmp_path)).pages[0].text
    assert "Tiêu chí về tuyên" in text and "Đạt" in text and ": Đạt" not in text
    assert "\n1 " not in text and "\n2 " not in text


def test_prose_in_columns_is_not_a_table():
    from extractor.ingest.pdf_tables import _unruled_table_at

    lines = [
        _line(100, (85, 110, "STT"), (200, 258, "Nội dung"), (319, 373, "Số lượng")),
        _line(116, (85, 540, "Trên đây là báo cáo kết quả thực hiện của Ủy ban nhân dân xã năm 2023")),
    ]
    assert _unruled_table_at(lines, 0) is None


def test_a_table_page_with_footnotes_keeps_them_apart_and_drops_their_marks():
    """The page is read again for its table: its footnote marks ("TT-BCA¹", "28/12/2021²") and its
    footnote area must not come back into the text (the date would read 28/12/20212)."""
    from extractor.pipeline import extract_file

    pdf, docx = footnoted_table_file("pdf"), footnoted_table_file("docx")
    page = load_document(pdf).pages[0]
    assert "124/2021/TT-BCA ngày 28/12/2021 của" in page.text and "Chú thích" not in page.text
    assert page.footnotes == ["1 Chú thích 1: xem văn bản gốc.", "2 Chú thích 2: xem văn bản gốc."]

    def keys(path):
        return sorted(
            (e.kind, e.text) for e in extract_file(path).evidence if e.kind in ("legal_ref", "date", "count")
        )

    assert keys(pdf) == keys(docx)


def test_tab_separated_lines_under_a_header_are_a_table():
    from extractor.ingest.tables import render_tab_tables

    text = "Mở đầu\tkhông phải bảng\nSTT\tNội dung\tSố lượng\tĐVT\n1\tSố buổi tuyên truyền\t\t12\tbuổi\nHết."
    assert (
        render_tab_tables(text)
        == "Mở đầu\tkhông phải bảng\nNội dung / Số lượng / ĐVT\nSố buổi tuyên truyền: 12 buổi.\nHết."
    )
    words = "STT\tTiêu chí\tKết quả\n1\tTiêu chí 1\tĐạt"
    assert render_tab_tables(words) == words


def _line(top, *words):
    from extractor.ingest.pdf_tables import _Line, _Word

    return _Line([_Word(x0, x1, top, top + 12, (text, [None] * len(text))) for x0, x1, text in words])


def test_a_total_row_without_serial_is_a_row_and_prose_below_ends_the_table():
    from extractor.ingest.pdf_tables import _unruled_table_at

    lines = [
        _line(
            100, (85, 110, "STT"), (200, 258, "Nội dung"), (319, 373, "Số lượng"), (436, 503, "Đơn vị tính")
        ),
        _line(116, (85, 93, "1"), (200, 300, "Vụ phạm pháp"), (319, 330, "3"), (436, 450, "vụ")),
        _line(132, (200, 260, "hình sự")),
        _line(148, (85, 93, "2"), (200, 300, "Vụ tai nạn"), (319, 330, "4"), (436, 450, "vụ")),
        _line(164, (200, 260, "Tổng cộng"), (319, 330, "7"), (436, 450, "vụ")),
        _line(180, (85, 140, "Nơi nhận:")),
    ]
    found = _unruled_table_at(lines, 0)
    assert found is not None
    (first, members, rendered), _ = found
    assert (first, members) == (0, {0, 1, 2, 3, 4})
    assert [text for text, _ in rendered] == [
        "Nội dung / Số lượng / Đơn vị tính",
        "Vụ phạm pháp hình sự: 3 vụ.",
        "Vụ tai nạn: 4 vụ.",
        "Tổng cộng: 7 vụ.",
    ]


def test_a_ruled_table_goes_on_over_a_page_break_without_its_header():
    from fixtures.files import figure_table_file
    from variants import LONG_ROWS

    pdf = figure_table_file("pdf", LONG_ROWS)
    pages = load_document(pdf).pages
    assert len(pages) == 2
    assert (
        "Nội dung công việc thứ 24 của xã trong năm: 72 cuộc (Kế hoạch); 73 cuộc (Kết quả)." in pages[1].text
    )
    _, pdf_counts = _counts(pdf)
    _, docx_counts = _counts(figure_table_file("docx", LONG_ROWS))
    assert sorted((e.value["value"], e.value["unit"]) for e in pdf_counts) == sorted(
        (e.value["value"], e.value["unit"]) for e in docx_counts
    )
    assert len(pdf_counts) == 2 * (len(LONG_ROWS) - 1)


def test_a_wrapped_header_is_seen_on_the_page_text():
    from extractor.ingest.tables import looks_tabular

    assert looks_tabular(
        "Báo cáo như sau:\nST\nT\nNội dung Số \nlượng\nĐơn vị \ntính\n1 Tổ chức tuyên truyền\n12 buổi"
    )
    assert not looks_tabular("Sau đây\nTổ chức tuyên truyền\nSố lượng người tham gia đông")
