"""The PDFs ``minhchung bench`` reads and the two bare readers it measures against: every page's text by
pypdfium2 alone and by pdfplumber, and PDFs of a chosen length made from other PDFs' pages (pypdfium2)."""

from __future__ import annotations

from pathlib import Path


def pdfium_pages(path: Path) -> int:
    """Bare pypdfium2: every page's text, nothing else."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        for page in document:
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
        return len(document)
    finally:
        document.close()


def plumber_pages(path: Path) -> int:
    """pdfplumber's ``extract_text`` on every page."""
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            page.extract_text()
        return len(pdf.pages)


def page_range_pdf(source: Path, first: int, count: int, out: Path) -> Path:
    """Pages ``first`` … ``first + count - 1`` of ``source`` as a PDF of their own."""
    import pypdfium2 as pdfium

    target = pdfium.PdfDocument.new()
    opened = pdfium.PdfDocument(str(source))
    try:
        target.import_pages(opened, list(range(first, first + count)))
        target.save(str(out))
    finally:
        opened.close()
        target.close()
    return out


def concatenated_pdf(sources: list[Path], pages: int, out: Path) -> Path:
    """One PDF of exactly ``pages`` pages: the pages of ``sources`` in turn, repeated."""
    import pypdfium2 as pdfium

    target = pdfium.PdfDocument.new()
    opened = [pdfium.PdfDocument(str(path)) for path in sources]
    try:
        index = 0
        while len(target) < pages:
            source = opened[index % len(opened)]
            take = min(len(source), pages - len(target))
            target.import_pages(source, list(range(take)))
            index += 1
        target.save(str(out))
    finally:
        for document in opened:
            document.close()
        target.close()
    return out
