"""Receiving uploaded files: copy out of the request while hashing, check the content, store, enqueue."""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from api.errors import from_input_error
from api.settings import Settings
from api.sniff import check_upload
from extractor.errors import FileTooLargeError, MinhChungError


@dataclass
class ReceivedFile:
    filename: str
    path: Path
    sha256: str
    size: int
    format: str


def safe_filename(name: str | None) -> str:
    base = os.path.basename((name or "").replace("\\", "/")).strip() or "document"
    return "".join(ch for ch in base if ch.isprintable())[:255] or "document"


def receive(stream: BinaryIO, filename: str, settings: Settings, tmp_dir: Path) -> ReceivedFile:
    """Copy one upload to ``tmp_dir`` (bounded by the size limit) and check it; a 4xx ApiError if refused."""
    digest = hashlib.sha256()
    size = 0
    handle = tempfile.NamedTemporaryFile(dir=tmp_dir, delete=False, prefix="upload-")  # noqa: SIM115
    try:
        with handle:
            for chunk in iter(lambda: stream.read(1024 * 1024), b""):
                size += len(chunk)
                if size > settings.max_upload_bytes:
                    raise FileTooLargeError(f"more than {settings.max_upload_bytes} bytes", source=filename)
                digest.update(chunk)
                handle.write(chunk)
        path = Path(handle.name)
        try:
            fmt = check_upload(path, settings.limits())
        except MinhChungError as error:
            error.source = filename
            raise
        return ReceivedFile(filename, path, digest.hexdigest(), size, fmt)
    except MinhChungError as error:
        Path(handle.name).unlink(missing_ok=True)
        raise from_input_error(error) from error
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
