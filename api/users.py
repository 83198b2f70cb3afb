"""Service users: create one, change one (password, deactivate, activate, unlock), the first admin.

One place for what ``POST /api/users`` and ``/api/users/{id}/…`` (:mod:`api.routers.auth`) and the
``minhchung user`` and ``minhchung serve`` commands do to a user. Each change writes its audit-trail
entry (``actor`` is the admin who made it, ``None`` for the command line); the caller commits.
"""

from __future__ import annotations

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from api.access import province_key
from api.audit_trail import record
from api.errors import ApiError
from api.orm import User
from api.security import hash_password, revoke_sessions, unlock


def find_user(db: Session, username: str) -> User | None:
    """The user called ``username``, or ``None``."""
    return db.scalar(select(User).where(User.username == username))


def list_users(db: Session) -> list[User]:
    """Every user, in the order they were created."""
    return list(db.scalars(select(User).order_by(User.id)))


def create_user(db: Session, username: str, password: str, role: str, province: str | None) -> User:
    """A new user with ``password`` hashed (argon2); 422 for an assessor without a province, 409 for a
    name that is taken. Not recorded in the audit trail here: the route records who created it."""
    if role == "assessor" and not province_key(province):
        raise ApiError(422, "validation_error", "an assessor needs a province (jurisdiction)")
    if find_user(db, username) is not None:
        raise ApiError(409, "duplicate", f"user {username} exists")
    user = User(
        username=username,
        password_hash=hash_password(password),
        role=role,
        province=(province or "").strip() or None,
    )
    db.add(user)
    db.flush()
    return user


def set_password(db: Session, user: User, password: str, actor: User | None) -> int:
    """A new password, any lockout lifted and every session of the user ended; how many ended."""
    user.password_hash = hash_password(password)
    unlock(db, user)
    ended = revoke_sessions(db, user.id)
    record(db, actor, "password_reset", "user", user.id, after={"sessions_revoked": ended})
    return ended


def deactivate_user(db: Session, user: User, actor: User | None) -> int:
    """The user can no longer log in and every session ends; how many ended. Their records and audit
    trail stay."""
    user.active = False
    ended = revoke_sessions(db, user.id)
    record(db, actor, "deactivate", "user", user.id, after={"active": False, "sessions_revoked": ended})
    return ended


def activate_user(db: Session, user: User, actor: User | None) -> None:
    """The user can log in again."""
    user.active = True
    record(db, actor, "activate", "user", user.id, after={"active": True})


def unlock_user(db: Session, user: User, actor: User | None) -> None:
    """Lift the user's log-in lockout."""
    unlock(db, user)
    record(db, actor, "unlock", "user", user.id)


def create_first_admin(engine: Engine, username: str, password: str) -> bool:
    """With no user at all, create the admin ``username`` (committed); whether it was created."""
    with Session(engine) as session:
        if session.scalar(select(func.count()).select_from(User)):
            return False
        create_user(session, username, password, "admin", None)
        session.commit()
    return True
