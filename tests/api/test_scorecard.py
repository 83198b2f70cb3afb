"""Scorecards: proposal from evidence, versioned assessor decisions, XLSX/DOCX export, missing-criteria audit."""

from __future__ import annotations

import io

from docx import Document as DocxDocument
from openpyxl import load_workbook

from .conftest import SEED, add_evidence, make_dossier, upload


def test_scorecard_decisions_exports_and_audit(client, auth):
    admin, assessor = auth("admin"), auth("thamdinh_sonla")
    dossier = make_dossier(client, admin)
    document_id = upload(client, admin, dossier, SEED).json()["documents"][0]["document"]["id"]
    ids = add_evidence(client.app.state.mc.engine, document_id)

    card = client.get(f"/api/dossiers/{dossier}/scorecard", headers=assessor).json()
    assert [c["id"] for c in card["criteria"]] == [f"TT124.6.{i}" for i in range(1, 6)]  # cơ quan: Art. 6
    by_id = {c["id"]: c for c in card["criteria"]}
    assert by_id["TT124.6.3"]["proposed"] == "met" and by_id["TT124.6.3"]["evidence"][0]["id"] == ids[2]
    assert by_id["TT124.6.1"]["proposed"] == "missing"
    assert card["overall"]["overall"] != "dat"  # never more than the evidence says

    # Rejecting the only evidence removes it from the proposal.
    client.patch(f"/api/evidence/{ids[2]}", json={"version": 1, "status": "rejected"}, headers=assessor)
    card = client.get(f"/api/dossiers/{dossier}/scorecard", headers=assessor).json()
    assert {c["id"]: c["proposed"] for c in card["criteria"]}["TT124.6.3"] == "missing"

    first = client.put(f"/api/dossiers/{dossier}/scorecard/criteria/TT124.6.3",
                       json={"decision": "met", "note": "Không có vụ việc", "version": 0}, headers=assessor)
    assert first.status_code == 200 and first.json()["decision"]["version"] == 1
    stale = client.put(f"/api/dossiers/{dossier}/scorecard/criteria/TT124.6.3",
                       json={"decision": "not_met", "version": 0}, headers=assessor)
    assert stale.status_code == 409
    wrong_article = client.put(f"/api/dossiers/{dossier}/scorecard/criteria/TT124.4.1",
                               json={"decision": "met", "version": 0}, headers=assessor)
    assert wrong_article.status_code == 404
    for cid in ("TT124.6.1", "TT124.6.2", "TT124.6.4", "TT124.6.5"):
        assert client.put(f"/api/dossiers/{dossier}/scorecard/criteria/{cid}",
                          json={"decision": "met", "version": 0}, headers=assessor).status_code == 200
    card = client.get(f"/api/dossiers/{dossier}/scorecard", headers=assessor).json()
    assert (card["decided"], card["total"], card["overall"]["overall"]) == (5, 5, "dat")

    xlsx = client.get(f"/api/dossiers/{dossier}/scorecard.xlsx", headers=assessor)
    assert xlsx.status_code == 200 and "attachment" in xlsx.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = {row[0]: row for row in sheet.iter_rows(values_only=True) if row and str(row[0]).startswith("TT124")}
    assert set(rows) == {f"TT124.6.{i}" for i in range(1, 6)}
    assert rows["TT124.6.3"][6] == "Đạt" and rows["TT124.6.3"][7] == "Không có vụ việc"
    assert rows["TT124.6.3"][8] == "thamdinh_sonla"

    docx = client.get(f"/api/dossiers/{dossier}/scorecard.docx", headers=auth("kiemtoan"))
    assert docx.status_code == 200
    word = DocxDocument(io.BytesIO(docx.content))
    table_text = "\n".join(cell.text for row in word.tables[0].rows for cell in row.cells)
    assert "TT124.6.3" in table_text and "Đạt (thamdinh_sonla)" in table_text
    assert any("Sở Kế hoạch và Đầu tư" in p.text for p in word.paragraphs)

    audit = client.get(f"/api/dossiers/{dossier}/audit", headers=auth("kiemtoan")).json()
    assert audit["missing_criteria"] == [] and audit["unconfirmed"] == []
    trail = client.get(f"/api/audit-log?dossier_id={dossier}&entity_type=criterion", headers=admin).json()
    assert trail["total"] == 5  # one entry per accepted decision; the refused ones left none


def test_missing_criteria_audit_across_units_respects_jurisdiction(client, auth):
    admin = auth("admin")
    son_la = make_dossier(client, admin, name="UBND xã Chiềng Cơi", kind="xa", province="Sơn La", year=2023)
    lang_son = make_dossier(client, admin, name="Trường THPT Việt Bắc", kind="co_so_giao_duc",
                            province="Lạng Sơn", year=2024)
    everything = client.get("/api/audit", headers=auth("kiemtoan")).json()
    by_dossier = {item["dossier_id"]: item for item in everything["items"]}
    assert set(by_dossier) == {son_la, lang_son}
    assert by_dossier[son_la]["missing_criteria"] == [f"TT124.5.{i}" for i in range(1, 5)]
    assert len(by_dossier[lang_son]["missing_criteria"]) == 6
    assert {d["doc_type"] for d in by_dossier[son_la]["missing_documents"]} >= {"ke_hoach", "bao_cao"}
    own = client.get("/api/audit", headers=auth("thamdinh_sonla")).json()
    assert [item["dossier_id"] for item in own["items"]] == [son_la]
    catalogue = client.get("/api/criteria?subject_type=xa", headers=admin).json()
    assert [c["id"] for c in catalogue] == [f"TT124.5.{i}" for i in range(1, 5)]
