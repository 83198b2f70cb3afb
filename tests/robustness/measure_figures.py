"""The figures issue 11 asks for: OCR character error rate, and the CPU time of long inputs.

    PYTHONPATH=$PWD .venv/bin/python tests/robustness/measure_figures.py [--skip-ocr] [--skip-long]

* **OCR CER**: page 1 of a seed's LibreOffice PDF rendered at 200 dpi (``clean``), and the same page
  turned +2° and −2° with grey paper, speckles, a slight blur and JPEG compression (quality 60)
  (``noisy``), each wrapped into an image-only PDF and read by ``load_document`` (Tesseract ``vie``
  after the scan clean-up). Reference: the text layer of that page of the seed PDF (the seed's text).
  CER = Levenshtein distance / reference length, both with whitespace collapsed to one space.
* **500-page PDF**: the seed PDFs' pages repeated to 500 pages (pypdfium2, :func:`_bench_pdfs.concatenated_pdf`)
  through ``extract_file``; CPU time of this process (``time.process_time``) after a warm-up file
  has loaded spaCy and the classifier.
* **20,000 dates**: a text of 10,000 lines with two dates each (numeric, spelled-out, "tháng MM/YYYY"
  styles) through ``extract_text``; CPU time and the dates found.

CPU time, not wall time: the figures do not depend on what else the machine runs (OCR also counts
the Tesseract child processes). Not a test: nothing here is asserted.
"""

from __future__ import annotations

import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parent)]

OCR_SEED = "xa-kon-gang-ke-hoach-tt124"
DPI = 200


def levenshtein(a: str, b: str) -> int:
    """Edit distance (insert, delete, substitute), two rows."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def collapsed(text: str) -> str:
    return " ".join(text.split())


def cer(hypothesis: str, reference: str) -> float:
    reference, hypothesis = collapsed(reference), collapsed(hypothesis)
    return levenshtein(hypothesis, reference) / max(1, len(reference))


def _cpu_with_children() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def page_image(source: Path):  # type: ignore[no-untyped-def]
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(source))
    try:
        return document[0].render(scale=DPI / 72, grayscale=True).to_pil().convert("L")
    finally:
        document.close()


def reference_text(source: Path) -> str:
    from extractor.ingest import load_document

    return load_document(source, check_language=False).pages[0].text


def noisy(image, angle: float, seed: int = 7):  # type: ignore[no-untyped-def]
    """An office scan: turned ``angle``°, grey low-contrast paper, speckles, a slight blur, JPEG 60."""
    import io

    from PIL import Image, ImageFilter

    rng = random.Random(seed)
    image = image.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=255).point(
        lambda v: int(v * 0.6 + 85)
    )
    pixels = image.load()
    for _ in range(image.width * image.height // 80):
        pixels[rng.randrange(image.width), rng.randrange(image.height)] = rng.choice((0, 70, 255))
    buffer = io.BytesIO()
    image.filter(ImageFilter.GaussianBlur(0.6)).save(buffer, "JPEG", quality=60)
    return Image.open(io.BytesIO(buffer.getvalue()))


def ocr_text(image, out: Path) -> tuple[str, float]:  # type: ignore[no-untyped-def]
    """Text of ``image`` as an image-only PDF read by ``load_document``, and the CPU seconds spent."""
    from extractor.ingest import load_document

    image.convert("RGB").save(out, "PDF", resolution=DPI)
    started = _cpu_with_children()
    document = load_document(out, check_language=False)
    assert document.ocr, f"{out} was not read by OCR"
    return document.pages[0].text, _cpu_with_children() - started


def measure_ocr(work: Path) -> list[tuple[str, float, int, float]]:
    """``(variant, CER, reference length, CPU s)`` for the clean and the noisy scans."""
    from fixtures.files import seed_file

    source = seed_file(OCR_SEED, "pdf")
    reference = reference_text(source)
    image = page_image(source)
    rows = []
    for name, scan in (
        ("clean 200 dpi", image),
        ("noisy +2° JPEG", noisy(image, 2.0)),
        ("noisy -2° JPEG", noisy(image, -2.0)),
    ):
        text, seconds = ocr_text(scan, work / f"{name.split()[0]}-{len(rows)}.pdf")
        rows.append((name, cer(text, reference), len(collapsed(reference)), seconds))
    return rows


def measure_long_pdf(work: Path, pages: int = 500) -> tuple[int, int, float]:
    """``(pages, evidence, CPU s)`` of ``extract_file`` on a PDF of ``pages`` seed pages."""
    from fixtures.files import SEED_NAMES, seed_file

    from extractor.commands._bench_pdfs import concatenated_pdf
    from extractor.pipeline import extract_file

    sources = [seed_file(name, "pdf") for name in SEED_NAMES]
    made = concatenated_pdf(sources, pages, work / f"long-{pages}.pdf")
    extract_file(sources[0])  # warm-up: spaCy, the classifier, the lexicons
    started = time.process_time()
    result = extract_file(made)
    return result.document.pages, len(result.evidence), time.process_time() - started


DATE_LINES = (
    "Ngày {d}/{m}/{y}, Ủy ban nhân dân xã tổ chức hội nghị; đến ngày {d2}/{m2}/{y} đã hoàn thành.",
    "Hội nghị sơ kết diễn ra ngày {d} tháng {m} năm {y} và kết thúc ngày {d2} tháng {m2} năm {y}.",
    "Trong tháng {m}/{y} tổ chức tuyên truyền; từ ngày {d}/{m} đến ngày {d2}/{m2}/{y} ra quân.",
)


def dates_text(n_dates: int = 20_000, seed: int = 3) -> str:
    rng = random.Random(seed)
    lines = []
    for index in range(n_dates // 2):
        m, m2 = rng.randint(1, 6), rng.randint(7, 12)
        lines.append(
            DATE_LINES[index % len(DATE_LINES)].format(
                d=rng.randint(1, 28), d2=rng.randint(1, 28), m=m, m2=m2, y=rng.randint(2019, 2025)
            )
        )
    return "\n".join(lines)


def measure_dates(n_dates: int = 20_000) -> tuple[int, int, float]:
    """``(characters, dates found, CPU s)`` of ``extract_text`` on a text of ``n_dates`` written dates."""
    from extractor.nlp import FindContext
    from extractor.pipeline import extract_text

    text = dates_text(n_dates)
    extract_text("Ngày 28/12/2021 Bộ Công an ban hành Thông tư số 124/2021/TT-BCA.")  # warm-up
    started = time.process_time()
    evidence = extract_text(text, FindContext(year=2023))
    spent = time.process_time() - started
    return len(text), sum(item.kind == "date" for item in evidence), spent


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        if "--skip-ocr" not in argv:
            print(f"OCR of page 1 of {OCR_SEED} ({DPI} dpi, Tesseract vie via load_document)")
            for name, rate, length, seconds in measure_ocr(work):
                print(
                    f"  {name:<16} CER {100 * rate:5.2f} %  (reference {length} characters, {seconds:.1f} s CPU)"
                )
        if "--skip-long" not in argv:
            pages, found, seconds = measure_long_pdf(work)
            print(
                f"extract_file, {pages}-page PDF: {seconds:.1f} s CPU ({1000 * seconds / pages:.0f} ms/page), "
                f"{found} evidence"
            )
            chars, dates, seconds = measure_dates()
            print(
                f"extract_text, 20,000 dates ({chars:,} characters): {seconds:.1f} s CPU, {dates} dates found"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
