"""An extractor for the Dask batch tests (``extractor_ref="bulk.crash_extractor:extract_file"``): the real
pipeline, except that a file whose name contains "sap" (crash) kills the worker process that reads it, as a
crash inside a PDF library would."""

from __future__ import annotations

import os
from pathlib import Path

from extractor.pipeline import extract_file as _extract_file

CRASH_MARKER = "sap"


def extract_file(path: str, include_text: bool = False):
    if CRASH_MARKER in Path(path).name:
        os._exit(70)
    return _extract_file(path, include_text=include_text)
