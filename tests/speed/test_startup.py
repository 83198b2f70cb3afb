"""Start-up: commands are registered without importing heavy libraries; each command imports what it uses;
an extraction reads neither spaCy's command-line package nor underthesea's other pipelines
(``extractor.lean_imports``), and a program that wants them still finds them whole."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import version
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


_EXTRACT_THEN_ASK_FOR_THE_REST = """
import json, sys
from extractor import pipeline
found = pipeline.extract_text("Đã tổ chức 06 đội thuế theo Kế hoạch số 12/KH-UBND ngày 05/3/2024.")
loaded = set(sys.modules)
import spacy
from spacy.cli import download
import underthesea
print(json.dumps({
    "kinds": sorted({item.kind for item in found}),
    "before": sorted(
        name for name in loaded
        if name.split(".")[0] in {"requests", "httpx", "typer", "weasel", "joblib"}
        or name.startswith(("spacy.cli.", "underthesea.pipeline.ner", "underthesea.pipeline.chunking"))
    ),
    "spacy_info": sorted(spacy.info()),
    "download": callable(download),
    "underthesea": [underthesea.__version__, underthesea.pos_tag("03 xã biên giới")],
}))
"""


def test_extracting_loads_no_cli_nor_other_pipelines_and_both_libraries_are_whole_when_asked():
    output = subprocess.run(
        [sys.executable, "-c", _EXTRACT_THEN_ASK_FOR_THE_REST],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    answer = json.loads(output.splitlines()[-1])
    assert {"count", "legal_ref", "date"} <= set(answer["kinds"])
    assert answer["before"] == ["spacy.cli.info"], "only the stand-in of spacy.info, nothing of the CLI"
    assert {"spacy_version", "location", "platform"} <= set(answer["spacy_info"])
    assert answer["download"] is True
    assert answer["underthesea"] == [version("underthesea"), [["03", "N"], ["xã", "N"], ["biên giới", "N"]]]


def test_a_package_that_is_imported_already_is_left_as_it_is():
    import json as already

    from extractor.lean_imports import defer_package

    assert defer_package("json") is already
