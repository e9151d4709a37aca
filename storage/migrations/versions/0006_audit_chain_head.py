"""audit chain head

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 14:40:00

One row holding the id and hash of the last audit entry, written with every append: a
deleted tail of the log is then found on PostgreSQL too (SQLite's AUTOINCREMENT counter was
the only witness until now). An existing log's head is its current last entry.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

GENESIS = "0" * 64


def upgrade() -> None:
    head = op.create_table('audit_head',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('last_id', sa.Integer(), nullable=False),
    sa.Column('last_hash', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_head'))
    )
    last = op.get_bind().execute(sa.text(
        "SELECT id, hash FROM audit_entry ORDER BY id DESC LIMIT 1")).one_or_none()
    op.bulk_insert(head, [{"id": 1, "last_id": int(last[0]) if last else 0,
                           "last_hash": str(last[1]) if last else GENESIS}])


def downgrade() -> None:
    op.drop_table('audit_head')
