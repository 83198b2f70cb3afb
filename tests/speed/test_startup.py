"""Start-up: commands are registered without importing heavy libraries; each command imports what it uses;
an extraction reads neither spaCy's command-line package nor underthesea's other pipelines
(``extractor.lean_imports``), and a program that wants them still finds them whole."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

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
        env={"PYTHONPATH": str(REPO), "MINHCHUNG_CACHE_DIR": os.environ["MINHCHUNG_CACHE_DIR"]},
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
        env={"PYTHONPATH": str(REPO), "MINHCHUNG_CACHE_DIR": os.environ["MINHCHUNG_CACHE_DIR"]},
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


_EXTRACT_WITH_THE_COLLECTOR_PAUSED = """
import gc, json, sys
gc.disable()  # as extractor.cli.entry does
from extractor.cli import main
code = main(["extract", "--quiet", *sys.argv[1:]])
print(json.dumps([code, gc.isenabled(), gc.get_freeze_count()]))
"""


def test_extract_resumes_the_paused_collector_after_its_first_document_with_what_it_loaded_frozen(seed_path):
    def run(*files: str) -> list:
        out = subprocess.run(
            [sys.executable, "-c", _EXTRACT_WITH_THE_COLLECTOR_PAUSED, *files],
            cwd=REPO,
            capture_output=True,
            text=True,
        ).stdout
        return json.loads(out.splitlines()[-1])

    code, enabled, frozen_with_models = run(
        str(seed_path("so-khdt-bao-cao-ket-qua-2022", "txt")), "/khong-co.pdf"
    )
    assert (code, enabled) == (19, True)  # the missing second file still reported; collecting again
    code, enabled, frozen_before_models = run("/khong-co.pdf")
    assert (code, enabled) == (19, True)  # resumed after a first file that failed, before any model loaded
    assert frozen_with_models > frozen_before_models > 50_000


_EXTRACT_THEN_ASK_FOR_THE_REST = """
import json, sys
from extractor import pipeline
found = pipeline.extract_text("Đã tổ chức 06 đội thuế theo Kế hoạch số 12/KH-UBND ngày 05/3/2024.")
probed = [getattr(module, "__file__", None) for module in list(sys.modules.values())]  # as tools walk them
loaded = set(sys.modules)
import spacy
import spacy.cli
from spacy.cli import download
import underthesea
from underthesea.pipeline.text_normalize.text_normalizer import TextNormalizer
print(json.dumps({
    "kinds": sorted({item.kind for item in found}),
    "before": sorted(
        name for name in loaded
        if name.split(".")[0] in {"requests", "httpx", "typer", "weasel", "joblib"}
        or name.startswith(("spacy.cli.", "underthesea.pipeline.ner", "underthesea.pipeline.chunking"))
    ),
    "spacy_info": sorted(spacy.info()),
    "download": [callable(download), spacy.cli.download is download, spacy.cli.__spec__.origin],
    "underthesea": [underthesea.__version__, underthesea.pos_tag("03 xã biên giới"), TextNormalizer.__name__],
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
    callable_, bound, origin = answer["download"]
    assert callable_ and bound, "spacy.cli is the real package, bound on spacy, once asked for"
    assert origin.endswith("spacy/cli/__init__.py")
    assert answer["underthesea"] == [
        version("underthesea"),
        [["03", "N"], ["xã", "N"], ["biên giới", "N"]],
        "TextNormalizer",
    ]


@pytest.fixture
def demo_package(tmp_path, monkeypatch):
    """A package ``mc_deferred_demo`` whose ``__init__`` fails the first time it runs and counts its runs."""
    folder = tmp_path / "mc_deferred_demo"
    folder.mkdir()
    (folder / "part.py").write_text("PART = 'part'\n", encoding="utf-8")
    (folder / "__init__.py").write_text(
        "import builtins\n"
        "builtins.mc_demo_runs = getattr(builtins, 'mc_demo_runs', 0) + 1\n"
        "if builtins.mc_demo_runs == 1:\n"
        "    raise RuntimeError('first run fails')\n"
        "WHOLE = 'whole'\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    yield "mc_deferred_demo"
    import builtins

    for name in [name for name in sys.modules if name.startswith("mc_deferred_demo")]:
        del sys.modules[name]
    del builtins.mc_demo_runs


def test_a_deferred_package_s_init_runs_once_when_asked_and_again_after_it_failed(demo_package):
    import builtins
    import importlib
    from concurrent.futures import ThreadPoolExecutor

    from extractor.lean_imports import defer_package

    package = defer_package(demo_package)
    assert importlib.import_module(f"{demo_package}.part").PART == "part"
    assert not hasattr(builtins, "mc_demo_runs"), "a submodule imports without the __init__"
    with pytest.raises(RuntimeError, match="first run fails"):
        _ = package.WHOLE
    with ThreadPoolExecutor(4) as pool:  # asked from several threads at once: each waits for the one run
        answers = list(pool.map(lambda _: package.WHOLE, range(8)))
    assert answers == ["whole"] * 8 and builtins.mc_demo_runs == 2
    with pytest.raises(AttributeError):
        _ = package.MISSING


def test_a_package_that_is_imported_already_is_left_as_it_is():
    import json as already

    from extractor.lean_imports import defer_package

    assert defer_package("json") is already
