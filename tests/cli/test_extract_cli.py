"""``minhchung extract`` (issue 14): not found is its own error, a crashing file does not stop the others,
``--kind`` takes only known kinds, the table fits the terminal with Vietnamese labels."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from extractor import pipeline, vocabulary
from extractor.cli import main
from extractor.models import DocumentInfo, Evidence, ExtractionResult

LONG = (
    "Thông tư số 124/2021/TT-BCA ngày 28/12/2021 của Bộ trưởng Bộ Công an quy định về tiêu chuẩn "
    "“An toàn về an ninh, trật tự” đối với khu dân cư, xã, phường, thị trấn, cơ quan, doanh nghiệp, "
    "cơ sở giáo dục và trình tự, thủ tục, hồ sơ xét công nhận"
)


def fake_result(path: str) -> ExtractionResult:
    evidence = [
        Evidence(
            kind=kind,
            text=LONG,
            start=10,
            end=10 + len(LONG),
            confidence=0.9,
            extractor="test",
            page=1,
            value={"key": "124/2021/TT-BCA", "note": LONG},
        )
        for kind in vocabulary.keys("evidence_kind")
    ]
    return ExtractionResult(
        document=DocumentInfo(source=path, sha256="0" * 64, pages=1, subject_type="xa"),
        evidence=evidence,
        criteria=[{"id": "TT124.5.1", "title": LONG, "status": "unclear"}],
    )


@pytest.fixture
def files(tmp_path, monkeypatch):
    """Three files; the pipeline crashes on the second, and is faked (fast) on the others."""
    paths = [tmp_path / name for name in ("a.txt", "crash.txt", "c.txt")]
    for path in paths:
        path.write_text("Báo cáo", encoding="utf-8")

    def extract_file(path, include_text=False):
        if Path(path).name == "crash.txt":
            raise RuntimeError("boom")
        return fake_result(str(path))

    monkeypatch.setattr(pipeline, "extract_file", extract_file)
    return [str(path) for path in paths]


def test_a_crashing_file_gets_an_error_object_and_the_others_their_evidence(files, capsys):
    code = main(["extract", *files, "--quiet"])
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code != 0
    assert [line.get("error", {}).get("code") for line in lines] == [None, "internal_error", None]
    assert lines[0]["evidence"] and lines[2]["evidence"]
    assert "boom" in lines[1]["error"]["message"] and lines[1]["source"] == files[1]


def test_a_missing_file_is_not_found_not_corrupt(files, capsys):
    missing = files[0] + ".nowhere.pdf"
    assert main(["extract", missing, files[0]]) == 19
    captured = capsys.readouterr()
    first, second = (json.loads(line) for line in captured.out.splitlines())
    assert first["error"]["code"] == "not_found" and "evidence" in second
    assert "Không tìm thấy" in captured.err and "1/2" in captured.err


def test_kind_takes_only_known_kinds(files, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", files[0], "--kind", "dates"])
    assert exit_info.value.code == 2 and "invalid choice" in capsys.readouterr().err
    assert main(["extract", files[0], "--kind", "count"]) == 0
    assert {item["kind"] for item in json.loads(capsys.readouterr().out)["evidence"]} == {"count"}


@pytest.mark.parametrize("with_rich", [True, False])
@pytest.mark.parametrize("columns", [80, 132])
def test_the_table_fits_the_terminal_and_speaks_vietnamese(files, capsys, monkeypatch, columns, with_rich):
    monkeypatch.setenv("COLUMNS", str(columns))
    if not with_rich:
        monkeypatch.setitem(sys.modules, "rich", None)  # import rich → ImportError: the plain table
    assert main(["extract", files[0], "--format", "table"]) == 0
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines()) <= columns
    for kind in vocabulary.keys("evidence_kind"):
        assert vocabulary.label("evidence_kind", kind) in out
    words = " ".join(out.split())  # a wrapped heading keeps its words
    assert vocabulary.status_label("unclear") in words and "Xã, phường, thị trấn" in words


def test_the_table_names_the_document_type_in_vietnamese(tmp_path, capsys, monkeypatch):
    plan = tmp_path / "ke-hoach.txt"
    plan.write_text("Kế hoạch", encoding="utf-8")

    def extract_file(path, include_text=False):
        result = fake_result(str(path))
        result.document.doc_type = "ke_hoach"
        return result

    monkeypatch.setattr(pipeline, "extract_file", extract_file)
    assert main(["extract", str(plan), "--format", "table"]) == 0
    words = " ".join(capsys.readouterr().out.split())
    assert "loại văn bản: Kế hoạch" in words and "ke_hoach" not in words


def test_a_folder_gives_its_documents_and_an_empty_one_is_not_found(files, tmp_path, capsys):
    folder = Path(files[0]).parent
    (folder / "notes.json").write_text("{}", encoding="utf-8")  # a stored result, not a document
    main(["extract", str(folder), "--quiet"])
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    sources = [line["source"] if "error" in line else line["document"]["source"] for line in lines]
    assert sources == sorted(files)
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["extract", str(empty)]) == 19
    assert json.loads(capsys.readouterr().out)["error"]["code"] == "not_found"


def test_every_document_type_a_heading_gives_has_its_vietnamese_label():
    from extractor import lexicons

    headings = lexicons.own_document_types()["headings"]
    assert set(vocabulary.keys("document_type")) == set(headings)
