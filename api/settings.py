"""Service configuration read from the environment (``DATABASE_URL``, storage directory, limits)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from extractor.ingest.limits import Limits

_LIMITS = Limits()  # the library's defaults: every zip limit lives in extractor/ingest/limits.py


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
    # the service's own values of the library's zip limits (``limits()`` hands them to every check)
    max_unzipped_bytes: int = _LIMITS.max_uncompressed_bytes  # one DOCX/ODT upload
    max_zip_ratio: int = _LIMITS.max_compression_ratio
    max_bulk_unzipped_bytes: int = 10 * _LIMITS.max_uncompressed_bytes  # a bulk .zip upload
    max_bulk_members: int = 10_000  # a bulk .zip upload
    token_ttl_hours: int = 12
    job_lease_seconds: int = 60
    job_max_attempts: int = 3
    worker_poll_seconds: float = 1.0
    worker_stale_seconds: int = 30
    cookie_secure: bool = False
    bulk_output_dir: Path = field(default_factory=lambda: Path("var/bulk"))
    bulk_workers: int = 0  # processes per bulk job; 0 = one per CPU
    # log-in throttling: consecutive failures that lock an account, for how long; failures per client address
    login_max_failures: int = 5
    login_lockout_seconds: int = 900
    login_address_failures: int = 20
    login_address_window_seconds: int = 300
    password_hash_concurrency: int = 2  # argon2 (64 MiB each) running at once
    password_hash_queue: int = 8  # log-ins waiting for a hash slot before 429
    job_time_limit_seconds: int = 600  # one job's wall-clock limit in the worker (model loading excluded)
    small_job_bytes: int = 2 * 1024 * 1024  # documents up to this size go before larger ones
    job_aging_seconds: int = 600  # a waiting large job goes first after this long
    max_json_body_bytes: int = 256 * 1024  # every JSON request body
    trusted_origins: tuple[str, ...] = ()  # extra origins allowed to send state-changing requests
    # reverse proxies (addresses or networks) whose X-Forwarded-For names the client (api.client_address)
    trusted_proxies: tuple[str, ...] = ()
    instance_id: str | None = None  # set by ``minhchung serve``: /ready counts this instance's workers
    parent_pid: int | None = None  # a worker started by ``serve`` dies with this process

    def limits(self) -> Limits:
        """The library's :class:`Limits` (``MINHCHUNG_MAX_*`` env included) with this service's upload and
        zip values: what the upload checks, the worker's ingestion and bulk runs are given."""
        return replace(
            Limits.from_env(),
            max_bytes=self.max_upload_bytes,
            max_uncompressed_bytes=self.max_unzipped_bytes,
            max_compression_ratio=self.max_zip_ratio,
            max_bulk_uncompressed_bytes=self.max_bulk_unzipped_bytes,
            max_bulk_members=self.max_bulk_members,
        )

    @classmethod
    def from_env(cls) -> Settings:
        """Settings from environment variables; relative paths are relative to the current directory."""
        return cls(
            database_url=os.environ.get("DATABASE_URL", "sqlite:///var/minhchung.db"),
            storage_dir=Path(os.environ.get("MINHCHUNG_STORAGE_DIR", "var/storage")),
            max_upload_bytes=_int_env("MINHCHUNG_MAX_UPLOAD_BYTES", 50 * 1024 * 1024),
            max_bulk_bytes=_int_env("MINHCHUNG_MAX_BULK_BYTES", 2 * 1024 * 1024 * 1024),
            max_files_per_upload=_int_env("MINHCHUNG_MAX_FILES_PER_UPLOAD", 20),
            max_unzipped_bytes=_int_env("MINHCHUNG_MAX_UNCOMPRESSED_BYTES", _LIMITS.max_uncompressed_bytes),
            token_ttl_hours=_int_env("MINHCHUNG_TOKEN_TTL_HOURS", 12),
            job_lease_seconds=_int_env("MINHCHUNG_JOB_LEASE_SECONDS", 60),
            job_max_attempts=_int_env("MINHCHUNG_JOB_MAX_ATTEMPTS", 3),
            worker_stale_seconds=_int_env("MINHCHUNG_WORKER_STALE_SECONDS", 30),
            cookie_secure=os.environ.get("MINHCHUNG_COOKIE_SECURE", "") in {"1", "true", "yes"},
            bulk_output_dir=Path(os.environ.get("MINHCHUNG_BULK_DIR", "var/bulk")),
            bulk_workers=_int_env("MINHCHUNG_BULK_WORKERS", 0),
            login_max_failures=_int_env("MINHCHUNG_LOGIN_MAX_FAILURES", 5),
            login_lockout_seconds=_int_env("MINHCHUNG_LOGIN_LOCKOUT_SECONDS", 900),
            login_address_failures=_int_env("MINHCHUNG_LOGIN_ADDRESS_FAILURES", 20),
            login_address_window_seconds=_int_env("MINHCHUNG_LOGIN_ADDRESS_WINDOW_SECONDS", 300),
            password_hash_concurrency=max(1, _int_env("MINHCHUNG_PASSWORD_HASH_CONCURRENCY", 2)),
            password_hash_queue=max(0, _int_env("MINHCHUNG_PASSWORD_HASH_QUEUE", 8)),
            job_time_limit_seconds=_int_env("MINHCHUNG_JOB_TIME_LIMIT_SECONDS", 600),
            small_job_bytes=_int_env("MINHCHUNG_SMALL_JOB_BYTES", 2 * 1024 * 1024),
            job_aging_seconds=_int_env("MINHCHUNG_JOB_AGING_SECONDS", 600),
            max_json_body_bytes=_int_env("MINHCHUNG_MAX_JSON_BODY_BYTES", 256 * 1024),
            trusted_origins=tuple(
                o.strip().rstrip("/")
                for o in os.environ.get("MINHCHUNG_TRUSTED_ORIGINS", "").split(",")
                if o.strip()
            ),
            trusted_proxies=tuple(
                p.strip() for p in os.environ.get("MINHCHUNG_TRUSTED_PROXIES", "").split(",") if p.strip()
            ),
            instance_id=os.environ.get("MINHCHUNG_INSTANCE_ID") or None,
            parent_pid=_int_env("MINHCHUNG_PARENT_PID", 0) or None,
        )

    def to_env(self) -> dict[str, str]:
        """The same settings as environment variables (for worker subprocesses)."""
        return {
            "DATABASE_URL": self.database_url,
            "MINHCHUNG_STORAGE_DIR": str(self.storage_dir),
            "MINHCHUNG_MAX_UPLOAD_BYTES": str(self.max_upload_bytes),
            "MINHCHUNG_MAX_BULK_BYTES": str(self.max_bulk_bytes),
            "MINHCHUNG_MAX_FILES_PER_UPLOAD": str(self.max_files_per_upload),
            "MINHCHUNG_MAX_UNCOMPRESSED_BYTES": str(self.max_unzipped_bytes),
            "MINHCHUNG_TOKEN_TTL_HOURS": str(self.token_ttl_hours),
            "MINHCHUNG_JOB_LEASE_SECONDS": str(self.job_lease_seconds),
            "MINHCHUNG_JOB_MAX_ATTEMPTS": str(self.job_max_attempts),
            "MINHCHUNG_WORKER_STALE_SECONDS": str(self.worker_stale_seconds),
            "MINHCHUNG_BULK_DIR": str(self.bulk_output_dir),
            "MINHCHUNG_BULK_WORKERS": str(self.bulk_workers),
            "MINHCHUNG_LOGIN_MAX_FAILURES": str(self.login_max_failures),
            "MINHCHUNG_LOGIN_LOCKOUT_SECONDS": str(self.login_lockout_seconds),
            "MINHCHUNG_LOGIN_ADDRESS_FAILURES": str(self.login_address_failures),
            "MINHCHUNG_LOGIN_ADDRESS_WINDOW_SECONDS": str(self.login_address_window_seconds),
            "MINHCHUNG_PASSWORD_HASH_CONCURRENCY": str(self.password_hash_concurrency),
            "MINHCHUNG_PASSWORD_HASH_QUEUE": str(self.password_hash_queue),
            "MINHCHUNG_JOB_TIME_LIMIT_SECONDS": str(self.job_time_limit_seconds),
            "MINHCHUNG_SMALL_JOB_BYTES": str(self.small_job_bytes),
            "MINHCHUNG_JOB_AGING_SECONDS": str(self.job_aging_seconds),
            "MINHCHUNG_MAX_JSON_BODY_BYTES": str(self.max_json_body_bytes),
            "MINHCHUNG_TRUSTED_ORIGINS": ",".join(self.trusted_origins),
            "MINHCHUNG_TRUSTED_PROXIES": ",".join(self.trusted_proxies),
            **({"MINHCHUNG_INSTANCE_ID": self.instance_id} if self.instance_id else {}),
            **({"MINHCHUNG_PARENT_PID": str(self.parent_pid)} if self.parent_pid else {}),
        }
