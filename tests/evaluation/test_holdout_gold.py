"""The blind held-out gold sets (``corpora/gold_holdout``, ``corpora/gold_holdout2``) are well formed.

Spans, kinds, values, sources and freshness are checked here; how well the extractors score on them
is reported by ``minhchung evaluate corpora/gold_holdout…`` and recorded in each README, never asserted.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from corpora import load_json
from extractor.clean import normalize_plain
from extractor.evaluate import validate_gold

REPO = Path(__file__).resolve().parents[2]
HOLDOUT_SETS = {
    "gold_holdout": 8,
    "gold_holdout2": 6,
    "gold_holdout3": 5,
}  # set → documents it holds at least
HOLDOUT_FILES = sorted(
    path
    for name in HOLDOUT_SETS
    for path in (REPO / "corpora" / name).glob("*.json")
    if path.name != "schema.json"
)


def _load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("name", "at_least"), HOLDOUT_SETS.items())
def test_each_holdout_set_has_documents_of_every_kind(name: str, at_least: int) -> None:
    files = [path for path in HOLDOUT_FILES if path.parent.name == name]
    assert len(files) >= at_least
    kinds = {a["kind"] for path in files for a in _load(path)["annotations"]}
    assert kinds == {"legal_ref", "date", "count", "criterion_claim"}


def test_every_holdout_document_has_its_raw_text_and_spec() -> None:
    for path in HOLDOUT_FILES:
        data = _load(path)
        assert data["doc_id"] == path.stem
        assert (REPO / data["source"]).is_file(), data["source"]
        assert data["source"].startswith(f"corpora/{path.parent.name}/raw/")
        assert (path.parent / "specs" / f"{path.stem}.ann").is_file()


@pytest.mark.parametrize("path", HOLDOUT_FILES, ids=lambda p: p.stem)
def test_stored_text_is_the_normalized_source(path: Path) -> None:
    data = _load(path)
    raw = (REPO / data["source"]).read_text(encoding="utf-8")
    assert normalize_plain(raw) == data["text"], (
        f"re-run python -m corpora.gold.tools.annotate --dir corpora/{path.parent.name} build"
    )


@pytest.mark.parametrize("path", HOLDOUT_FILES, ids=lambda p: p.stem)
def test_spans_index_the_text(path: Path) -> None:
    data = _load(path)
    text = data["text"]
    for ann in data["annotations"]:
        assert 0 <= ann["start"] < ann["end"] <= len(text)
        assert text[ann["start"] : ann["end"]] == ann["text"]
        assert ann["text"] == ann["text"].strip(), f"span with outer whitespace: {ann['text']!r}"


@pytest.mark.parametrize("path", HOLDOUT_FILES, ids=lambda p: p.stem)
def test_kinds_and_value_keys_follow_the_schema(path: Path) -> None:
    data = _load(path)
    rules = load_json("gold", "schema.json")
    assert data["doc_type"] in rules["doc_types"]
    for ann in data["annotations"]:
        kind_rules = rules["kinds"][ann["kind"]]
        keys = set(ann["value"])
        assert set(kind_rules["value_keys"]) <= keys, ann
        assert keys <= set(kind_rules["value_keys"]) | set(kind_rules["optional_keys"]), ann
    assert validate_gold(data) == []


@pytest.mark.parametrize("path", HOLDOUT_FILES, ids=lambda p: p.stem)
def test_values_are_meaningful(path: Path) -> None:
    data = _load(path)
    count_starts = {a["start"] for a in data["annotations"] if a["kind"] == "count"}
    for ann in data["annotations"]:
        value = ann["value"]
        if ann["kind"] == "count":
            assert value["unit"], f"count without unit: {ann['text']!r}"
            assert value["parent"] is None or value["parent"] in count_starts
            if value["modality"] == "zero":
                assert value["value"] == 0
            if "total" in value:
                assert value["value"] <= value["total"]
        elif ann["kind"] == "date":
            if value["kind"] == "recurring":
                assert value["iso"].startswith("--")
            if value["kind"] == "range":
                assert "/" in value["iso"]
        elif ann["kind"] == "legal_ref":
            assert value["doc_type"] and value["key"]
        else:
            assert value["criteria"] and value["status"]


_PERIOD = r"\d{4}(?:-\d{2}(?:-\d{2})?|-Q[1-4]|-H[12])?"
_ISO_SHAPES = {
    "date": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "period": re.compile(r"\d{4}(?:-\d{2}|-Q[1-4]|-H[12])?"),
    "range": re.compile(rf"(?:{_PERIOD}|--\d{{2}}-\d{{2}})/(?:{_PERIOD}|--\d{{2}}-\d{{2}})"),
    "recurring": re.compile(r"--(?:\d{2}-\d{2}|Q[1-4]|\d{2})"),
}


@pytest.mark.parametrize("path", HOLDOUT_FILES, ids=lambda p: p.stem)
def test_date_values_have_the_iso_shape_of_their_kind(path: Path) -> None:
    for ann in _load(path)["annotations"]:
        if ann["kind"] == "date":
            value = ann["value"]
            assert _ISO_SHAPES[value["kind"]].fullmatch(value["iso"]), ann


def _annotate_tool(gold_dir: Path) -> ModuleType:
    """The gold corpus tool, pointed at ``gold_dir``."""
    spec = importlib.util.spec_from_file_location(
        "gold_annotate", REPO / "corpora" / "gold" / "tools" / "annotate.py"
    )
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    tool.GOLD_DIR = gold_dir
    return tool


@pytest.mark.parametrize("path", HOLDOUT_FILES, ids=lambda p: p.stem)
def test_stored_annotations_are_what_the_spec_builds(path: Path) -> None:
    built = _annotate_tool(path.parent).build_document(path.parent / "specs" / f"{path.stem}.ann")
    assert built == _load(path), (
        f"edit the spec, then run python -m corpora.gold.tools.annotate --dir corpora/{path.parent.name} build"
    )
