"""Upload checks by content, never by file name: magic bytes, zip bombs, encryption, obvious corruption.

``check_upload(path, settings.limits())`` returns the format (pdf, docx, odt, doc, rtf, txt) or raises a typed
error from :mod:`extractor.errors`. Checks are cheap; the worker's full ingestion may still find more.
"""

from __future__ import annotations

import codecs
import re
import threading
import zipfile
from pathlib import Path
from typing import IO

from extractor.errors import (
    CorruptFileError,
    EmptyDocumentError,
    EncryptedFileError,
    FileTooLargeError,
    UnsafeArchiveError,
    UnsupportedFormatError,
)
from extractor.ingest.limits import Limits
from extractor.ingest.safety import open_archive

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# Formats that are clearly not documents, named so the error can say what was sent.
KNOWN_OTHER = {
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"MZ": "Windows program",
    b"\x7fELF": "ELF program",
    b"\x1f\x8b": "gzip archive",
    b"Rar!": "RAR archive",
    b"7z\xbc\xaf": "7z archive",
}


# pdfium is not thread-safe and the API checks uploads on several threads at once: one lock for all calls.
PDFIUM_LOCK = threading.Lock()
XML_PART_SUFFIXES = (".xml", ".rels")
MAX_PROLOG_BYTES = 256 * 1024  # an XML part's prolog longer than this is refused as unsafe
MAX_PROLOG_TOTAL = 8 * 1024 * 1024  # prolog bytes read over all parts of one file
_PROLOG_SKIP = re.compile(r"\s+|<\?.*?\?>|<!--.*?-->", re.DOTALL)


def _prolog_decoder(head: bytes) -> codecs.IncrementalDecoder:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[:2] in (b"<\x00", b"\x00<"):
        return codecs.getincrementaldecoder("utf-16")(errors="replace")
    return codecs.getincrementaldecoder("utf-8-sig")(errors="replace")


def _declares_dtd(stream: IO[bytes], budget: int) -> tuple[bool, int]:
    """Does the XML part in ``stream`` declare a DTD (``<!DOCTYPE``) before its root element? Reads only
    the prolog, at most ``budget`` bytes; returns (verdict, bytes read). An endless prolog counts as a DTD."""
    decoder, text, read = None, "", 0
    while read < min(budget, MAX_PROLOG_BYTES):
        chunk = stream.read(4096)
        if decoder is None:
            decoder = _prolog_decoder(chunk)
        read += len(chunk)
        text += decoder.decode(chunk, final=not chunk)
        position = 0
        while match := _PROLOG_SKIP.match(text, position):
            position = match.end()
        rest = text[position:]
        if rest.upper().startswith("<!DOCTYPE") or rest.upper().startswith("<!ENTITY"):
            return True, read
        if (len(rest) >= 2 and rest[0] == "<" and rest[1] not in "?!") or (rest and rest[0] != "<"):
            return False, read  # the root element (or not XML at all: the reader will say so)
        if not chunk:
            return False, read
    return True, read


def _check_xml_parts(archive: zipfile.ZipFile) -> None:
    """Refuse a DOCX/ODT whose XML declares a DTD (entity bombs, external entities) at upload."""
    budget = MAX_PROLOG_TOTAL
    for info in archive.infolist():
        if info.is_dir() or not info.filename.lower().endswith(XML_PART_SUFFIXES):
            continue
        with archive.open(info) as stream:
            has_dtd, read = _declares_dtd(stream, budget)
        if has_dtd:
            raise UnsafeArchiveError(f"{info.filename} declares a DTD (entities are not allowed)")
        budget -= read
        if budget <= 0:
            raise UnsafeArchiveError("XML prologs too long")


def _zip_format(path: Path, limits: Limits) -> str:
    with open_archive(path, limits) as archive:
        names = set(archive.namelist())
        if "word/document.xml" in names:
            _check_xml_parts(archive)
            return "docx"
        if "mimetype" in names and archive.read("mimetype").strip() == ODT_MIMETYPE:
            _check_xml_parts(archive)
            return "odt"
        bad = archive.testzip()
        if bad:
            raise CorruptFileError(f"damaged entry {bad}")
    raise UnsupportedFormatError("a zip archive that is not a DOCX or ODT document")


def _ole_format(path: Path) -> str:
    data = path.read_bytes()[: 2 * 1024 * 1024]
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise EncryptedFileError("password-protected Office document")
    if "WordDocument".encode("utf-16-le") in data:
        return "doc"
    raise UnsupportedFormatError("an Office file that is not a Word document")


def _check_pdf(path: Path) -> None:
    with PDFIUM_LOCK:
        _check_pdf_unlocked(path)


def _check_pdf_unlocked(path: Path) -> None:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        message = str(error).lower()
        if "password" in message:
            raise EncryptedFileError("password-protected PDF") from error
        raise CorruptFileError(str(error)) from error
    try:
        if len(pdf) == 0:
            raise EmptyDocumentError("PDF with no pages")
    finally:
        pdf.close()


def _looks_like_text(head: bytes) -> bool:
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
        return True
    except UnicodeDecodeError as error:
        if error.start > len(head) - 4:  # a multi-byte character cut by the sample's end
            return True
    from charset_normalizer import from_bytes

    best = from_bytes(head).best()
    return best is not None and best.encoding is not None


def check_upload(path: Path, limits: Limits) -> str:
    """The document format of ``path`` judged by its content; a typed error when it must be refused.
    ``limits``: ``Settings.limits()``; archives go through the library's one zip check (``open_archive``)."""
    size = path.stat().st_size
    if size == 0:
        raise EmptyDocumentError("empty file")
    if size > limits.max_bytes:
        raise FileTooLargeError(f"{size} bytes > limit {limits.max_bytes}")
    with path.open("rb") as handle:
        head = handle.read(8192)
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        _check_pdf(path)
        return "pdf"
    if head.startswith(ZIP_MAGIC):
        return _zip_format(path, limits)
    if head.startswith(OLE_MAGIC):
        return _ole_format(path)
    if head.startswith(b"{\\rtf"):
        return "rtf"
    for magic, name in KNOWN_OTHER.items():
        if head.startswith(magic):
            raise UnsupportedFormatError(name)
    if _looks_like_text(head):
        return "txt"
    raise UnsupportedFormatError("unrecognised binary content")


def check_zip_upload(path: Path, limits: Limits) -> None:
    """A bulk upload must be a safe zip archive of dossiers (the same check as the bulk run's input)."""
    with path.open("rb") as handle:
        if not handle.read(4).startswith(ZIP_MAGIC):
            raise UnsupportedFormatError("bulk upload must be a .zip archive")
    open_archive(path, limits, bulk=True).close()
