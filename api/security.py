"""Passwords (argon2), opaque session tokens (stored hashed, with an expiry), their CSRF tokens, and the
per-account log-in lockout (``users.failed_logins`` / ``users.locked_until``)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from api.db import rowcount
from api.orm import AuthToken, User, utcnow
from api.timeutil import as_utc

_hasher = PasswordHasher()
# A real hash to verify against when the user does not exist, so timing does not reveal usernames.
_DUMMY_HASH = _hasher.hash("minhchung-dummy-password")


def hash_password(password: str) -> str:
    """An argon2 hash of ``password`` (64 MiB, CPU-heavy: call it from a worker thread)."""
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Does ``password`` match ``password_hash``? With no hash, a dummy one is checked (same cost)."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The active user with these credentials, else None (hashing runs in the calling thread)."""
    user = session.scalar(select(User).where(User.username == username))
    if user is None or not user.active:
        verify_password(None, password)
        return None
    return user if verify_password(user.password_hash, password) else None


# lockout -------------------------------------------------------------------------------------------------


def lock_remaining(user: User) -> int | None:
    """Whole seconds left on the user's log-in lockout, or None when not locked."""
    if user.locked_until is None:
        return None
    left = (as_utc(user.locked_until) - utcnow()).total_seconds()
    return max(1, int(left + 0.999)) if left > 0 else None


def record_failure(session: Session, user_id: int, max_failures: int, lockout_seconds: int) -> int | None:
    """Count a wrong password for ``user_id``; lock the account once ``max_failures`` follow each other.
    Returns the lockout in seconds when this failure locked it (caller commits)."""
    session.execute(update(User).where(User.id == user_id).values(failed_logins=User.failed_logins + 1))
    failures = session.scalar(select(User.failed_logins).where(User.id == user_id)) or 0
    if max_failures > 0 and failures >= max_failures:
        session.execute(
            update(User)
            .where(User.id == user_id)
            .values(locked_until=utcnow() + timedelta(seconds=lockout_seconds))
        )
        return lockout_seconds
    return None


def record_success(session: Session, user: User) -> None:
    """A correct password clears the failure count (caller commits)."""
    if user.failed_logins or user.locked_until is not None:
        user.failed_logins, user.locked_until = 0, None


def unlock(session: Session, user: User) -> None:
    """Lift the user's lockout (admin; caller commits)."""
    user.failed_logins, user.locked_until = 0, None


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def csrf_token(token: str) -> str:
    """The CSRF token of a session: derived from the session token (which only the HttpOnly cookie and
    the server know), so a page of another origin can neither read nor compute it."""
    return hashlib.sha256(b"minhchung-csrf\0" + token.encode()).hexdigest()


def issue_token(session: Session, user: User, ttl_hours: int) -> str:
    """A new session token for ``user`` (stored hashed; caller commits)."""
    token = secrets.token_urlsafe(32)
    session.add(
        AuthToken(
            token_hash=_digest(token), user_id=user.id, expires_at=utcnow() + timedelta(hours=ttl_hours)
        )
    )
    return token


def user_for_token(session: Session, token: str) -> User | None:
    """The active user of an unexpired session token, else None."""
    row = session.get(AuthToken, _digest(token))
    if row is None or as_utc(row.expires_at) < utcnow():
        return None
    user = session.get(User, row.user_id)
    return user if user is not None and user.active else None


def revoke_token(session: Session, token: str) -> None:
    """End one session (caller commits)."""
    row = session.get(AuthToken, _digest(token))
    if row is not None:
        session.delete(row)


def revoke_sessions(session: Session, user_id: int, keep: str | None = None) -> int:
    """End every session of ``user_id`` except ``keep``; how many ended (caller commits)."""
    statement = delete(AuthToken).where(AuthToken.user_id == user_id)
    if keep:
        statement = statement.where(AuthToken.token_hash != _digest(keep))
    return rowcount(session.execute(statement)) or 0
