"""Extractors for the timeout tests (``extractor_ref="bulk.slow_extractor:…"``): the real pipeline,
except for files whose name contains "treo" (hung), which never finish."""

from __future__ import annotations

import signal
import time
from pathlib import Path

from extractor.pipeline import extract_file

HANG_MARKER = "treo"


def hangs_in_python(path: str, include_text: bool = False):
    """A file that sleeps (a loop stuck in Python code): the worker's own alarm stops it."""
    if HANG_MARKER in Path(path).name:
        time.sleep(120)
    return extract_file(path, include_text=include_text)


def hangs_in_c(path: str, include_text: bool = False):
    """A file that hangs where no Python signal handler runs (as inside a C library): the alarm is
    blocked, so only the executor's hard deadline (killing the worker process) can stop it."""
    if HANG_MARKER in Path(path).name:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(120)
    return extract_file(path, include_text=include_text)
