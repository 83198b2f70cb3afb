"""CSRF from the same site: the session cookie alone (a form or a no-cors fetch from another port of
this host) changes nothing; the UI's X-CSRF-Token header and same-origin requests work."""

from __future__ import annotations

import pytest

from .conftest import PASSWORD, SEED, SQLITE_ONLY

OTHER_PORT = "http://testserver:9999"


@pytest.fixture
def browser(client):
    """The test client logged in with the cookie (as the web UI is); its CSRF token."""
    response = client.post("/api/auth/login", json={"username": "admin", "password": PASSWORD})
    assert response.status_code == 200
    return response.json()["csrf_token"]


def _unit(client, headers=None):
    return client.post(
        "/api/units", json={"name": "UBND xã A", "kind": "xa", "province": "Sơn La"}, headers=headers or {}
    )


@SQLITE_ONLY
def test_cookie_without_csrf_token_changes_nothing(client, browser, auth):
    refused = _unit(client)
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "csrf_failed"
    wrong = _unit(client, {"X-CSRF-Token": "0" * 64})
    assert wrong.status_code == 403
    assert client.get("/api/units", headers=auth("admin")).json()["total"] == 0
    assert _unit(client, {"X-CSRF-Token": browser}).status_code == 201
    # Reads need no token.
    assert client.get("/api/units").json()["total"] == 1


@SQLITE_ONLY
def test_forged_upload_bulk_and_logout_from_another_port_are_refused(
    client, browser, auth, settings, tmp_path
):
    dossier_unit = _unit(client, {"X-CSRF-Token": browser}).json()["id"]
    dossier = client.post(
        "/api/dossiers", json={"unit_id": dossier_unit, "year": 2024}, headers={"X-CSRF-Token": browser}
    ).json()["id"]
    forged = {"Origin": OTHER_PORT}
    # A plain form posting a file (multipart) with the cookie.
    upload = client.post(
        f"/api/dossiers/{dossier}/documents",
        headers=forged,
        files=[("files", ("bao-cao.txt", SEED.read_bytes(), "text/plain"))],
    )
    assert upload.status_code == 403 and upload.json()["error"]["code"] == "csrf_failed"
    # Even a stolen-looking token does not help a foreign origin.
    assert (
        client.post(
            f"/api/dossiers/{dossier}/documents",
            headers={**forged, "X-CSRF-Token": browser},
            files=[("files", ("b.txt", SEED.read_bytes(), "text/plain"))],
        ).status_code
        == 403
    )
    # fetch(no-cors) sends JSON as text/plain; a form as urlencoded: bulk takes neither.
    folder = str(tmp_path)
    assert client.post("/api/bulk", content=f'{{"folder": "{folder}"}}', headers=forged).status_code == 403
    plain = client.post(
        "/api/bulk",
        content=f'{{"folder": "{folder}"}}',
        headers={"Content-Type": "text/plain", "X-CSRF-Token": browser},
    )
    assert plain.status_code == 415 and plain.json()["error"]["code"] == "unsupported_media_type"
    assert client.post("/api/auth/logout", headers=forged).status_code == 403
    assert client.post("/api/auth/logout", headers={"Referer": f"{OTHER_PORT}/x.html"}).status_code == 403
    # Nothing was stored, no job started, and the session is still there.
    assert client.get(f"/api/dossiers/{dossier}").json()["document_count"] == 0
    assert client.get("/api/jobs", headers=auth("admin")).json()["total"] == 0
    assert client.get("/api/me").status_code == 200
    # The same requests from the service's own origin, with the token, work.
    same = {"Origin": "http://testserver", "X-CSRF-Token": browser}
    assert (
        client.post(
            f"/api/dossiers/{dossier}/documents",
            headers=same,
            files=[("files", ("bao-cao.txt", SEED.read_bytes(), "text/plain"))],
        ).status_code
        == 201
    )
    assert client.post("/api/bulk", json={"folder": folder}, headers=same).status_code == 202


@SQLITE_ONLY
def test_login_form_from_another_origin_is_refused_and_bearer_clients_need_no_token(client, auth):
    cross = client.post(
        "/api/auth/login", json={"username": "admin", "password": PASSWORD}, headers={"Origin": OTHER_PORT}
    )
    assert cross.status_code == 403
    assert "set-cookie" not in cross.headers
    # Scripts with a bearer token are not exposed to CSRF: no token needed.
    assert _unit(client, auth("admin")).status_code == 201


@SQLITE_ONLY
def test_malformed_or_wrong_shaped_json_to_bulk_is_422(client, auth):
    admin = {**auth("admin"), "Content-Type": "application/json"}
    for body in ("{not json", "[1, 2]", '{"folder": 5}', "", '{"folder": "' + "x" * 5000 + '"}'):
        response = client.post("/api/bulk", content=body, headers=admin)
        assert response.status_code == 422, (body[:20], response.text)
        assert response.json()["error"]["code"] == "validation_error"
