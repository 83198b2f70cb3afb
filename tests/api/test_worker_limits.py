"""The worker's limits: failures that cannot succeed are final at once, a job past its time limit is
failed for good, small jobs go before large ones (large ones are not starved), workers die with the
serving process, and ``/ready`` counts only this instance's live workers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import psutil
from sqlalchemy import select
from sqlalchemy.orm import Session

from api import queue
from api.orm import Document, Job, WorkerHeartbeat
from api.worker import Worker

from .conftest import REPO, SEED, SQLITE_ONLY, make_dossier, process_env, upload

E088 = (
    "[E088] Text of length 1000001 exceeds maximum of 1000000. The parser and NER models require roughly "
    "1GB of temporary memory per 100,000 characters in the input."
)


def _job_and_document(engine, job_id: int) -> tuple[Job, Document]:
    with Session(engine) as session:
        job = session.get(Job, job_id)
        return job, session.get(Document, job.document_id)


def test_a_document_too_long_for_the_pipeline_fails_at_once_without_retry(
    client, auth, settings, engine, monkeypatch
):
    import extractor.pipeline

    def too_long(*_args, **_kwargs):
        raise ValueError(E088)

    monkeypatch.setattr(extractor.pipeline, "extract_file", too_long)
    admin = auth("admin")
    job_id = upload(client, admin, make_dossier(client, admin), SEED).json()["documents"][0]["job_id"]
    worker = Worker(settings, engine=engine)
    assert worker.run_once() is True
    job, document = _job_and_document(engine, job_id)
    assert (job.status, job.attempts, job.error["code"]) == ("failed", 1, "document_too_long")
    assert document.status == "failed" and document.error["code"] == "document_too_long"
    assert worker.run_once() is False  # not queued again


def test_a_job_past_its_time_limit_is_failed_for_good_and_the_worker_ends(
    client, auth, settings, engine, monkeypatch
):
    import extractor.pipeline

    release = threading.Event()

    def hangs(*_args, **_kwargs):
        release.wait(60)
        raise RuntimeError("released")

    monkeypatch.setattr(extractor.pipeline, "extract_file", hangs)
    settings.job_time_limit_seconds = 1
    admin = auth("admin")
    job_id = upload(client, admin, make_dossier(client, admin), SEED).json()["documents"][0]["job_id"]
    ended = threading.Event()

    def end_process() -> None:  # the real worker calls os._exit here; serve starts a new one
        ended.set()
        release.set()

    worker = Worker(settings, engine=engine, on_time_limit=end_process)
    runner = threading.Thread(target=worker.run_once)
    runner.start()
    deadline = time.monotonic() + 60
    while not ended.is_set() and time.monotonic() < deadline:
        worker.check_time_limit()  # what the heartbeat thread does every few seconds
        time.sleep(0.1)
    runner.join(60)
    assert ended.is_set()
    job, document = _job_and_document(engine, job_id)
    assert (job.status, job.attempts, job.error["code"]) == ("failed", 1, "job_timeout")
    assert "1 s" in job.error["message_en"] and document.status == "failed"


def _enqueue(engine, cost: int) -> int:
    with Session(engine) as session:
        job = queue.enqueue(session, "extract", {"document_id": 0}, cost=cost)
        session.commit()
        return job.id


def test_small_jobs_go_before_large_ones_and_large_ones_are_not_starved(engine):
    big = _enqueue(engine, 40 * 1024 * 1024)
    bulk = _enqueue(engine, queue.BULK_COST)
    small = [_enqueue(engine, 30_000) for _ in range(3)]
    order = [queue.claim(engine, "w", 300, small_bytes=2 * 1024 * 1024, aging_seconds=600) for _ in range(5)]
    assert order == [*small, big, bulk]

    late = _enqueue(engine, 40 * 1024 * 1024)
    newer_small = _enqueue(engine, 1000)
    # Once the large job has waited longer than aging_seconds, it goes first.
    assert queue.claim(engine, "w", 300, small_bytes=2 * 1024 * 1024, aging_seconds=0) == late
    assert queue.claim(engine, "w", 300) == newer_small


def test_ready_counts_only_live_workers_of_this_instance(client, settings, engine):
    settings.instance_id = "this-run"
    Worker(replace(settings, instance_id="previous-run"), engine=engine, worker_id="old").beat()
    waiting = client.get("/ready")
    assert waiting.status_code == 503 and waiting.json()["workers"] == 0
    Worker(settings, engine=engine, worker_id="mine").beat()
    ready = client.get("/ready")
    assert ready.status_code == 200 and ready.json()["workers"] == 1


def _spawn_serving_stand_in(env: dict[str, str], log: Path) -> subprocess.Popen:
    """A process that starts one worker the way ``minhchung serve`` does and then just waits."""
    code = (
        "import os, subprocess, sys, time\n"
        "env = dict(os.environ, MINHCHUNG_PARENT_PID=str(os.getpid()))\n"
        "worker = subprocess.Popen([sys.executable, '-m', 'api.worker'], env=env)\n"
        "print(worker.pid, flush=True)\n"
        "time.sleep(600)\n"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code], env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=log.open("ab")
    )


def _gone(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


@SQLITE_ONLY
def test_workers_die_with_the_serving_process_even_after_kill_9(settings, engine, tmp_path):
    parent = _spawn_serving_stand_in(process_env(settings), tmp_path / "worker.log")
    worker_pid = int(parent.stdout.readline())
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # the worker is up once it has written its heartbeat
        with Session(engine) as session:
            if session.scalar(select(WorkerHeartbeat.pid).where(WorkerHeartbeat.pid == worker_pid)):
                break
        time.sleep(0.2)
    else:
        raise AssertionError((tmp_path / "worker.log").read_text()[-2000:])
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 30
    while not _gone(worker_pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _gone(worker_pid), "worker outlived the serving process"


@SQLITE_ONLY
def test_a_worker_whose_serving_process_is_already_gone_does_not_start(settings, tmp_path):
    env = {**process_env(settings), "MINHCHUNG_PARENT_PID": "1"}  # not its parent
    done = subprocess.run(
        [sys.executable, "-m", "api.worker"], env=env, cwd=REPO, capture_output=True, timeout=120, text=True
    )
    assert done.returncode == 1 and "is gone" in done.stderr
