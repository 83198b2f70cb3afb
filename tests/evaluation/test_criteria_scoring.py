"""Criterion-mapping scores on the criteria gold (``corpora/gold/criteria``)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import corpora
from extractor.criteria import evaluation as ce

MINHCHUNG = [sys.executable, "-m", "extractor.cli", "evaluate"]


def gold(criteria: dict[str, str], doc_id: str = "d") -> dict:
    return {"doc_id": doc_id, "subject_type": "co_quan", "criteria": criteria}


def test_exact_status_and_binary_views_are_counted_per_criterion():
    score = ce.score(gold({"TT124.6.1": "met", "TT124.6.2": "target", "TT124.6.3": "missing", "TT124.6.4": "met"}),
                     {"TT124.6.1": "met", "TT124.6.2": "met", "TT124.6.4": "unclear"})
    report = score.to_dict()
    assert report["pairs"] == 4 and report["accuracy"] == 0.5  # 6.1 and 6.3 (not listed → missing) agree
    met = report["per_status"]["met"]
    assert (met["matched"], met["predicted"], met["gold"]) == (1, 2, 2)
    assert report["supported"]["precision"] == 0.5 and report["supported"]["recall"] == 0.5
    assert report["addressed"]["f1"] == 1.0  # every addressed criterion was found addressed
    assert {item["criterion"] for item in report["mismatches"]} == {"TT124.6.2", "TT124.6.4"}


def test_empty_status_classes_do_not_drag_the_macro_average():
    report = ce.score(gold({"TT124.6.1": "met", "TT124.6.2": "missing"}), {"TT124.6.1": "met"}).to_dict()
    assert report["macro_f1"] == 1.0 and report["per_status"]["not_met"]["gold"] == 0


def test_validation_names_unknown_criteria_and_statuses():
    problems = ce.validate(gold({"TT124.9.9": "met", "TT124.6.1": "đạt"}))
    assert any("TT124.9.9" in problem for problem in problems)
    assert any("đạt" in problem for problem in problems)
    assert ce.validate({"doc_id": "x"}) == ["missing key 'subject_type'", "missing key 'criteria'"]


def test_every_gold_document_has_a_valid_criteria_gold_for_its_article():
    from extractor.criteria import catalogue

    documents = {path.stem for path in corpora.path("gold").glob("*.json") if path.name != "schema.json"}
    loaded = ce.load_gold(corpora.path("gold"))
    assert set(loaded) == documents
    for data in loaded.values():
        article = {item.id for item in catalogue.for_subject(data["subject_type"])}
        assert set(data["criteria"]) <= article


def test_the_mapper_on_the_so_khdt_report_matches_the_assessor():
    data = json.loads(corpora.path("gold", "so-khdt-bao-cao-ket-qua-2022.json").read_text(encoding="utf-8"))
    predicted = ce.predict(data["text"], doc_type=data["doc_type"], year=data["year"], subject_type="co_quan")
    assert [predicted[f"TT124.6.{n}"] for n in range(1, 6)] == ["met", "met", "met", "met", "target"]


def test_evaluate_command_reports_criterion_mapping_next_to_the_evidence():
    result = subprocess.run([*MINHCHUNG, "--format", "json", "--baseline", "none"], capture_output=True, text=True,
                            check=False, cwd=corpora.CORPORA_DIR.parent)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert "legal_ref" in report["summary"]
    gold = ce.load_gold(corpora.path("gold"))
    expected_pairs = sum(len(data["criteria"]) for data in gold.values())
    criteria = report["criteria"]
    assert criteria["documents"] == len(gold) >= 15 and criteria["pairs"] == expected_pairs
    assert 0.0 <= criteria["supported"]["f1"] <= 1.0 and set(criteria["per_status"]) == set(ce.STATUSES)


@pytest.fixture
def broken_gold(tmp_path: Path) -> Path:
    shutil.copy(corpora.path("gold", "schema.json"), tmp_path / "schema.json")
    shutil.copy(corpora.path("gold", "thon-ban-lac-bao-cao-2023.json"), tmp_path / "thon-ban-lac-bao-cao-2023.json")
    (tmp_path / "criteria").mkdir()
    (tmp_path / "criteria" / "thon.json").write_text(json.dumps(gold({"TT124.6.1": "perhaps"})), encoding="utf-8")
    return tmp_path


def test_a_broken_criteria_gold_fails_cleanly(broken_gold: Path):
    result = subprocess.run([*MINHCHUNG, str(broken_gold), "--baseline", "none"], capture_output=True, text=True,
                            check=False, cwd=corpora.CORPORA_DIR.parent)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "perhaps" in result.stderr
