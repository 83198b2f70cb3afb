"""Old and open office formats (.doc, .odt, .rtf) → DOCX through LibreOffice headless.

Each conversion runs with its own throw-away LibreOffice profile (``-env:UserInstallation``)
so parallel conversions do not fight over one profile, and under a time-out so a hostile
file cannot hang ingestion.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from extractor.errors import CorruptFileError, MissingToolError
from extractor.ingest.limits import Limits


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@contextmanager
def converted_to_docx(path: Path, limits: Limits, fmt: str) -> Iterator[Path]:
    """Yield a temporary DOCX made from ``path``; the temp directory is removed afterwards."""
    binary = soffice_path()
    if not binary:
        raise MissingToolError(
            f"LibreOffice 'soffice' is needed to read .{fmt} files: install libreoffice", source=str(path)
        )
    with tempfile.TemporaryDirectory(prefix="minhchung-convert-") as workdir:
        work = Path(workdir)
        source = work / f"input.{fmt}"  # a plain name: LibreOffice mis-handles some characters
        shutil.copyfile(path, source)
        profile = work / "profile"
        command = [
            binary,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx",
            "--outdir",
            str(work / "out"),
            str(source),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=limits.convert_timeout_s, check=False)
        except subprocess.TimeoutExpired as error:
            raise CorruptFileError(
                f"LibreOffice conversion timed out after {limits.convert_timeout_s:.0f} s", source=str(path)
            ) from error
        produced = work / "out" / "input.docx"
        if done.returncode != 0 or not produced.exists():
            detail = (done.stderr or done.stdout).decode(errors="replace").strip()[:200]
            raise CorruptFileError(
                f"LibreOffice could not convert the .{fmt} file {detail}".strip(), source=str(path)
            )
        yield produced
