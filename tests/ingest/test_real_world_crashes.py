"""Issue 11: real-world inputs that used to escape as raw exceptions or hang now read, or end in a
typed :class:`~extractor.errors.MinhChungError`, in bounded time and memory."""

from __future__ import annotations

import re
import unicodedata

import pytest
from fixtures import bad_inputs

from extractor.errors import CorruptFileError, EncryptedFileError, MinhChungError
from extractor.ingest import Limits, load_document, ocr
from extractor.ingest.sanitize import bound_marks, break_digit_runs, safe_nfc

_MARK_RUN = re.compile("[\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff]{5,}")


@pytest.mark.parametrize(("period", "iso"), [("6 tháng đầu năm", "--H1"), ("quý I", "--Q1")])
def test_title_with_a_period_but_no_year_extracts(tmp_path, period, iso):
    from extractor.pipeline import extract_file

    result = extract_file(bad_inputs.period_without_year_txt(tmp_path, period))
    assert result.document.period == iso
    assert result.document.year is None
    assert result.document.doc_type == "bao_cao"
    assert any(e.kind == "legal_ref" and "124/2021/TT-BCA" in e.text for e in result.evidence)


@pytest.mark.parametrize(
    ("make", "error", "detail"),
    [
        (bad_inputs.zlib_error_docx, CorruptFileError, "word/document.xml"),
        (bad_inputs.encrypted_member_docx, EncryptedFileError, "encrypted"),
        (bad_inputs.bad_zip_version_docx, CorruptFileError, "version"),
        (bad_inputs.duplicate_document_docx, CorruptFileError, "twice"),
    ],
    ids=lambda v: getattr(v, "__name__", ""),
)
def test_damaged_docx_archive_gets_a_typed_error(tmp_path, make, error, detail):
    path = make(tmp_path)
    with pytest.raises(error) as caught:
        load_document(path)
    assert detail in caught.value.detail
    assert caught.value.source == str(path)


def test_number_of_more_than_4300_digits_keeps_the_rest_of_the_report(tmp_path):
    from extractor.pipeline import extract_file

    result = extract_file(bad_inputs.huge_number_txt(tmp_path, digits=5000), include_text=True)
    assert result.document.text.count("9") >= 5000  # nothing lost: the digits are only spaced
    assert any(e.kind == "count" and e.value.get("value") == 350 for e in result.evidence)
    assert any(e.kind == "legal_ref" for e in result.evidence)


def test_digit_runs_are_broken_with_a_map():
    text, index_map, runs = break_digit_runs("x " + "1" * 10 + " y", limit=4)
    assert text == "x 1111 1111 11 y" and runs == 1
    assert [text[i] for i, source in enumerate(index_map) if source < 0] == [" ", " "]
    assert break_digit_runs("có 1.250.000 người, 3,5%")[1] is None


def test_huge_mediabox_renders_within_the_pixel_cap(tmp_path, monkeypatch):
    import pypdfium2 as pdfium

    rendered: list[int] = []
    original = pdfium.PdfPage.render

    def spy(self, *args, **kwargs):
        bitmap = original(self, *args, **kwargs)
        rendered.append(bitmap.width * bitmap.height)
        return bitmap

    monkeypatch.setattr(pdfium.PdfPage, "render", spy)
    limits = Limits(max_render_pixels=4_000_000)
    path = bad_inputs.huge_mediabox_pdf(tmp_path)
    assert path.stat().st_size < 1024
    with pytest.raises(MinhChungError):  # one blank image: OCR finds no text
        load_document(path, limits=limits)
    assert rendered and max(rendered) <= limits.max_render_pixels


def test_render_scale_is_300_dpi_for_ordinary_pages():
    assert ocr.render_scale(595, 842, Limits()) == pytest.approx(300 / 72)
    assert 14400**2 * ocr.render_scale(14400, 14400, Limits()) ** 2 <= Limits().max_render_pixels * 1.0001


def test_combining_mark_flood_never_reaches_nfc_unbounded(tmp_path, monkeypatch):
    """Proof of linear time without a clock: no string given to NFC holds a long run of marks
    (NFC's mark reordering is what is quadratic)."""
    from extractor.clean import normalize

    longest: list[int] = [0]
    original = unicodedata.normalize

    def spy(form, text):
        runs = [len(m.group()) for m in _MARK_RUN.finditer(text)]
        longest[0] = max([longest[0], *runs])
        return original(form, text)

    path = bad_inputs.combining_flood_txt(tmp_path, marks=60_000)
    monkeypatch.setattr(unicodedata, "normalize", spy)
    raw = load_document(path)
    normalized = normalize(raw)
    monkeypatch.undo()
    assert longest[0] <= Limits().max_combining_marks
    assert "124/2021/TT-BCA" in normalized.text
    assert len(normalized.text) < 1000


def test_bound_marks_keeps_vietnamese_and_maps_back():
    word = unicodedata.normalize("NFD", "Nghệ An")
    assert bound_marks(word)[1] is None
    text, kept, dropped = bound_marks("a" + "\u0301" * 10 + "b", limit=2)
    assert text == "a\u0301\u0301b" and dropped == 8 and kept == [0, 1, 2, 11]
    assert safe_nfc("e\u0302\u0323") == "ệ"


def test_an_unforeseen_parser_exception_still_ends_in_a_typed_error(tmp_path, monkeypatch, seed_path):
    """The last line of defence: whatever a parser raises on damaged input becomes CorruptFileError."""
    from extractor.ingest import docx as docx_reader

    def broken(path, limits):
        raise KeyError("a part python-docx did not expect")

    monkeypatch.setattr(docx_reader, "read_docx", broken)
    with pytest.raises(CorruptFileError) as caught:
        load_document(seed_path("ubnd-son-la-cong-van-2026", "docx"))
    assert "KeyError" in caught.value.detail


def test_a_duplicated_minor_part_is_read_with_a_warning(tmp_path):
    import zipfile

    from fixtures.files import seed_file

    source = seed_file("ubnd-son-la-cong-van-2026", "docx")
    target = tmp_path / "duplicate-settings.docx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in original.infolist():
            copy.writestr(item.filename, original.read(item.filename))
        with pytest.warns(UserWarning):
            copy.writestr("word/settings.xml", original.read("word/settings.xml"))
    document = load_document(target)
    assert "Nguyễn Đình Việt" in document.pages[-1].text
    assert any(w.startswith("duplicate_member: word/settings.xml") for w in document.warnings)
