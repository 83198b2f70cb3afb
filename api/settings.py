"""Service configuration read from the environment (``DATABASE_URL``, storage directory, limits)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


def _int_env(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


@dataclass
class Settings:
    """Everything the app, the worker and ``minhchung serve`` need to know."""

    database_url: str = "sqlite:///var/minhchung.db"
    storage_dir: Path = field(default_factory=lambda: Path("var/storage"))
    max_upload_bytes: int = 50 * 1024 * 1024
    max_bulk_bytes: int = 2 * 1024 * 1024 * 1024
    max_files_per_upload: int = 20
    max_unzipped_bytes: int = 200 * 1024 * 1024
    max_zip_ratio: int = 200
    token_ttl_hours: int = 12
    job_lease_seconds: int = 60
    job_max_attempts: int = 3
    worker_poll_seconds: float = 1.0
    worker_stale_seconds: int = 30
    cookie_secure: bool = False
    bulk_output_dir: Path = field(default_factory=lambda: Path("var/bulk"))
    bulk_workers: int = 0  # processes per bulk job; 0 = one per CPU

    @classmethod
    def from_env(cls) -> Settings:
        """Settings from environment variables; relative paths are relative to the current directory."""
        return cls(
            database_url=os.environ.get("DATABASE_URL", "sqlite:///var/minhchung.db"),
            storage_dir=Path(os.environ.get("MINHCHUNG_STORAGE_DIR", "var/storage")),
            max_upload_bytes=_int_env("MINHCHUNG_MAX_UPLOAD_BYTES", 50 * 1024 * 1024),
            max_bulk_bytes=_int_env("MINHCHUNG_MAX_BULK_BYTES", 2 * 1024 * 1024 * 1024),
            max_files_per_upload=_int_env("MINHCHUNG_MAX_FILES_PER_UPLOAD", 20),
            token_ttl_hours=_int_env("MINHCHUNG_TOKEN_TTL_HOURS", 12),
            job_lease_seconds=_int_env("MINHCHUNG_JOB_LEASE_SECONDS", 60),
            job_max_attempts=_int_env("MINHCHUNG_JOB_MAX_ATTEMPTS", 3),
            worker_stale_seconds=_int_env("MINHCHUNG_WORKER_STALE_SECONDS", 30),
            cookie_secure=os.environ.get("MINHCHUNG_COOKIE_SECURE", "") in {"1", "true", "yes"},
            bulk_output_dir=Path(os.environ.get("MINHCHUNG_BULK_DIR", "var/bulk")),
            bulk_workers=_int_env("MINHCHUNG_BULK_WORKERS", 0),
        )

    def to_env(self) -> dict[str, str]:
        """The same settings as environment variables (for worker subprocesses)."""
        return {
            "DATABASE_URL": self.database_url,
            "MINHCHUNG_STORAGE_DIR": str(self.storage_dir),
            "MINHCHUNG_MAX_UPLOAD_BYTES": str(self.max_upload_bytes),
            "MINHCHUNG_MAX_BULK_BYTES": str(self.max_bulk_bytes),
            "MINHCHUNG_MAX_FILES_PER_UPLOAD": str(self.max_files_per_upload),
            "MINHCHUNG_TOKEN_TTL_HOURS": str(self.token_ttl_hours),
            "MINHCHUNG_JOB_LEASE_SECONDS": str(self.job_lease_seconds),
            "MINHCHUNG_JOB_MAX_ATTEMPTS": str(self.job_max_attempts),
            "MINHCHUNG_WORKER_STALE_SECONDS": str(self.worker_stale_seconds),
            "MINHCHUNG_BULK_DIR": str(self.bulk_output_dir),
            "MINHCHUNG_BULK_WORKERS": str(self.bulk_workers),
        }
