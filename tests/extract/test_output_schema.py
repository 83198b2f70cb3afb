"""Issue 10: typed evidence values and the published JSON Schema of the extract output.

The schema is generated from the value classes of ``extractor/models.py``; the README carries a
copy (checked equal here) and the CLI's real output is validated against it with a small
validator of the keywords the schema uses (no new package)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from extractor.models import (
    CountValue,
    DateValue,
    Evidence,
    LegalRefValue,
    extract_output_schema,
    value_from_dict,
    value_to_dict,
)

REPO = Path(__file__).resolve().parents[2]
_TYPES = {
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
    "null": type(None),
    "array": list,
    "object": dict,
}


def problems(instance: Any, schema: dict[str, Any], root: dict[str, Any], where: str = "$") -> list[str]:
    """Why ``instance`` does not satisfy ``schema`` (the keywords pydantic and models.py emit)."""
    if "$ref" in schema:
        return problems(instance, root["$defs"][schema["$ref"].rsplit("/", 1)[1]], root, where)
    found: list[str] = []
    if "type" in schema:
        expected = _TYPES[schema["type"]]
        is_bool = isinstance(instance, bool)
        if not isinstance(instance, expected) or (is_bool and schema["type"] in ("integer", "number")):
            return [f"{where}: {instance!r} is not {schema['type']}"]
    if "const" in schema and instance != schema["const"]:
        found.append(f"{where}: {instance!r} != {schema['const']!r}")
    if "enum" in schema and instance not in schema["enum"]:
        found.append(f"{where}: {instance!r} not in {schema['enum']}")
    if "anyOf" in schema and all(problems(instance, s, root, where) for s in schema["anyOf"]):
        found.append(f"{where}: matches none of anyOf")
    if "oneOf" in schema and sum(not problems(instance, s, root, where) for s in schema["oneOf"]) != 1:
        found.append(f"{where}: does not match exactly one of oneOf")
    if isinstance(instance, dict):
        found += [f"{where}: lacks {key!r}" for key in schema.get("required", []) if key not in instance]
        properties = schema.get("properties", {})
        if schema.get("additionalProperties") is False:
            found += [f"{where}: unexpected {key!r}" for key in instance if key not in properties]
        for key, sub in properties.items():
            if key in instance:
                found += problems(instance[key], sub, root, f"{where}.{key}")
    if isinstance(instance, list) and "items" in schema:
        for index, item in enumerate(instance):
            found += problems(item, schema["items"], root, f"{where}[{index}]")
    return found


def _readme_schema() -> dict[str, Any]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(
        r"<!-- extract-schema:begin -->\s*```json\n(.*?)```\s*<!-- extract-schema:end -->", readme, re.S
    )
    assert block, "README.md lacks the extract-schema block"
    return json.loads(block.group(1))


def test_the_readme_publishes_the_schema_the_classes_generate():
    assert _readme_schema() == extract_output_schema()


def test_the_cli_output_satisfies_the_schema():
    sources = [
        "corpora/seeds/so-khdt-bao-cao-ket-qua-2022.txt",
        "corpora/gold_holdout3/raw/cong-ty-dien-luc-bac-giang-bao-cao-2024.txt",
    ]
    result = subprocess.run(
        [sys.executable, "-m", "extractor.cli", "extract", *sources, "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    outputs = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert len(outputs) == 2
    schema = extract_output_schema()
    for output in outputs:
        assert problems(output, schema, schema) == []
    kinds = {item["kind"] for output in outputs for item in output["evidence"]}
    assert kinds == {"legal_ref", "date", "count", "criterion_claim"}
    money = [i["value"] for o in outputs for i in o["evidence"] if i["value"].get("multiplier") == "tỷ"]
    assert {"value": 10_245_000_000_000, "unit": "đồng"}.items() <= money[0].items()


def test_the_validator_rejects_what_the_contract_forbids():
    schema = extract_output_schema()
    evidence = {
        "id": "ev_1",
        "kind": "count",
        "text": "2,3 tỷ đồng",
        "page": 1,
        "start": 0,
        "end": 11,
        "value": {
            "value": 2300000000,
            "unit": "đồng",
            "percent": False,
            "comparator": None,
            "modality": "actual",
            "parent": None,
            "total": None,
        },
        "confidence": 0.9,
        "extractor": "counts",
        "criteria": [],
    }
    item_schema = {"$ref": "#/$defs/Evidence"}
    assert problems(evidence, item_schema, schema) == []
    assert problems({**evidence, "value": {**evidence["value"], "modality": "maybe"}}, item_schema, schema)
    assert problems({**evidence, "value": {**evidence["value"], "colour": "red"}}, item_schema, schema)
    assert problems({**evidence, "kind": "date"}, item_schema, schema)  # a count's value is not a date's


def test_typed_values_round_trip_to_the_same_json():
    money = {
        "value": 2300000000,
        "unit": "đồng",
        "percent": False,
        "comparator": None,
        "modality": "actual",
        "parent": None,
        "total": None,
        "multiplier": "tỷ",
        "surface_value": 2.3,
    }
    typed = value_from_dict("count", money)
    assert isinstance(typed, CountValue) and typed.multiplier == "tỷ"
    assert value_to_dict(typed) == money
    plain = {k: v for k, v in money.items() if k not in ("multiplier", "surface_value")}
    assert value_to_dict(value_from_dict("count", plain)) == plain  # optional keys stay absent
    evidence = Evidence(
        kind="date",
        text="ngày 31/7",
        start=0,
        end=9,
        confidence=0.8,
        extractor="dates",
        value={"iso": "2024-07-31", "kind": "date", "inferred_year": True},
    )
    assert evidence.typed_value() == DateValue(iso="2024-07-31", kind="date", inferred_year=True)
    named = {
        "doc_type": "Đề án",
        "number": None,
        "year": None,
        "code": None,
        "date": None,
        "issuer": "Tỉnh ủy",
        "key": "Đề án X",
        "name": "Đề án X",
    }
    assert isinstance(value_from_dict("legal_ref", named), LegalRefValue)
    with pytest.raises(TypeError):
        value_from_dict("date", {"iso": "2024", "kind": "period", "inferred_year": False, "colour": "red"})


def test_every_finder_value_on_the_new_gold_reads_as_its_class():
    from extractor.nlp import FindContext
    from extractor.pipeline import extract_text

    checked = 0
    for path in sorted((REPO / "corpora" / "gold_holdout3").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for item in extract_text(data["text"], FindContext(year=data["year"], doc_type=data["doc_type"])):
            assert value_to_dict(item.typed_value()) == item.value, (item.kind, item.value)
            checked += 1
    assert checked > 100
