"""A process that extracts reads neither spaCy's command-line package nor underthesea's other pipelines,
and a program that wants them still finds them whole."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

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
