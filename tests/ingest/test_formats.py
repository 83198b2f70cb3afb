"""The seeds as TXT, PDF and DOCX (and ODT/DOC via LibreOffice) load with correct Vietnamese text."""

from __future__ import annotations

import unicodedata

import docx
import pytest
from fixtures import bad_inputs

from extractor.ingest import load_document

FORMATS = ["txt", "pdf", "docx"]


def _words(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_seed_loads_with_its_words(seed_names, seed_path, fmt):
    for name in seed_names:
        document = load_document(seed_path(name, fmt))
        expected = _words(seed_path(name, "txt").read_text(encoding="utf-8"))
        got = _words(" ".join(page.text for page in document.pages))
        assert document.format == fmt
        assert all(unicodedata.is_normalized("NFC", p.text) for p in document.pages)
        common = sum(1 for w in set(expected) if w in set(got)) / len(set(expected))
        assert common > 0.97, (name, fmt, common)
        assert not document.ocr


def test_pdf_keeps_diacritics_whole(seed_path):
    text = " ".join(p.text for p in load_document(seed_path("xa-kon-gang-ke-hoach-tt124", "pdf")).pages)
    assert "Ủy ban nhân dân xã Kon Gang xây dựng Kế hoạch" in " ".join(text.split())
    assert "Phạm Văn Hảo" in text


def test_pdf_boxes_align_with_text(seed_path):
    document = load_document(seed_path("so-khdt-bao-cao-ket-qua-2022", "pdf"), with_boxes=True)
    page = document.pages[0]
    assert len(page.boxes) == len(page.text)
    at = page.text.index("Kết quả")
    box = page.boxes[at]
    assert box is not None and 0 < box.x0 < box.x1 and 0 < box.top < box.bottom < 842
    # the next character on the line sits to its right
    assert page.boxes[at + 1].x0 >= box.x0


def test_docx_reading_order_tables_headers(tmp_path):
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "Tiêu đề trang: Sở Tư pháp"
    section.footer.paragraphs[0].text = "Trang 1"
    document.add_paragraph("Đoạn mở đầu của báo cáo về an ninh trật tự tại cơ quan.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Tiêu chí", "Kết quả"
    table.cell(1, 0).text, table.cell(1, 1).text = "Tiêu chí 1", "Đạt"
    document.add_paragraph("Đoạn kết thúc sau bảng, báo cáo gửi Công an tỉnh.")
    document.add_paragraph("Mục thứ nhất", style="List Number")
    document.add_paragraph("Mục thứ hai", style="List Number")
    path = tmp_path / "order.docx"
    document.save(str(path))
    loaded = load_document(path)
    text = loaded.pages[0].text
    order = [
        text.index(s) for s in ("Đoạn mở đầu", "Tiêu chí\n", "Kết quả", "Tiêu chí 1", "Đạt", "Đoạn kết thúc")
    ]
    assert order == sorted(order)
    assert "Trang 1" not in text and "Tiêu đề trang" not in text
    assert any("Sở Tư pháp" in h for h in loaded.headers) and any("Trang 1" in h for h in loaded.headers)
    assert "1. Mục thứ nhất" in text and "2. Mục thứ hai" in text


def test_odt_and_doc_are_converted(tmp_path):
    odt, doc = bad_inputs.odt_and_doc(tmp_path, "ubnd-son-la-cong-van-2026")
    for path, fmt in ((odt, "odt"), (doc, "doc")):
        document = load_document(path)
        assert document.format == fmt
        assert "Nguyễn Đình Việt" in document.pages[-1].text


def test_format_is_sniffed_not_named(tmp_path, seed_path):
    disguised = tmp_path / "bao-cao.txt"
    disguised.write_bytes(seed_path("so-khdt-bao-cao-ket-qua-2022", "pdf").read_bytes())
    assert load_document(disguised).format == "pdf"


def test_text_encodings(tmp_path, seed_path):
    text = seed_path("so-tu-phap-lang-son-ke-hoach-2025", "txt").read_text(encoding="utf-8")
    for encoding in ("utf-16", "utf-8-sig"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(text.encode(encoding))
        assert load_document(path).pages[0].text == text
    tones = set("\u0300\u0301\u0303\u0309\u0323")
    cp1258 = []
    for ch in text:  # Windows-1258: base letters precomposed, tone marks combining
        decomposed = unicodedata.normalize("NFD", ch)
        cp1258.append(
            unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
            + "".join(c for c in decomposed if c in tones)
        )
    path = tmp_path / "cp1258.txt"
    path.write_bytes("".join(cp1258).encode("cp1258"))
    document = load_document(path)
    assert document.encoding == "windows-1258" and document.pages[0].text == text


def test_form_feed_is_a_page_break(tmp_path):
    path = tmp_path / "pages.txt"
    path.write_text(
        "Trang một của báo cáo an ninh trật tự.\fTrang hai của báo cáo an ninh trật tự.", encoding="utf-8"
    )
    assert [p.text for p in load_document(path).pages][1].startswith("Trang hai")
