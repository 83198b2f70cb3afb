"""A file that hangs is recorded as an error ``timeout`` and does not block the rest of the run."""

from __future__ import annotations

import shutil

import pytest

from extractor.bulk.run import run_bulk

TIMEOUT = 6.0  # seconds: far above a real file of this corpus (< 1 s) even on a loaded machine


def _dossier_with_a_hung_file(corpus, target):
    folder = sorted(p for p in corpus.glob("*/*/*") if p.is_dir())[0]
    copy = target / folder.relative_to(corpus)
    shutil.copytree(folder, copy)
    docx = sorted(copy.glob("*.docx"))[0]
    hung = copy / "Bao cao treo.docx"
    hung.write_bytes(docx.read_bytes() + b"\0")  # other bytes: its own sha256
    files = sorted(p for p in target.rglob("*") if p.is_file())
    return target, hung.relative_to(target).as_posix(), len(files)


@pytest.mark.parametrize(("workers", "ref", "how"), [
    (1, "bulk.slow_extractor:hangs_in_python", "in this process"),
    (2, "bulk.slow_extractor:hangs_in_python", "worker alarm"),
    (2, "bulk.slow_extractor:hangs_in_c", "worker process killed"),
], ids=["in-process", "worker-alarm", "worker-killed"])
def test_hung_file_is_a_timeout_error_and_the_run_goes_on(corpus, tmp_path, read_csv, workers, ref, how):
    source, hung, n_files = _dossier_with_a_hung_file(corpus, tmp_path / "input")
    out = tmp_path / "out"
    summary = run_bulk(source, out, workers=workers, extractor_ref=ref, timeout=TIMEOUT, show_bar=False)
    errors = read_csv(out / "errors.csv")
    assert [(e["path"], e["error_code"]) for e in errors] == [(hung, "timeout")], how
    assert f"{TIMEOUT:g} s" in errors[0]["message"]
    if how == "worker process killed":
        assert "worker process stopped" in errors[0]["message"]
    assert summary.files == summary.processed == n_files and summary.failed == 1
    statuses = {r["path"]: r["status"] for r in read_csv(out / "documents.csv")}
    assert all(status == "ok" for path, status in statuses.items() if path != hung), statuses
    assert summary.dossiers == 1 and summary.evidence > 0
