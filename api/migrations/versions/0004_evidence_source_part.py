"""Evidence provenance: where in the document each piece of evidence was read (issue 11).

The extractor searches footnote bodies too; their evidence says ``source_part`` "footnote" and the
footnote's 1-based number in the document. The evidence rows keep both: ``source_part`` ("body" or
"footnote"; rows stored before this revision are body evidence, so the column defaults to "body") and
``footnote`` (NULL for body evidence).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("source_part", sa.String(length=20), nullable=True, server_default="body")
        )
        batch_op.add_column(sa.Column("footnote", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_column("footnote")
        batch_op.drop_column("source_part")
