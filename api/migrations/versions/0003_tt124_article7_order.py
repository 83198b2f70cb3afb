"""TT124 Điều 7 in the law's order: stored criterion ids of cơ sở giáo dục are renumbered.

Before the text of Điều 7 was found, its clauses were numbered by analogy with Điều 6. The law's order
(corpora/tt124/law.json; corpora/tt124/criteria.json → migrations "2026-12-dieu7-law-order") moves
7.2 → 7.1 (the movement model is part of khoản 1), 7.3 → 7.2, 7.4 → 7.3, 7.5 → 7.4; 7.6 keeps its id and
7.5 (the protective force) is new. This migration renames the ids in the assessors' decisions, in each
evidence row's criteria and in each processed document's criteria, and writes every renamed decision to the
audit trail. When a dossier had decisions on both old 7.1 and old 7.2, the 7.1 decision stands and the
other is recorded in the trail before it is removed.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

RENAMED = (
    ("TT124.7.2", "TT124.7.1"),
    ("TT124.7.3", "TT124.7.2"),
    ("TT124.7.4", "TT124.7.3"),
    ("TT124.7.5", "TT124.7.4"),
)
NOTE = "TT124 Điều 7 theo thứ tự của văn bản (khoản 1–6); mã tiêu chí được đánh số lại"

decisions = sa.table(
    "criterion_decisions",
    sa.column("id", sa.Integer),
    sa.column("dossier_id", sa.Integer),
    sa.column("criterion_id", sa.String),
    sa.column("decision", sa.String),
)
audit = sa.table(
    "audit_entries",
    sa.column("at", sa.DateTime(timezone=True)),
    sa.column("user_id", sa.Integer),
    sa.column("username", sa.String),
    sa.column("action", sa.String),
    sa.column("entity_type", sa.String),
    sa.column("entity_id", sa.String),
    sa.column("dossier_id", sa.Integer),
    sa.column("before", sa.JSON),
    sa.column("after", sa.JSON),
    sa.column("note", sa.Text),
)
evidence = sa.table(
    "evidence",
    sa.column("id", sa.String),
    sa.column("criteria", sa.JSON),
    sa.column("original_criteria", sa.JSON),
)
documents = sa.table("documents", sa.column("id", sa.Integer), sa.column("criteria", sa.JSON))


def _rename_ids(ids: list[Any] | None, renames: tuple[tuple[str, str], ...]) -> list[Any] | None:
    if not ids:
        return ids
    mapping = dict(renames)
    renamed: list[Any] = []
    for item in ids:
        new = mapping.get(item, item) if isinstance(item, str) else item
        if new not in renamed:
            renamed.append(new)
    return renamed


def _rename_entries(entries: list[Any] | None, renames: tuple[tuple[str, str], ...]) -> list[Any] | None:
    """A document's ``criteria`` section with ids renamed; entries that now share an id are merged."""
    if not entries:
        return entries
    mapping = dict(renames)
    merged: dict[str, dict[str, Any]] = {}
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            continue
        old_id: str = entry["id"]
        new_id = mapping.get(old_id, old_id)
        sentences = [
            {**sentence, "criterion": new_id} if isinstance(sentence, dict) else sentence
            for sentence in entry.get("sentences", [])
        ]
        if new_id in merged:
            merged[new_id]["sentences"] = merged[new_id].get("sentences", []) + sentences
        else:
            merged[new_id] = {**entry, "id": new_id, "sentences": sentences}
    return list(merged.values())


def _loaded(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _renumber(renames: tuple[tuple[str, str], ...]) -> None:
    connection = op.get_bind()
    now = datetime.now(UTC)
    for old, new in renames:  # in order: each target id has just been freed by the step before
        rows = connection.execute(sa.select(decisions).where(decisions.c.criterion_id == old)).fetchall()
        for row in rows:
            taken = connection.execute(
                sa.select(decisions.c.id).where(
                    decisions.c.dossier_id == row.dossier_id, decisions.c.criterion_id == new
                )
            ).first()
            before = {"criterion_id": old, "decision": row.decision}
            if taken is None:
                connection.execute(
                    decisions.update().where(decisions.c.id == row.id).values(criterion_id=new)
                )
                after: dict[str, Any] | None = {"criterion_id": new, "decision": row.decision}
            else:
                connection.execute(decisions.delete().where(decisions.c.id == row.id))
                after = None
            connection.execute(
                audit.insert().values(
                    at=now,
                    user_id=None,
                    username="system",
                    action="renumber",
                    entity_type="criterion_decision",
                    entity_id=str(row.id),
                    dossier_id=row.dossier_id,
                    before=before,
                    after=after,
                    note=NOTE if after else NOTE + f"; quyết định trên {new} được giữ",
                )
            )
    for row in connection.execute(sa.select(evidence)).fetchall():
        criteria, original = _loaded(row.criteria), _loaded(row.original_criteria)
        if any(item in dict(renames) for item in (criteria or []) + (original or [])):
            connection.execute(
                evidence.update()
                .where(evidence.c.id == row.id)
                .values(
                    criteria=_rename_ids(criteria, renames), original_criteria=_rename_ids(original, renames)
                )
            )
    for row in connection.execute(sa.select(documents)).fetchall():
        entries = _loaded(row.criteria)
        if entries and any(isinstance(entry, dict) and entry.get("id") in dict(renames) for entry in entries):
            connection.execute(
                documents.update()
                .where(documents.c.id == row.id)
                .values(criteria=_rename_entries(entries, renames))
            )


def upgrade() -> None:
    _renumber(RENAMED)


def downgrade() -> None:
    # Old 7.2 (the movement model) was merged into khoản 1 and cannot be told apart again: 7.1 stays.
    _renumber(tuple((new, old) for old, new in reversed(RENAMED[1:])))
