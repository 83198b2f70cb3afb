"""TCVN3 and VNI mojibake comes back as Unicode; scanned PDFs are read by OCR."""

from __future__ import annotations

import pytest
from fixtures import bad_inputs

from extractor.errors import ScannedDocumentError
from extractor.ingest import load_document, ocr

PARAGRAPH = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Thực hiện Kế hoạch số 48/KH-UBND ngày 22/02/2023 của tỉnh về thực hiện Thông tư 124/2021/TT-BCA; "
    "Sở Tư pháp báo cáo kết quả thực hiện 6 tháng đầu năm 2023 với nội dung như sau: công tác giáo dục "
    "chính trị, tư tưởng cho đội ngũ công chức, viên chức, người lao động được tăng cường."
)


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_legacy_text_file(tmp_path, encoding):
    document = load_document(bad_inputs.legacy_txt(tmp_path, encoding, PARAGRAPH))
    assert document.legacy_encoding == encoding
    assert document.pages[0].text == PARAGRAPH


@pytest.mark.parametrize(("encoding", "font"), [("tcvn3", ".VnTime"), ("vni", "VNI-Times")])
def test_legacy_font_docx(tmp_path, encoding, font):
    document = load_document(bad_inputs.legacy_docx(tmp_path, encoding, PARAGRAPH, font))
    assert document.legacy_encoding == encoding
    assert document.pages[0].text.lower() == PARAGRAPH.lower()
    assert "Sở Tư pháp báo cáo kết quả" in document.pages[0].text


def test_tcvn3_capitals_font(tmp_path):
    document = load_document(
        bad_inputs.legacy_docx(tmp_path, "tcvn3", PARAGRAPH.lower(), ".VnTimeH"), check_language=False
    )
    assert document.pages[0].text.startswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")


def test_scanned_pdf_is_read_by_ocr(tmp_path):
    document = load_document(bad_inputs.scanned_pdf(tmp_path))
    assert document.ocr
    text = " ".join(document.pages[0].text.split())
    assert "KẾ HOẠCH" in text and "Kon Gang" in text


def test_scanned_pdf_without_tesseract(tmp_path, monkeypatch):
    path = bad_inputs.scanned_pdf(tmp_path)
    monkeypatch.setattr(ocr, "tesseract_status", lambda: (None, False))  # tesseract absent
    with pytest.raises(ScannedDocumentError):
        load_document(path)
