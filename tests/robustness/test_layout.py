"""Issue 11: layout damage in real LibreOffice PDFs. A reference broken by a narrow column
("Thông tư số⏎124/2021/TT-BCA") is joined; a running header that is a long paragraph, wrapped over
several lines on top of every page, is dropped like a one-line header."""

from __future__ import annotations

import docx
from docx.shared import Cm
from fixtures.files import convert, use_font

from extractor.clean import normalize, normalize_plain
from extractor.ingest import load_document

LONG_HEADER = (
    "Báo cáo kết quả thực hiện phong trào Toàn dân bảo vệ an ninh Tổ quốc và xây dựng xã đạt tiêu chuẩn "
    "An toàn về an ninh, trật tự năm 2023 của Ủy ban nhân dân xã Kon Gang, huyện Đak Đoa, tỉnh Gia Lai"
)
SENTENCE = (
    "Trong kỳ, Ủy ban nhân dân xã đã tổ chức {n} cuộc tuyên truyền về phòng, chống tội phạm cho Nhân dân "
    "các thôn, thu hút {m} lượt người tham dự, góp phần giữ vững an ninh, trật tự trên địa bàn."
)


def test_long_running_header_paragraph_is_dropped(tmp_path):
    document = docx.Document()
    use_font(document)
    document.sections[0].header.paragraphs[0].text = LONG_HEADER
    document.add_paragraph("BÁO CÁO")
    for n in range(60):
        document.add_paragraph(SENTENCE.format(n=n + 10, m=100 + n))
    source = tmp_path / "long-header.docx"
    document.save(str(source))
    raw = load_document(convert(source, "pdf", tmp_path))
    assert raw.page_count >= 3
    assert all(
        page.text.count("\n", 0, page.text.index("BÁO CÁO" if i == 0 else "Trong kỳ")) >= 2
        for i, page in enumerate(raw.pages[:1])
    )  # the header wraps over several lines
    normalized = normalize(raw)
    assert "Kon Gang, huyện Đak Đoa" not in normalized.text and "phong trào Toàn dân" not in normalized.text
    assert normalized.text.startswith("BÁO CÁO\n")
    assert normalized.text.count("cuộc tuyên truyền") == 60
    for n in (10, 40, 69):
        assert SENTENCE.format(n=n, m=90 + n) in normalized.text


def test_reference_split_by_a_narrow_column_is_joined(tmp_path):
    from extractor.pipeline import extract_file

    document = docx.Document()
    use_font(document)
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph(
        "Triển khai thực hiện công tác bảo đảm an ninh, trật tự năm 2023 trên địa bàn xã Kon Gang."
    )
    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    left, right = table.rows[0].cells
    left.width, right.width = Cm(3.2), Cm(12)
    table.columns[0].width, table.columns[1].width = Cm(3.2), Cm(12)
    left.text = "Căn cứ Thông tư số 124/2021/TT-BCA ngày 28/12/2021 của Bộ Công an"
    right.text = (
        "Ủy ban nhân dân xã xây dựng kế hoạch thực hiện các tiêu chí của tiêu chuẩn an toàn về an ninh, "
        "trật tự cho các thôn, làng trên địa bàn xã trong năm 2023."
    )
    source = tmp_path / "narrow.docx"
    document.save(str(source))
    pdf = convert(source, "pdf", tmp_path)
    assert "số\n124/2021" in load_document(pdf).pages[0].text.replace(" \n", "\n")  # really split
    result = extract_file(pdf, include_text=True)
    refs = [e for e in result.evidence if e.kind == "legal_ref"]
    assert any(e.value.get("key") == "124/2021/TT-BCA" and e.text.startswith("Thông tư số") for e in refs)
    assert any(e.kind == "date" and e.value.get("iso") == "2021-12-28" for e in result.evidence)


def test_line_ends_that_wait_for_a_number():
    assert (
        normalize_plain("Thực hiện Thông tư số\n124/2021/TT-BCA ngày\n28/12/2021 của Bộ Công an.")
        == "Thực hiện Thông tư số 124/2021/TT-BCA ngày 28/12/2021 của Bộ Công an."
    )
    assert (
        normalize_plain("Kết quả cụ thể như sau:\n1. Tuyên truyền 12 buổi.")
        == "Kết quả cụ thể như sau:\n1. Tuyên truyền 12 buổi."
    )
    assert normalize_plain("Căn cứ Nghị định\n96/2016/NĐ-CP;") == "Căn cứ Nghị định 96/2016/NĐ-CP;"


def test_number_cut_before_its_hyphen_is_joined():
    assert (
        normalize_plain("Căn cứ Thông tư số 124/2021/TT\n-BCA ngày 28/12/2021.")
        == "Căn cứ Thông tư số 124/2021/TT-BCA ngày 28/12/2021."
    )
    assert (
        normalize_plain("Kết quả như sau\n- Tuyên truyền 12 buổi.")
        == "Kết quả như sau\n- Tuyên truyền 12 buổi."
    )
