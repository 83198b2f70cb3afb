"""Writing the append-only audit trail (who, when, what, before, after)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from api.orm import AuditEntry, User


def record(
    session: Session,
    user: User | None,
    action: str,
    entity_type: str,
    entity_id: str | int,
    *,
    dossier_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str | None = None,
) -> AuditEntry:
    """Add one entry in the caller's transaction (so it commits or rolls back with the change)."""
    entry = AuditEntry(
        user_id=user.id if user else None,
        username=user.username if user else "system",
        action=action,
        entity_type=entity_type,
        entity_id=str(entity_id),
        dossier_id=dossier_id,
        before=before,
        after=after,
        note=note,
    )
    session.add(entry)
    return entry
