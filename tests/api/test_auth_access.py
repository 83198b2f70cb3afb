"""Log-in, roles and jurisdiction: who may read and change what."""

from __future__ import annotations

from .conftest import PASSWORD, SEED, add_evidence, make_dossier, upload


def test_login_gives_token_and_httponly_cookie_and_bad_password_is_refused(client, users):
    response = client.post("/api/auth/login", json={"username": "admin", "password": PASSWORD})
    assert response.status_code == 200
    assert response.json()["user"] == {"id": 1, "username": "admin", "role": "admin", "province": None}
    cookie = response.headers["set-cookie"]
    assert "minhchung_session=" in cookie and "HttpOnly" in cookie
    # The UI relies on the cookie alone, plus the session's CSRF token on every change.
    me = client.get("/api/me").json()
    assert me["username"] == "admin" and me["csrf_token"] == response.json()["csrf_token"]
    assert client.post("/api/auth/logout").status_code == 403  # the cookie alone logs nobody out
    assert client.post("/api/auth/logout", headers={"X-CSRF-Token": me["csrf_token"]}).status_code == 204
    assert client.get("/api/me").status_code == 401

    bad = client.post("/api/auth/login", json={"username": "admin", "password": "sai-mat-khau"})
    assert bad.status_code == 401
    error = bad.json()["error"]
    assert error["code"] == "invalid_credentials" and error["message_vi"] and error["message_en"]


def test_no_token_means_401_with_bilingual_error(client, users):
    response = client.get("/api/dossiers")
    assert response.status_code == 401
    assert set(response.json()["error"]) >= {"code", "message_vi", "message_en"}


def test_assessor_cannot_read_another_provinces_dossier(client, auth):
    son_la = make_dossier(client, auth("admin"), province="Sơn La")
    lang_son = make_dossier(client, auth("admin"), name="Sở Tư pháp Lạng Sơn", province="Lạng Sơn", year=2025)
    document_id = upload(client, auth("admin"), lang_son, SEED).json()["documents"][0]["document"]["id"]
    evidence_ids = add_evidence(client.app.state.mc.engine, document_id)

    assessor = auth("thamdinh_sonla")
    listed = client.get("/api/dossiers", headers=assessor).json()
    assert [d["id"] for d in listed["items"]] == [son_la]
    for path in (
        f"/api/dossiers/{lang_son}",
        f"/api/documents/{document_id}",
        f"/api/evidence/{evidence_ids[0]}",
        f"/api/dossiers/{lang_son}/scorecard",
        f"/api/dossiers/{lang_son}/scorecard.xlsx",
        f"/api/dossiers/{lang_son}/audit",
    ):
        response = client.get(path, headers=assessor)
        assert response.status_code == 404, path
        assert response.json()["error"]["code"] == "not_found"
    assert client.get(f"/api/evidence?dossier_id={lang_son}", headers=assessor).status_code == 404
    assert client.get("/api/evidence", headers=assessor).json()["total"] == 0
    patch = client.patch(
        f"/api/evidence/{evidence_ids[0]}", json={"version": 1, "status": "confirmed"}, headers=assessor
    )
    assert patch.status_code == 404
    # ... while the Lạng Sơn assessor sees it.
    assert client.get(f"/api/dossiers/{lang_son}", headers=auth("thamdinh_langson")).status_code == 200
    # An assessor cannot create a unit in another province.
    other = client.post(
        "/api/units", json={"name": "UBND xã A", "kind": "xa", "province": "Lạng Sơn"}, headers=assessor
    )
    assert other.status_code == 403


def test_auditor_reads_everything_and_changes_nothing(client, auth):
    dossier = make_dossier(client, auth("admin"))
    document_id = upload(client, auth("admin"), dossier, SEED).json()["documents"][0]["document"]["id"]
    evidence_id = add_evidence(client.app.state.mc.engine, document_id)[0]
    auditor = auth("kiemtoan")
    assert client.get(f"/api/dossiers/{dossier}", headers=auditor).status_code == 200
    assert client.get(f"/api/evidence?dossier_id={dossier}", headers=auditor).json()["total"] == 3

    patch = client.patch(
        f"/api/evidence/{evidence_id}", json={"version": 1, "status": "confirmed"}, headers=auditor
    )
    assert patch.status_code == 403 and patch.json()["error"]["code"] == "forbidden"
    assert (
        client.post(
            "/api/units", json={"name": "X", "kind": "xa", "province": "Sơn La"}, headers=auditor
        ).status_code
        == 403
    )
    assert upload(client, auditor, dossier, SEED).status_code == 403
    put = client.put(
        f"/api/dossiers/{dossier}/scorecard/criteria/TT124.6.1",
        json={"decision": "met", "version": 0},
        headers=auditor,
    )
    assert put.status_code == 403
    assert client.post("/api/bulk", json={"folder": "/tmp"}, headers=auditor).status_code == 403
    # Nothing changed.
    assert client.get(f"/api/evidence/{evidence_id}", headers=auditor).json()["version"] == 1
