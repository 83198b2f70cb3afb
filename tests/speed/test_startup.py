"""Start-up: commands are registered without importing heavy libraries; each command imports what it uses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HEAVY = (
    "spacy",
    "underthesea",
    "sklearn",
    "scipy",
    "pandas",
    "matplotlib",
    "dask",
    "torch",
    "pdfplumber",
    "fastapi",
    "sqlalchemy",
    "pyarrow",
    "openpyxl",
    "docx",
    "dateparser",
)


def imported_after(code: str) -> list[str]:
    probe = f"{code}\nimport sys\nprint(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=REPO,
        env={"PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.split()


def test_building_the_command_line_imports_nothing_heavy():
    assert imported_after("from extractor import cli\ncli.build_parser()") == []


def test_help_runs():
    result = subprocess.run(
        [sys.executable, "-m", "extractor.cli", "--help"],
        cwd=REPO,
        env={"PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert "extract" in result.stdout and "bench" in result.stdout


def test_the_extraction_pipeline_imports_only_spacy():
    assert imported_after("import extractor.pipeline") == ["spacy"]


def test_a_warmed_worker_keeps_its_loaded_pipeline_out_of_the_collectors_walks():
    import gc

    from extractor.bulk import work

    gc.unfreeze()
    try:
        work.warm_up()
        # the models, lexicons and compiled patterns are frozen: full collections no longer walk them
        assert gc.get_freeze_count() > 50_000
    finally:
        gc.unfreeze()
