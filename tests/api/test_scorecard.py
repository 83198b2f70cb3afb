"""Scorecards: the criteria layer's proposal from reviewed evidence, versioned assessor decisions,
XLSX/DOCX export, and the missing-criteria audit."""

from __future__ import annotations

import io

from docx import Document as DocxDocument
from openpyxl import load_workbook
from sqlalchemy.orm import Session

from api.orm import Document
from api.results import store_result
from api.scorecards import ASSIGNED_CUE
from extractor.criteria import scorecard as criteria_scorecard
from extractor.vocabulary import status_label

from .conftest import SEED, add_evidence, make_dossier, upload


def _extract_into(engine, document_id: int):
    """What the worker does for an uploaded seed: the real pipeline, stored."""
    from extractor.pipeline import extract_file

    result = extract_file(SEED, include_text=True)
    with Session(engine) as session:
        store_result(session, session.get(Document, document_id), result)
        session.commit()
    return result


def test_scorecard_follows_the_criteria_layer_and_the_review(client, auth, engine):
    admin, assessor = auth("admin"), auth("thamdinh_sonla")
    dossier = make_dossier(client, admin)
    document_id = upload(client, admin, dossier, SEED).json()["documents"][0]["document"]["id"]
    result = _extract_into(engine, document_id)

    # Unreviewed, the API proposes exactly what `minhchung scorecard` proposes for the same document.
    card = client.get(f"/api/dossiers/{dossier}/scorecard", headers=assessor).json()
    layer = criteria_scorecard.build(
        [result], unit="Sở Kế hoạch và Đầu tư", year=2022, subject_type="co_quan"
    )
    assert [(c["id"], c["proposed"], c["needs_assessor"]) for c in card["criteria"]] == [
        (c["id"], c["status"], c["needs_assessor"]) for c in layer["criteria"]
    ]
    assert card["proposed_overall"]["proposal"] == layer["overall"]["proposal"]
    # Never more than the evidence: "đạt" only when every criterion is met, and the label names each
    # criterion that is not met or that the assessor still has to look at.
    statuses = {c["id"]: c["proposed"] for c in card["criteria"]}
    assert "met" in statuses.values()
    overall = card["proposed_overall"]
    if set(statuses.values()) != {"met"}:
        assert overall["overall"] != "dat"
    for cid in [cid for cid, status in statuses.items() if status != "met"] + overall["criteria_to_check"]:
        assert cid in overall["label_vi"], (cid, overall["label_vi"])
    assert card["overall"] == overall  # no decision yet

    # Rejecting the evidence behind a met criterion's results takes them out of the proposal (counts and claims
    # are evidence; dates and citations of the law are context of their sentence, not evidence of their own).
    def evidence_behind(criterion: dict) -> set[str]:
        return {
            eid
            for quote in criterion["quotes"]
            if quote["role"] == "evidence" and quote["status"] == "met"
            for eid in quote["evidence_ids"]
        }

    met = next(c for c in card["criteria"] if statuses[c["id"]] == "met" and evidence_behind(c))
    met_id, behind = met["id"], evidence_behind(met)
    assert all(quote["document_id"] == document_id for quote in met["quotes"])
    for evidence_id in sorted(behind):
        version = client.get(f"/api/evidence/{evidence_id}", headers=assessor).json()["version"]
        assert (
            client.patch(
                f"/api/evidence/{evidence_id}",
                json={"version": version, "status": "rejected"},
                headers=assessor,
            ).status_code
            == 200
        )
    after = {
        c["id"]: c
        for c in client.get(f"/api/dossiers/{dossier}/scorecard", headers=assessor).json()["criteria"]
    }
    assert not any(set(q["evidence_ids"]) & behind for q in after[met_id]["quotes"])
    assert not any(e["id"] in behind for e in after[met_id]["evidence"])
    if not any(q["role"] == "evidence" and q["status"] == "met" for q in after[met_id]["quotes"]):
        assert after[met_id]["proposed"] != "met"

    # An assessor's edit counts: evidence re-assigned to another criterion, and a value saying "not met".
    target_id = next(cid for cid in statuses if cid != met_id)
    moved = next(
        e for c in after.values() for e in c["evidence"] if e["id"] not in behind and c["id"] != target_id
    )
    patched = client.patch(
        f"/api/evidence/{moved['id']}",
        headers=assessor,
        json={
            "version": client.get(f"/api/evidence/{moved['id']}", headers=assessor).json()["version"],
            "criteria": [target_id],
            "value": {**moved["value"], "status": "not_met"},
        },
    )
    assert patched.status_code == 200
    target = next(
        c
        for c in client.get(f"/api/dossiers/{dossier}/scorecard", headers=assessor).json()["criteria"]
        if c["id"] == target_id
    )
    assert target["proposed"] == "not_met"
    assert [e["stance"] for e in target["evidence"] if e["id"] == moved["id"]] == ["against"]
    assert any(q["cue"] == ASSIGNED_CUE and moved["id"] in q["evidence_ids"] for q in target["quotes"])


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
    assert "TT124.6.1" in card["overall"]["label_vi"]

    # Rejecting the only evidence removes it from the proposal.
    client.patch(f"/api/evidence/{ids[2]}", json={"version": 1, "status": "rejected"}, headers=assessor)
    card = client.get(f"/api/dossiers/{dossier}/scorecard", headers=assessor).json()
    assert {c["id"]: c["proposed"] for c in card["criteria"]}["TT124.6.3"] == "missing"

    first = client.put(
        f"/api/dossiers/{dossier}/scorecard/criteria/TT124.6.3",
        json={"decision": "met", "note": "Không có vụ việc", "version": 0},
        headers=assessor,
    )
    assert first.status_code == 200 and first.json()["decision"]["version"] == 1
    stale = client.put(
        f"/api/dossiers/{dossier}/scorecard/criteria/TT124.6.3",
        json={"decision": "not_met", "version": 0},
        headers=assessor,
    )
    assert stale.status_code == 409
    wrong_article = client.put(
        f"/api/dossiers/{dossier}/scorecard/criteria/TT124.4.1",
        json={"decision": "met", "version": 0},
        headers=assessor,
    )
    assert wrong_article.status_code == 404
    for cid in ("TT124.6.1", "TT124.6.2", "TT124.6.4"):
        assert (
            client.put(
                f"/api/dossiers/{dossier}/scorecard/criteria/{cid}",
                json={"decision": "met", "version": 0},
                headers=assessor,
            ).status_code
            == 200
        )
    # Four criteria met and one unclear: not enough evidence, and the label says which criterion is open.
    assert (
        client.put(
            f"/api/dossiers/{dossier}/scorecard/criteria/TT124.6.5",
            json={"decision": "unclear", "version": 0},
            headers=assessor,
        ).status_code
        == 200
    )
    card = client.get(f"/api/dossiers/{dossier}/scorecard", headers=assessor).json()
    assert (card["overall"]["overall"], card["overall"]["met"], card["overall"]["unclear"]) == (
        "chua_du_minh_chung",
        4,
        1,
    )
    assert "TT124.6.5" in card["overall"]["label_vi"] and "TT124.6.1" not in card["overall"]["label_vi"]
    assert (
        client.put(
            f"/api/dossiers/{dossier}/scorecard/criteria/TT124.6.5",
            json={"decision": "met", "version": 1},
            headers=assessor,
        ).status_code
        == 200
    )
    card = client.get(f"/api/dossiers/{dossier}/scorecard", headers=assessor).json()
    assert (card["decided"], card["total"], card["overall"]["overall"]) == (5, 5, "dat")
    assert card["proposed_overall"]["overall"] != "dat"  # the proposal itself is unchanged by decisions

    xlsx = client.get(f"/api/dossiers/{dossier}/scorecard.xlsx", headers=assessor)
    assert xlsx.status_code == 200 and "attachment" in xlsx.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    header = next(row for row in sheet.iter_rows(values_only=True) if row and row[0] == "Mã tiêu chí")
    rows = {
        row[0]: dict(zip(header, row, strict=False))
        for row in sheet.iter_rows(values_only=True)
        if row and str(row[0]).startswith("TT124")
    }
    assert set(rows) == {f"TT124.6.{i}" for i in range(1, 6)}
    decided = rows["TT124.6.3"]["Ý kiến người thẩm định"]
    assert decided.startswith("Đạt — Không có vụ việc (thamdinh_sonla")
    assert rows["TT124.6.3"]["Kết quả đề xuất"] == status_label(
        "missing"
    )  # the proposal, next to the decision

    docx = client.get(f"/api/dossiers/{dossier}/scorecard.docx", headers=auth("kiemtoan"))
    assert docx.status_code == 200
    word = DocxDocument(io.BytesIO(docx.content))
    table_text = "\n".join(cell.text for row in word.tables[0].rows for cell in row.cells)
    assert "TT124.6.3" in table_text and "Đạt — Không có vụ việc (thamdinh_sonla" in table_text
    assert any("Sở Kế hoạch và Đầu tư" in p.text for p in word.paragraphs)

    audit = client.get(f"/api/dossiers/{dossier}/audit", headers=auth("kiemtoan")).json()
    assert audit["missing_criteria"] == [] and audit["unconfirmed"] == []
    trail = client.get(f"/api/audit-log?dossier_id={dossier}&entity_type=criterion", headers=admin).json()
    assert trail["total"] == 6  # one entry per accepted decision (6.5 twice); the refused ones left none


def test_missing_criteria_audit_across_units_respects_jurisdiction(client, auth):
    admin = auth("admin")
    son_la = make_dossier(client, admin, name="UBND xã Chiềng Cơi", kind="xa", province="Sơn La", year=2023)
    lang_son = make_dossier(
        client, admin, name="Trường THPT Việt Bắc", kind="co_so_giao_duc", province="Lạng Sơn", year=2024
    )
    everything = client.get("/api/audit", headers=auth("kiemtoan")).json()
    by_dossier = {item["dossier_id"]: item for item in everything["items"]}
    assert set(by_dossier) == {son_la, lang_son}
    assert by_dossier[son_la]["missing_criteria"] == [f"TT124.5.{i}" for i in range(1, 5)]
    assert len(by_dossier[lang_son]["missing_criteria"]) == 6
    # The dossier documents the procedure (corpora/procedure.json) asks for.
    missing_docs = by_dossier[son_la]["missing_documents"]
    assert {d["doc_type"] for d in missing_docs} >= {"ke_hoach", "bao_cao", "dang_ky", "bien_ban"}
    assert all(d["label_vi"] for d in missing_docs)
    own = client.get("/api/audit", headers=auth("thamdinh_sonla")).json()
    assert [item["dossier_id"] for item in own["items"]] == [son_la]
    catalogue = client.get("/api/criteria?subject_type=xa", headers=admin).json()
    assert [c["id"] for c in catalogue] == [f"TT124.5.{i}" for i in range(1, 5)]
    assert all(c["subject_types"] == ["xa"] and c["title_vi"] for c in catalogue)
