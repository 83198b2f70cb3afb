"""Dask runs in batches: every file is processed exactly once, a file that kills its worker costs only
itself (with or without Dask's own retries), a batch that raises records its files' error, a worker that
cannot load the pipeline stops the run, an interrupted run resumes without losing or repeating a file, a
run started before its workers waits for them, and workers on the same disk read the files by path
instead of receiving their bytes. Counts, never timings."""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
from collections import Counter

import dask
import pytest

from extractor.bulk import executors, work
from extractor.bulk.batches import MAX_BYTES, BatchLimits
from extractor.bulk.ledger import Ledger
from extractor.bulk.run import run_bulk
from extractor.bulk.sources import sha256_file


@pytest.fixture(scope="module")
def cluster():
    """Two single-threaded worker processes; a task whose worker dies is not retried elsewhere (the
    scheduler reads the setting when it starts: the other clusters keep Dask's default)."""
    from distributed import LocalCluster

    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        running = LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None)
    with running:
        yield running


@pytest.fixture
def empty_cluster():
    """A cluster with Dask's default settings and no worker yet."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=0, processes=True, threads_per_worker=1, dashboard_address=None) as running:
        yield running


@pytest.fixture
def small_batches(monkeypatch):
    """Batches of 3 files, so a handful of files makes several multi-file batches."""
    monkeypatch.setattr(executors, "batch_limits", lambda n, threads: BatchLimits(3, MAX_BYTES))


def _dossier(corpus, target, n_dossiers=1):
    for folder in sorted(p for p in corpus.glob("*/*/*") if p.is_dir())[:n_dossiers]:
        shutil.copytree(folder, target / folder.relative_to(corpus))
    return target


def _items(folder):
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in (".pdf", ".docx"))
    return [(sha256_file(p), p) for p in files]


def test_each_file_is_processed_once_across_batches_and_read_by_path(
    corpus, tmp_path, cluster, small_batches
):
    items = _items(_dossier(corpus, tmp_path / "input", 2))
    seen: Counter[str] = Counter()
    traffic = executors.run_dask(
        items, cluster.scheduler_address, work.DEFAULT_EXTRACTOR, lambda sha, data: seen.update([sha])
    )
    assert seen == Counter(sha for sha, _path in items)
    assert traffic.tasks == -(-len(items) // 3) < len(items)
    assert traffic.files_shipped == traffic.bytes_shipped == 0  # same machine: workers read the paths


def test_shipped_files_give_the_same_results_as_files_read_by_path(corpus, tmp_path, cluster, small_batches):
    items = _items(_dossier(corpus, tmp_path / "input", 1))
    by_path: dict[str, dict] = {}
    shipped: dict[str, dict] = {}
    executors.run_dask(items, cluster.scheduler_address, work.DEFAULT_EXTRACTOR, by_path.__setitem__)
    traffic = executors.run_dask(
        items, cluster.scheduler_address, work.DEFAULT_EXTRACTOR, shipped.__setitem__, files="ship"
    )
    assert traffic.files_shipped == len(items) and traffic.bytes_shipped == sum(
        p.stat().st_size for _s, p in items
    )
    assert by_path.keys() == shipped.keys()
    for sha, data in by_path.items():
        assert data["ok"] and shipped[sha]["ok"]
        assert data["evidence"] == shipped[sha]["evidence"] and data["criteria"] == shipped[sha]["criteria"]


def test_a_file_a_worker_does_not_read_as_the_client_did_is_shipped(corpus, tmp_path, cluster, small_batches):
    """A worker without the shared folder, or with another copy of it, gets the client's bytes instead."""
    items = _items(_dossier(corpus, tmp_path / "input", 1))
    _sha, odd_path = items[1]
    other = "0" * 64  # not the sha256 of what the worker finds at that path
    items[1] = (other, odd_path)
    results: Counter[str] = Counter()
    ok: dict[str, bool] = {}

    def on_result(sha: str, data: dict) -> None:
        results.update([sha])
        ok[sha] = data["ok"]

    traffic = executors.run_dask(
        items, cluster.scheduler_address, work.DEFAULT_EXTRACTOR, on_result, files="shared"
    )
    assert traffic.files_shipped == 1 and traffic.bytes_shipped == odd_path.stat().st_size
    assert results == Counter(sha for sha, _path in items) and ok[other]


def test_a_file_that_kills_its_worker_costs_only_itself(corpus, tmp_path, cluster, small_batches, read_csv):
    source = _dossier(corpus, tmp_path / "input", 1)
    docx = sorted(source.rglob("*.docx"))[0]
    crash = docx.with_name("Bao cao sap.docx")
    crash.write_bytes(docx.read_bytes() + b"\0")  # its own sha256
    calls: list[int] = []
    summary = run_bulk(
        source,
        tmp_path / "out",
        dask_address=cluster.scheduler_address,
        extractor_ref="bulk.crash_extractor:extract_file",
        progress=lambda done, total: calls.append(done),
        show_bar=False,
    )
    assert calls == list(range(1, summary.files + 1))  # one result per file, none twice
    errors = read_csv(tmp_path / "out" / "errors.csv")
    assert [(e["path"].rsplit("/", 1)[-1], e["error_code"]) for e in errors] == [
        ("Bao cao sap.docx", "worker_crashed")
    ]
    statuses = Counter(row["status"] for row in read_csv(tmp_path / "out" / "documents.csv"))
    assert statuses["ok"] == summary.files - 1


class Interrupted(Exception):
    """Stands for the run being stopped (Ctrl-C, a killed service) in the middle of a batch."""


def test_a_run_stopped_mid_batch_resumes_without_losing_or_repeating_files(
    corpus, tmp_path, cluster, small_batches, read_csv
):
    source = _dossier(corpus, tmp_path / "input", 2)
    out = tmp_path / "out"

    def stop_after_four(done: int, total: int) -> None:  # noqa: ARG001
        if done == 4:  # the second batch of three is half recorded
            raise Interrupted

    with pytest.raises(Interrupted):
        run_bulk(
            source, out, dask_address=cluster.scheduler_address, progress=stop_after_four, show_bar=False
        )
    ledger = Ledger(out)
    recorded = ledger.db.execute("SELECT COUNT(*) FROM results").fetchone()[0]
    ledger.close()
    assert recorded == 4
    resumed = run_bulk(source, out, dask_address=cluster.scheduler_address, show_bar=False)
    assert resumed.skipped == 4 and resumed.processed == resumed.files - 4
    rows = read_csv(out / "documents.csv")
    assert len(rows) == len({r["path"] for r in rows}) == resumed.files
    assert all(r["status"] == "ok" for r in rows)


class _ScaleWhenWaiting(logging.Handler):
    """Starts the cluster's workers when the run says it waits for them."""

    def __init__(self, cluster, workers: int) -> None:
        super().__init__(logging.WARNING)
        self.cluster, self.workers, self.waits = cluster, workers, 0

    def emit(self, record: logging.LogRecord) -> None:
        self.waits += 1
        self.cluster.scale(self.workers)


def test_a_run_started_before_its_workers_waits_for_them_and_reads_the_files_by_path(
    corpus, tmp_path, empty_cluster, small_batches
):
    items = _items(_dossier(corpus, tmp_path / "input", 1))
    waiting = _ScaleWhenWaiting(empty_cluster, 1)
    executors.logger.addHandler(waiting)
    fallback = threading.Timer(120, empty_cluster.scale, (1,))  # a run that does not wait still ends
    fallback.start()
    seen: Counter[str] = Counter()
    try:
        traffic = executors.run_dask(
            items,
            empty_cluster.scheduler_address,
            work.DEFAULT_EXTRACTOR,
            lambda sha, data: seen.update([sha]),
        )
    finally:
        fallback.cancel()
        executors.logger.removeHandler(waiting)
    assert waiting.waits == 1
    assert seen == Counter(sha for sha, _path in items)
    assert traffic.files_shipped == 0  # auto, decided once a worker was there: read by path


def test_a_file_that_kills_its_worker_costs_only_itself_after_dasks_own_retries(
    corpus, tmp_path, empty_cluster, small_batches, read_csv
):
    """Dask's default: a task whose worker died is tried again on other workers before it is given up."""
    assert empty_cluster.scheduler.allowed_failures == 3  # Dask's default
    empty_cluster.scale(2)
    source = _dossier(corpus, tmp_path / "input", 1)
    docx = sorted(source.rglob("*.docx"))[0]
    docx.with_name("Bao cao sap.docx").write_bytes(docx.read_bytes() + b"\0")
    summary = run_bulk(
        source,
        tmp_path / "out",
        dask_address=empty_cluster.scheduler_address,
        extractor_ref="bulk.crash_extractor:extract_file",
        show_bar=False,
    )
    errors = read_csv(tmp_path / "out" / "errors.csv")
    assert [(e["path"].rsplit("/", 1)[-1], e["error_code"]) for e in errors] == [
        ("Bao cao sap.docx", "worker_crashed")
    ]
    assert summary.processed == summary.files and summary.failed == 1


def _no_temporary_folder() -> None:
    tempfile.tempdir = "/nonexistent/minhchung-test"


def _temporary_folder_back() -> None:
    tempfile.tempdir = None


def test_a_batch_that_raises_records_that_error_for_each_of_its_files(
    corpus, tmp_path, cluster, small_batches
):
    """Workers without a usable temporary folder cannot take shipped files: each file of each batch is an
    ``internal_error``, every batch run once (not a crashed worker, not the one-file-at-a-time path)."""
    from distributed import Client

    items = _items(_dossier(corpus, tmp_path / "input", 1))
    results: dict[str, dict] = {}
    with Client(cluster.scheduler_address) as client:
        client.run(work.warm_up_once, work.DEFAULT_EXTRACTOR)
        client.run(_no_temporary_folder)
        try:
            traffic = executors.run_dask(
                items, cluster.scheduler_address, work.DEFAULT_EXTRACTOR, results.__setitem__, files="ship"
            )
        finally:
            client.run(_temporary_folder_back)
    assert results.keys() == {sha for sha, _path in items}
    assert {data["error"]["code"] for data in results.values()} == {"internal_error"}
    assert all("FileNotFoundError" in data["error"]["message"] for data in results.values())
    assert traffic.tasks == -(-len(items) // 3)


def test_a_worker_that_cannot_load_the_pipeline_stops_the_run_and_is_named(corpus, tmp_path, cluster):
    items = _items(_dossier(corpus, tmp_path / "input", 1))
    results: dict[str, dict] = {}
    with pytest.raises(executors.DaskWorkerError) as stopped:
        executors.run_dask(
            items, cluster.scheduler_address, "bulk.crash_extractor:no_such", results.__setitem__
        )
    assert stopped.value.source in cluster.scheduler_info["workers"]  # the worker's address
    assert "AttributeError" in stopped.value.message() and not results
