"""The per-document work of a bulk run, executed in worker processes (local pool or Dask).

``analyse_path`` / ``analyse_bytes`` return a small, JSON-ready dict: the extract contract
(document, evidence, criteria) plus ``signals``: the dossier-level statements ``extractor.find_signals``
reads in the text (QĐ 510 score and band, recognition decision, "điển hình"), each with its quote, span and
page; the text itself is dropped. The
pipeline is imported once per worker process and reused for every file.

A per-file deadline (``timeout`` seconds, SIGALRM) turns a file that hangs in Python code into
an error with code ``timeout``; the process executor adds a hard deadline for hangs inside C
code (it kills the pool and records the same code).
"""

from __future__ import annotations

import contextlib
import importlib
import os
import signal
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from extractor.errors import MinhChungError
from extractor.find_signals import find_signals

DEFAULT_EXTRACTOR = "extractor.pipeline:extract_file"
DEFAULT_TIMEOUT = 300.0  # seconds per file; a real dossier document takes well under 10 s
TIMEOUT_CODE = "timeout"


class FileTimeout(Exception):
    """Raised inside the worker when one file exceeds its deadline."""


def timed_out(seconds: float, how: str = "") -> dict[str, Any]:
    """The result recorded for a file that exceeded its deadline."""
    message = f"quá thời gian xử lý / exceeded the per-file timeout of {seconds:g} s{how}"
    return {"ok": False, "error": {"code": TIMEOUT_CODE, "message": message}, "seconds": seconds}


@contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Raise ``FileTimeout`` in this thread after ``seconds`` (main thread of a POSIX process only;
    elsewhere, e.g. in a Dask worker thread, it is a no-op)."""
    usable = (
        seconds
        and seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable or seconds is None:
        yield
        return

    def _expire(_signum, _frame) -> None:
        raise FileTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@cache
def load_extractor(ref: str = DEFAULT_EXTRACTOR) -> Callable[..., Any]:
    """Import ``module:function`` once per process."""
    module_name, _, attr = ref.partition(":")
    return getattr(importlib.import_module(module_name), attr or "extract_file")


# Modules the pipeline imports lazily on its first file; a deadline must never interrupt them
# half-way (a half-built cache would break every later file of the process).
WARM_MODULES = (
    "extractor.ingest.pdf",
    "extractor.ingest.docx",
    "extractor.ingest.text",
    "extractor.language",
    "extractor.pipeline",
)
WARM_SENTENCE = (
    "Thực hiện Thông tư số 124/2021/TT-BCA ngày 28/12/2021, năm 2023 đơn vị tổ chức "
    "12 cuộc tuyên truyền; Tiêu chí 1 đạt."
)


WARM_DOCUMENT = (
    "ỦY BAN NHÂN DÂN XÃ A\nBÁO CÁO\nKết quả xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc "
    "năm 2023\n" + WARM_SENTENCE + " Trong năm không có tội phạm, tệ nạn xã hội xảy ra trên địa bàn; "
    "các tổ an ninh nhân dân hoạt động thường xuyên.\n"
)


def warm_up(ref: str = DEFAULT_EXTRACTOR) -> None:
    """Process-pool initializer: load and exercise the whole pipeline (ingestion, finders, criterion
    classifier) before the first file arrives, so no file's deadline pays for model loading."""
    load_extractor(ref)
    for name in WARM_MODULES:
        importlib.import_module(name)
    from extractor.pipeline import extract_file, extract_text

    extract_text(WARM_SENTENCE)
    with tempfile.TemporaryDirectory(prefix="minhchung-warm-") as folder:
        sample = Path(folder) / "bao-cao-khoi-dong.txt"
        sample.write_text(WARM_DOCUMENT, encoding="utf-8")
        with contextlib.suppress(Exception):  # only loading matters here; a real file reports its own errors
            extract_file(sample, include_text=True)
    from extractor.pipeline import keep_loaded

    keep_loaded()


_warmed: set[str] = set()  # extractor refs this process has warmed up with ``warm_up_once``
_warming = threading.Lock()  # a Dask worker with several threads starts several batches at once


def warm_up_once(ref: str = DEFAULT_EXTRACTOR) -> None:
    """``warm_up`` the first time this process calls it for ``ref`` (each Dask batch calls it: a worker
    warms up on its first batch, including a worker that joins mid-run). The threads of one process
    warm up once: the others wait for it."""
    if ref in _warmed:
        return
    with _warming:
        if ref not in _warmed:
            warm_up(ref)
            _warmed.add(ref)


class WarmUpError(Exception):
    """Raised by a Dask batch whose worker could not load the pipeline (models missing, a bad extractor
    reference): not the files' fault, so the client stops the run and names the worker."""

    def __init__(self, worker: str, reason: str) -> None:
        super().__init__(worker, reason)
        self.worker, self.reason = worker, reason

    def __str__(self) -> str:
        return f"{self.worker}: {self.reason}"


def _this_worker() -> str:
    """The Dask worker's address, else this host and process."""
    with contextlib.suppress(ImportError, ValueError):
        from distributed import get_worker

        return str(get_worker().address)
    return f"{socket.gethostname()} pid {os.getpid()}"


def page_near(evidence: list[dict[str, Any]], offset: int) -> int | None:
    """The page of normalized character ``offset``, read off the evidence around it: the page of the last
    evidence that starts at or before it (the first evidence's page when none does).

    The extract contract gives pages for evidence only, so this is exact when the evidence before and after
    ``offset`` stand on the same page, and otherwise the page where the text before the quote was."""
    located = sorted((item["start"], item["page"]) for item in evidence if item.get("page") is not None)
    page = located[0][1] if located else None
    for start, found in located:
        if start > offset:
            break
        page = found
    return page


def read_signals(text: str, evidence: list[dict[str, Any]], sha256: str) -> list[dict[str, Any]]:
    """The document's dossier-level signals (``extractor.find_signals``) as evidence dicts with ids and pages.

    A signal read in the footnotes part (after the body and ``FOOTNOTES_SEPARATOR``, one footnote per line)
    says so as evidence does: ``source_part`` "footnote" and the footnote's number."""
    from extractor.pipeline import FOOTNOTES_SEPARATOR, body_text

    notes_start = len(body_text(text)) + len(FOOTNOTES_SEPARATOR) if FOOTNOTES_SEPARATOR in text else None
    found = []
    for item in find_signals(text):
        item.page = page_near(evidence, item.start)
        if notes_start is not None and item.start >= notes_start:
            item.source_part, item.footnote = "footnote", text.count("\n", notes_start, item.start) + 1
        item.assign_id(sha256)
        found.append(item.to_dict())
    return found


def error_of(error: BaseException) -> dict[str, Any]:
    if isinstance(error, MinhChungError):
        return {"code": error.code, "message": error.message()}
    if isinstance(error, MemoryError):
        return {"code": "out_of_memory", "message": "MemoryError"}
    return {"code": "internal_error", "message": f"{type(error).__name__}: {error}"[:500]}


def analyse_path(
    path: str, extractor_ref: str = DEFAULT_EXTRACTOR, timeout: float | None = None
) -> dict[str, Any]:
    """Extract one file; never raises (a bad file comes back with ``ok: False`` and its error code)."""
    started = time.perf_counter()
    try:
        with deadline(timeout):
            result = load_extractor(extractor_ref)(path, include_text=True)
            data = result.to_dict(include_text=True)
            text = data["document"].pop("text", None) or ""
            data["signals"] = read_signals(text, data["evidence"], data["document"].get("sha256") or "")
            data["ok"] = True
    except FileTimeout:
        data = timed_out(float(timeout or 0))
    except Exception as error:  # one bad file must not stop the run
        data = {"ok": False, "error": error_of(error)}
    data["seconds"] = round(time.perf_counter() - started, 4)
    data["worker_pid"] = os.getpid()
    return data


def analyse_bytes(
    name: str, content: bytes, extractor_ref: str = DEFAULT_EXTRACTOR, timeout: float | None = None
) -> dict[str, Any]:
    """Same as ``analyse_path`` for a file shipped to a remote worker (no shared disk needed)."""
    relative = (
        Path(*[part for part in Path(name).parts if part not in ("..", "/", "\\")]) if name else Path("x")
    )
    with tempfile.TemporaryDirectory(prefix="minhchung-bulk-") as folder:
        # Same relative path and file name as on the client: the pipeline may read hints from them.
        local = Path(folder).joinpath(relative)
        local.parent.mkdir(parents=True, exist_ok=True)
        local.write_bytes(content)
        data = analyse_path(str(local), extractor_ref, timeout)
    if data.get("ok"):
        data["document"]["source"] = name
    return data


# One file of a Dask batch: (sha256, name relative to the input, path on the client, its bytes or None).
# ``None`` bytes: the worker reads ``path`` itself (same machine, or the same shared folder).
Job = tuple[str, str, str, bytes | None]


def sees_file(path: str, sha256: str) -> bool:
    """True when ``path`` can be read here and holds the bytes the client hashed (a worker on the client's
    machine or on a shared folder mounted at the same path)."""
    from extractor.bulk.sources import sha256_file

    try:
        return sha256_file(Path(path)) == sha256
    except OSError:
        return False


def analyse_batch(
    jobs: list[Job], extractor_ref: str = DEFAULT_EXTRACTOR, timeout: float | None = None
) -> list[tuple[str, dict[str, Any] | None]]:
    """In a Dask worker: warm up once, then analyse each file of the batch in order, one result per file
    (never raises for a bad file). A file given by path that this worker cannot read with the client's
    bytes comes back as ``None``: the client ships its bytes instead. Raises ``WarmUpError`` when this
    worker cannot load the pipeline."""
    try:
        warm_up_once(extractor_ref)
    except Exception as error:
        raise WarmUpError(_this_worker(), f"{type(error).__name__}: {error}"[:500]) from error
    results: list[tuple[str, dict[str, Any] | None]] = []
    for sha, name, path, content in jobs:
        if content is not None:
            results.append((sha, analyse_bytes(name, content, extractor_ref, timeout)))
        elif sees_file(path, sha):
            results.append((sha, analyse_path(path, extractor_ref, timeout)))
        else:
            results.append((sha, None))
    return results
