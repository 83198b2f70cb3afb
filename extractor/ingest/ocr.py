"""Scanned PDFs: find pages without a text layer and read them with Tesseract (``vie``).

Pages are rendered by pypdfium2 at 300 dpi (coarser when that would exceed ``Limits.max_render_pixels``:
a page with a huge MediaBox), despeckled, straightened and binarised (:mod:`scan`) and passed to
the ``tesseract`` command line
(the same engine pytesseract wraps). OCR text is marked on the document (``ocr=True``) so
later stages lower their confidence. Without Tesseract or its Vietnamese model the file
gets :class:`~extractor.errors.ScannedDocumentError`.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from functools import cache
from itertools import islice
from pathlib import Path

from extractor.errors import CorruptFileError, FileTooLargeError, ScannedDocumentError
from extractor.ingest.limits import Limits
from extractor.ingest.sanitize import safe_nfc
from extractor.ingest.scan import prepare_scan
from extractor.models import Page

MIN_TEXT_CHARS = 10  # a page with fewer visible characters has no usable text layer
OCR_LANGUAGE = "vie"
RENDER_DPI = 300
_VISIBLE = re.compile(r"\S")  # the complement of str.isspace, as the regex engine shares its table


def has_no_text(page: Page) -> bool:
    """Fewer than :data:`MIN_TEXT_CHARS` visible characters: stops at the tenth, not at the page's end."""
    return sum(1 for _ in islice(_VISIBLE.finditer(page.text), MIN_TEXT_CHARS)) < MIN_TEXT_CHARS


@cache
def tesseract_status() -> tuple[str | None, bool]:
    """Path of ``tesseract`` and whether its Vietnamese model is installed."""
    binary = shutil.which("tesseract")
    if not binary:
        return None, False
    try:
        listed = subprocess.run([binary, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return binary, False
    languages = {line.strip() for line in (listed.stdout + listed.stderr).splitlines()}
    return binary, OCR_LANGUAGE in languages


def require_tesseract(source: str) -> str:
    binary, has_vie = tesseract_status()
    if not binary:
        raise ScannedDocumentError("install tesseract-ocr and tesseract-ocr-vie to read it", source=source)
    if not has_vie:
        raise ScannedDocumentError(
            "tesseract has no Vietnamese model: install tesseract-ocr-vie", source=source
        )
    return binary


def render_scale(width_pt: float, height_pt: float, limits: Limits) -> float:
    """Points → pixels factor for OCR: :data:`RENDER_DPI`, lowered so the bitmap stays within
    ``limits.max_render_pixels`` (a page with a huge MediaBox would otherwise need gigabytes)."""
    scale = RENDER_DPI / 72
    area = max(width_pt, 1.0) * max(height_pt, 1.0)
    if area * scale * scale > limits.max_render_pixels:
        scale = (limits.max_render_pixels / area) ** 0.5
    return scale


def _page_has_images(page) -> bool:
    import pypdfium2.raw as pdfium_c

    return any(obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects())


def ocr_pages(path: Path, pages: list[Page], limits: Limits) -> list[int]:
    """OCR, in place, every page of ``pages`` that has no text layer but shows an image.

    Returns the numbers of the pages that were read by OCR.
    """
    import pypdfium2 as pdfium

    empty = [p for p in pages if has_no_text(p)]
    if not empty:
        return []
    document = pdfium.PdfDocument(str(path))
    try:
        targets = []
        for page in empty:
            pdf_page = document[page.number - 1]
            try:
                if _page_has_images(pdf_page):
                    targets.append(page)
            finally:
                pdf_page.close()
        if not targets:
            return []
        if len(targets) > limits.max_ocr_pages:
            raise FileTooLargeError(
                f"{len(targets)} scanned pages > OCR limit {limits.max_ocr_pages}", source=str(path)
            )
        binary = require_tesseract(str(path))
        with tempfile.TemporaryDirectory(prefix="minhchung-ocr-") as workdir:
            for page in targets:
                image_path = Path(workdir) / f"page-{page.number}.png"
                pdf_page = document[page.number - 1]
                try:
                    scale = render_scale(pdf_page.get_width(), pdf_page.get_height(), limits)
                    prepared = prepare_scan(pdf_page.render(scale=scale, grayscale=True).to_pil())
                finally:
                    pdf_page.close()
                if prepared is None:  # a blank page: nothing to read
                    continue
                prepared.save(image_path)
                page.text = _tesseract(binary, image_path, limits, str(path))
        return [p.number for p in targets]
    finally:
        document.close()


def _tesseract(binary: str, image: Path, limits: Limits, source: str) -> str:
    try:
        done = subprocess.run(
            [binary, str(image), "stdout", "-l", OCR_LANGUAGE, "--psm", "3"],
            capture_output=True,
            timeout=limits.ocr_timeout_s,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise CorruptFileError(f"OCR timed out after {limits.ocr_timeout_s:.0f} s", source=source) from error
    if done.returncode != 0:
        raise CorruptFileError(
            f"tesseract failed: {done.stderr.decode(errors='replace')[:200]}", source=source
        )
    return safe_nfc(done.stdout.decode("utf-8", errors="replace"))
