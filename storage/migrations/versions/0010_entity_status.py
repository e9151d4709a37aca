"""entity status

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-08 01:30:00

An establishment is public (public hospital, public EHPAD), ESPIC (private, in the public
hospital service) or private: in the first two its records are public archives, and an
elimination needs the archives administration's visa. Existing establishments start as
public: unknown counts as public, the stricter procedure. (The lead chains it after 0009.)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('entity', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status', sa.String(), nullable=False,
                                      server_default='public'))


def downgrade() -> None:
    with op.batch_alter_table('entity', schema=None) as batch_op:
        batch_op.drop_column('status')
