"""PDF text layer: pypdfium2 for the text, pdfplumber for the pages that hold tables of figures.

Measured on the seeds (``minhchung bench``): pypdfium2 reads the text layer ~50× faster than
pdfplumber. With ``with_boxes=True`` (:func:`read_pdf_boxes`, for provenance and highlighting) the
same text is read with one box per character (PDFium's loose character boxes), so both paths give
the same text: footnote marks (small raised digits glued to a number or a date) dropped, footnote
bodies kept apart in ``Page.footnotes``. A page whose text looks tabular (a "STT … Đơn vị tính"
header line) is also read by pdfplumber (:mod:`extractor.ingest.pdf_tables`) so its tables of
figures — ruled, or aligned by whitespace only — come out one line per row, boxes kept. Encrypted,
corrupt, truncated and zero-page files raise typed errors; pages without a text layer are left
empty for :mod:`extractor.ingest.ocr`.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from extractor.errors import CorruptFileError, EmptyDocumentError, EncryptedFileError
from extractor.ingest import legacy
from extractor.ingest.limits import Limits
from extractor.ingest.pdf_tables import page_with_tables
from extractor.ingest.safety import check_page_count
from extractor.ingest.sanitize import bound_marks, safe_nfc
from extractor.ingest.tables import looks_tabular, serial_free_indexes
from extractor.models import CharBox, Page

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\ufffe\uffff]")
_EOF_WINDOW = 64 * 1024
_EMPTY_PDF_MAX_BYTES = 64 * 1024  # a PDF with zero pages is smaller than this
# PDFium error codes (FPDF_GetLastError)
_ERR_FORMAT, _ERR_PASSWORD, _ERR_SECURITY = 3, 4, 5


def check_complete(path: Path) -> None:
    """A PDF ends with ``%%EOF``; a file cut short (interrupted upload) does not."""
    with path.open("rb") as handle:
        size = handle.seek(0, 2)
        handle.seek(max(0, size - _EOF_WINDOW))
        tail = handle.read()
    if b"%%EOF" not in tail:
        raise CorruptFileError("truncated PDF: no %%EOF marker at the end", source=str(path))


def open_pdfium(path: Path, limits: Limits):
    """Open with PDFium, translating its load errors into typed errors."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        code = getattr(error, "err_code", None)
        if code in (_ERR_PASSWORD, _ERR_SECURITY):
            raise EncryptedFileError("PDF needs a password", source=str(path)) from error
        # PDFium refuses an empty page tree; an empty PDF is tiny, and pdfminer is slow on big broken files
        if path.stat().st_size <= _EMPTY_PDF_MAX_BYTES and _pdfminer_page_count(path) == 0:
            raise EmptyDocumentError("the PDF has zero pages", source=str(path)) from error
        raise CorruptFileError(f"PDFium cannot parse the file: {error}", source=str(path)) from error
    pages = len(document)
    if pages == 0:
        document.close()
        raise EmptyDocumentError("the PDF has zero pages", source=str(path))
    try:
        check_page_count(pages, limits, str(path))
    except Exception:
        document.close()
        raise
    return document


def _pdfminer_page_count(path: Path) -> int | None:
    try:
        import pdfplumber

        with pdfplumber.open(str(path)) as pdf:
            return len(pdf.pages)
    except Exception:  # any parse failure: not a readable PDF
        return None


def clean_page_text(text: str) -> str:
    """CRLF → LF; PDFium's marks for a hyphen that ends a line (U+FFFE, U+0002; it joins the two
    lines) back to "-" so "947/KH-⏎SKHĐT" stays whole; other controls dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufffe", "-").replace("\x02", "-")
    return _CONTROL.sub("", text)


def _clean_with_boxes(text: str, boxes: list[CharBox | None]) -> tuple[str, list[CharBox | None]]:
    """:func:`clean_page_text` keeping one box per character."""
    out: list[str] = []
    out_boxes: list[CharBox | None] = []
    for index, char in enumerate(text):
        if char == "\r" and text[index + 1 : index + 2] == "\n":
            continue
        cleaned = clean_page_text(char)
        if cleaned:
            out.append(cleaned)
            out_boxes.append(boxes[index])
    return "".join(out), out_boxes


def read_pdf_text(path: Path, limits: Limits, *, with_boxes: bool = False) -> tuple[list[Page], str | None]:
    """Pages of text via PDFium, legacy encodings repaired, NFC. Returns pages and legacy encoding.
    ``with_boxes`` keeps one :class:`CharBox` per character of each page's text (``None`` for the
    spaces and breaks added between glyphs): the text is the same either way."""
    check_complete(path)
    document = open_pdfium(path, limits)
    pages: list[Page] = []
    tabular: list[int] = []
    try:
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            boxes: list[CharBox | None] | None = None
            try:
                raw_text = textpage.get_text_range()
                text = clean_page_text(raw_text)
                if looks_scrambled(text):
                    text, ordered_boxes = ordered_text(textpage, page.get_height())
                    boxes = ordered_boxes if with_boxes else None
                    notes: list[str] = []
                else:
                    kept, notes = footnote_split(textpage, raw_text)
                    if with_boxes:
                        raw_boxes = char_boxes(textpage, page.get_height(), len(raw_text))
                        text, boxes = _clean_with_boxes(
                            kept_text(raw_text, kept),
                            raw_boxes if kept is None else [raw_boxes[i] for i in kept],
                        )
                    elif kept is not None:  # marks dropped; the usual page keeps the text cleaned above
                        text = clean_page_text(kept_text(raw_text, kept))
            finally:
                textpage.close()
                page.close()
            pages.append(
                Page(number=index + 1, text=text, footnotes=[clean_page_text(n) for n in notes], boxes=boxes)
            )
            if len(text) <= limits.max_table_page_chars and looks_tabular(text):
                tabular.append(index)
    except Exception as error:  # PDFium raises plain errors on broken page trees
        if isinstance(error, (CorruptFileError, EmptyDocumentError)):
            raise
        raise CorruptFileError(f"cannot read page text: {error}", source=str(path)) from error
    finally:
        document.close()
    if tabular:
        _render_tables(path, pages, tabular, limits.max_table_pages)
    return _repair_pages(pages)


def char_boxes(textpage, page_height: float, length: int) -> list[CharBox | None]:
    """One box per character of PDFium's page text (its loose, advance-wide box, top-down like
    pdfplumber's), ``None`` for the characters PDFium adds (spaces, breaks); all ``None`` when the
    text and the characters do not line up (characters outside the BMP)."""
    import pypdfium2.raw as pdfium_c

    if textpage.count_chars() != length:
        return [None] * length
    raw = textpage.raw
    rect = pdfium_c.FS_RECTF()
    boxes: list[CharBox | None] = []
    for index in range(length):
        if pdfium_c.FPDFText_IsGenerated(raw, index) or not pdfium_c.FPDFText_GetLooseCharBox(
            raw, index, rect
        ):
            boxes.append(None)
        else:
            boxes.append(CharBox(rect.left, page_height - rect.top, rect.right, page_height - rect.bottom))
    return boxes


def _render_tables(path: Path, pages: list[Page], indexes: list[int], budget: int) -> None:
    """Pages whose text looks tabular (:func:`~extractor.ingest.tables.looks_tabular`): their tables
    of figures, ruled or aligned by whitespace only, found by :mod:`pdf_tables` and rendered one
    line per row; the slow path, only there — and on the page after one whose table without lines
    runs to its end (the table goes on there without its header); ``budget`` pages at most. Boxes,
    when kept, follow the text."""
    import pdfplumber

    todo = sorted(indexes)
    try:
        with pdfplumber.open(str(path)) as pdf:
            carried, last = None, -1
            while todo and budget:
                index = todo.pop(0)
                budget -= 1
                if index != last + 1:
                    carried = None  # a table goes on only on the very next page
                plumber_page, page = pdf.pages[index], pages[index]
                found, carried = page_with_tables(
                    plumber_page, footnotes=bool(page.footnotes), carried=carried
                )
                if found is not None:
                    text, boxes = _clean_with_boxes(found[0], found[1])
                    page.text, page.boxes = text, boxes if page.boxes is not None else None
                else:  # no table of figures: at least the serial numbers must not read as counts
                    kept = serial_free_indexes(page.text)
                    if kept is not None:
                        page.text = "".join(page.text[i] for i in kept)
                        if page.boxes is not None:
                            page.boxes = [page.boxes[i] for i in kept]
                plumber_page.flush_cache()
                if carried is not None and index + 1 < len(pages) and index + 1 not in todo:
                    todo.insert(0, index + 1)
                last = index
    except Exception:  # noqa: BLE001 - pdfplumber failing on a page PDFium read: keep PDFium's text
        return


_WORDS = re.compile(r"[^\W\d_]+")
# a one-letter word whose letter is not ASCII (a letter of :data:`_WORDS` with no letter beside it); the
# ASCII range comes first in the set, so most characters are turned away before any category lookup
_LONE_ACCENTED = re.compile(r"[^\x00-\x7f\W\d_](?![^\W\d_])(?<![^\W\d_].)")
_PREFIX_PER_LONE = 200  # characters read for the floor per lone letter: ~30 words where 13 are needed
_MARK_CHARS = re.compile(r"[\d*†‡¹²³⁰-⁹]")
_SMALL = 0.8  # a footnote mark is set smaller than the text it follows …
_RISE = 0.15  # … and raised above its baseline (share of the text's font size)


def kept_text(text: str, kept: list[int] | None) -> str:
    """The characters of ``text`` at the (increasing) indexes ``kept``; ``text`` itself when every
    index is kept (``kept`` is ``None``) — the usual page, which then costs no per-character join."""
    if kept is None or len(kept) == len(text):
        return text
    return "".join(map(text.__getitem__, kept))


def footnote_split(textpage, text: str) -> tuple[list[int] | None, list[str]]:
    """``(kept, footnotes)``: the indexes of PDFium's text of one page kept in the body (``None`` when
    it keeps them all, the usual page: no list of every index is built), and the footnotes. Footnote
    marks — digits or asterisks set smaller than the character before them and raised above its
    baseline ("124/2021/TT-BCA¹", "ngày 20/01/2022⁵", extracted glued as "TT-BCA1", "20/01/20225") —
    are dropped from the body, with the line break PDFium inserts after a mark when the line goes on. The footnote area — from
    the first line in the lower half of the page that starts with one of those marks in a smaller
    font than the body ("1 Chú thích …") — is taken out of the body, one footnote per mark. Only
    characters that can be marks are measured, so the fast path stays fast."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    if textpage.count_chars() != len(text):  # characters outside the BMP: indexes differ, leave as is
        return None, []
    raw = textpage.raw
    x, y = ctypes.c_double(), ctypes.c_double()

    def origin(index: int) -> float:
        pdfium_c.FPDFText_GetCharOrigin(raw, index, x, y)
        return y.value

    drop: set[int] = set()
    marks: list[tuple[int, int]] = []  # (start, end) of each mark
    body_size = 0.0
    # the last character measured: in a run of digits it is the next one's "before"
    sized, last_size = -1, 0.0
    for match in _MARK_CHARS.finditer(text):
        index = match.start()
        before = index - 1
        while before in drop:
            before -= 1
        if before < 0 or text[before].isspace() or (text[before] in "mM" and text[index] in "23²³"):
            continue  # a mark is glued to what it marks; m², m³ are units
        base = last_size if before == sized else pdfium_c.FPDFText_GetFontSize(raw, before)
        size = pdfium_c.FPDFText_GetFontSize(raw, index)
        sized, last_size = index, size
        if not base or size > _SMALL * base or origin(index) - origin(before) < _RISE * base:
            continue
        drop.add(index)
        if marks and marks[-1][1] == index:
            marks[-1] = (marks[-1][0], index + 1)
        else:
            marks.append((index, index + 1))
        body_size = body_size or base
        after = index + 1
        while after < len(text) and text[after] in "\r\n" and pdfium_c.FPDFText_IsGenerated(raw, after):
            after += 1
        if after > index + 1 and after < len(text) and abs(origin(after) - origin(before)) < _RISE * base:
            drop.update(range(index + 1, after))  # the same line goes on after the mark
    if not drop:
        return None, []
    names = {text[a:b] for a, b in marks}
    starts = [
        m.start(1)
        for m in re.finditer(r"(?:^|\n)([\d*†‡]+) ?(?=\w)", text)
        if m.start(1) > len(text) // 2
        and m.group(1) in names
        and pdfium_c.FPDFText_GetFontSize(raw, m.end()) < 0.95 * body_size
    ]
    cut, notes = len(text), []
    if starts:
        cut = starts[0]
        bounds = [*starts, len(text)]
        notes = [" ".join(text[a:b].split()) for a, b in zip(bounds, bounds[1:], strict=False)]
    return [i for i in range(cut) if i not in drop], notes


def looks_scrambled(text: str) -> bool:
    """PDFium keeps content-stream order; when a fallback font draws the accented letters in a
    separate pass (LibreOffice does this), words come out torn: "K t qu … ế ả". Many lone
    accented letters is the tell."""
    lone = len(_LONE_ACCENTED.findall(text))  # scans from the non-ASCII letters only
    if not lone:
        return False
    # every all-letter token between spaces is one word: a floor on the words that usually settles it,
    # and the tokens of the page's first lines (cut at a space) are a floor too: enough for a few lone letters
    cut = text.find(" ", _PREFIX_PER_LONE * lone)
    for part in (text[:cut], text) if cut > 0 else (text,):
        floor = sum(map(str.isalpha, part.split()))
        if floor and lone / floor <= 0.08:
            return False
    words = len(_WORDS.findall(text))
    if words < 4:
        return False
    return lone / words > 0.08


def ordered_text(textpage, page_height: float) -> tuple[str, list[CharBox | None]]:
    """Page text rebuilt in reading order from each character's position (lines top to bottom,
    characters left to right), with one box per character (``None`` for inserted spaces/breaks)."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    raw = textpage.raw
    rect = pdfium_c.FS_RECTF()
    x, y = ctypes.c_double(), ctypes.c_double()
    glyphs: list[tuple[float, float, float, str, CharBox]] = []
    for index in range(textpage.count_chars()):
        if pdfium_c.FPDFText_IsGenerated(raw, index):
            continue
        char = chr(pdfium_c.FPDFText_GetUnicode(raw, index))
        if char.isspace() or _CONTROL.match(char):  # spaces come back from the gaps between glyphs
            continue
        pdfium_c.FPDFText_GetCharOrigin(raw, index, x, y)
        pdfium_c.FPDFText_GetLooseCharBox(raw, index, rect)  # advance-wide box: spacing, highlights
        size = pdfium_c.FPDFText_GetFontSize(raw, index) or 10.0
        box = CharBox(rect.left, page_height - rect.top, rect.right, page_height - rect.bottom)
        glyphs.append((y.value, x.value, size, char, box))
    glyphs.sort(key=lambda g: (-g[0], g[1]))
    lines: list[list[tuple[float, float, float, str, CharBox]]] = []
    for glyph in glyphs:
        if lines and abs(lines[-1][0][0] - glyph[0]) <= 0.3 * glyph[2]:
            lines[-1].append(glyph)
        else:
            lines.append([glyph])
    chars: list[str] = []
    boxes: list[CharBox | None] = []
    for number, line in enumerate(lines):
        if number:
            chars.append("\n")
            boxes.append(None)
        line.sort(key=lambda g: g[1])
        widths = sorted(g[4].x1 - g[4].x0 for g in line)
        median = widths[len(widths) // 2]
        previous = None
        for glyph in line:
            advance = _advance(previous, median) if previous else 0.0
            if previous is not None and glyph[1] - previous[1] - advance > 0.25 * glyph[2]:
                chars.append(" ")
                boxes.append(None)
            chars.append(glyph[3])
            boxes.append(glyph[4])
            previous = glyph
    return "".join(chars), boxes


def _advance(glyph: tuple[float, float, float, str, CharBox], median: float) -> float:
    """Width a glyph occupies on its line. Fallback-font glyphs (the accented letters a font lacks)
    report boxes narrower or wider than the cell they stand in; use the line's usual width then."""
    width = glyph[4].x1 - glyph[4].x0
    if not glyph[3].isascii():
        return median if width < median else min(width, median * 1.3)
    return width


def _repair_pages(pages: list[Page]) -> tuple[list[Page], str | None]:
    whole = "\f".join(p.text for p in pages)
    if legacy.detect(whole) is None:
        for page in pages:
            _nfc_page(page)
        return pages, None
    found = None
    for page in pages:
        repaired, index_map, page_found = legacy.repair_with_map(page.text)
        found = found or page_found
        if page.boxes is not None and index_map is not None:
            page.boxes = [page.boxes[i] for i in index_map]
        page.text = repaired
        _nfc_page(page)
        if page_found == legacy.TCVN3:  # the text layer dropped every bare "ư" (U+00AD)
            page.text, kept, _ = legacy.restore_lost_u(page.text)
            if page.boxes is not None and kept is not None:
                page.boxes = [page.boxes[i] for i in kept]
    return pages, found


def _nfc_page(page: Page) -> None:
    """NFC-normalise a page (runs of combining marks bounded first, see :mod:`sanitize`), merging
    the boxes of characters that compose into one."""
    if page.boxes is None:
        page.text = safe_nfc(page.text)
        return
    if page.text.isascii() or unicodedata.is_normalized("NFC", page.text):
        return
    bounded, kept, _ = bound_marks(page.text)
    text, boxes = bounded, page.boxes if kept is None else [page.boxes[i] for i in kept]
    out_text: list[str] = []
    out_boxes: list[CharBox | None] = []
    start = 0
    while start < len(text):
        end = start + 1
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        cluster = unicodedata.normalize("NFC", text[start:end])
        box = _union([b for b in boxes[start:end] if b is not None])
        out_text.append(cluster)
        out_boxes.extend([box] * len(cluster))
        start = end
    page.text, page.boxes = "".join(out_text), out_boxes


def _union(boxes: list[CharBox]) -> CharBox | None:
    if not boxes:
        return None
    return CharBox(
        min(b.x0 for b in boxes),
        min(b.top for b in boxes),
        max(b.x1 for b in boxes),
        max(b.bottom for b in boxes),
    )


def read_pdf_boxes(path: Path, limits: Limits) -> tuple[list[Page], str | None]:
    """Pages with one :class:`CharBox` per character, NFC, legacy repaired: the text of
    :func:`read_pdf_text` (tables rendered, footnote marks dropped, footnotes apart) with its boxes."""
    return read_pdf_text(path, limits, with_boxes=True)
