"""entity controller contact

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 18:00:00

Art. 30(1)(a) asks for the controller's name and contact details: the register kept the
establishment's name and address only, and an import of the CNIL model dropped the name,
phone and email of the "Responsable du traitement" with a warning. The contact is a JSON
Contact like the DPO's; existing establishments start with an empty one.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('entity', schema=None) as batch_op:
        batch_op.add_column(sa.Column('controller', sa.Text(), nullable=False,
                                      server_default='{}'))


def downgrade() -> None:
    with op.batch_alter_table('entity', schema=None) as batch_op:
        batch_op.drop_column('controller')
