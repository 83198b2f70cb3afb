"""Log in and out, who am I, and user management (admin)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from sqlalchemy import select

from api.access import province_key
from api.audit_trail import record
from api.deps import SESSION_COOKIE, Admin, CurrentUser, Db, SettingsDep, request_token
from api.errors import ApiError
from api.orm import User
from api.schemas import LoginIn, LoginOut, UserIn, UserOut
from api.security import authenticate, hash_password, issue_token, revoke_token

router = APIRouter(prefix="/api", tags=["auth"])


@router.post("/auth/login", response_model=LoginOut)
def login(body: LoginIn, response: Response, db: Db, settings: SettingsDep) -> dict:
    user = authenticate(db, body.username, body.password)
    if user is None:
        raise ApiError(401, "invalid_credentials")
    token = issue_token(db, user, settings.token_ttl_hours)
    db.commit()
    response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="lax", secure=settings.cookie_secure,
                        max_age=settings.token_ttl_hours * 3600, path="/")
    return {"token": token, "user": user}


@router.post("/auth/logout", status_code=204)
def logout(request: Request, db: Db) -> Response:
    token = request_token(request)
    if token:
        revoke_token(db, token)
        db.commit()
    response = Response(status_code=204)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/me", response_model=UserOut)
def me(user: CurrentUser) -> User:
    return user


@router.get("/users", response_model=list[UserOut])
def list_users(_admin: Admin, db: Db) -> list[User]:
    return list(db.scalars(select(User).order_by(User.id)))


def create_user(db, username: str, password: str, role: str, province: str | None) -> User:  # type: ignore[no-untyped-def]
    """Shared by ``POST /api/users`` and ``minhchung user add``."""
    if role == "assessor" and not province_key(province):
        raise ApiError(422, "validation_error", "an assessor needs a province (jurisdiction)")
    if db.scalar(select(User).where(User.username == username)) is not None:
        raise ApiError(409, "duplicate", f"user {username} exists")
    user = User(username=username, password_hash=hash_password(password), role=role,
                province=(province or "").strip() or None)
    db.add(user)
    db.flush()
    return user


@router.post("/users", response_model=UserOut, status_code=201)
def add_user(body: UserIn, admin: Admin, db: Db) -> User:
    user = create_user(db, body.username, body.password, body.role, body.province)
    record(db, admin, "create", "user", user.id, after={"username": user.username, "role": user.role,
                                                        "province": user.province})
    db.commit()
    return user
