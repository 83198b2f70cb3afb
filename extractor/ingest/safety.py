"""Checks that run before any parser touches a file: size limits, zip bombs, XML entity attacks.

DOCX and ODT are ZIP archives of XML. A hostile archive can claim gigabytes of
uncompressed data (zip bomb) or carry a DTD whose entities expand exponentially
("billion laughs"). Office XML never needs a DTD, so any ``<!DOCTYPE``/``<!ENTITY`` is
rejected, as defusedxml does with ``forbid_dtd``; sizes are bounded before reading.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from extractor.errors import (
    CorruptFileError,
    EncryptedFileError,
    FileTooLargeError,
    MinhChungError,
    UnsafeArchiveError,
)
from extractor.ingest.limits import Limits

_LARGE_MEMBER = 1024 * 1024  # members smaller than this cannot do harm whatever their ratio
_DTD_MARKERS = (b"<!DOCTYPE", b"<!ENTITY")
_COMPRESSIONS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)  # what Office and LibreOffice write
# parts that say what the document is: stored twice, the reader cannot know which one is meant
_ESSENTIAL_PARTS = frozenset(
    {
        "word/document.xml",
        "[Content_Types].xml",
        "_rels/.rels",
        "word/_rels/document.xml.rels",
        "content.xml",
        "mimetype",
        "META-INF/manifest.xml",
    }
)


def check_file_size(path: Path, limits: Limits) -> int:
    """Size of ``path`` in bytes; :class:`FileTooLargeError` when over ``limits.max_bytes``."""
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise FileTooLargeError(f"{size} bytes > limit {limits.max_bytes}", source=str(path))
    return size


def check_page_count(pages: int, limits: Limits, source: str) -> None:
    if pages > limits.max_pages:
        raise FileTooLargeError(f"{pages} pages > limit {limits.max_pages}", source=source)


def open_archive(path: Path, limits: Limits, *, bulk: bool = False) -> zipfile.ZipFile:
    """Open a ZIP container after :func:`check_archive`: the one zip-bomb check of the project (upload,
    ingestion and bulk input). ``bulk``: a .zip of dossiers (bulk totals, no Office part checks)."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as error:
        raise CorruptFileError(
            f"not a readable ZIP archive: {type(error).__name__}: {error}", source=str(path)
        ) from error
    try:
        check_archive(archive.infolist(), limits, str(path), bulk=bulk)
    except MinhChungError:
        archive.close()
        raise
    return archive


def check_archive(members: list[zipfile.ZipInfo], limits: Limits, source: str, *, bulk: bool = False) -> None:
    """Refuse an archive, from its central directory and before any member is read, whose member count,
    total or per-member uncompressed size, compression ratio or path nesting exceeds ``limits``
    (:class:`UnsafeArchiveError`); a document archive (not ``bulk``) also goes through :func:`check_members`.
    Headers can lie about sizes: readers still bound what they read (:func:`read_member`)."""
    if not bulk:
        check_members(members, source)
    max_members = limits.max_bulk_members if bulk else limits.max_archive_members
    max_total = limits.max_bulk_uncompressed_bytes if bulk else limits.max_uncompressed_bytes
    if len(members) > max_members:
        raise UnsafeArchiveError(f"{len(members)} archive members > {max_members}", source=source)
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > limits.max_member_bytes:
            raise UnsafeArchiveError(
                f"member {member.filename} expands to {member.file_size} bytes > limit {limits.max_member_bytes}",
                source=source,
            )
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > _LARGE_MEMBER and ratio > limits.max_compression_ratio:
            raise UnsafeArchiveError(
                f"member {member.filename} expands {ratio:.0f}× ({member.file_size} bytes): zip bomb",
                source=source,
            )
        depth = len([part for part in member.filename.replace("\\", "/").split("/") if part])
        if depth > limits.max_nesting_depth:
            raise UnsafeArchiveError(
                f"member {member.filename[:200]} nests {depth} levels > {limits.max_nesting_depth}",
                source=source,
            )
    if total > max_total:
        raise UnsafeArchiveError(
            f"uncompressed size {total} bytes > limit {max_total}: zip bomb", source=source
        )


def check_members(members: list[zipfile.ZipInfo], source: str) -> None:
    """Refuse, before any member is read, what ``zipfile`` or python-docx would trip over: a part
    that says what the document is stored twice (which one is the document?), an encrypted member,
    an unknown zip version or compression method. Other duplicates (a second ``styles.xml``) are
    read as python-docx reads them, the last one, and reported by :func:`duplicate_members`."""
    seen: set[str] = set()
    for member in members:
        if member.filename in seen and member.filename in _ESSENTIAL_PARTS:
            raise CorruptFileError(f"the archive holds the member {member.filename} twice", source=source)
        seen.add(member.filename)
        if member.flag_bits & 0x1:
            raise EncryptedFileError(f"archive member {member.filename} is encrypted", source=source)
        if member.extract_version > zipfile.MAX_EXTRACT_VERSION:
            raise CorruptFileError(
                f"member {member.filename} needs zip version {member.extract_version / 10:.1f}", source=source
            )
        if member.compress_type not in _COMPRESSIONS:
            raise CorruptFileError(
                f"member {member.filename} uses unknown compression {member.compress_type}", source=source
            )


def duplicate_members(archive: zipfile.ZipFile) -> list[str]:
    """Names stored more than once in the archive."""
    seen: set[str] = set()
    duplicates: list[str] = []
    for name in archive.namelist():
        if name in seen and name not in duplicates:
            duplicates.append(name)
        seen.add(name)
    return duplicates


def read_member(archive: zipfile.ZipFile, name: str, limits: Limits, source: str) -> bytes:
    """Read one archive member, never more than the XML part limit (headers can lie about sizes)."""
    try:
        with archive.open(name) as handle:
            data = handle.read(limits.max_xml_part_bytes + 1)
    except (
        zipfile.BadZipFile,
        OSError,
        EOFError,
        ValueError,
        NotImplementedError,
        RuntimeError,
        zlib.error,
    ) as error:
        if "encrypted" in str(error).lower() or "password" in str(error).lower():
            raise EncryptedFileError(f"archive member {name} is encrypted", source=source) from error
        raise CorruptFileError(
            f"cannot read {name}: {type(error).__name__}: {error}", source=source
        ) from error
    if len(data) > limits.max_xml_part_bytes:
        raise UnsafeArchiveError(f"part {name} larger than {limits.max_xml_part_bytes} bytes", source=source)
    return data


def check_xml_part(data: bytes, name: str, source: str) -> None:
    """Reject DTDs and entity declarations (billion laughs, external entities) in an XML part."""
    head = data
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        head = data.decode("utf-16", errors="ignore").encode("utf-8")
    for marker in _DTD_MARKERS:
        if marker in head:
            raise UnsafeArchiveError(
                f"{name} declares a DTD/entities ({marker.decode()}): XML entity attack refused",
                source=source,
            )


def check_archive_xml(archive: zipfile.ZipFile, limits: Limits, source: str) -> None:
    """Run :func:`check_xml_part` over every XML part of an Office archive."""
    for member in archive.infolist():
        if member.filename.endswith((".xml", ".rels")):
            check_xml_part(read_member(archive, member.filename, limits, source), member.filename, source)
