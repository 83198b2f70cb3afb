"""Log in and out, who am I, password change, sessions, and user management (admin; the changes
themselves are :mod:`api.users`, shared with ``minhchung user``).

Log-in is throttled per client address (in memory, :mod:`api.throttle`; behind a trusted reverse proxy,
the client it names, :mod:`api.client_address`) and per account (a lockout in the database an admin can
lift). Everything a log-in does after the address check (database look-up, argon2, bookkeeping) runs on
the bounded log-in pool of :class:`api.throttle.HashGate`: never on the event loop nor on the thread pool
of the other routes, and a flood past the gate's line is answered 429 at once without touching a thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import select
from sqlalchemy.orm import Session

from api import users
from api.audit_trail import record
from api.client_address import request_address
from api.csrf import require_csrf_token
from api.deps import SESSION_COOKIE, Admin, AppState, CurrentUser, Db, app_state, request_credential
from api.errors import ApiError
from api.orm import User
from api.params import PathId
from api.schemas import (
    LoginIn,
    LoginOut,
    MeOut,
    PasswordChangeIn,
    PasswordSetIn,
    SessionsRevoked,
    UserAdminOut,
    UserIn,
    UserOut,
)
from api.security import (
    csrf_token,
    hash_password,
    issue_token,
    lock_remaining,
    record_failure,
    record_success,
    revoke_sessions,
    revoke_token,
    user_for_token,
    verify_password,
)
from api.throttle import HashGateBusy

router = APIRouter(prefix="/api", tags=["auth"])
T = TypeVar("T")


def _too_many(code: str, seconds: int) -> ApiError:
    return ApiError(429, code, f"retry after {seconds} s", headers={"Retry-After": str(seconds)})


async def _on_gate(state: AppState, work: Callable[[], T]) -> T:
    """Run ``work`` (which hashes a password) on the bounded log-in pool; 429 ``busy`` when it is full."""
    try:
        return await state.hash_gate.run(work)
    except HashGateBusy as error:
        raise _too_many("busy", 1) from error


@router.post(
    "/auth/login",
    response_model=LoginOut,
    responses={
        401: {"description": "invalid_credentials"},
        429: {"description": "too_many_attempts / account_locked / busy, with Retry-After"},
    },
)
async def login(body: LoginIn, request: Request, response: Response) -> dict:
    """Check the password (throttled) and open a session: the token and the HttpOnly cookie."""
    state = app_state(request)
    settings = state.settings
    address = request_address(request)  # behind trusted proxies, the client they name
    wait = state.address_throttle.retry_after(address)
    if wait is not None:
        raise _too_many("too_many_attempts", wait)

    def attempt() -> tuple[dict | None, int | None]:
        """The whole check in one thread of the log-in pool: lockout, argon2, bookkeeping."""
        with state.sessions() as session:
            user = session.scalar(select(User).where(User.username == body.username))
            if user is not None and not user.active:
                user = None
            if user is not None and (locked := lock_remaining(user)) is not None:
                return None, locked
            if not verify_password(user.password_hash if user else None, body.password) or user is None:
                state.address_throttle.failed(address)
                locked_for = None
                if user is not None:
                    locked_for = record_failure(
                        session, user.id, settings.login_max_failures, settings.login_lockout_seconds
                    )
                    session.commit()
                return None, locked_for
            record_success(session, user)
            token = issue_token(session, user, settings.token_ttl_hours)
            session.commit()
            return {
                "token": token,
                "csrf_token": csrf_token(token),
                "user": UserOut.model_validate(user),
            }, None

    try:
        result, locked_for = await state.hash_gate.run(attempt)
    except HashGateBusy as error:
        raise _too_many("busy", 1) from error
    if result is None:
        if locked_for:
            raise _too_many("account_locked", locked_for)
        raise ApiError(401, "invalid_credentials")
    response.set_cookie(
        SESSION_COOKIE,
        result["token"],
        httponly=True,
        samesite="lax",
        secure=settings.cookie_secure,
        max_age=settings.token_ttl_hours * 3600,
        path="/",
    )
    return result


@router.post("/auth/logout", status_code=204)
def logout(request: Request, db: Db) -> Response:
    """End this session (with the cookie: only with the CSRF token) and clear the cookie."""
    token, from_cookie = request_credential(request)
    if token and user_for_token(db, token) is not None:
        if from_cookie:
            require_csrf_token(request, token)
        revoke_token(db, token)
        db.commit()
    response = Response(status_code=204)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/me", response_model=MeOut)
def me(request: Request, user: CurrentUser) -> dict:
    """The signed-in user; with the cookie, also the session's CSRF token for the UI."""
    token, from_cookie = request_credential(request)
    return {
        **UserOut.model_validate(user).model_dump(),
        "csrf_token": csrf_token(token) if from_cookie and token else None,
    }


@router.post("/auth/password", status_code=204)
async def change_password(body: PasswordChangeIn, request: Request, user: CurrentUser) -> Response:
    """Change my password (the current one is checked); my other sessions end, this one stays."""
    state = app_state(request)
    try:
        ok = await state.hash_gate.run(verify_password, user.password_hash, body.current_password)
        new_hash = await state.hash_gate.run(hash_password, body.new_password) if ok else None
    except HashGateBusy as error:
        raise _too_many("busy", 1) from error
    if not ok or new_hash is None:  # new_hash is made exactly when ok
        raise ApiError(403, "wrong_password")

    def save() -> None:
        with state.sessions() as session:
            row = session.get(User, user.id)
            if row is None:  # the account was removed while the password was being hashed
                raise ApiError(401, "unauthenticated")
            row.password_hash = new_hash
            revoke_sessions(session, user.id, keep=request_credential(request)[0])
            record(session, row, "password_change", "user", row.id)
            session.commit()

    await run_in_threadpool(save)
    return Response(status_code=204)


@router.post("/auth/sessions/revoke-others", response_model=SessionsRevoked)
def end_other_sessions(request: Request, user: CurrentUser, db: Db) -> dict:
    """End every session of mine except this one (a lost laptop, a shared computer)."""
    revoked = revoke_sessions(db, user.id, keep=request_credential(request)[0])
    record(db, user, "sessions_revoked", "user", user.id, after={"revoked": revoked})
    db.commit()
    return {"revoked": revoked}


@router.get("/users", response_model=list[UserAdminOut])
def list_users(_admin: Admin, db: Db) -> list[User]:
    """Every user, with whether it is active or locked (admin)."""
    return users.list_users(db)


@router.post("/users", response_model=UserOut, status_code=201)
async def add_user(body: UserIn, request: Request, admin: Admin) -> UserOut:
    """Create a user (admin); the password is hashed on the bounded log-in pool."""
    state = app_state(request)

    def work() -> UserOut:
        with state.sessions() as session:
            user = users.create_user(session, body.username, body.password, body.role, body.province)
            record(
                session,
                admin,
                "create",
                "user",
                user.id,
                after={"username": user.username, "role": user.role, "province": user.province},
            )
            session.commit()
            return UserOut.model_validate(user)

    return await _on_gate(state, work)


def _user(db: Session, user_id: int) -> User:
    user = db.get(User, user_id)
    if user is None:
        raise ApiError(404, "not_found", f"user {user_id}")
    return user


@router.put("/users/{user_id}/password", status_code=204)
async def reset_password(user_id: PathId, body: PasswordSetIn, request: Request, admin: Admin) -> Response:
    """Set a user's password (admin); their sessions end and any lockout is lifted."""
    state = app_state(request)

    def work() -> None:
        with state.sessions() as session:
            user = _user(session, user_id)
            users.set_password(session, user, body.password, admin)
            session.commit()

    await _on_gate(state, work)
    return Response(status_code=204)


@router.post("/users/{user_id}/deactivate", response_model=UserAdminOut)
def deactivate(user_id: PathId, admin: Admin, db: Db) -> User:
    """Deactivate a user (admin; not yourself): no more log-ins, sessions ended."""
    user = _user(db, user_id)
    if user.id == admin.id:
        raise ApiError(422, "validation_error", "an admin cannot deactivate their own account")
    users.deactivate_user(db, user, admin)
    db.commit()
    return user


@router.post("/users/{user_id}/activate", response_model=UserAdminOut)
def activate(user_id: PathId, admin: Admin, db: Db) -> User:
    """Re-activate a user (admin)."""
    user = _user(db, user_id)
    users.activate_user(db, user, admin)
    db.commit()
    return user


@router.post("/users/{user_id}/unlock", response_model=UserAdminOut)
def unlock_user(user_id: PathId, admin: Admin, db: Db) -> User:
    """Lift a user's log-in lockout (admin)."""
    user = _user(db, user_id)
    users.unlock_user(db, user, admin)
    db.commit()
    return user
