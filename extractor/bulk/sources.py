"""Find the files of a bulk run: walk a folder tree, or unpack a .zip of dossiers safely.

Zip members are checked before anything is written. The archive goes through the project's one
zip check, :func:`extractor.ingest.safety.open_archive` with :class:`~extractor.ingest.limits.Limits`
(member count, size per member and in total, compression ratio, nesting): over a limit, it is
refused as a whole (``UnsafeArchiveError``). A member with an absolute path, ``..`` or a symlink is
rejected (listed with its reason) and the rest still runs.
"""

from __future__ import annotations

import hashlib
import shutil
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from extractor.errors import UnsafeArchiveError
from extractor.ingest.limits import Limits
from extractor.ingest.safety import open_archive

DOCUMENT_SUFFIXES = frozenset({".pdf", ".docx", ".doc", ".odt", ".rtf", ".txt"})


@dataclass
class SourceFile:
    path: Path  # where to read it
    rel: str  # POSIX path relative to the input root: what placement and reports use


@dataclass
class Rejected:
    rel: str
    code: str
    reason: str


@dataclass
class Sources:
    root: Path
    files: list[SourceFile]
    rejected: list[Rejected] = field(default_factory=list)


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _member_problem(info: zipfile.ZipInfo, limits: Limits) -> str | None:
    """Why a member must not be written out. :func:`open_archive` has already refused the archive for a
    bomb over 1 MiB; a smaller member packed tighter than the same ratio limit is skipped here."""
    name = info.filename
    pure = PurePosixPath(name.replace("\\", "/"))
    if name.startswith(("/", "\\")) or pure.is_absolute() or (len(name) > 1 and name[1] == ":"):
        return "absolute path"
    if any(part == ".." for part in pure.parts):
        return "path traversal (..)"
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        return "symbolic link"
    if info.compress_size and info.file_size / info.compress_size > limits.max_compression_ratio:
        return f"compression ratio above {limits.max_compression_ratio}"
    return None


def extract_zip(archive: Path, dest_root: Path, limits: Limits | None = None) -> Sources:
    """Unpack the document members of ``archive`` under ``dest_root/<archive sha>/``."""
    limits = limits or Limits.from_env()
    digest = sha256_file(archive)[:16]
    dest = dest_root / digest
    with open_archive(archive, limits, bulk=True) as handle:
        members = handle.infolist()
        files: list[SourceFile] = []
        rejected: list[Rejected] = []
        for info in members:
            if info.is_dir():
                continue
            problem = _member_problem(info, limits)
            if problem:
                rejected.append(Rejected(info.filename, UnsafeArchiveError.code, problem))
                continue
            rel = PurePosixPath(info.filename.replace("\\", "/")).as_posix()
            if PurePosixPath(rel).suffix.lower() not in DOCUMENT_SUFFIXES:
                continue
            target = dest.joinpath(*PurePosixPath(rel).parts)
            if dest.resolve() not in target.resolve().parents:
                rejected.append(
                    Rejected(info.filename, UnsafeArchiveError.code, "escapes the extraction folder")
                )
                continue
            if not (target.exists() and target.stat().st_size == info.file_size):
                target.parent.mkdir(parents=True, exist_ok=True)
                written = 0
                with handle.open(info) as src, target.open("wb") as out:
                    while chunk := src.read(1 << 20):
                        written += len(chunk)
                        if written > limits.max_member_bytes:
                            break
                        out.write(chunk)
                if written > limits.max_member_bytes:
                    target.unlink(missing_ok=True)
                    rejected.append(
                        Rejected(info.filename, UnsafeArchiveError.code, "member grew past its size limit")
                    )
                    continue
            files.append(SourceFile(target, rel))
    files.sort(key=lambda f: f.rel)
    return Sources(dest, files, rejected)


def walk_folder(root: Path) -> Sources:
    """Every document file under ``root`` (symlinks not followed), sorted by relative path."""
    files = [
        SourceFile(p, p.relative_to(root).as_posix())
        for p in root.rglob("*")
        if p.suffix.lower() in DOCUMENT_SUFFIXES
        and p.is_file()
        and not p.is_symlink()
        and not p.name.startswith(("~$", "."))
    ]
    files.sort(key=lambda f: f.rel)
    return Sources(root, files)


def discover(path: str | Path, work_dir: Path, limits: Limits | None = None) -> Sources:
    """The input's documents: a folder tree, a .zip, or a single document file."""
    source = Path(path)
    if not source.exists():
        raise FileNotFoundError(str(source))
    if source.is_dir():
        return walk_folder(source)
    if source.suffix.lower() == ".zip" or zipfile.is_zipfile(source) and source.suffix.lower() != ".docx":
        return extract_zip(source, work_dir / "input", limits)
    return Sources(source.parent, [SourceFile(source, source.name)])


def clear_unpacked(work_dir: Path) -> None:
    """Remove unpacked zip members (they can be re-created from the archive)."""
    shutil.rmtree(work_dir / "input", ignore_errors=True)
