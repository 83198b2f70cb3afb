"""The run's memory on disk: which file contents (sha256) are done, and each one's result.

``state.sqlite`` in the output folder holds one row per processed sha256 (ok or error, with
the typed error code) and a cache of path → (size, mtime, sha256) so unchanged files are not
re-hashed. Each result is a gzip JSON file under ``results/<aa>/<sha256>.json.gz``; a second
run skips every sha256 already in the ledger and processes only new or changed contents.
"""

from __future__ import annotations

import gzip
import json
import sqlite3
import time
from pathlib import Path
from typing import Any

from extractor.bulk.sources import sha256_file

RETRY_CODES = frozenset({"worker_crashed", "out_of_memory"})  # not the file's fault: try again next run
SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    sha256 TEXT PRIMARY KEY, status TEXT NOT NULL, error_code TEXT, error_message TEXT,
    pages INTEGER, seconds REAL, processed_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS hashes (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, sha256 TEXT);
"""


class Ledger:
    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.results_dir = out_dir / "results"
        out_dir.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(out_dir / "state.sqlite")
        self.db.executescript(SCHEMA)
        self.db.execute("PRAGMA journal_mode=WAL")

    def close(self) -> None:
        self.db.commit()
        self.db.close()

    # hashing ---------------------------------------------------------------
    def sha256(self, path: Path) -> str:
        """sha256 of ``path``, re-hashed only when its size or mtime changed."""
        info = path.stat()
        key = str(path.resolve())
        row = self.db.execute("SELECT size, mtime_ns, sha256 FROM hashes WHERE path = ?", (key,)).fetchone()
        if row and row[0] == info.st_size and row[1] == info.st_mtime_ns:
            return row[2]
        digest = sha256_file(path)
        self.db.execute(
            "INSERT OR REPLACE INTO hashes VALUES (?, ?, ?, ?)", (key, info.st_size, info.st_mtime_ns, digest)
        )
        return digest

    # results ---------------------------------------------------------------
    def result_path(self, sha256: str) -> Path:
        return self.results_dir / sha256[:2] / f"{sha256}.json.gz"

    def done(self, sha256: str) -> bool:
        """Processed before: ok with its result on disk, or failed for a reason the same bytes would repeat."""
        row = self.db.execute("SELECT status, error_code FROM results WHERE sha256 = ?", (sha256,)).fetchone()
        if not row:
            return False
        if row[0] == "error":
            return row[1] not in RETRY_CODES
        return self.result_path(sha256).exists()

    def record(self, sha256: str, data: dict[str, Any]) -> None:
        """Store one file's result (written before the ledger row, so a crash never lies)."""
        path = self.result_path(sha256)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with gzip.open(tmp, "wt", encoding="utf-8", compresslevel=3) as handle:
            json.dump(data, handle, ensure_ascii=False)
        tmp.replace(path)
        error = data.get("error") or {}
        pages = (data.get("document") or {}).get("pages")
        self.db.execute(
            "INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                sha256,
                "ok" if data.get("ok") else "error",
                error.get("code"),
                error.get("message"),
                pages,
                data.get("seconds"),
                time.time(),
            ),
        )

    def commit(self) -> None:
        self.db.commit()

    def load(self, sha256: str) -> dict[str, Any] | None:
        path = self.result_path(sha256)
        if not path.exists():
            return None
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            return json.load(handle)

    def forget(self) -> None:
        """Drop every recorded result (``--force``)."""
        self.db.execute("DELETE FROM results")
        self.db.commit()
