"""Reviewing evidence: confirm/reject/edit/re-assign with an optimistic version, and the audit trail.
(Concurrent confirmations over real HTTP: ``test_live_service``.)"""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from .conftest import SEED, add_evidence, make_dossier, upload


@pytest.fixture
def evidence(client, auth):
    dossier = make_dossier(client, auth("admin"))
    document_id = upload(client, auth("admin"), dossier, SEED).json()["documents"][0]["document"]["id"]
    return dossier, document_id, add_evidence(client.app.state.mc.engine, document_id)


def test_filters_and_pagination(client, auth, evidence):
    dossier, document_id, ids = evidence
    headers = auth("thamdinh_sonla")
    page = client.get(f"/api/evidence?dossier_id={dossier}&page_size=2", headers=headers).json()
    assert (page["total"], len(page["items"]), page["page"]) == (3, 2, 1)
    second = client.get(f"/api/evidence?dossier_id={dossier}&page_size=2&page=2", headers=headers).json()
    assert [e["id"] for e in page["items"] + second["items"]] == ids
    assert [
        e["kind"]
        for e in client.get(f"/api/evidence?document_id={document_id}&kind=count", headers=headers).json()[
            "items"
        ]
    ] == ["count"]
    by_criterion = client.get("/api/evidence?criterion=TT124.6.3", headers=headers).json()["items"]
    assert [e["id"] for e in by_criterion] == [ids[2]]


def test_confirm_edit_reassign_and_history(client, auth, evidence):
    _dossier, _document, ids = evidence
    headers = auth("thamdinh_sonla")
    confirmed = client.patch(
        f"/api/evidence/{ids[1]}", json={"version": 1, "status": "confirmed"}, headers=headers
    )
    assert confirmed.status_code == 200
    assert (confirmed.json()["status"], confirmed.json()["version"]) == ("confirmed", 2)
    edited = client.patch(
        f"/api/evidence/{ids[1]}",
        headers=headers,
        json={
            "version": 2,
            "value": {"value": 6, "unit": "tiêu chí"},
            "criteria": ["TT124.6.1", "TT124.6.2"],
            "note": "sửa theo bản gốc",
        },
    )
    assert edited.status_code == 200
    body = edited.json()
    assert body["value"] == {"value": 6, "unit": "tiêu chí"}
    assert body["original_value"] == {"value": 5, "unit": "tiêu chí"}
    assert body["criteria"] == ["TT124.6.1", "TT124.6.2"] and body["version"] == 3

    stale = client.patch(
        f"/api/evidence/{ids[1]}", json={"version": 1, "status": "rejected"}, headers=headers
    )
    assert stale.status_code == 409
    assert stale.json()["error"]["code"] == "version_conflict"
    assert stale.json()["current"]["version"] == 3

    unknown = client.patch(
        f"/api/evidence/{ids[1]}", json={"version": 3, "criteria": ["TT999.1"]}, headers=headers
    )
    assert unknown.status_code == 422

    history = client.get(f"/api/evidence/{ids[1]}/history", headers=auth("kiemtoan")).json()
    assert [h["action"] for h in history] == ["confirm", "edit"]
    assert all(h["user"] == "thamdinh_sonla" and h["at"] for h in history)
    assert history[0]["before"]["status"] == "proposed" and history[0]["after"]["status"] == "confirmed"
    assert history[1]["before"]["value"] == {"value": 5, "unit": "tiêu chí"}
    assert history[1]["after"]["criteria"] == ["TT124.6.1", "TT124.6.2"]
    assert history[1]["note"] == "sửa theo bản gốc"


def test_audit_trail_cannot_be_changed(client, auth, evidence, engine):
    _dossier, _document, ids = evidence
    headers = auth("admin")
    client.patch(f"/api/evidence/{ids[0]}", json={"version": 1, "status": "rejected"}, headers=headers)
    entry = client.get(f"/api/evidence/{ids[0]}/history", headers=headers).json()[0]
    # No route edits or deletes the trail ...
    for method in ("PUT", "PATCH", "DELETE"):
        response = client.request(method, f"/api/audit-log/{entry['id']}", headers=headers, json={})
        assert response.status_code in {404, 405}
    # ... and the database itself refuses it.
    for statement in ("UPDATE audit_entries SET username = 'ai-do'", "DELETE FROM audit_entries"):
        with Session(engine) as session, pytest.raises(DBAPIError):
            session.execute(text(statement))
            session.commit()
    assert client.get(f"/api/evidence/{ids[0]}/history", headers=headers).json()[0] == entry
