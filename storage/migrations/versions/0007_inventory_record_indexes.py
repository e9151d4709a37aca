"""inventory records: ids first in the unique index, inventories read by row range

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 17:10:00

The unique index of inventory records was (inventory_id, record_id): every key of one
inventory starts with the same number, which keeps SQLite's sort off its fast comparison of
text when a big load builds the index again, and that build cost as much as the sqlite3
shell's whole import of the file. It is now (record_id, inventory_id), still unique per
inventory. The reads of one inventory scan the range of row ids its load inserted
(inventory.first_row and last_row, filled here for the inventories already loaded) instead
of an index on inventory_id, which a big load would have to build too
(``benchmarks/inventory_load.py``).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('inventory', schema=None) as batch_op:
        batch_op.add_column(sa.Column('first_row', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('last_row', sa.Integer(), nullable=True))
    # While the old index still finds the records of an inventory.
    op.execute(
        "UPDATE inventory SET "
        "first_row = (SELECT min(r.id) FROM inventory_record r WHERE r.inventory_id = inventory.id), "
        "last_row = (SELECT max(r.id) FROM inventory_record r WHERE r.inventory_id = inventory.id)"
    )
    with op.batch_alter_table('inventory_record', schema=None) as batch_op:
        batch_op.drop_index('uq_inventory_record_id')
        batch_op.create_index('uq_inventory_record_id', ['record_id', 'inventory_id'],
                              unique=True)


def downgrade() -> None:
    with op.batch_alter_table('inventory_record', schema=None) as batch_op:
        batch_op.drop_index('uq_inventory_record_id')
        batch_op.create_index('uq_inventory_record_id', ['inventory_id', 'record_id'],
                              unique=True)
    with op.batch_alter_table('inventory', schema=None) as batch_op:
        batch_op.drop_column('last_row')
        batch_op.drop_column('first_row')
