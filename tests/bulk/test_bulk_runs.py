"""Resuming, zip input (with a path-traversal member) and the Dask run equal to the local run."""

from __future__ import annotations

import shutil
import zipfile

import pyarrow.parquet as pq
from docx import Document

from extractor.bulk.run import run_bulk


def test_second_run_skips_processed_files_and_redoes_changed_ones(bulk_run, tmp_path, read_csv):
    summary, source, out = bulk_run
    work_source = tmp_path / "input"
    shutil.copytree(source, work_source)
    work_out = tmp_path / "out"
    shutil.copytree(out, work_out)
    again = run_bulk(work_source, work_out, workers=1, show_bar=False)
    assert again.processed == 0 and again.skipped == summary.files
    assert read_csv(work_out / "criteria.csv") == read_csv(out / "criteria.csv")
    docx = sorted(work_source.rglob("*.docx"))
    docx[0].write_bytes(docx[1].read_bytes())  # same path, content the ledger already holds
    known = run_bulk(work_source, work_out, workers=1, show_bar=False)
    assert known.processed == 0 and known.skipped == summary.files
    rows = {r["path"]: r["sha256"] for r in read_csv(work_out / "documents.csv")}
    assert (
        rows[docx[0].relative_to(work_source).as_posix()] == rows[docx[1].relative_to(work_source).as_posix()]
    )
    edited = Document(str(docx[2]))
    edited.add_paragraph("Bổ sung: tổ chức thêm 02 cuộc tuyên truyền.")
    edited.save(str(docx[2]))  # same path, new content: only this file is extracted again
    changed = run_bulk(work_source, work_out, workers=1, show_bar=False)
    assert (
        changed.processed == 1 and changed.skipped == summary.files - 1 and changed.failed == summary.failed
    )
    rows = {r["path"]: r for r in read_csv(work_out / "documents.csv")}
    assert rows[docx[2].relative_to(work_source).as_posix()]["status"] == "ok"


def _small_subset(corpus, target, n_dossiers: int = 2):
    years = sorted(p for p in corpus.glob("*/*/*") if p.is_dir())[:n_dossiers]
    for folder in years:
        shutil.copytree(folder, target / folder.relative_to(corpus))
    return target


def test_zip_input_rejects_path_traversal_and_runs_the_rest(corpus, tmp_path, read_csv):
    subset = _small_subset(corpus, tmp_path / "subset", 1)
    archive = tmp_path / "ho-so.zip"
    files = sorted(p for p in subset.rglob("*") if p.is_file())
    with zipfile.ZipFile(archive, "w") as handle:
        for path in files:
            handle.write(path, path.relative_to(subset).as_posix())
        handle.writestr("../../ngoai-thu-muc.docx", b"PK-not-really")
        handle.writestr("/etc/tuyet-doi.txt", "absolute")
    out = tmp_path / "out"
    summary = run_bulk(archive, out, workers=1, show_bar=False)
    assert summary.rejected == 2 and summary.files == len(files)
    errors = {e["path"]: e for e in read_csv(out / "errors.csv")}
    assert errors["../../ngoai-thu-muc.docx"]["error_code"] == "unsafe_file"
    assert errors["/etc/tuyet-doi.txt"]["error_code"] == "unsafe_file"
    assert not (tmp_path / "ngoai-thu-muc.docx").exists() and not (out.parent / "ngoai-thu-muc.docx").exists()
    assert summary.dossiers == 1 and summary.evidence > 0


def _sorted_evidence(out):
    table = pq.read_table(out / "evidence.parquet").to_pandas()
    return table.sort_values(["path", "start", "end", "kind"]).reset_index(drop=True)


def test_dask_local_cluster_gives_the_same_tables(corpus, tmp_path, read_csv):
    """Workers reading the files by path (same machine) and workers sent their bytes (as on other machines)
    give the local run's tables."""
    from distributed import LocalCluster

    subset = _small_subset(corpus, tmp_path / "subset", 2)
    local = run_bulk(subset, tmp_path / "local", workers=1, show_bar=False)
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster:
        for files in ("auto", "ship"):
            out = tmp_path / f"dask-{files}"
            remote = run_bulk(
                subset, out, dask_address=cluster.scheduler_address, dask_files=files, show_bar=False
            )
            assert remote.processed == local.processed > 0
            assert _sorted_evidence(out).equals(_sorted_evidence(tmp_path / "local")), files
            for name in ("criteria.csv", "dossiers.csv", "trends_unit.csv", "missing_documents.csv"):
                assert read_csv(out / name) == read_csv(tmp_path / "local" / name), (files, name)
