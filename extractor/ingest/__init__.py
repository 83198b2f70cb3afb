"""Ingestion: any supported file → :class:`~extractor.models.RawDocument` (pages of NFC text).

``load_document`` sniffs the content (magic bytes, never the file name), applies the size and
safety limits, and dispatches: PDF (pypdfium2; pdfplumber boxes on request; OCR for pages
without a text layer), DOCX (python-docx), DOC/ODT/RTF (LibreOffice → DOCX), TXT (encoding
detection). Legacy TCVN3/VNI text is converted to Unicode; Vietnamese typed without
diacritics is flagged (``warnings``) and its key phrases restored (:mod:`diacritics`). Every failure is a typed
:class:`~extractor.errors.MinhChungError`.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from extractor.errors import (
    CorruptFileError,
    EmptyDocumentError,
    EncryptedFileError,
    MinhChungError,
    UnsupportedFormatError,
)
from extractor.ingest.limits import Limits
from extractor.ingest.safety import (
    check_file_size,
    check_page_count,
    duplicate_members,
    open_archive,
    read_member,
)
from extractor.models import RawDocument

__all__ = ["Limits", "load_document", "sniff_format"]

NO_DIACRITICS_WARNING = "no_diacritics: the text is Vietnamese typed without diacritics (lower confidence)"
RESTORED_WARNING = "diacritics_restored"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODT_MIME = b"application/vnd.oasis.opendocument.text"


def sniff_format(path: Path, head: bytes, limits: Limits) -> str:
    """``pdf``, ``docx``, ``odt``, ``doc``, ``rtf`` or ``txt`` from the file's bytes."""
    if not head:
        raise EmptyDocumentError("the file is empty (0 bytes)", source=str(path))
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        with open_archive(path, limits) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return "docx"
            if (
                "mimetype" in names
                and read_member(archive, "mimetype", limits, str(path))[:100].strip() == _ODT_MIME
            ):
                return "odt"
        raise UnsupportedFormatError("a ZIP archive that is neither DOCX nor ODT", source=str(path))
    if head.startswith(_OLE2):
        with path.open("rb") as handle:
            body = handle.read(min(path.stat().st_size, 4 * 1024 * 1024))
        if "EncryptionInfo".encode("utf-16-le") in body or "EncryptedPackage".encode("utf-16-le") in body:
            raise EncryptedFileError("password-protected Office document", source=str(path))
        if "WordDocument".encode("utf-16-le") in body:
            return "doc"
        raise UnsupportedFormatError("an OLE2 file that is not a Word document", source=str(path))
    if head.lstrip(b"\xef\xbb\xbf").startswith(b"{\\rtf"):
        return "rtf"
    from extractor.ingest.text import looks_like_text

    if looks_like_text(head):
        return "txt"
    raise UnsupportedFormatError("unrecognised binary content", source=str(path))


def load_document(
    path: str | Path,
    *,
    limits: Limits | None = None,
    with_boxes: bool = False,
    ocr: bool = True,
    check_language: bool = True,
) -> RawDocument:
    """Read one file into pages of Unicode NFC text with provenance.

    ``with_boxes`` (PDF) keeps one character box per character of each page's text (pdfplumber);
    ``ocr`` reads pages without a text layer with Tesseract; ``check_language`` raises
    :class:`~extractor.errors.NotVietnameseError` for text that is clearly not Vietnamese.
    """
    path = Path(path)
    limits = limits or Limits.from_env()
    source = str(path)
    try:
        if not path.is_file():
            raise CorruptFileError("no such file", source=source)
        check_file_size(path, limits)
        data = path.read_bytes()
        fmt = sniff_format(path, data[:8192], limits)
        document = _read(path, data, fmt, limits, with_boxes=with_boxes, ocr=ocr)
    except MinhChungError as error:
        error.source = error.source or source
        raise
    except (OSError, MemoryError, RecursionError) as error:
        raise CorruptFileError(f"{type(error).__name__}: {error}", source=source) from error
    except Exception as error:  # a parser's own exception on damaged input: still a typed error
        raise CorruptFileError(
            f"unreadable ({type(error).__name__}: {str(error)[:200]})", source=source
        ) from error
    check_page_count(document.page_count, limits, source)
    if not any(page.text.strip() for page in document.pages):
        raise EmptyDocumentError("no text found in the document", source=source)
    from extractor.language import ensure_vietnamese, typed_without_diacritics

    whole = "\n".join(page.text for page in document.pages)
    if check_language:
        ensure_vietnamese(whole, source=source)
    if typed_without_diacritics(whole):
        from extractor.ingest.diacritics import restore_key_phrases, restore_syllables

        phrases = syllables = 0
        for page in document.pages:  # same length: offsets and boxes stay valid
            page.text, count = restore_key_phrases(page.text)
            page.text, changed = restore_syllables(page.text)
            phrases, syllables = phrases + count, syllables + changed
        document.warnings.append(NO_DIACRITICS_WARNING)
        document.warnings.append(
            f"{RESTORED_WARNING}: {phrases} phrases of the lexicons (document types, "
            f"issuers, date words, count units), then {syllables} other syllables"
        )
    return document


def _read(path: Path, data: bytes, fmt: str, limits: Limits, *, with_boxes: bool, ocr: bool) -> RawDocument:
    sha256 = hashlib.sha256(data).hexdigest()
    source = str(path)
    if fmt == "pdf":
        from extractor.ingest import pdf

        pages, found = (pdf.read_pdf_boxes if with_boxes else pdf.read_pdf_text)(path, limits)
        document = RawDocument(
            source=source, sha256=sha256, format="pdf", pages=pages, legacy_encoding=found, encoding=found
        )
        if ocr:
            from extractor.ingest.ocr import has_no_text, ocr_pages

            if any(has_no_text(p) for p in pages):
                read = ocr_pages(path, pages, limits)
                if read:
                    document.ocr = True
                    document.warnings.append(f"OCR (tesseract vie) on pages {read}: lower confidence")
                    for number in read:  # OCR text has no boxes from the text layer
                        if pages[number - 1].boxes is not None:
                            pages[number - 1].boxes = [None] * len(pages[number - 1].text)
        return document
    if fmt in ("docx", "doc", "odt", "rtf"):
        from extractor.ingest.docx import read_docx

        warnings: list[str] = []
        if fmt == "docx":
            pages, headers, found = read_docx(path, limits)
            with open_archive(path, limits) as archive:
                warnings += [
                    f"duplicate_member: {name} is stored twice, the last copy was read"
                    for name in duplicate_members(archive)
                ]
        else:
            from extractor.ingest.convert import converted_to_docx

            with converted_to_docx(path, limits, fmt) as converted:
                pages, headers, found = read_docx(converted, limits)
        return RawDocument(
            source=source,
            sha256=sha256,
            format=fmt,
            pages=pages,
            headers=headers,
            legacy_encoding=found,
            encoding=found,
            warnings=warnings,
        )
    from extractor.ingest.text import read_text

    pages, encoding, found = read_text(data, source)
    return RawDocument(
        source=source, sha256=sha256, format="txt", pages=pages, encoding=encoding, legacy_encoding=found
    )
