"""Issue 11 in the bulk tables: every evidence row says where it was read (``source_part``, ``footnote``),
in evidence.csv and evidence.parquet alike; a signal read in the footnotes part says so too."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from extractor.bulk.evidence_table import EVIDENCE_SCHEMA
from extractor.bulk.run import run_bulk
from extractor.bulk.work import read_signals

TESTS = Path(__file__).resolve().parents[1]
SEED = TESTS.parent / "corpora" / "seeds" / "so-khdt-bao-cao-ket-qua-2022.txt"


def _footnoted():
    """tests/api/footnoted.py, loaded by path (the test packages are named like the service's package)."""
    spec = importlib.util.spec_from_file_location("footnoted_for_bulk", TESTS / "api" / "footnoted.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_evidence_table_has_the_provenance_columns():
    assert EVIDENCE_SCHEMA.field("source_part").type == pa.string()
    assert EVIDENCE_SCHEMA.field("footnote").type == pa.int32()


def test_footnote_evidence_is_marked_in_csv_and_parquet(tmp_path, read_csv):
    footnoted = _footnoted()
    folder = tmp_path / "ho-so" / "Sơn La" / "Sở Kế hoạch và Đầu tư" / "2022"
    folder.mkdir(parents=True)
    footnoted.footnoted_docx(SEED, folder / "bao-cao-co-chu-thich.docx")
    shutil.copy(SEED, folder)  # the same report without the footnote
    out = tmp_path / "out"
    summary = run_bulk(tmp_path / "ho-so", out, workers=1, show_bar=False)
    assert summary.failed == 0
    rows = read_csv(out / "evidence.csv")
    assert {"source_part", "footnote"} <= set(rows[0])
    noted = [row for row in rows if row["source_part"] == "footnote"]
    assert {row["path"].rsplit("/", 1)[-1] for row in noted} == {"bao-cao-co-chu-thich.docx"}
    decree = [row for row in noted if row["legal_key"] == footnoted.NOTE_KEY]
    assert len(decree) == 1 and decree[0]["footnote"] == "1" and decree[0]["kind"] == "legal_ref"
    assert all(row["footnote"] == "" for row in rows if row["source_part"] == "body")
    assert {row["source_part"] for row in rows} == {"body", "footnote"}
    table = pq.read_table(out / "evidence.parquet")
    assert table.schema.field("footnote").type == pa.int32()
    parts = list(
        zip(table.column("source_part").to_pylist(), table.column("footnote").to_pylist(), strict=True)
    )
    assert parts.count(("footnote", 1)) == len(noted)
    assert all(number is None for part, number in parts if part == "body")


def test_a_signal_in_the_footnotes_part_names_its_footnote():
    body = "Báo cáo kết quả thực hiện năm 2023 của Sở."
    notes = ["Theo Kế hoạch số 15/KH-UBND.", "Tự chấm: tổng điểm: 92,5/100 điểm."]
    text = body + "\n\n" + "\n".join(notes)
    signals = read_signals(text, [], "0" * 64)
    scores = [item for item in signals if item["value"].get("signal") == "score"]
    assert len(scores) == 1, signals
    assert (scores[0]["source_part"], scores[0]["footnote"]) == ("footnote", 2)
    in_body = read_signals("Tự chấm: tổng điểm: 92,5/100 điểm.", [], "0" * 64)
    assert in_body and all("source_part" not in item for item in in_body)
