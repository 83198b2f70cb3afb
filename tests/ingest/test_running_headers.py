"""Running headers and footers of a real multi-page PDF (a DOCX with a header and a page-number
footer, converted by LibreOffice) are dropped from the normalized text; offsets still map back."""

from __future__ import annotations

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from fixtures.files import convert, use_font

from extractor.clean import normalize
from extractor.ingest import load_document

HEADER = "SỞ TƯ PHÁP TỈNH SƠN LA"
FOOTER_TITLE = "Báo cáo kết quả xây dựng cơ quan an toàn năm 2023"
SENTENCE = (
    "Trong kỳ, Sở Tư pháp đã tổ chức {n} cuộc tuyên truyền về phòng, chống tội phạm cho công chức, viên chức "
    "và người lao động trong cơ quan, thu hút {m} lượt người tham dự, góp phần giữ vững an ninh, trật tự."
)


def _field(paragraph, instruction: str) -> None:
    run = paragraph.add_run()
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), instruction)
    text = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    text.append(t)
    simple.append(text)
    run._r.addnext(simple)


def _report(tmp_path):
    document = docx.Document()
    use_font(document)
    section = document.sections[0]
    section.header.paragraphs[0].text = HEADER
    footer = section.footer.paragraphs[0]
    footer.add_run(f"{FOOTER_TITLE} - Trang ")
    _field(footer, "PAGE")
    footer.add_run("/")
    _field(footer, "NUMPAGES")
    document.add_paragraph("BÁO CÁO")
    for n in range(60):
        document.add_paragraph(SENTENCE.format(n=n + 10, m=100 + n))
    source = tmp_path / "bao-cao-co-header.docx"
    document.save(str(source))
    return convert(source, "pdf", tmp_path / "pdf")


def test_running_header_and_footer_are_dropped_with_offsets_intact(tmp_path):
    raw = load_document(_report(tmp_path))
    assert raw.page_count >= 3
    page_texts = [page.text for page in raw.pages]
    assert all(HEADER in text and FOOTER_TITLE in text for text in page_texts)  # really on every page
    normalized = normalize(raw)
    assert HEADER not in normalized.text
    assert FOOTER_TITLE not in normalized.text and "Trang" not in normalized.text
    assert normalized.text.startswith("BÁO CÁO\n")
    for n in (10, 35, 69):  # every body paragraph is still there, whole, and maps back to its page
        sentence = SENTENCE.format(n=n, m=90 + n)
        at = normalized.text.index(sentence)
        page, offset = normalized.source_offset(at)
        assert raw.pages[page - 1].text[offset : offset + 20] == sentence[:20]
    assert normalized.text.count("cuộc tuyên truyền") == 60
