"""Worker process: claims jobs from the database queue and runs them (``python -m api.worker``).

Each worker writes a heartbeat row (``/ready`` checks it) and renews its job's lease from a background
thread while the job runs, so a long extraction keeps its claim and a killed worker's job is re-claimed
by another worker (or by itself after a restart) once the lease expires.

A worker started by ``minhchung serve`` (``MINHCHUNG_PARENT_PID``) dies with it: the kernel sends it
SIGKILL when the serving process dies (``prctl(PR_SET_PDEATHSIG)`` on Linux), and the heartbeat thread
also exits when its parent changed, so no orphan keeps taking jobs after a ``kill -9`` of the server.
Its heartbeat carries the serving instance's id, and ``/ready`` counts only that instance's workers.

The pipeline is loaded before the first job is claimed, and an ``extract`` job that runs longer than
``MINHCHUNG_JOB_TIME_LIMIT_SECONDS`` is failed for good (``job_timeout``, no retry) and the worker
process ends, since a hang inside C code cannot be interrupted any other way; ``serve`` starts a new one.
"""

from __future__ import annotations

import argparse
import ctypes
import logging
import os
import signal
import socket
import sys
import threading
import time
import traceback
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from api import queue
from api.db import make_engine
from api.orm import Job, WorkerHeartbeat, utcnow
from api.settings import Settings
from api.tasks import TASKS, JobContext, PermanentJobError

log = logging.getLogger("minhchung.worker")

PR_SET_PDEATHSIG = 1
TIME_LIMITED_KINDS = ("extract",)  # bulk jobs bound each file themselves (extractor.bulk per-file timeout)
TIMEOUT_EXIT_CODE = 75


def die_with_parent(parent_pid: int) -> bool:
    """Ask the kernel to SIGKILL this process when its parent dies; False when the parent is already gone
    (or not ``parent_pid``) and the caller must exit. Where prctl is missing, only the check is made."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the heartbeat thread's parent check remains
        log.warning("prctl(PR_SET_PDEATHSIG) unavailable; relying on the parent check")
    return os.getppid() == parent_pid


def timeout_error(seconds: int) -> dict[str, str]:
    """The error of a job stopped by the per-job time limit."""
    return {
        "code": "job_timeout",
        "message_vi": f"Xử lý quá thời gian cho phép ({seconds} giây).",
        "message_en": f"Processing exceeded the per-job time limit of {seconds} s.",
    }


class Worker:
    """One worker loop; ``stop`` ends it after the current job."""

    def __init__(
        self,
        settings: Settings,
        engine: Engine | None = None,
        worker_id: str | None = None,
        on_time_limit: Callable[[], None] | None = None,
    ) -> None:
        self.settings = settings
        self.engine = engine or make_engine(settings.database_url)
        self.worker_id = worker_id or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.stop = threading.Event()
        self.current_job: int | None = None
        self.current_context: JobContext | None = None
        self.job_started: float | None = None
        self.job_kind: str | None = None
        self.on_time_limit = on_time_limit or (lambda: os._exit(TIMEOUT_EXIT_CODE))
        self._beat_thread: threading.Thread | None = None

    # heartbeat -----------------------------------------------------------------------------------------
    def beat(self) -> None:
        """Record that this worker is alive (and renew its job's lease)."""
        with Session(self.engine) as session, session.begin():
            row = session.get(WorkerHeartbeat, self.worker_id)
            if row is None:
                session.add(
                    WorkerHeartbeat(
                        worker_id=self.worker_id,
                        pid=os.getpid(),
                        host=socket.gethostname(),
                        current_job_id=self.current_job,
                        instance_id=self.settings.instance_id,
                    )
                )
            else:
                row.beat_at, row.current_job_id = utcnow(), self.current_job
        job_id = self.current_job
        if job_id is not None:
            queue.heartbeat(self.engine, job_id, self.worker_id, self.settings.job_lease_seconds)

    def forget(self) -> None:
        """Remove this worker's heartbeat row (on a clean stop)."""
        with Session(self.engine) as session, session.begin():
            row = session.get(WorkerHeartbeat, self.worker_id)
            if row is not None:
                session.delete(row)

    def orphaned(self) -> bool:
        """True when the serving process that started this worker is gone."""
        parent = self.settings.parent_pid
        return parent is not None and os.getppid() != parent

    def check_time_limit(self) -> bool:
        """Fail the current job for good when it ran past the per-job limit, then end the process (a hang
        in C code cannot be interrupted otherwise). True when the limit was hit."""
        limit, started, job_id = self.settings.job_time_limit_seconds, self.job_started, self.current_job
        if (
            limit <= 0
            or started is None
            or job_id is None
            or self.job_kind not in TIME_LIMITED_KINDS
            or time.monotonic() - started <= limit
        ):
            return False
        error = timeout_error(limit)
        status = queue.mark_failed(self.engine, job_id, self.worker_id, error, retryable=False)
        if status == "lost":  # finished (or lost its lease) meanwhile
            return False
        log.error("job %s exceeded the time limit of %s s; failed, worker exits", job_id, limit)
        context = self.current_context
        if context is not None:
            context.on_failure(error)
        self.on_time_limit()
        return True

    def _beat_loop(self) -> None:
        interval = max(0.5, min(5.0, self.settings.job_lease_seconds / 3))
        while not self.stop.wait(interval):
            if self.orphaned():
                log.error("serving process %s is gone; worker exits", self.settings.parent_pid)
                os._exit(1)
            try:
                self.beat()
                self.check_time_limit()
            except Exception:  # a missed beat is logged; the next one retries
                log.warning("heartbeat failed", exc_info=True)

    def start_heartbeat(self) -> None:
        self.beat()
        self._beat_thread = threading.Thread(target=self._beat_loop, name="heartbeat", daemon=True)
        self._beat_thread.start()

    # jobs ----------------------------------------------------------------------------------------------
    def progress(self, job_id: int, fraction: float, message: str) -> None:
        queue.heartbeat(
            self.engine,
            job_id,
            self.worker_id,
            self.settings.job_lease_seconds,
            progress=max(0.0, min(1.0, fraction)),
            message=message,
        )

    def run_job(self, job_id: int) -> str:
        with Session(self.engine) as session:
            job = session.get(Job, job_id)
            if job is None:  # claimed a moment ago; gone since (what mark_failed would also say)
                return "lost"
            kind, payload = job.kind, dict(job.payload or {})
        task = TASKS.get(kind)
        context = JobContext(
            settings=self.settings,
            engine=self.engine,
            worker_id=self.worker_id,
            job_id=job_id,
            payload=payload,
            report=lambda fraction, message: self.progress(job_id, fraction, message),
        )
        self.current_context, self.job_kind = context, kind
        self.current_job, self.job_started = job_id, time.monotonic()
        try:
            if task is None:
                raise PermanentJobError(
                    {
                        "code": "unknown_job_kind",
                        "message_vi": "Loại việc không hợp lệ.",
                        "message_en": f"Unknown job kind {kind}.",
                    }
                )
            task(context)
            return "done"
        except PermanentJobError as error:
            context.on_failure(error.error)
            return queue.mark_failed(self.engine, job_id, self.worker_id, error.error, retryable=False)
        except Exception as error:  # unexpected: retry, the error may be transient
            log.error("job %s failed: %s", job_id, traceback.format_exc())
            body = {
                "code": "internal_error",
                "message_vi": "Lỗi khi xử lý.",
                "message_en": f"Processing error: {type(error).__name__}: {error}"[:400],
            }
            status = queue.mark_failed(self.engine, job_id, self.worker_id, body, retryable=True)
            if status == "failed":
                context.on_failure(body)
            return status
        finally:
            self.current_job = self.job_started = self.current_context = self.job_kind = None

    def run_once(self) -> bool:
        """Claim and run one job; False when the queue is empty."""
        queue.fail_exhausted(self.engine)
        job_id = queue.claim(
            self.engine,
            self.worker_id,
            self.settings.job_lease_seconds,
            small_bytes=self.settings.small_job_bytes,
            aging_seconds=self.settings.job_aging_seconds,
        )
        if job_id is None:
            return False
        log.info("worker %s: job %s claimed", self.worker_id, job_id)
        status = self.run_job(job_id)
        log.info("worker %s: job %s %s", self.worker_id, job_id, status)
        return True

    def run_forever(self, warm_up: Callable[[], None] | None = None) -> None:
        """Beat, load the pipeline (``warm_up``), then claim and run jobs until ``stop``."""
        self.start_heartbeat()
        if warm_up is not None:
            warm_up()
        while not self.stop.is_set():
            try:
                worked = self.run_once()
            except Exception:
                log.error("worker loop error", exc_info=True)
                worked = False
            if not worked:
                self.stop.wait(self.settings.worker_poll_seconds)
        try:
            self.forget()
        except Exception:
            log.warning("could not remove the heartbeat row", exc_info=True)


def _warm_up() -> None:
    """Load and exercise the extraction pipeline before the first job, so a job's time limit counts the
    job only (not imports and model loading)."""
    try:
        from extractor.bulk.work import warm_up

        warm_up()
    except Exception:  # the job itself will report the problem
        log.warning("warm-up failed", exc_info=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m api.worker", description="Minh Chứng job worker")
    parser.add_argument("--worker-id", default=None)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s worker %(levelname)s %(message)s")
    settings = Settings.from_env()
    if settings.parent_pid is not None and not die_with_parent(settings.parent_pid):
        log.error("serving process %s is gone; not starting", settings.parent_pid)
        return 1
    worker = Worker(settings, worker_id=args.worker_id)

    def _stop(_signum: int, _frame: Any) -> None:
        worker.stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    log.info("worker %s started", worker.worker_id)
    worker.run_forever(warm_up=_warm_up)
    return 0


if __name__ == "__main__":
    sys.exit(main())
