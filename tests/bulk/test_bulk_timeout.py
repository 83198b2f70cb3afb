"""A file that hangs is recorded as an error ``timeout`` and does not block the rest of the run.

The deadline counts only the file's own processing (not worker start-up and model loading), and it is
set from the time a real file of the dossier takes *on this machine now*, so a busy machine slows the
real files and the deadline alike and only the hung file times out.
"""

from __future__ import annotations

import shutil
import time
from functools import cache

import pytest

from extractor.bulk import work
from extractor.bulk.run import run_bulk

MIN_TIMEOUT = 6.0  # seconds (a real file of this corpus takes < 1 s on an idle machine)
MARGIN = 8  # the deadline is this many times the slowest real file, measured just before


@cache
def _timeout_for(folder) -> float:
    """A deadline far above what the dossier's real files take now (pipeline already loaded)."""
    work.warm_up()
    slowest = 0.0
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        started = time.perf_counter()
        work.analyse_path(str(path))
        slowest = max(slowest, time.perf_counter() - started)
    return max(MIN_TIMEOUT, round(MARGIN * slowest, 1))


def _dossier_with_a_hung_file(corpus, target):
    folder = sorted(p for p in corpus.glob("*/*/*") if p.is_dir())[0]
    copy = target / folder.relative_to(corpus)
    shutil.copytree(folder, copy)
    docx = sorted(copy.glob("*.docx"))[0]
    hung = copy / "Bao cao treo.docx"
    hung.write_bytes(docx.read_bytes() + b"\0")  # other bytes: its own sha256
    files = sorted(p for p in target.rglob("*") if p.is_file())
    return target, hung.relative_to(target).as_posix(), len(files), folder


@pytest.mark.parametrize(
    ("workers", "ref", "how"),
    [
        (1, "bulk.slow_extractor:hangs_in_python", "in this process"),
        (2, "bulk.slow_extractor:hangs_in_python", "worker alarm"),
        (2, "bulk.slow_extractor:hangs_in_c", "worker process killed"),
    ],
    ids=["in-process", "worker-alarm", "worker-killed"],
)
def test_hung_file_is_a_timeout_error_and_the_run_goes_on(corpus, tmp_path, read_csv, workers, ref, how):
    source, hung, n_files, folder = _dossier_with_a_hung_file(corpus, tmp_path / "input")
    timeout = _timeout_for(folder)
    out = tmp_path / "out"
    summary = run_bulk(source, out, workers=workers, extractor_ref=ref, timeout=timeout, show_bar=False)
    errors = read_csv(out / "errors.csv")
    assert [(e["path"], e["error_code"]) for e in errors] == [(hung, "timeout")], how
    assert f"{timeout:g} s" in errors[0]["message"]
    if how == "worker process killed":
        assert "worker process stopped" in errors[0]["message"]
    assert summary.files == summary.processed == n_files and summary.failed == 1
    statuses = {r["path"]: r["status"] for r in read_csv(out / "documents.csv")}
    assert all(status == "ok" for path, status in statuses.items() if path != hung), statuses
    assert summary.dossiers == 1 and summary.evidence > 0


def test_worker_start_up_and_model_loading_do_not_count_in_the_deadline(
    corpus, tmp_path, read_csv, monkeypatch
):
    """Workers that need longer to start than a file's hard limit: still no file times out."""
    folder = sorted(p for p in corpus.glob("*/*/*") if p.is_dir())[0]
    timeout = _timeout_for(folder)
    start_up = timeout + max(5.0, timeout * 0.5) + 3.0  # past the executor's hard limit
    monkeypatch.setenv("MINHCHUNG_TEST_START_UP_SECONDS", str(start_up))
    source = tmp_path / "input"
    shutil.copytree(folder, source / folder.relative_to(corpus))
    out = tmp_path / "out"
    summary = run_bulk(
        source,
        out,
        workers=2,
        extractor_ref="bulk.slow_start_extractor:extract_file",
        timeout=timeout,
        show_bar=False,
    )
    assert read_csv(out / "errors.csv") == []
    assert summary.failed == 0 and summary.processed == summary.files > 0
