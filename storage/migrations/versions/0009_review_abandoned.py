"""review abandoned

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-08 01:10:00

An open review can be abandoned (started by mistake, or a duplicate of its quarter that
registers written before could hold) with a reason; its row stays, marked, so that its id
and its audit entries are never taken by a later review of the same quarter. Existing
reviews start not abandoned.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('review', schema=None) as batch_op:
        batch_op.add_column(sa.Column('abandoned_at', sqlmodel.sql.sqltypes.AutoString(),
                                      nullable=False, server_default=''))
        batch_op.add_column(sa.Column('abandoned_by', sqlmodel.sql.sqltypes.AutoString(),
                                      nullable=False, server_default=''))
        batch_op.add_column(sa.Column('abandon_reason', sa.Text(), nullable=False,
                                      server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('review', schema=None) as batch_op:
        batch_op.drop_column('abandon_reason')
        batch_op.drop_column('abandoned_by')
        batch_op.drop_column('abandoned_at')
