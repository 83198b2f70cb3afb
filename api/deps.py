"""FastAPI dependencies: the database session, the current user and role checks."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from api.client_address import TrustedProxies
from api.csrf import require_csrf_token
from api.errors import ApiError
from api.orm import User
from api.security import user_for_token
from api.settings import Settings
from api.throttle import AddressThrottle, HashGate

SESSION_COOKIE = "minhchung_session"


@dataclass
class AppState:
    """What every request needs: settings, engine and session factory (kept on ``app.state.mc``)."""

    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    address_throttle: AddressThrottle
    hash_gate: HashGate
    trusted_proxies: TrustedProxies = ()  # api.client_address: whose X-Forwarded-For is believed


def app_state(request: Request) -> AppState:
    return request.app.state.mc


def get_settings(request: Request) -> Settings:
    """The service settings."""
    return app_state(request).settings


def get_db(request: Request) -> Iterator[Session]:
    """A database session for one request, closed afterwards."""
    session = app_state(request).sessions()
    try:
        yield session
    finally:
        session.close()


def request_credential(request: Request) -> tuple[str | None, bool]:
    """The session token and whether it came from the cookie (the bearer header wins)."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip() or None, False
    return request.cookies.get(SESSION_COOKIE) or None, True


def request_token(request: Request) -> str | None:
    """The bearer token, else the session cookie."""
    return request_credential(request)[0]


Db = Annotated[Session, Depends(get_db)]


def current_user(request: Request, db: Db) -> User:
    """The signed-in user; a change made with the cookie must also carry the CSRF token."""
    token, from_cookie = request_credential(request)
    if not token:
        raise ApiError(401, "unauthenticated")
    user = user_for_token(db, token)
    if user is None:
        raise ApiError(401, "unauthenticated")
    if from_cookie:
        require_csrf_token(request, token)
    return user


CurrentUser = Annotated[User, Depends(current_user)]


def writer(user: CurrentUser) -> User:
    """Anyone who may change data: admin and assessor (auditors read only)."""
    if user.role not in {"admin", "assessor"}:
        raise ApiError(403, "forbidden", "auditor accounts are read-only")
    return user


def admin(user: CurrentUser) -> User:
    """Admins only."""
    if user.role != "admin":
        raise ApiError(403, "forbidden", "admin only")
    return user


Writer = Annotated[User, Depends(writer)]
Admin = Annotated[User, Depends(admin)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
