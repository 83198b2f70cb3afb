"""Migration 0004 (issue 11): the evidence rows gain ``source_part`` (rows stored before it are body
evidence) and ``footnote``; downgrading drops both and upgrading again works, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from alembic import command
from fixtures.server import BACKENDS, new_pg_name, pg_drop_statement, pg_execute, pg_url
from sqlalchemy import Engine, create_engine, inspect, text

from api.migrate import alembic_config, current_revision


def _migrate(engine: Engine, revision: str, *, down: bool = False) -> None:
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)


@pytest.fixture(params=BACKENDS)
def empty_engine(request, tmp_path) -> Iterator[Engine]:
    """An engine over a new, empty database (no template: the test migrates it step by step)."""
    if request.param == "sqlite":
        engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
        yield engine
        engine.dispose()
        return
    name = new_pg_name("minhchung_mig")
    pg_execute(f'CREATE DATABASE "{name}"')
    engine = create_engine(pg_url(name))
    try:
        yield engine
    finally:
        engine.dispose()
        pg_execute(pg_drop_statement(name))


def _columns(engine: Engine) -> set[str]:
    return {column["name"] for column in inspect(engine).get_columns("evidence")}


EVIDENCE = (
    'INSERT INTO evidence (id, document_id, dossier_id, kind, text, start, "end", page, value, '
    "original_value, confidence, extractor, criteria, original_criteria, status, version, created_at, "
    "updated_at{extra}) VALUES (:id, 1, 1, 'legal_ref', 'Thông tư số 124/2021/TT-BCA', 10, 37, 1, :value, "
    ":value, 0.9, 'legal_refs', '[]', '[]', 'proposed', 1, :now, :now{extra_values})"
)


def test_evidence_provenance_columns_upgrade_and_downgrade(empty_engine):
    engine = empty_engine
    _migrate(engine, "0003")
    now = datetime.now(UTC)
    value = '{"key": "124/2021/TT-BCA"}'
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO units (id, name, kind, province, province_key, created_at) "
                "VALUES (1, 'Sở Kế hoạch và Đầu tư', 'co_quan', 'Sơn La', 'son la', :now)"
            ),
            {"now": now},
        )
        connection.execute(
            text("INSERT INTO dossiers (id, unit_id, year, created_at) VALUES (1, 1, 2022, :now)"),
            {"now": now},
        )
        connection.execute(
            text(
                "INSERT INTO documents (id, dossier_id, sha256, filename, format, size, status, "
                "created_at) VALUES (1, 1, :sha, 'bao-cao.docx', 'docx', 100, 'done', :now)"
            ),
            {"sha": "0" * 64, "now": now},
        )
        connection.execute(
            text(EVIDENCE.format(extra="", extra_values="")), {"id": "ev_old_1", "value": value, "now": now}
        )
    assert not {"source_part", "footnote"} & _columns(engine)

    _migrate(engine, "head")
    assert current_revision(engine) == "0004"
    assert {"source_part", "footnote"} <= _columns(engine)
    with engine.begin() as connection:
        old = connection.execute(
            text("SELECT source_part, footnote FROM evidence WHERE id = 'ev_old_1'")
        ).one()
        assert tuple(old) == ("body", None)  # stored before footnotes were read: body evidence
        connection.execute(
            text(EVIDENCE.format(extra=", source_part, footnote", extra_values=", 'footnote', 2")),
            {"id": "ev_note_1", "value": value, "now": now},
        )
        # a row written without the new columns (an older worker during a rolling upgrade) is body evidence
        connection.execute(
            text(EVIDENCE.format(extra="", extra_values="")), {"id": "ev_old_2", "value": value, "now": now}
        )
        rows = dict(connection.execute(text("SELECT id, source_part FROM evidence")).fetchall())
        notes = dict(connection.execute(text("SELECT id, footnote FROM evidence")).fetchall())
    assert rows == {"ev_old_1": "body", "ev_note_1": "footnote", "ev_old_2": "body"}
    assert notes == {"ev_old_1": None, "ev_note_1": 2, "ev_old_2": None}

    _migrate(engine, "0003", down=True)
    assert current_revision(engine) == "0003"
    assert not {"source_part", "footnote"} & _columns(engine)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM evidence")).scalar_one() == 3  # rows are kept
    index_names = {index["name"] for index in inspect(engine).get_indexes("evidence")}
    assert {"ix_evidence_dossier_kind", "ix_evidence_document_id"} <= index_names

    _migrate(engine, "head")
    assert {"source_part", "footnote"} <= _columns(engine)
