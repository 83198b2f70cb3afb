"""An extractor for the start-up test (``extractor_ref="bulk.slow_start_extractor:extract_file"``): the
real pipeline, in a worker process that needs ``MINHCHUNG_TEST_START_UP_SECONDS`` to load it (as models
do on a busy machine). The wait happens when a pool worker imports this module, during its warm-up."""

from __future__ import annotations

import multiprocessing
import os
import time

from extractor.pipeline import extract_file

if multiprocessing.parent_process() is not None:  # only in the bulk run's worker processes
    time.sleep(float(os.environ.get("MINHCHUNG_TEST_START_UP_SECONDS", "0")))

__all__ = ["extract_file"]
