"""``run_bulk``: a folder or .zip of dossiers → tables, lists and an HTML report in ``out_dir``.

Steps: discover the files (safe zip unpacking) → sha256 each (cached by size+mtime) → skip
contents the ledger already holds → extract the rest on local processes or a Dask cluster,
storing each result as it arrives → one streaming pass writes the evidence table and the
dossier summaries → analysis tables, workbook and report. The API's bulk job
calls this same function; ``progress(done, total)`` lets it report progress.
"""

from __future__ import annotations

import csv
import json
import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from extractor.bulk import analysis
from extractor.bulk.evidence_table import Entry, tabulate
from extractor.bulk.executors import run_dask, run_local
from extractor.bulk.ledger import Ledger
from extractor.bulk.report import write_report
from extractor.bulk.sources import discover
from extractor.bulk.work import DEFAULT_EXTRACTOR, DEFAULT_TIMEOUT
from extractor.bulk.writers import write_csv, write_workbook
from extractor.ingest.limits import Limits

Progress = Callable[[int, int], None]


@dataclass
class BulkSummary:
    input: str
    out_dir: str
    files: int
    processed: int  # extracted in this run
    skipped: int  # already in the ledger
    failed: int  # files with an error (this run or before)
    rejected: int  # zip members refused
    ambiguous: int
    dossiers: int
    evidence: int
    pages: int
    seconds: float
    extract_seconds: float
    workers: int | str
    outputs: dict[str, str] = field(default_factory=dict)

    @property
    def documents_per_second(self) -> float:
        return self.processed / self.extract_seconds if self.extract_seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "documents_per_second": round(self.documents_per_second, 3)}


def _bar(total: int, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, desc="Trích xuất", unit="tệp", disable=not enabled or total == 0, smoothing=0.1)


def run_bulk(
    path: str | Path,
    out_dir: str | Path,
    *,
    workers: int | None = None,
    dask_address: str | None = None,
    dask_files: str = "auto",
    progress: Progress | None = None,
    show_bar: bool = True,
    force: bool = False,
    extractor_ref: str = DEFAULT_EXTRACTOR,
    zip_limits: Limits | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> BulkSummary:
    """Analyse every dossier under ``path`` (folder or .zip) into ``out_dir``; resumable.

    ``timeout`` (seconds per file, ``None`` for none): a file that takes longer is recorded in
    ``errors.csv`` with code ``timeout`` and the run goes on. ``dask_files`` (with ``dask_address``):
    ``auto``, ``shared`` (workers read the files' paths) or ``ship`` (files sent as bytes), see
    ``extractor.bulk.executors.run_dask``."""
    started = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    sources = discover(path, out, zip_limits)
    ledger = Ledger(out)
    try:
        if force:
            ledger.forget()
        entries = [Entry(f.rel, f.path, ledger.sha256(f.path)) for f in sources.files]
        ledger.commit()
        todo: dict[str, Entry] = {}
        for entry in entries:
            if not ledger.done(entry.sha256) and entry.sha256 not in todo:
                todo[entry.sha256] = entry
        skipped = sum(1 for e in entries if e.sha256 not in todo)
        n_workers = workers or os.cpu_count() or 1
        bar = _bar(len(todo), show_bar)
        done = 0

        def on_result(sha: str, data: dict[str, Any]) -> None:
            nonlocal done
            ledger.record(sha, data)
            done += 1
            if done % 20 == 0:
                ledger.commit()
            bar.update(1)
            if progress:
                progress(done, len(todo))

        extract_started = time.perf_counter()
        items = [(sha, e.path) for sha, e in todo.items()]
        if dask_address:
            run_dask(
                items,
                dask_address,
                extractor_ref,
                on_result,
                names=[e.rel for e in todo.values()],
                timeout=timeout,
                files=dask_files,
            )
        else:
            run_local(items, n_workers, extractor_ref, on_result, timeout=timeout)
        extract_seconds = time.perf_counter() - extract_started
        bar.close()
        ledger.commit()
        passed = tabulate(entries, ledger, out, sources.rejected)
    finally:
        ledger.close()
    outputs = write_outputs(out, passed.dossiers, sources.rejected)
    summary = BulkSummary(
        input=str(path),
        out_dir=str(out),
        files=len(entries),
        processed=len(todo),
        skipped=skipped,
        failed=passed.failed,
        rejected=len(sources.rejected),
        ambiguous=passed.ambiguous,
        dossiers=len(passed.dossiers),
        evidence=passed.evidence,
        pages=passed.pages,
        seconds=round(time.perf_counter() - started, 3),
        extract_seconds=round(extract_seconds, 3),
        workers=dask_address or n_workers,
        outputs=outputs,
    )
    _write_report(out, summary, passed)
    (out / "summary.json").write_text(
        json.dumps(summary.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8"
    )
    return summary


def write_outputs(out: Path, dossiers, rejected) -> dict[str, str]:
    """Every table derived from the dossier summaries."""
    tables = {
        "dossiers.csv": analysis.dossier_rows(dossiers),
        "criteria.csv": analysis.criteria_rows(dossiers),
        "missing_criteria.csv": analysis.missing_criteria_rows(dossiers),
        "missing_documents.csv": analysis.missing_document_rows(dossiers),
        "trends_unit.csv": analysis.unit_trend_rows(dossiers),
        "trends_province.csv": analysis.province_trend_rows(dossiers),
        "targets.csv": analysis.target_rows(dossiers),
        "rates.csv": analysis.rate_rows(dossiers),
        "bands.csv": analysis.band_rows(dossiers),
    }
    fields = {
        "criteria.csv": [
            "province",
            "unit",
            "year",
            "subject_type",
            "criterion",
            "title",
            "status",
            "status_vi",
            "reason",
            "source",
        ],
        "missing_criteria.csv": [
            "province",
            "unit",
            "year",
            "subject_type",
            "criterion",
            "title",
            "status",
            "status_vi",
            "reason",
            "source",
        ],
        "missing_documents.csv": [
            "province",
            "unit",
            "year",
            "subject_type",
            "document",
            "doc_types",
            "title",
            "stage",
        ],
        "trends_unit.csv": ["province", "unit", "year", "indicator", "label", "value"],
        "trends_province.csv": ["province", "year", "indicator", "label", "value", "units_reporting"],
    }
    for name, rows in tables.items():
        write_csv(out / name, rows, fields.get(name))
    write_workbook(out / "criteria.xlsx", tables["criteria.csv"], tables["dossiers.csv"])
    names = [
        *tables,
        "criteria.xlsx",
        "evidence.parquet",
        "evidence.csv",
        "documents.csv",
        "errors.csv",
        "ambiguous.csv",
        "report.html",
        "summary.json",
    ]
    return {name: str(out / name) for name in names}


def _write_report(out: Path, summary: BulkSummary, passed) -> None:
    dossiers = analysis.dossier_rows(passed.dossiers)
    errors = []
    with (out / "errors.csv").open(encoding="utf-8-sig", newline="") as handle:
        for index, row in enumerate(csv.DictReader(handle)):
            if index >= 200:
                break
            errors.append(row)
    context = {
        "summary": {
            "input": summary.input,
            "documents": summary.files,
            "failed": summary.failed + summary.rejected,
            "dossiers": summary.dossiers,
            "evidence": summary.evidence,
            "ambiguous": summary.ambiguous,
        },
        "dossiers": dossiers,
        "province_trends": analysis.province_trend_rows(passed.dossiers),
        "unit_trends": analysis.unit_trend_rows(passed.dossiers),
        "bands": analysis.band_rows(passed.dossiers),
        "targets": analysis.target_rows(passed.dossiers),
        "rates": analysis.rate_rows(passed.dossiers),
        "missing_documents": analysis.missing_document_rows(passed.dossiers),
        "missing_criteria": analysis.missing_criteria_rows(passed.dossiers),
        "errors": errors,
    }
    write_report(out / "report.html", context)
