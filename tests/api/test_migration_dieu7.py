"""Stored decisions follow Điều 7's renumbering (the law's order) when the database is upgraded."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic import command
from sqlalchemy import create_engine, text

from api.migrate import alembic_config


def _upgrade(engine, revision: str) -> None:
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def test_article_7_decisions_are_renumbered_and_the_trail_says_so(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    _upgrade(engine, "0002")
    now = datetime.now(UTC)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO units (id, name, kind, province, province_key, created_at) "
                "VALUES (1, 'Trường THPT Lê Lợi', 'co_so_giao_duc', 'Sơn La', 'son la', :now)"
            ),
            {"now": now},
        )
        connection.execute(
            text("INSERT INTO dossiers (id, unit_id, year, created_at) VALUES (1, 1, 2023, :now)"),
            {"now": now},
        )
        for number, (criterion, decision) in enumerate(
            [("TT124.7.1", "met"), ("TT124.7.2", "unclear"), ("TT124.7.3", "met"), ("TT124.7.5", "not_met")],
            start=1,
        ):
            connection.execute(
                text(
                    "INSERT INTO criterion_decisions (id, dossier_id, criterion_id, decision, version, decided_by, "
                    "decided_at) VALUES (:id, 1, :criterion, :decision, 1, 'thamdinh', :now)"
                ),
                {"id": number, "criterion": criterion, "decision": decision, "now": now},
            )
    _upgrade(engine, "head")
    with engine.connect() as connection:
        decisions = dict(
            connection.execute(
                text("SELECT criterion_id, decision FROM criterion_decisions ORDER BY criterion_id")
            ).fetchall()
        )
        trail = connection.execute(
            text("SELECT entity_id, action FROM audit_entries WHERE action = 'renumber'")
        ).fetchall()
    # old 7.3 (policy + parents' board) is the law's 7.2; old 7.5 (school violence) is 7.4; old 7.2 (the model)
    # joined khoản 1, where the assessor's 7.1 decision stands
    assert decisions == {"TT124.7.1": "met", "TT124.7.2": "met", "TT124.7.4": "not_met"}
    assert {entity for entity, _ in trail} == {"2", "3", "4"}
