"""Accounts: change my password, end my other sessions, deactivate a user — in the API and in
``minhchung user``."""

from __future__ import annotations

import io

import pytest

from extractor import cli

from .conftest import PASSWORD, SQLITE_ONLY

NEW_PASSWORD = "mat-khau-moi-2026"


def login(client, username: str, password: str) -> str:
    response = client.post("/api/auth/login", json={"username": username, "password": password})
    assert response.status_code == 200, response.text
    return response.json()["token"]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_password_change_ends_my_other_sessions_but_not_this_one(client, auth):
    laptop = login(client, "thamdinh_sonla", PASSWORD)
    phone = login(client, "thamdinh_sonla", PASSWORD)
    wrong = client.post(
        "/api/auth/password",
        headers=bearer(laptop),
        json={"current_password": "sai-mat-khau", "new_password": NEW_PASSWORD},
    )
    assert wrong.status_code == 403 and wrong.json()["error"]["code"] == "wrong_password"
    short = client.post(
        "/api/auth/password",
        headers=bearer(laptop),
        json={"current_password": PASSWORD, "new_password": "ngan"},
    )
    assert short.status_code == 422
    changed = client.post(
        "/api/auth/password",
        headers=bearer(laptop),
        json={"current_password": PASSWORD, "new_password": NEW_PASSWORD},
    )
    assert changed.status_code == 204
    assert client.get("/api/me", headers=bearer(laptop)).status_code == 200
    assert client.get("/api/me", headers=bearer(phone)).status_code == 401
    assert (
        client.get("/api/me", headers=auth("thamdinh_sonla")).status_code == 401
    )  # the template's token too
    assert (
        client.post("/api/auth/login", json={"username": "thamdinh_sonla", "password": PASSWORD}).status_code
        == 401
    )
    login(client, "thamdinh_sonla", NEW_PASSWORD)


def test_end_my_other_sessions(client):
    here = login(client, "kiemtoan", PASSWORD)
    elsewhere = [login(client, "kiemtoan", PASSWORD) for _ in range(2)]
    ended = client.post("/api/auth/sessions/revoke-others", headers=bearer(here))
    assert ended.status_code == 200 and ended.json()["revoked"] == 3  # two new ones and the template's
    assert client.get("/api/me", headers=bearer(here)).status_code == 200
    assert all(client.get("/api/me", headers=bearer(t)).status_code == 401 for t in elsewhere)


def test_admin_deactivates_a_user_who_then_cannot_log_in(client, auth):
    users = {u["username"]: u for u in client.get("/api/users", headers=auth("admin")).json()}
    target = users["thamdinh_langson"]["id"]
    session = login(client, "thamdinh_langson", PASSWORD)
    assert client.post(f"/api/users/{target}/deactivate", headers=auth("thamdinh_sonla")).status_code == 403
    done = client.post(f"/api/users/{target}/deactivate", headers=auth("admin"))
    assert done.status_code == 200 and done.json()["active"] is False
    assert client.get("/api/me", headers=bearer(session)).status_code == 401
    assert (
        client.post(
            "/api/auth/login", json={"username": "thamdinh_langson", "password": PASSWORD}
        ).status_code
        == 401
    )
    assert (
        client.post(f"/api/users/{users['admin']['id']}/deactivate", headers=auth("admin")).status_code == 422
    )
    assert client.post(f"/api/users/{target}/activate", headers=auth("admin")).json()["active"] is True
    login(client, "thamdinh_langson", PASSWORD)


@SQLITE_ONLY
def test_minhchung_user_passwd_deactivate_unlock(client, database_url, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", database_url)
    session = login(client, "thamdinh_sonla", PASSWORD)
    monkeypatch.setattr("sys.stdin", io.StringIO(NEW_PASSWORD + "\n"))
    assert cli.main(["user", "passwd", "--username", "thamdinh_sonla", "--password-stdin"]) == 0
    assert "session(s) ended" in capsys.readouterr().out
    assert client.get("/api/me", headers=bearer(session)).status_code == 401
    login(client, "thamdinh_sonla", NEW_PASSWORD)

    assert cli.main(["user", "deactivate", "--username", "thamdinh_sonla"]) == 0
    assert (
        client.post(
            "/api/auth/login", json={"username": "thamdinh_sonla", "password": NEW_PASSWORD}
        ).status_code
        == 401
    )
    assert cli.main(["user", "activate", "--username", "thamdinh_sonla"]) == 0
    assert cli.main(["user", "unlock", "--username", "thamdinh_sonla"]) == 0
    login(client, "thamdinh_sonla", NEW_PASSWORD)
    assert cli.main(["user", "deactivate", "--username", "khong-co-ai"]) == 1
    listing = capsys.readouterr()
    assert "no such user" in listing.err


@pytest.mark.parametrize("action", ["passwd", "deactivate"])
def test_cli_actions_are_listed_in_help(action, capsys):
    with pytest.raises(SystemExit):
        cli.main(["user", "--help"])
    assert action in capsys.readouterr().out
