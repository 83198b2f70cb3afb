"""Upload checks by content, never by file name: magic bytes, zip bombs, encryption, obvious corruption.

``check_upload(path, settings)`` returns the format (pdf, docx, odt, doc, rtf, txt) or raises a typed
error from :mod:`extractor.errors`. Checks are cheap; the worker's full ingestion may still find more.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from extractor.errors import (
    CorruptFileError,
    EmptyDocumentError,
    EncryptedFileError,
    FileTooLargeError,
    UnsafeArchiveError,
    UnsupportedFormatError,
)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# Formats that are clearly not documents, named so the error can say what was sent.
KNOWN_OTHER = {
    b"\x89PNG": "PNG image", b"\xff\xd8\xff": "JPEG image", b"GIF8": "GIF image", b"MZ": "Windows program",
    b"\x7fELF": "ELF program", b"\x1f\x8b": "gzip archive", b"Rar!": "RAR archive", b"7z\xbc\xaf": "7z archive",
}


def _check_zip(path: Path, max_unzipped: int, max_ratio: int) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise CorruptFileError(f"broken zip container: {error}") from error
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if info.file_size > 1024 * 1024 and info.compress_size and info.file_size / info.compress_size > max_ratio:
            raise UnsafeArchiveError(f"{info.filename} expands {info.file_size // info.compress_size}×")
    if total > max_unzipped:
        raise UnsafeArchiveError(f"expands to {total} bytes (limit {max_unzipped})")
    if len(archive.infolist()) > 10000:
        raise UnsafeArchiveError("too many entries")
    return archive


def _zip_format(path: Path, max_unzipped: int, max_ratio: int) -> str:
    with _check_zip(path, max_unzipped, max_ratio) as archive:
        names = set(archive.namelist())
        if "word/document.xml" in names:
            return "docx"
        if "mimetype" in names and archive.read("mimetype").strip() == ODT_MIMETYPE:
            return "odt"
        bad = archive.testzip()
        if bad:
            raise CorruptFileError(f"damaged entry {bad}")
    raise UnsupportedFormatError("a zip archive that is not a DOCX or ODT document")


def _ole_format(path: Path) -> str:
    data = path.read_bytes()[:2 * 1024 * 1024]
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise EncryptedFileError("password-protected Office document")
    if "WordDocument".encode("utf-16-le") in data:
        return "doc"
    raise UnsupportedFormatError("an Office file that is not a Word document")


def _check_pdf(path: Path) -> None:
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


def check_upload(path: Path, *, max_bytes: int, max_unzipped: int, max_ratio: int) -> str:
    """The document format of ``path`` judged by its content; a typed error when it must be refused."""
    size = path.stat().st_size
    if size == 0:
        raise EmptyDocumentError("empty file")
    if size > max_bytes:
        raise FileTooLargeError(f"{size} bytes > limit {max_bytes}")
    with path.open("rb") as handle:
        head = handle.read(8192)
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        _check_pdf(path)
        return "pdf"
    if head.startswith(ZIP_MAGIC):
        return _zip_format(path, max_unzipped, max_ratio)
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


def check_zip_upload(path: Path, *, max_unzipped: int, max_ratio: int) -> None:
    """A bulk upload must be a safe zip archive."""
    with path.open("rb") as handle:
        if not handle.read(4).startswith(ZIP_MAGIC):
            raise UnsupportedFormatError("bulk upload must be a .zip archive")
    _check_zip(path, max_unzipped, max_ratio).close()
