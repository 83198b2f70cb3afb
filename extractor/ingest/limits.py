"""Resource limits for ingestion: file size, page count, archive size, tool time-outs.

Every ZIP limit (DOCX/ODT documents and the .zip of dossiers a bulk run or a bulk upload reads)
lives here, in :class:`Limits`, and nowhere else: the upload check (``api/sniff.py``, which builds
its ``Limits`` from ``api.settings.Settings.limits()``), ingestion and bulk input all go through
:func:`extractor.ingest.safety.open_archive`.

Defaults suit real báo cáo / kế hoạch files; each can be changed per call or through the
environment (``MINHCHUNG_MAX_BYTES``, ``MINHCHUNG_MAX_PAGES``, ``MINHCHUNG_MAX_UNCOMPRESSED_BYTES``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

MB = 1024 * 1024


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        return default


@dataclass(frozen=True)
class Limits:
    """Bounds that keep a bad or hostile file from exhausting time or memory."""

    max_bytes: int = 50 * MB
    max_pages: int = 500
    # --- ZIP archives (DOCX/ODT documents and bulk .zip inputs): checked by ingest/safety.open_archive
    max_uncompressed_bytes: int = 200 * MB  # DOCX/ODT: sum of member sizes
    max_compression_ratio: int = (
        100  # a member over 1 MiB packed tighter than this is a zip bomb (any archive)
    )
    max_archive_members: int = 5000  # DOCX/ODT
    max_member_bytes: int = 200 * MB  # one member, uncompressed (any archive)
    max_nesting_depth: int = 32  # folder levels in one member's path (any archive)
    max_bulk_members: int = 100_000  # a .zip of dossiers (bulk run, bulk upload)
    max_bulk_uncompressed_bytes: int = 20 * 1024 * MB  # a .zip of dossiers: sum of member sizes
    max_xml_part_bytes: int = 64 * MB  # the biggest XML part we are willing to parse
    max_ocr_pages: int = 100
    convert_timeout_s: float = 120.0
    ocr_timeout_s: float = 120.0  # per page
    max_render_pixels: int = (
        20_000_000  # OCR bitmap of one page (A4 at 300 dpi: 8.7 M, A3: 17.4 M); larger ones coarser
    )
    max_combining_marks: int = 4  # in a row on one letter (Vietnamese needs 2); more make NFC quadratic
    max_table_pages: int = 50  # PDF pages read a second time by pdfplumber for their tables of figures
    max_table_page_chars: int = 30_000  # a page with more text is not searched for tables
    max_digit_run: int = 64  # digits read as one number; longer runs are broken (int() refuses > 4,300)

    @classmethod
    def from_env(cls) -> Limits:
        base = cls()
        return cls(
            max_bytes=_env_int("MINHCHUNG_MAX_BYTES", base.max_bytes),
            max_pages=_env_int("MINHCHUNG_MAX_PAGES", base.max_pages),
            max_uncompressed_bytes=_env_int("MINHCHUNG_MAX_UNCOMPRESSED_BYTES", base.max_uncompressed_bytes),
        )
