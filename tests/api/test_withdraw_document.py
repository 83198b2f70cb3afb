"""A wrong or failed upload is withdrawn from its dossier: kept with its evidence, out of the proposal and the
review progress, recorded in the audit trail, and restorable (nothing is ever deleted)."""

from __future__ import annotations

from .conftest import LANG_SON_PLAN, SEED, make_dossier, process_document, upload


def test_a_withdrawn_document_leaves_the_proposal_and_comes_back_on_restore(client, auth, engine):
    assessor = auth("thamdinh_sonla")
    dossier = make_dossier(client, assessor)
    own = upload(client, assessor, dossier, SEED).json()["documents"][0]["document"]["id"]
    wrong = upload(client, assessor, dossier, LANG_SON_PLAN).json()["documents"][0]["document"]["id"]
    process_document(engine, own, SEED)
    process_document(engine, wrong, LANG_SON_PLAN)
    client.post(f"/api/documents/{wrong}/accept-mismatch", json={}, headers=assessor)  # it counts now

    def state():
        card = client.get(f"/api/dossiers/{dossier}/scorecard", headers=assessor).json()
        quoted = {q["document_id"] for c in card["criteria"] for q in c["quotes"]}
        detail = client.get(f"/api/dossiers/{dossier}", headers=assessor).json()
        listed = next(
            item
            for item in client.get("/api/dossiers", headers=assessor).json()["items"]
            if item["id"] == dossier
        )
        return quoted, detail["evidence"]["total"], listed["evidence"]["total"], detail["checks"]["withdrawn"]

    quoted, total_before, listed_before, withdrawn = state()
    assert wrong in quoted and withdrawn == []

    assert (
        client.post(f"/api/documents/{wrong}/withdraw", json={}, headers=auth("kiemtoan")).status_code == 403
    )
    answer = client.post(f"/api/documents/{wrong}/withdraw", json={"note": "Nhầm hồ sơ"}, headers=assessor)
    assert answer.status_code == 200, answer.text
    assert answer.json()["withdrawn"] is True
    client.post(f"/api/documents/{wrong}/withdraw", json={}, headers=assessor)  # twice records once
    quoted, total, listed, withdrawn = state()
    assert wrong not in quoted and own in quoted and withdrawn == [wrong]
    assert 0 < total < total_before and listed == total
    # Kept: the document, its file and its evidence are still there.
    assert client.get(f"/api/documents/{wrong}", headers=assessor).json()["checks"]["withdrawn"] is True
    assert client.get(f"/api/documents/{wrong}/file", headers=assessor).status_code == 200

    trail = client.get(
        "/api/audit-log", params={"dossier_id": dossier, "entity_type": "document"}, headers=assessor
    ).json()["items"]
    entries = [item for item in trail if item["action"] == "withdraw_document"]
    assert len(entries) == 1 and entries[0]["note"] == "Nhầm hồ sơ" and entries[0]["entity_id"] == str(wrong)

    assert client.post(f"/api/documents/{wrong}/restore", json={}, headers=assessor).status_code == 200
    quoted, total, listed, withdrawn = state()
    assert wrong in quoted and total == total_before and listed == listed_before and withdrawn == []
