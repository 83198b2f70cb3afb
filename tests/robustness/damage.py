"""Seeded builders of damaged files: hundreds of small variants of one seed PDF, DOCX and TXT.

Each builder returns ``(name, suffix, bytes)`` triples, deterministic for a given seed, made at test
time from the real LibreOffice/python-docx fixtures: byte flips, truncation (with and without a fake
``%%EOF``), deleted ranges, ZIP member damage (encrypted flag, impossible zip version, unknown
compression, duplicates, missing members), XML damage inside ``word/document.xml``, deep nesting,
a huge MediaBox, combining-mark floods and over-long digit runs; and flips of the table, footnote
and TCVN3 files of :mod:`variants`.
"""

from __future__ import annotations

import io
import random
import re
import struct
import warnings
import zipfile
from collections.abc import Iterator

from fixtures import bad_inputs
from fixtures.files import seed_file, seed_text

SEED = "ubnd-son-la-cong-van-2026"
Variant = tuple[str, str, bytes]


def _flip(data: bytes, rng: random.Random, count: int, start: int = 0) -> bytes:
    damaged = bytearray(data)
    for _ in range(count):
        position = rng.randrange(start, len(damaged))
        damaged[position] ^= rng.randrange(1, 256)
    return bytes(damaged)


def _delete_range(data: bytes, rng: random.Random, longest: int) -> bytes:
    start = rng.randrange(0, len(data) - 1)
    return data[:start] + data[start + rng.randint(1, longest) :]


def pdf_variants(rng: random.Random, scale: int = 1) -> Iterator[Variant]:
    """Byte flips, truncations, deleted ranges, a broken xref offset and huge MediaBoxes of the seed PDF."""
    data = seed_file(SEED, "pdf").read_bytes()
    for index in range(40 * scale):
        yield f"pdf-flip-{index}", "pdf", _flip(data, rng, rng.choice((1, 2, 4, 16)))
    for index in range(10 * scale):
        yield f"pdf-truncated-{index}", "pdf", data[: rng.randrange(1, len(data))]
    for index in range(10 * scale):
        yield f"pdf-truncated-eof-{index}", "pdf", data[: rng.randrange(9, len(data))] + b"\n%%EOF\n"
    for index in range(8 * scale):
        yield f"pdf-deleted-{index}", "pdf", _delete_range(data, rng, 400)
    yield "pdf-bad-startxref", "pdf", re.sub(rb"startxref\s+\d+", b"startxref\n999999999", data)
    yield (
        "pdf-huge-mediabox-text",
        "pdf",
        re.sub(rb"/MediaBox\s*\[[^\]]*\]", b"/MediaBox [0 0 14400 14400]", data),
    )
    yield "pdf-huge-mediabox-image", "pdf", _hand_made_huge_mediabox()


def _hand_made_huge_mediabox() -> bytes:
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as out:
        return bad_inputs.huge_mediabox_pdf(Path(out)).read_bytes()


def _rezip(data: bytes, replace: dict[str, bytes | None], extra: tuple[tuple[str, bytes], ...] = ()) -> bytes:
    """The archive ``data`` with members replaced (``None`` removes one) and extra members appended."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as sink,
        warnings.catch_warnings(),
    ):
        warnings.simplefilter("ignore")  # duplicate names are wanted here
        for item in source.infolist():
            body = replace.get(item.filename, source.read(item.filename))
            if body is not None:
                sink.writestr(item.filename, body)
        for name, body in extra:
            sink.writestr(name, body)
    return buffer.getvalue()


def _set_header_field(
    data: bytes, member: str, local_at: int, central_at: int, value: int, size: int
) -> bytes:
    """Overwrite a field of ``member``'s local and central ZIP headers (offsets inside each header)."""
    damaged = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        local = archive.getinfo(member).header_offset
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        name_len = struct.unpack("<H", data[central + 28 : central + 30])[0]
        if data[central + 46 : central + 46 + name_len] == member.encode():
            break
        central = data.find(b"PK\x01\x02", central + 4)
    fmt = "<H" if size == 2 else "<B"
    damaged[local + local_at : local + local_at + size] = struct.pack(fmt, value)
    damaged[central + central_at : central + central_at + size] = struct.pack(fmt, value)
    return bytes(damaged)


def _xml_damage(xml: bytes, rng: random.Random) -> bytes:
    kind = rng.randrange(5)
    if kind == 0:
        return _flip(xml, rng, rng.choice((1, 3, 10)))
    if kind == 1:
        return _delete_range(xml, rng, 2000)
    if kind == 2:  # a chunk repeated: unbalanced or duplicated elements
        start = rng.randrange(0, len(xml) - 1)
        chunk = xml[start : start + rng.randint(1, 3000)]
        return xml[:start] + chunk * rng.randint(2, 5) + xml[start:]
    if kind == 3:  # text replaced by markup-looking junk
        return xml.replace(b"<w:t>", b"<w:t>&amp;<![CDATA[x]]>", rng.randint(1, 20))
    return xml[: rng.randrange(1, len(xml))]  # the XML cut short


def _body_insert(xml: bytes, inner: bytes) -> bytes:
    at = xml.index(b"<w:body>") + len(b"<w:body>")
    return xml[:at] + inner + xml[at:]


def docx_variants(rng: random.Random, scale: int = 1) -> Iterator[Variant]:
    """ZIP-level and XML-level damage of the seed DOCX."""
    data = seed_file(SEED, "docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.namelist()
        xml = archive.read("word/document.xml")
    for index in range(25 * scale):
        yield f"docx-flip-{index}", "docx", _flip(data, rng, rng.choice((1, 2, 8)))
    for index in range(8 * scale):
        yield f"docx-truncated-{index}", "docx", data[: rng.randrange(1, len(data))]
    for index in range(30 * scale):
        yield f"docx-xml-{index}", "docx", _rezip(data, {"word/document.xml": _xml_damage(xml, rng)})
    for member in members:
        slug = member.replace("/", "_")
        yield f"docx-encrypted-{slug}", "docx", _set_header_field(data, member, 6, 8, 1, 2)
        yield f"docx-version-{slug}", "docx", _set_header_field(data, member, 4, 6, 99, 1)
        yield f"docx-compression-{slug}", "docx", _set_header_field(data, member, 8, 10, 99, 2)
        yield f"docx-duplicate-{slug}", "docx", _rezip(data, {}, ((member, b"<?xml version='1.0'?><x/>"),))
        yield f"docx-missing-{slug}", "docx", _rezip(data, {member: None})
    paragraph = b"<w:p><w:r><w:t>%s</w:t></w:r></w:p>"
    flood = ("a" + "\u0301\u0323\u0302\u0300" * 20_000).encode()
    yield (
        "docx-combining-flood",
        "docx",
        _rezip(data, {"word/document.xml": _body_insert(xml, paragraph % flood)}),
    )
    yield (
        "docx-huge-number",
        "docx",
        _rezip(data, {"word/document.xml": _body_insert(xml, paragraph % (b"9" * 6000))}),
    )
    nested = b"<w:sdt><w:sdtContent>" * 5000 + paragraph % b"x" + b"</w:sdtContent></w:sdt>" * 5000
    yield "docx-deep-nesting", "docx", _rezip(data, {"word/document.xml": _body_insert(xml, nested)})
    table = b"<w:tbl>" + b"<w:tr><w:tc>" * 300 + paragraph % b"y" + b"</w:tc></w:tr>" * 300 + b"</w:tbl>"
    yield "docx-nested-tables", "docx", _rezip(data, {"word/document.xml": _body_insert(xml, table)})


def txt_variants(rng: random.Random, scale: int = 1) -> Iterator[Variant]:
    """Floods, long lines, random bytes and damaged encodings of the seed text."""
    text = seed_text(SEED).read_text(encoding="utf-8")
    for marks in (1_000, 20_000, 100_000):
        flood = "a" + "\u0301\u0323\u0302\u0300\u0316" * (marks // 5)
        yield f"txt-combining-{marks}", "txt", (text[:2000] + flood + text[2000:]).encode()
    yield "txt-huge-number", "txt", (text[:2000] + " " + "9" * 20_000 + " " + text[2000:]).encode()
    yield "txt-grouped-huge-number", "txt", (text[:2000] + " " + "999." * 5_000 + "9 " + text[2000:]).encode()
    yield "txt-long-word", "txt", (text[:2000] + "a" * 200_000 + "\n" + text[2000:]).encode()
    yield "txt-long-slashes", "txt", (text[:2000] + "12/" * 30_000 + "\n" + text[2000:]).encode()
    yield "txt-many-lines", "txt", (text[:2000] + "- 1\n" * 30_000 + text[2000:]).encode()
    yield "txt-nul-bytes", "txt", text.encode().replace(b" ", b"\x00", 50)
    for index in range(6 * scale):
        yield f"txt-random-{index}", "txt", rng.randbytes(rng.choice((10, 500, 5000)))
    for index in range(8 * scale):
        encoding = rng.choice(("utf-8", "utf-16", "cp1258"))
        yield f"txt-flip-{encoding}-{index}", "txt", _flip(text.encode(encoding, errors="replace"), rng, 20)


def layout_variants(rng: random.Random, scale: int = 1) -> Iterator[Variant]:
    """Byte flips and truncations of the files that take the slower paths: a table of figures
    (pdfplumber), footnotes (character sizes), TCVN3 (legacy decoding and "ư" restoration)."""
    from fixtures.files import figure_table_file
    from variants import footnote_file, tcvn3_file

    sources = {
        "table-pdf": figure_table_file("pdf"),
        "table-docx": figure_table_file("docx"),
        "footnote-pdf": footnote_file(SEED, "pdf"),
        "footnote-docx": footnote_file(SEED, "docx"),
        "tcvn3-pdf": tcvn3_file(SEED, "pdf"),
    }
    for label, path in sources.items():
        data, suffix = path.read_bytes(), path.suffix[1:]
        for index in range(5 * scale):
            yield f"{label}-flip-{index}", suffix, _flip(data, rng, rng.choice((1, 4, 16)))
        yield f"{label}-truncated-eof", suffix, data[: rng.randrange(9, len(data))] + b"\n%%EOF\n"


def all_variants(seed: int = 11, scale: int = 1) -> list[Variant]:
    """Every damaged variant, deterministic for ``seed``; ``scale`` multiplies the random ones."""
    rng = random.Random(seed)
    return [
        *pdf_variants(rng, scale),
        *docx_variants(rng, scale),
        *txt_variants(rng, scale),
        *layout_variants(rng, scale),
    ]
