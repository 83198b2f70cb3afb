"""Write composed documents as DOCX (python-docx) and convert batches to PDF (LibreOffice headless).

PDF conversion is the slow step: ``to_pdf`` hands many files to each ``soffice`` call and
runs one call per worker, each with its own LibreOffice profile so calls never collide.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from extractor.errors import MissingToolError
from extractor.synth.compose import Paragraph

BATCH = 40
# Times New Roman is absent here: LibreOffice then borrows glyphs per character and the PDF text
# layer comes out scrambled. DejaVu Serif has every Vietnamese glyph.
FONT = "DejaVu Serif"
HEADER_PT = 12


def _cell_lines(
    cell, text: str, *, bold_first: bool = True, center: bool = True, size: int | None = None
) -> None:
    cell.paragraphs[0].text = ""
    for index, line in enumerate(text.split("\n")):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        run = paragraph.add_run(line)
        run.bold = bold_first and index < 2
        if size:
            run.font.size = Pt(size)
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def write_docx(paragraphs: list[Paragraph], path: Path) -> None:
    """One document as DOCX, laid out like the genre (header table, centred title, signature block)."""
    document = Document()
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(13)
    pending_noi_nhan: str | None = None
    for item in paragraphs:
        if item.style == "header":
            table = document.add_table(rows=1, cols=2)
            # Nghị định 30/2020: header lines in 12–13 pt (long names are broken by hand in compose).
            _cell_lines(table.cell(0, 0), item.text, size=HEADER_PT)
            _cell_lines(table.cell(0, 1), item.right, size=HEADER_PT)
        elif item.style in ("title", "subtitle"):
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run(item.text).bold = item.style == "title"
        elif item.style == "heading":
            document.add_paragraph().add_run(item.text).bold = True
        elif item.style == "noi_nhan":
            pending_noi_nhan = item.text
        elif item.style == "signature":
            table = document.add_table(rows=1, cols=2)
            _cell_lines(table.cell(0, 0), pending_noi_nhan or "", bold_first=False, center=False)
            _cell_lines(table.cell(0, 1), item.text, bold_first=True)
        else:
            paragraph = document.add_paragraph(item.text)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise MissingToolError("soffice (LibreOffice) is needed to write PDF")
    return found


def _convert_batch(soffice: str, sources: list[Path], out_dir: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="minhchung-lo-") as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out_dir),
                *map(str, sources),
            ],
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=60 + 10 * len(sources),
        )


def to_pdf(jobs: list[tuple[Path, Path]], *, workers: int = 2, batch: int = BATCH) -> list[Path]:
    """Convert (docx, pdf) pairs; the DOCX sources are removed. Returns PDFs that failed."""
    if not jobs:
        return []
    soffice = _soffice()
    with tempfile.TemporaryDirectory(prefix="minhchung-pdf-") as staging_name:
        staging = Path(staging_name)
        chunks = [jobs[i : i + batch] for i in range(0, len(jobs), batch)]

        def run(index: int) -> None:
            chunk_dir = staging / f"c{index}"
            chunk_dir.mkdir()
            sources = []
            for n, (docx_path, _pdf) in enumerate(chunks[index]):
                staged = chunk_dir / f"d{n:04d}.docx"
                shutil.move(str(docx_path), staged)
                sources.append(staged)
            _convert_batch(soffice, sources, chunk_dir)
            for n, (_docx, pdf_path) in enumerate(chunks[index]):
                made = chunk_dir / f"d{n:04d}.pdf"
                if made.exists():
                    pdf_path.parent.mkdir(parents=True, exist_ok=True)
                    shutil.move(str(made), pdf_path)

        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            list(pool.map(run, range(len(chunks))))
    return [pdf for _docx, pdf in jobs if not pdf.exists()]
