"""Issue 11: footnotes. In a PDF the marks are small raised digits glued to the token they mark
("124/2021/TT-BCA1", "ngày 28/12/20212"); they are dropped using the characters' size and rise, and
the footnote bodies at the foot of the page are kept apart. In a DOCX the bodies come from
``word/footnotes.xml``, kept apart on the page of their reference. Files: a Flat ODT with real
``<text:note>`` footnotes converted by LibreOffice."""

from __future__ import annotations

import re

import pytest
from variants import footnote_file

from extractor.ingest import load_document

SEED = "xa-kon-gang-ke-hoach-tt124"


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_footnote_marks_do_not_glue_and_bodies_are_kept_apart(fmt):
    document = load_document(footnote_file(SEED, fmt))
    text = "\n".join(page.text for page in document.pages)
    assert "Thông tư số 124/2021/TT-BCA ngày 28/12/2021 của Bộ Công an" in text
    assert "58/KH-UBND ngày 23 tháng 3 năm 2022" in text
    assert not re.search(r"TT-BCA\d|/20\d\d\d", text)
    assert "Chú thích" not in text
    notes = [(page.number, note) for page in document.pages for note in page.footnotes]
    assert [note for _, note in notes][:2] == [
        "1 Chú thích 1: xem văn bản gốc.",
        "2 Chú thích 2: xem văn bản gốc.",
    ]
    assert len(notes) >= 7 and notes[0][0] == 1


def test_footnoted_pdf_gives_the_clean_references_and_dates(seed_path):
    from extractor.pipeline import extract_file

    def keys(path):
        return sorted(
            (e.kind, e.text) for e in extract_file(path).evidence if e.kind in ("legal_ref", "date")
        )

    assert keys(footnote_file(SEED, "pdf")) == keys(seed_path(SEED, "pdf"))


def test_units_m2_are_not_footnotes(tmp_path):
    import docx
    from fixtures.files import convert, use_font

    document = docx.Document()
    use_font(document)
    paragraph = document.add_paragraph("Xây dựng nhà văn hóa rộng 120 m")
    paragraph.add_run("2").font.superscript = True
    paragraph.add_run(" theo Kế hoạch số 39/KH-UBND")
    paragraph.add_run("3").font.superscript = True
    paragraph.add_run(" của Ủy ban nhân dân xã.")
    source = tmp_path / "m2.docx"
    document.save(str(source))
    text = load_document(convert(source, "pdf", tmp_path)).pages[0].text
    assert "120 m2" in text and "39/KH-UBND của" in text
