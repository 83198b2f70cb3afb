"""One streaming pass over the stored results: evidence table, document list, errors, ambiguities.

Results are read one file at a time in input order (sorted relative paths), rows go out to
Parquet (in row groups) and CSV as they are made, and only the dossier summaries stay in
memory. The order never depends on which worker finished first, so a local run and a Dask
run write the same tables.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from extractor.bulk.dossiers import DossierAgg, Signals, indicator_for
from extractor.bulk.ledger import Ledger
from extractor.bulk.placement import Placement, place
from extractor.bulk.sources import Rejected

EVIDENCE_SCHEMA = pa.schema(
    [
        ("path", pa.string()),
        ("sha256", pa.string()),
        ("province", pa.string()),
        ("unit", pa.string()),
        ("year", pa.int32()),
        ("placement", pa.string()),
        ("doc_type", pa.string()),
        ("subject_type", pa.string()),
        ("document_year", pa.int32()),
        ("evidence_id", pa.string()),
        ("kind", pa.string()),
        ("text", pa.string()),
        ("page", pa.int32()),
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("confidence", pa.float64()),
        ("extractor", pa.string()),
        ("criteria", pa.string()),
        ("number", pa.float64()),
        ("count_unit", pa.string()),
        ("modality", pa.string()),
        ("indicator", pa.string()),
        ("status", pa.string()),
        ("legal_key", pa.string()),
        ("value", pa.string()),
        ("source_part", pa.string()),
        ("footnote", pa.int32()),
    ]
)
DOCUMENT_FIELDS = [
    "path",
    "sha256",
    "status",
    "error_code",
    "province",
    "unit",
    "year",
    "placement",
    "doc_type",
    "subject_type",
    "document_year",
    "issuer",
    "number",
    "issued_on",
    "period",
    "pages",
    "evidence",
    "score",
    "band",
    "decision",
    "dien_hinh",
]
BATCH_ROWS = 5000


@dataclass
class Entry:
    rel: str
    path: Path
    sha256: str


@dataclass
class Pass:
    dossiers: dict[tuple[str, str, int], DossierAgg] = field(default_factory=dict)
    documents: int = 0
    ok: int = 0
    failed: int = 0
    ambiguous: int = 0
    evidence: int = 0
    pages: int = 0


def _number(value: Any) -> float | None:
    try:
        return float(value) if value is not None and not isinstance(value, bool) else None
    except (TypeError, ValueError):
        return None


def evidence_rows(entry: Entry, placement: Placement, result: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per evidence of the document, then one per dossier-level signal (kind ``signal``)."""
    document = result["document"]
    rows = []
    for item in [*(result.get("evidence") or []), *(result.get("signals") or [])]:
        value = item.get("value") or {}
        count_unit = value.get("unit") if item.get("kind") == "count" else None
        rows.append(
            {
                "path": entry.rel,
                "sha256": entry.sha256,
                "province": placement.province,
                "unit": placement.unit,
                "year": placement.year,
                "placement": placement.origin,
                "doc_type": document.get("doc_type"),
                "subject_type": document.get("subject_type"),
                "document_year": document.get("year"),
                "evidence_id": item.get("id"),
                "kind": item.get("kind"),
                "text": item.get("text"),
                "page": item.get("page"),
                "start": item.get("start"),
                "end": item.get("end"),
                "confidence": item.get("confidence"),
                "extractor": item.get("extractor"),
                "criteria": ";".join(item.get("criteria") or []),
                "number": _number(value.get("value")) if item.get("kind") == "count" else None,
                "count_unit": count_unit,
                "modality": value.get("modality"),
                "indicator": indicator_for(count_unit),
                "status": value.get("status"),
                "legal_key": value.get("key") if item.get("kind") == "legal_ref" else None,
                "value": json.dumps(value, ensure_ascii=False, sort_keys=True),
                # where it was read: "body", or "footnote" with the footnote's number (a signal: the body)
                "source_part": item.get("source_part") or "body",
                "footnote": item.get("footnote"),
            }
        )
    return rows


class _EvidenceWriter:
    def __init__(self, out_dir: Path) -> None:
        self.parquet = pq.ParquetWriter(out_dir / "evidence.parquet", EVIDENCE_SCHEMA)
        self.csv_handle = (out_dir / "evidence.csv").open("w", encoding="utf-8-sig", newline="")
        self.csv = csv.DictWriter(self.csv_handle, fieldnames=EVIDENCE_SCHEMA.names)
        self.csv.writeheader()
        self.buffer: list[dict[str, Any]] = []

    def add(self, rows: list[dict[str, Any]]) -> None:
        self.csv.writerows(rows)
        self.buffer += rows
        if len(self.buffer) >= BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        if self.buffer:
            self.parquet.write_table(pa.Table.from_pylist(self.buffer, schema=EVIDENCE_SCHEMA))
            self.buffer = []

    def close(self) -> None:
        self.flush()
        self.parquet.close()
        self.csv_handle.close()


def _writer(path: Path, fields: list[str]) -> tuple[Any, csv.DictWriter]:
    handle = path.open("w", encoding="utf-8-sig", newline="")
    writer = csv.DictWriter(handle, fieldnames=fields)
    writer.writeheader()
    return handle, writer


def tabulate(entries: list[Entry], ledger: Ledger, out_dir: Path, rejected: list[Rejected]) -> Pass:
    """Write evidence.parquet/.csv, documents.csv, errors.csv, ambiguous.csv; return dossier summaries."""
    summary = Pass()
    evidence = _EvidenceWriter(out_dir)
    docs_handle, docs = _writer(out_dir / "documents.csv", DOCUMENT_FIELDS)
    err_handle, errors = _writer(out_dir / "errors.csv", ["path", "sha256", "error_code", "message"])
    amb_handle, ambiguous = _writer(
        out_dir / "ambiguous.csv",
        ["path", "sha256", "reason", "province", "unit", "year", "issuer", "document_year"],
    )
    try:
        for item in rejected:
            errors.writerow({"path": item.rel, "sha256": "", "error_code": item.code, "message": item.reason})
        for entry in entries:
            result = ledger.load(entry.sha256) or {
                "ok": False,
                "error": {"code": "not_processed", "message": ""},
            }
            summary.documents += 1
            document = result.get("document") if result.get("ok") else None
            placement, notes = place(entry.rel, document)
            for note in notes:
                summary.ambiguous += 1
                ambiguous.writerow(
                    {
                        "path": entry.rel,
                        "sha256": entry.sha256,
                        "reason": note,
                        "province": placement.province,
                        "unit": placement.unit,
                        "year": placement.year,
                        "issuer": (document or {}).get("issuer"),
                        "document_year": (document or {}).get("year"),
                    }
                )
            signals = Signals()
            signals.add(entry.rel, result.get("signals") or [])
            row = {
                "path": entry.rel,
                "sha256": entry.sha256,
                "status": "ok" if result.get("ok") else "error",
                "error_code": (result.get("error") or {}).get("code"),
                "province": placement.province,
                "unit": placement.unit,
                "year": placement.year,
                "placement": placement.origin,
                "score": signals.score,
                "band": signals.band,
                "decision": signals.decision,
                "dien_hinh": signals.dien_hinh,
            }
            if document:
                summary.ok += 1
                summary.pages += int(document.get("pages") or 0)
                row.update(
                    {
                        "doc_type": document.get("doc_type"),
                        "subject_type": document.get("subject_type"),
                        "document_year": document.get("year"),
                        "issuer": document.get("issuer"),
                        "number": document.get("number"),
                        "issued_on": document.get("issued_on"),
                        "period": document.get("period"),
                        "pages": document.get("pages"),
                        "evidence": len(result.get("evidence") or []),
                    }
                )
                rows = evidence_rows(entry, placement, result)
                summary.evidence += len(rows)
                evidence.add(rows)
            else:
                summary.failed += 1
                error = result.get("error") or {}
                errors.writerow(
                    {
                        "path": entry.rel,
                        "sha256": entry.sha256,
                        "error_code": error.get("code"),
                        "message": error.get("message"),
                    }
                )
            docs.writerow(row)
            if placement.unit and placement.year is not None:  # the placement is complete
                key = (placement.province or "", placement.unit, placement.year)
                if key not in summary.dossiers:
                    summary.dossiers[key] = DossierAgg(*key)
                summary.dossiers[key].add(entry.rel, result)
    finally:
        evidence.close()
        for handle in (docs_handle, err_handle, amb_handle):
            handle.close()
    return summary
