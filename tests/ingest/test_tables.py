"""Issue 11: tables of figures ("STT | Nội dung | Số lượng | Đơn vị tính") give each count once, with
its unit and its label, from a real DOCX and from the PDF LibreOffice makes of it."""

from __future__ import annotations

import pytest
from fixtures.files import figure_table_file

from extractor.ingest import load_document
from extractor.ingest.tables import looks_tabular, render_figure_table

EXPECTED = {
    12: ("buổi", "Tổ chức tuyên truyền về phòng chống tội phạm"),
    1250: ("lượt người", "Số lượt người tham gia tuyên truyền"),
    8: ("tổ", "Tổ tự quản về an ninh trật tự được thành lập"),
    3: ("vụ", "Vụ phạm pháp hình sự"),
}


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_each_count_of_a_figure_table_comes_out_once_with_unit_and_label(fmt):
    from extractor.pipeline import extract_file

    result = extract_file(figure_table_file(fmt), include_text=True)
    text = result.document.text
    counts = [e for e in result.evidence if e.kind == "count"]
    assert sorted(e.value["value"] for e in counts) == sorted(EXPECTED)  # no STT number among them
    for item in counts:
        unit, label = EXPECTED[item.value["value"]]
        assert item.value["unit"] == unit
        line_start = text.rfind("\n", 0, item.start) + 1
        assert text[line_start : item.start] == f"{label}: "


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_rest_of_the_page_keeps_its_order(fmt):
    text = "\n".join(page.text for page in load_document(figure_table_file(fmt)).pages)
    intro = text.index("124/2021/TT-BCA")
    assert intro < text.index("Nội dung / Số lượng / Đơn vị tính") < text.index("Trên đây là báo cáo")


def test_several_figure_columns_name_their_header():
    rows = [
        ["STT", "Chỉ tiêu", "Năm 2022", "Năm 2023", "ĐVT"],
        ["I", "Tuyên truyền", "", "", ""],
        ["1", "Số buổi tuyên truyền", "10", "12", "buổi"],
    ]
    assert render_figure_table(rows) == [
        "Chỉ tiêu / Năm 2022 / Năm 2023 / ĐVT",
        "Tuyên truyền",
        "Số buổi tuyên truyền: 10 buổi (Năm 2022); 12 buổi (Năm 2023).",
    ]


@pytest.mark.parametrize(
    "rows",
    [
        [
            ["ỦY BAN NHÂN DÂN XÃ KON GANG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
            ["Số: 12/BC-UBND", "Kon Gang, ngày 5 tháng 3 năm 2023"],
        ],
        [["Nơi nhận:", "CHỦ TỊCH"], ["- Như trên;", "Nguyễn Văn A"]],
        [["STT"], ["1"]],
    ],
)
def test_other_tables_are_left_alone(rows):
    assert render_figure_table(rows) is None


def test_tabular_page_cue():
    assert looks_tabular("Báo cáo\nSTT Nội dung Số lượng Đơn vị tính\n1 Tuyên truyền 12 buổi")
    assert not looks_tabular("Báo cáo kết quả\n1. Tuyên truyền 12 buổi")


def test_a_table_of_words_is_not_a_table_of_figures():
    assert render_figure_table([["Tiêu chí", "Kết quả"], ["Tiêu chí 1", "Đạt"]]) is None


def test_a_header_cell_merged_across_columns_keeps_the_grid(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph(
        "Báo cáo kết quả công tác bảo đảm an ninh, trật tự năm 2023 của Ủy ban nhân dân xã."
    )
    table = document.add_table(rows=3, cols=5)
    values = [
        ["STT", "Nội dung", "Số lượng", "", "Đơn vị tính"],
        ["1", "Số buổi tuyên truyền", "10", "12", "buổi"],
        ["2", "Số vụ phạm pháp hình sự", "4", "3", "vụ"],
    ]
    for r, row in enumerate(values):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    table.cell(0, 2).merge(table.cell(0, 3))  # "Số lượng" over two columns
    path = tmp_path / "merged.docx"
    document.save(str(path))
    text = load_document(path).pages[0].text
    assert "Số buổi tuyên truyền: 10 buổi (Số lượng); 12 buổi." in text
    assert "Số vụ phạm pháp hình sự: 4 vụ (Số lượng); 3 vụ." in text


def test_unruled_pdf_table_reports_no_serial_number_as_a_count():
    from extractor.pipeline import extract_file

    result = extract_file(figure_table_file("pdf", ruled=False))
    counts = sorted((e.value["value"], e.value["unit"]) for e in result.evidence if e.kind == "count")
    assert counts == sorted((value, unit) for value, (unit, _) in EXPECTED.items())


def test_serial_numbers_are_stripped_only_in_order_after_the_header():
    from extractor.ingest.tables import strip_serial_numbers

    text = "1 Báo cáo\nSTT Nội dung Số lượng Đơn vị tính\n1 Tuyên truyền\n12 buổi\n2 Tổ tự quản\n8 tổ\n5 Khác"
    assert (
        strip_serial_numbers(text)
        == "1 Báo cáo\nSTT Nội dung Số lượng Đơn vị tính\nTuyên truyền\n12 buổi\nTổ tự quản\n8 tổ\n5 Khác"
    )
