"""rule template version

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-08 01:50:00

A rule set from a template of the library was a copy that remembered the template's id
only: when the library corrected a template, the registers that used the old version kept
the wrong rule silently. The rule row now records the template's version it was copied from
(rules written before count as version 1, the version every template had then), and the
corrected version the DPO chose not to adopt with the reason (none: 0 and empty).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('activity_data_category', schema=None) as batch_op:
        batch_op.add_column(sa.Column('retention_template_version', sa.Integer(),
                                      nullable=False, server_default='1'))
        batch_op.add_column(sa.Column('retention_kept_template_version', sa.Integer(),
                                      nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('retention_kept_reason', sa.Text(), nullable=False,
                                      server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('activity_data_category', schema=None) as batch_op:
        batch_op.drop_column('retention_kept_reason')
        batch_op.drop_column('retention_kept_template_version')
        batch_op.drop_column('retention_template_version')
