"""The bulk run's tables against the generator's ground truth (small corpus, DOCX + PDF)."""

from __future__ import annotations

import re

from openpyxl import load_workbook

PROCEDURE_KEY = {"ke_hoach": "ke_hoach", "dang_ky": "ban_dang_ky", "bao_cao": "bao_cao_ket_qua",
                 "bien_ban": "bien_ban", "to_trinh": "to_trinh"}


def _by_dossier(rows, extra=()):
    out = {}
    for row in rows:
        out.setdefault((row["unit"], int(row["year"]), *[row[k] for k in extra]), []).append(row)
    return out


def test_every_file_is_listed_and_the_corrupt_one_reported(bulk_run, truth, read_csv):
    summary, _source, out = bulk_run
    documents = read_csv(out / "documents.csv")
    expected = sum(len(t["documents"]) for t in truth) + 1
    assert summary.files == len(documents) == expected
    errors = read_csv(out / "errors.csv")
    assert [e["path"] for e in errors] == ["Sơn La/Đơn vị hỏng/2024/Bao cao hong.pdf"]
    assert errors[0]["error_code"] == "corrupt_file"
    assert summary.failed == 1 and summary.processed == expected


def test_unit_and_year_come_from_the_folders(bulk_run, truth, read_csv):
    _summary, _source, out = bulk_run
    dossiers = {(r["province"], r["unit"], int(r["year"])) for r in read_csv(out / "dossiers.csv")}
    for t in truth:
        assert (t["province"], t["unit"], t["year"]) in dossiers
    assert read_csv(out / "ambiguous.csv") == []


def test_missing_documents_are_listed(bulk_run, truth, read_csv):
    _summary, _source, out = bulk_run
    listed = _by_dossier(read_csv(out / "missing_documents.csv"))
    checked = 0
    for t in truth:
        keys = {row["document"] for row in listed.get((t["unit"], t["year"]), [])}
        for doc_type in t["missing_documents"]:
            if doc_type == "ke_hoach" and t["subject_type"] == "khu_dan_cu":
                continue  # not required of a khu dân cư (corpora/procedure.json)
            assert PROCEDURE_KEY[doc_type] in keys, (t["unit"], t["year"], doc_type)
            checked += 1
        if "bao_cao" in t["documents"]:
            assert "bao_cao_ket_qua" not in keys
    assert checked >= 1


def test_contradicted_criterion_shows_not_met(bulk_run, truth, read_csv):
    _summary, _source, out = bulk_run
    criteria = {(r["unit"], int(r["year"]), r["criterion"]): r["status"] for r in read_csv(out / "criteria.csv")}
    overall = {(r["unit"], int(r["year"])): r["overall"] for r in read_csv(out / "dossiers.csv")}
    contradicted = [t for t in truth if t["contradicted"]]
    assert contradicted, "the generator was asked for contradicted criteria"
    subject = {(r["unit"], int(r["year"])): r["subject_type"] for r in read_csv(out / "dossiers.csv")}
    missing = {(r["unit"], int(r["year"]), r["criterion"]) for r in read_csv(out / "missing_criteria.csv")}
    exact = 0
    for t in contradicted:
        key = (t["unit"], t["year"])
        assert overall[key] == "chua_dat", key
        assert any(k[:2] == key and status == "not_met" for k, status in criteria.items()), key
        if subject[key] == t["subject_type"]:  # the pipeline read the kind of unit right: same article
            for cid in t["contradicted"]:
                assert criteria[(*key, cid)] == "not_met", (*key, cid)
                assert (*key, cid) in missing
                exact += 1
    assert exact >= 1


def test_counts_written_appear_in_the_trends(bulk_run, truth, read_csv):
    _summary, _source, out = bulk_run
    trends = {(r["unit"], int(r["year"]), r["indicator"]): float(r["value"])
              for r in read_csv(out / "trends_unit.csv")}
    reports = [t for t in truth if t["counts"]]
    assert reports
    for t in reports:
        if t["counts_written"]["tuyen_truyen"].isdigit():  # spelled numbers: see the bulk README's figures
            assert trends.get((t["unit"], t["year"], "tuyen_truyen")) == t["counts"]["tuyen_truyen"], t["unit"]
        assert trends.get((t["unit"], t["year"], "luot_nguoi_nghe")) == t["listeners"], t["unit"]
    province = read_csv(out / "trends_province.csv")
    assert {r["indicator"] for r in province} >= {"tuyen_truyen", "luot_nguoi_nghe"}


def test_qd510_score_and_band_from_the_bien_ban(bulk_run, truth, read_csv):
    _summary, _source, out = bulk_run
    rows = {(r["unit"], int(r["year"])): r for r in read_csv(out / "dossiers.csv")}
    with_minutes = [t for t in truth if t["score"] is not None]
    assert with_minutes
    for t in with_minutes:
        row = rows[(t["unit"], t["year"])]
        assert float(row["score"]) == t["score"] and row["band"] == t["band"]
    bands = read_csv(out / "bands.csv")
    assert sum(int(b["dossiers"]) for b in bands) == len(truth) + 1  # + the corrupt file's folder


def test_workbook_has_a_summary_and_one_sheet_per_year(bulk_run, truth, read_csv):
    _summary, _source, out = bulk_run
    book = load_workbook(out / "criteria.xlsx", read_only=True)
    years = sorted({t["year"] for t in truth})
    assert book.sheetnames == ["Tổng hợp", *map(str, years)]
    summary_rows = list(book["Tổng hợp"].iter_rows(values_only=True))
    assert len(summary_rows) == len(truth) + 2  # header + the corrupt file's folder


def test_evidence_table_in_parquet_and_csv(bulk_run, read_csv):
    import pyarrow.parquet as pq

    _summary, _source, out = bulk_run
    table = pq.read_table(out / "evidence.parquet")
    rows = read_csv(out / "evidence.csv")
    assert table.num_rows == len(rows) > 0
    assert {"count", "legal_ref", "date"} <= set(table.column("kind").to_pylist())
    assert all(r["unit"] and r["year"] for r in rows)


def test_targets_quote_the_son_la_letter(bulk_run, read_csv):
    _summary, _source, out = bulk_run
    targets = read_csv(out / "targets.csv")
    by_year = {(int(r["year"]), r["group"], r["measure"]): r for r in targets}
    assert by_year[(2026, "xa_phuong", "dien_hinh")]["target_percent"] == "75"
    for year, percent in ((2027, "20"), (2028, "40"), (2029, "60"), (2030, "75")):
        assert by_year[(year, "co_quan_doanh_nghiep_co_so_giao_duc", "dien_hinh")]["target_percent"] == percent
    assert "UBND-NC" in targets[0]["source"]


def test_report_is_self_contained(bulk_run, read_csv):
    _summary, _source, out = bulk_run
    html = (out / "report.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.IGNORECASE)
    assert "<link" not in html.lower() and "<script" not in html.lower()
    assert html.count('src="data:image/png;base64,') >= 3
    assert "Tiêu chí theo đơn vị và năm" in html and "Quyết định 510" in html
