"""Every gold file is valid: spans index its text, kinds and value keys follow the schema."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import corpora
from extractor.clean import normalize_plain
from extractor.evaluate import gold_files, validate_gold

GOLD_DIR = corpora.path("gold")
FILES = gold_files(GOLD_DIR)


def test_gold_holds_the_seeds_and_at_least_ten_written_documents() -> None:
    sources = [json.loads(path.read_text(encoding="utf-8"))["source"] for path in FILES]
    assert sum(source.startswith("corpora/seeds/") for source in sources) == 5
    assert sum(source.startswith("corpora/gold/raw/") for source in sources) >= 10


@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
def test_gold_file_is_valid_and_current(path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert validate_gold(data) == []
    for ann in data["annotations"]:
        assert data["text"][ann["start"] : ann["end"]] == ann["text"]
    source = corpora.CORPORA_DIR.parent / data["source"]
    assert normalize_plain(source.read_text(encoding="utf-8")) == data["text"], (
        "gold text is stale: run `python -m corpora.gold.tools.annotate build`"
    )


def test_every_kind_is_annotated_somewhere() -> None:
    kinds = {
        ann["kind"] for path in FILES for ann in json.loads(path.read_text(encoding="utf-8"))["annotations"]
    }
    assert kinds == {"legal_ref", "date", "count", "criterion_claim"}


def test_validator_reports_a_span_that_does_not_match_the_text() -> None:
    data = json.loads(FILES[0].read_text(encoding="utf-8"))
    data["annotations"][0]["end"] += 1
    assert any("text[" in problem for problem in validate_gold(data))


def test_validator_reports_unknown_kind_and_missing_value_keys() -> None:
    data = json.loads(FILES[0].read_text(encoding="utf-8"))
    data["annotations"][0]["kind"] = "money"
    date = next(a for a in data["annotations"] if a["kind"] == "date")
    del date["value"]["iso"]
    problems = validate_gold(data)
    assert any("unknown kind" in problem for problem in problems)
    assert any("lacks ['iso']" in problem for problem in problems)


def test_build_from_specs_reproduces_the_stored_gold(tmp_path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "corpora.gold.tools.annotate", "check"],
        cwd=corpora.CORPORA_DIR.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
