"""The durable job queue: exclusive claims, leases that expire and are re-claimed, bounded retries."""

from __future__ import annotations

import threading

from sqlalchemy.orm import Session

from api import queue
from api.orm import Job


def _enqueue(engine, count: int, max_attempts: int = 3) -> list[int]:
    with Session(engine) as session:
        ids = [
            queue.enqueue(session, "extract", {"document_id": 0}, max_attempts=max_attempts).id
            for _ in range(count)
        ]
        session.commit()
    return ids


def test_concurrent_workers_never_claim_the_same_job(engine):
    ids = _enqueue(engine, 30)
    claimed: list[int] = []
    lock = threading.Lock()

    def work(name: str) -> None:
        while (job_id := queue.claim(engine, name, lease_seconds=300)) is not None:
            with lock:
                claimed.append(job_id)

    threads = [threading.Thread(target=work, args=(f"w{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(claimed) == ids  # every job once, none twice


def test_expired_lease_is_reclaimed_and_the_old_owner_loses_it(engine):
    [job_id] = _enqueue(engine, 1, max_attempts=2)
    assert queue.claim(engine, "dead-worker", lease_seconds=0) == job_id
    # The lease has run out (the worker died): another worker takes the job over.
    assert queue.claim(engine, "new-worker", lease_seconds=300) == job_id
    assert queue.heartbeat(engine, job_id, "dead-worker", 300) is False
    with Session(engine) as session:
        assert not queue.owns(session, job_id, "dead-worker")
        assert queue.owns(session, job_id, "new-worker")
        session.rollback()
        job = session.get(Job, job_id)
        assert (job.status, job.attempts, job.worker_id) == ("running", 2, "new-worker")


def test_a_job_that_keeps_losing_its_worker_fails_after_max_attempts(engine):
    [job_id] = _enqueue(engine, 1, max_attempts=2)
    assert queue.claim(engine, "a", lease_seconds=0) == job_id
    assert queue.claim(engine, "b", lease_seconds=0) == job_id
    assert queue.claim(engine, "c", lease_seconds=300) is None
    assert queue.fail_exhausted(engine) == 1
    with Session(engine) as session:
        job = session.get(Job, job_id)
        assert job.status == "failed" and job.error["code"] == "worker_lost"


def test_transient_failures_are_retried_then_fail(engine):
    [job_id] = _enqueue(engine, 1, max_attempts=2)
    assert queue.claim(engine, "w", lease_seconds=300) == job_id
    error = {"code": "internal_error", "message_vi": "Lỗi", "message_en": "Error"}
    assert queue.mark_failed(engine, job_id, "w", error, retryable=True) == "queued"
    with Session(engine) as session:
        job = session.get(Job, job_id)
        job.run_after = job.created_at  # skip the back-off wait
        session.commit()
    assert queue.claim(engine, "w", lease_seconds=300) == job_id
    assert queue.mark_failed(engine, job_id, "w", error, retryable=True) == "failed"
