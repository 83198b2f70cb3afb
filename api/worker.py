"""Worker process: claims jobs from the database queue and runs them (``python -m api.worker``).

Each worker writes a heartbeat row (``/ready`` checks it) and renews its job's lease from a background
thread while the job runs, so a long extraction keeps its claim and a killed worker's job is re-claimed
by another worker (or by itself after a restart) once the lease expires.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import socket
import sys
import threading
import traceback
import uuid
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from api import queue
from api.db import make_engine
from api.orm import Job, WorkerHeartbeat, utcnow
from api.settings import Settings
from api.tasks import TASKS, JobContext, PermanentJobError

log = logging.getLogger("minhchung.worker")


class Worker:
    """One worker loop; ``stop`` ends it after the current job."""

    def __init__(self, settings: Settings, engine: Engine | None = None, worker_id: str | None = None) -> None:
        self.settings = settings
        self.engine = engine or make_engine(settings.database_url)
        self.worker_id = worker_id or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.stop = threading.Event()
        self.current_job: int | None = None
        self._beat_thread: threading.Thread | None = None

    # heartbeat -----------------------------------------------------------------------------------------
    def beat(self) -> None:
        with Session(self.engine) as session, session.begin():
            row = session.get(WorkerHeartbeat, self.worker_id)
            if row is None:
                session.add(WorkerHeartbeat(worker_id=self.worker_id, pid=os.getpid(),
                                            host=socket.gethostname(), current_job_id=self.current_job))
            else:
                row.beat_at, row.current_job_id = utcnow(), self.current_job
        job_id = self.current_job
        if job_id is not None:
            queue.heartbeat(self.engine, job_id, self.worker_id, self.settings.job_lease_seconds)

    def _beat_loop(self) -> None:
        interval = max(0.5, min(5.0, self.settings.job_lease_seconds / 3))
        while not self.stop.wait(interval):
            try:
                self.beat()
            except Exception:  # a missed beat is logged; the next one retries
                log.warning("heartbeat failed", exc_info=True)

    def start_heartbeat(self) -> None:
        self.beat()
        self._beat_thread = threading.Thread(target=self._beat_loop, name="heartbeat", daemon=True)
        self._beat_thread.start()

    # jobs ----------------------------------------------------------------------------------------------
    def progress(self, job_id: int, fraction: float, message: str) -> None:
        queue.heartbeat(self.engine, job_id, self.worker_id, self.settings.job_lease_seconds,
                        progress=max(0.0, min(1.0, fraction)), message=message)

    def run_job(self, job_id: int) -> str:
        with Session(self.engine) as session:
            job = session.get(Job, job_id)
            kind, payload = job.kind, dict(job.payload or {})
        task = TASKS.get(kind)
        context = JobContext(settings=self.settings, engine=self.engine, worker_id=self.worker_id,
                             job_id=job_id, payload=payload,
                             report=lambda fraction, message: self.progress(job_id, fraction, message))
        self.current_job = job_id
        try:
            if task is None:
                raise PermanentJobError({"code": "unknown_job_kind", "message_vi": "Loại việc không hợp lệ.",
                                         "message_en": f"Unknown job kind {kind}."})
            task(context)
            return "done"
        except PermanentJobError as error:
            context.on_failure(error.error)
            return queue.mark_failed(self.engine, job_id, self.worker_id, error.error, retryable=False)
        except Exception as error:  # unexpected: retry, the error may be transient
            log.error("job %s failed: %s", job_id, traceback.format_exc())
            body = {"code": "internal_error", "message_vi": "Lỗi khi xử lý.",
                    "message_en": f"Processing error: {type(error).__name__}: {error}"[:400]}
            status = queue.mark_failed(self.engine, job_id, self.worker_id, body, retryable=True)
            if status == "failed":
                context.on_failure(body)
            return status
        finally:
            self.current_job = None

    def run_once(self) -> bool:
        """Claim and run one job; False when the queue is empty."""
        queue.fail_exhausted(self.engine)
        job_id = queue.claim(self.engine, self.worker_id, self.settings.job_lease_seconds)
        if job_id is None:
            return False
        log.info("worker %s: job %s claimed", self.worker_id, job_id)
        status = self.run_job(job_id)
        log.info("worker %s: job %s %s", self.worker_id, job_id, status)
        return True

    def run_forever(self) -> None:
        self.start_heartbeat()
        while not self.stop.is_set():
            try:
                worked = self.run_once()
            except Exception:
                log.error("worker loop error", exc_info=True)
                worked = False
            if not worked:
                self.stop.wait(self.settings.worker_poll_seconds)


def _warm_up() -> None:
    """Import the extraction pipeline while the worker waits for work, so the first job starts sooner."""
    try:
        import extractor.pipeline  # noqa: F401
    except Exception:  # the job itself will report the problem
        log.warning("warm-up import failed", exc_info=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m api.worker", description="Minh Chứng job worker")
    parser.add_argument("--worker-id", default=None)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s worker %(levelname)s %(message)s")
    worker = Worker(Settings.from_env(), worker_id=args.worker_id)

    def _stop(_signum: int, _frame: Any) -> None:
        worker.stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    print(f"worker {worker.worker_id} started", flush=True)
    threading.Thread(target=_warm_up, name="warm-up", daemon=True).start()
    worker.run_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
