"""A small generated corpus (DOCX + PDF via LibreOffice) and one bulk run over it, shared by the tests."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from extractor.bulk.run import run_bulk
from extractor.synth.generate import generate_corpus


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="session")
def read_csv():
    """Read one of the bulk run's CSV outputs as a list of dicts."""
    return _read_csv


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("synth") / "ho-so"
    generate_corpus(
        folder,
        n_dossiers=10,
        seed=11,
        formats=("docx", "pdf"),
        layout="tree",
        p_missing=0.35,
        p_contradiction=0.35,
        workers=2,
    )
    return folder


@pytest.fixture(scope="session")
def truth(corpus) -> list[dict]:
    return [json.loads(line) for line in (corpus / "truth.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="session")
def bulk_run(corpus, tmp_path_factory):
    """The corpus plus one corrupt PDF, analysed once with 2 local workers."""
    work = tmp_path_factory.mktemp("bulk")
    source = work / "input"
    shutil.copytree(corpus, source)
    bad = source / "Sơn La" / "Đơn vị hỏng" / "2024" / "Bao cao hong.pdf"
    bad.parent.mkdir(parents=True)
    bad.write_bytes(b"%PDF-1.7\n1 0 obj <<>> truncated")
    out = work / "out"
    summary = run_bulk(source, out, workers=2, show_bar=False)
    return summary, source, out
