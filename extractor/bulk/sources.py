"""Find the files of a bulk run: walk a folder tree, or unpack a .zip of dossiers safely.

Zip members are checked before anything is written: no absolute paths, no ``..``, no
symlinks, bounded member count, bounded size per member and in total, bounded compression
ratio. A bad member is rejected (listed with its reason) and the rest still runs; an
archive whose totals exceed the limits is refused as a whole (``UnsafeArchiveError``).
"""

from __future__ import annotations

import hashlib
import shutil
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from extractor.errors import CorruptFileError, UnsafeArchiveError

DOCUMENT_SUFFIXES = frozenset({".pdf", ".docx", ".doc", ".odt", ".rtf", ".txt"})


@dataclass(frozen=True)
class ZipLimits:
    max_members: int = 100_000
    max_member_bytes: int = 200 * 1024 * 1024
    max_total_bytes: int = 20 * 1024 * 1024 * 1024
    max_ratio: float = 200.0  # uncompressed / compressed, per member


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


def _member_problem(info: zipfile.ZipInfo, limits: ZipLimits) -> str | None:
    name = info.filename
    pure = PurePosixPath(name.replace("\\", "/"))
    if name.startswith(("/", "\\")) or pure.is_absolute() or (len(name) > 1 and name[1] == ":"):
        return "absolute path"
    if any(part == ".." for part in pure.parts):
        return "path traversal (..)"
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        return "symbolic link"
    if info.file_size > limits.max_member_bytes:
        return f"member larger than {limits.max_member_bytes} bytes"
    if info.compress_size and info.file_size / info.compress_size > limits.max_ratio:
        return f"compression ratio above {limits.max_ratio:.0f}"
    return None


def extract_zip(archive: Path, dest_root: Path, limits: ZipLimits | None = None) -> Sources:
    """Unpack the document members of ``archive`` under ``dest_root/<archive sha>/``."""
    limits = limits or ZipLimits()
    digest = sha256_file(archive)[:16]
    dest = dest_root / digest
    try:
        handle = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError) as error:
        raise CorruptFileError(str(error), source=str(archive)) from error
    with handle:
        members = handle.infolist()
        if len(members) > limits.max_members:
            raise UnsafeArchiveError(f"{len(members)} members", source=str(archive))
        total = sum(m.file_size for m in members)
        if total > limits.max_total_bytes:
            raise UnsafeArchiveError(f"{total} bytes uncompressed", source=str(archive))
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
                rejected.append(Rejected(info.filename, UnsafeArchiveError.code, "escapes the extraction folder"))
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
                    rejected.append(Rejected(info.filename, UnsafeArchiveError.code, "member grew past its size limit"))
                    continue
            files.append(SourceFile(target, rel))
    files.sort(key=lambda f: f.rel)
    return Sources(dest, files, rejected)


def walk_folder(root: Path) -> Sources:
    """Every document file under ``root`` (symlinks not followed), sorted by relative path."""
    files = [
        SourceFile(p, p.relative_to(root).as_posix())
        for p in root.rglob("*")
        if p.suffix.lower() in DOCUMENT_SUFFIXES and p.is_file() and not p.is_symlink()
        and not p.name.startswith(("~$", "."))
    ]
    files.sort(key=lambda f: f.rel)
    return Sources(root, files)


def discover(path: str | Path, work_dir: Path, limits: ZipLimits | None = None) -> Sources:
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
