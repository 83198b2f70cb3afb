"""``minhchung evaluate`` end to end on the gold corpus."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import corpora

MINHCHUNG = [sys.executable, "-m", "extractor.cli"]
KINDS = ("legal_ref", "date", "count", "criterion_claim")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*MINHCHUNG, "evaluate", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=corpora.CORPORA_DIR.parent,
    )


def test_evaluate_prints_per_kind_figures_and_the_dateparser_baseline() -> None:
    result = run("--no-details")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    for kind in (*KINDS, "ALL", "date:dateparser"):
        row = next(line for line in lines if line.startswith(kind + " "))
        figures = [float(cell) for cell in row.replace("|", " ").split()[3:]]
        assert len(figures) == 9 and all(0.0 <= f <= 1.0 for f in figures)
    assert "so-khdt-bao-cao-ket-qua-2022" in result.stdout  # per-document table
    assert "evaluate" in result.stderr  # tqdm progress bar


def test_evaluate_json_counts_every_gold_annotation() -> None:
    result = run("--format", "json", "--kind", "date")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    gold_dates = sum(
        ann["kind"] == "date"
        for path in corpora.path("gold").glob("*.json")
        if path.name != "schema.json"
        for ann in json.loads(path.read_text(encoding="utf-8"))["annotations"]
    )
    assert set(report["summary"]) == {"date"}
    assert report["summary"]["date"]["strict"]["gold"] == gold_dates
    assert report["baseline"]["strict"]["gold"] == gold_dates
    for document in report["documents"]:
        assert {"misses", "false_hits", "strict", "lenient", "exact"} <= set(document["kinds"]["date"])


def test_evaluate_lists_misses_with_their_surface_text(tmp_path: Path) -> None:
    gold = json.loads(corpora.path("gold", "xa-tan-hoa-bao-cao-2024.json").read_text(encoding="utf-8"))
    text = gold["text"]
    gold["annotations"].append(
        {
            "kind": "count",
            "start": 0,
            "end": 5,
            "text": text[0:5],
            "value": {
                "value": 999,
                "unit": "con mèo",
                "percent": False,
                "comparator": None,
                "modality": "actual",
                "parent": None,
            },
        }
    )
    (tmp_path / "doc.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    shutil.copy(corpora.path("gold", "schema.json"), tmp_path / "schema.json")
    result = run(str(tmp_path), "--kind", "count", "--baseline", "none")
    assert result.returncode == 0, result.stderr
    assert any(
        "MISS" in line and "con mèo" in line and repr(text[0:5]) in line
        for line in result.stdout.splitlines()
    )


def test_evaluate_fails_cleanly_on_a_missing_gold_directory(tmp_path: Path) -> None:
    result = run(str(tmp_path / "nowhere"))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
