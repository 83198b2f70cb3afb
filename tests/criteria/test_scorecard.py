"""Scorecards and audits on real files (seeds rendered to PDF/DOCX by LibreOffice)."""

from __future__ import annotations

import json
import zipfile

import pytest

from extractor.cli import main
from extractor.criteria import sources
from extractor.criteria.audit import audit
from extractor.criteria.scorecard import build

SO_KHDT = "so-khdt-bao-cao-ket-qua-2022"
SON_LA = "so-tu-phap-son-la-bao-cao-6-thang-2023"


@pytest.fixture(scope="module")
def khdt_card(seed_path):
    return build([sources.load(seed_path(SO_KHDT, "pdf"))])


def test_so_khdt_report_gives_a_five_criterion_article_6_scorecard(khdt_card):
    assert khdt_card["subject_type"] == "co_quan" and khdt_card["year"] == 2022
    rows = {row["id"]: row for row in khdt_card["criteria"]}
    assert list(rows) == [f"TT124.6.{n}" for n in range(1, 6)]
    assert [rows[f"TT124.6.{n}"]["status"] for n in range(2, 4)] == ["met", "met"]
    # "hoàn thành tốt nhiệm vụ được giao; Sở đang thực hiện hồ sơ xét đề nghị danh hiệu …": not yet rated
    assert rows["TT124.6.4"]["status"] == "unclear" and "chưa chính thức" in " ".join(
        rows["TT124.6.4"]["reasons"]
    )
    deciding = rows["TT124.6.3"]["deciding"]
    assert 1 <= len(deciding) <= 3 and all(quote["page"] and quote["document"] for quote in deciding)
    assert any("không có trường hợp xảy ra theo Tiêu chí 3" in quote["text"] for quote in deciding)
    assert any("Nghị quyết số 13-NQ/ĐB" in quote["text"] for quote in rows["TT124.6.1"]["evidence"])
    # Points of khoản 3 come with their own status.
    assert {point["status"] for point in rows["TT124.6.3"]["points"]} == {"met"}


def test_a_registration_after_the_first_quarter_is_left_to_the_assessor(khdt_card):
    row = next(row for row in khdt_card["criteria"] if row["id"] == "TT124.6.1")
    assert row["status"] == "unclear" and row["needs_assessor"] is True
    assert "04/4/2022" in " ".join(row["reasons"]) and "Quý I" in " ".join(row["reasons"])


def test_criterion_5_rests_on_a_forecast_so_the_assessor_must_confirm_it(khdt_card):
    rows = {row["id"]: row for row in khdt_card["criteria"]}
    assert rows["TT124.6.5"]["needs_assessor"] is True
    assert "dự kiến" in " ".join(rows["TT124.6.5"]["reasons"])
    assert rows["TT124.6.5"]["status"] == "unclear"
    assert rows["TT124.6.5"]["deciding"][0]["text"].startswith("Dự kiến 07/07 phòng")
    overall = khdt_card["overall"]  # Điều 8: đạt only when every criterion is met
    assert overall["proposal"] == "chua_du_can_cu"
    assert overall["criteria_to_check"] == ["TT124.6.1", "TT124.6.4", "TT124.6.5"]
    assert "TT124.6.5" in overall["label_vi"]


def test_son_la_audit_lists_the_criteria_it_leaves_unsupported(seed_path):
    report = audit([sources.load(seed_path(SON_LA, "docx"), "co_quan")])
    unit = report["units"][0]
    unsupported = {item["id"] for item in unit["unsupported"]}
    partial = {item["id"] for item in unit["partially_supported"]}
    assert "TT124.6.5" in unsupported
    # "phối hợp bảo vệ cơ quan" with no rating of the protective force does not support 6.4
    assert "TT124.6.4" in unsupported and "TT124.6.4" not in partial
    reasons = next(item["reasons"] for item in unit["unsupported"] if item["id"] == "TT124.6.4")
    assert any("xếp loại" in reason or "kế hoạch" in reason for reason in reasons)
    assert unit["overall"]["proposal"] != "dat"
    assert {item["document"] for item in unit["missing_documents"]} >= {"to_trinh", "bien_ban"}


def test_cli_exports_open_and_contain_the_criteria_rows(seed_path, tmp_path, capsys):
    from docx import Document
    from openpyxl import load_workbook

    source = str(seed_path(SO_KHDT, "docx"))
    xlsx, docx_path = tmp_path / "card.xlsx", tmp_path / "card.docx"
    assert main(["scorecard", source, "--format", "xlsx", "--out", str(xlsx), "--unit", "Sở KH&ĐT"]) == 0
    assert main(["scorecard", source, "--format", "docx", "--out", str(docx_path)]) == 0
    sheet = load_workbook(xlsx)["Phiếu đánh giá"]
    ids = [row[0] for row in sheet.iter_rows(values_only=True) if row and str(row[0]).startswith("TT124.")]
    assert ids == [f"TT124.6.{n}" for n in range(1, 6)]
    assert sheet["B1"].value == "Sở KH&ĐT"
    assert zipfile.is_zipfile(docx_path)
    document = Document(docx_path)
    table_text = [cell.text for row in document.tables[0].rows for cell in row.cells]
    assert sum(text.startswith("TT124.6.") for text in table_text) == 5
    assert any("Ý kiến người thẩm định" in text for text in table_text)
    assert "Đạt" in "\n".join(paragraph.text for paragraph in document.paragraphs)


def test_cli_audit_json_and_table(seed_path, capsys):
    assert main(["audit", str(seed_path(SON_LA, "pdf")), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["units"][0]["subject_type"] == "co_quan"
    assert main(["audit", str(seed_path(SON_LA, "pdf"))]) == 0
    assert "Tiêu chí chưa đủ minh chứng" in capsys.readouterr().out


def test_the_audit_lists_an_act_the_report_itself_dates_after_its_deadline(seed_path):
    """ "Ngày 04/4/2022, Sở … đã đăng ký": after quý I, so the audit's deadlines say so, not only the card."""
    report = audit([sources.load(seed_path(SO_KHDT, "docx"), "co_quan")])
    late = [item for item in report["units"][0]["deadlines"] if item["issue"] == "act_late"]
    assert [item["criterion"] for item in late] == ["TT124.6.1"]
    assert "04/4/2022" in late[0]["message_vi"] and late[0]["page"]
