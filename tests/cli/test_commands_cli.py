"""Every command (issue 14): help with examples and the exit codes, ``--quiet``/``--verbose`` as logging
levels, clear errors for a missing input or a bad ``--out``, ``bulk`` exiting non-zero when files failed;
and end to end from a seed: extract → scorecard DOCX rendered by LibreOffice, audit → XLSX/CSV."""

from __future__ import annotations

import csv
import json
import logging
import subprocess
from types import SimpleNamespace

import pytest
from fixtures.files import convert
from openpyxl import load_workbook

from extractor.cli import build_parser, configure_logging, main

SEED = "so-tu-phap-son-la-bao-cao-6-thang-2023"


def _commands() -> dict:
    parser = build_parser()
    (group,) = [action for action in parser._actions if action.dest == "command"]
    return group.choices


@pytest.mark.parametrize("name", sorted(_commands()))
def test_every_command_has_quiet_verbose_examples_and_the_exit_codes_in_its_help(name):
    text = _commands()[name].format_help()
    assert "--quiet" in text and "--verbose" in text
    assert "exit codes" in text and "19  not_found" in text and "20  bad_output" in text
    examples = text.split("examples / ví dụ:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert examples and all(f"minhchung {name}" in line for line in examples)


@pytest.mark.parametrize(
    ("flags", "level"),
    [([], logging.WARNING), (["--quiet"], logging.ERROR), (["-v"], logging.INFO), (["-vv"], logging.DEBUG)],
)
def test_quiet_and_verbose_set_the_logging_level(flags, level):
    args = build_parser().parse_args(["audit", "x.pdf", *flags])
    configure_logging(args)
    assert logging.getLogger().level == level
    configure_logging(build_parser().parse_args(["audit", "x.pdf"]))


def test_missing_inputs_are_not_found_everywhere(tmp_path, capsys):
    missing = str(tmp_path / "khong-co.pdf")
    empty = tmp_path / "thu-muc-rong"
    empty.mkdir()
    for argv in (
        ["scorecard", missing],
        ["audit", missing],
        ["bulk", missing, "--out", str(tmp_path / "o")],
        ["scorecard", str(empty)],
        ["audit", str(empty)],
    ):
        assert main(argv) == 19, argv
        assert "Không tìm thấy" in capsys.readouterr().err


@pytest.mark.parametrize("out", ["{tmp}/no/such/folder/phieu.docx", "{tmp}"])
def test_a_bad_out_is_a_clear_error_not_a_traceback(tmp_path, capsys, out):
    source = tmp_path / "bao-cao.txt"
    source.write_text("Báo cáo", encoding="utf-8")
    assert main(["scorecard", str(source), "--format", "docx", "--out", out.format(tmp=tmp_path)]) == 20
    err = capsys.readouterr().err
    assert "--out" in err and "Traceback" not in err


def test_bulk_exits_non_zero_and_says_how_many_files_failed(tmp_path, capsys, monkeypatch):
    import extractor.bulk.run as bulk_run

    summary = SimpleNamespace(
        files=10,
        processed=10,
        skipped=0,
        failed=2,
        rejected=1,
        dossiers=4,
        evidence=90,
        ambiguous=0,
        documents_per_second=1.0,
        workers=1,
    )
    monkeypatch.setattr(bulk_run, "run_bulk", lambda *args, **kwargs: summary)
    assert main(["bulk", str(tmp_path), "--out", str(tmp_path / "out"), "--quiet"]) == 21
    captured = capsys.readouterr()
    assert "2 lỗi, 1 bị từ chối" in captured.out and "3/11" in captured.err
    summary.failed = summary.rejected = 0
    assert main(["bulk", str(tmp_path), "--out", str(tmp_path / "out"), "--quiet"]) == 0


def test_end_to_end_from_a_seed(seed_path, tmp_path, capsys):
    source = str(seed_path(SEED, "txt"))
    assert main(["extract", source]) == 0
    saved = tmp_path / "son-la.json"
    saved.write_text(capsys.readouterr().out, encoding="utf-8")
    assert json.loads(saved.read_text(encoding="utf-8"))["criteria"]

    docx = tmp_path / "phieu.docx"
    assert (
        main(
            [
                "scorecard",
                str(saved),
                "--format",
                "docx",
                "--out",
                str(docx),
                "--unit",
                "Sở Tư pháp\x0b Sơn La",
                "--issuer",
                "Công an tỉnh Sơn La",
            ]
        )
        == 0
    )
    pdf = convert(docx, "pdf", tmp_path)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    assert "A4" in fields["Page size"] and 1 <= int(fields["Pages"]) <= 4

    xlsx, table = tmp_path / "ra-soat.xlsx", tmp_path / "ra-soat.csv"
    assert main(["audit", str(saved), "--format", "xlsx", "--out", str(xlsx)]) == 0
    assert main(["audit", str(saved), "--format", "csv", "--out", str(table)]) == 0
    book = load_workbook(xlsx)
    findings = list(book["Rà soát hồ sơ"].iter_rows(values_only=True))
    assert findings[0][:4] == ("Đơn vị", "Năm", "Loại đơn vị", "Vấn đề") and len(findings) > 1
    assert any(row[3] == "Hồ sơ còn thiếu" for row in findings[1:])
    assert book["Rà soát hồ sơ"].auto_filter.ref and book["Đơn vị"].max_row == 2
    with open(table, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][0] == "Đơn vị" and len(rows) == len(findings)
