"""inventory record indexes: ids first, inventories apart

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 17:10:00

The unique index of inventory records was (inventory_id, record_id): every key of one
inventory starts with the same number, so SQLite's sort could not use its fast comparison of
the first column when a big load builds the index again, and the build cost as much as the
sqlite3 shell's whole import of the file. It is now (record_id, inventory_id), still unique
per inventory, and a plain index on inventory_id serves the reads of one inventory
(``benchmarks/inventory_load.py``: the two builds together take about 0.8 of the old one).
"""

from __future__ import annotations

from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('inventory_record', schema=None) as batch_op:
        batch_op.drop_index('uq_inventory_record_id')
        batch_op.create_index('uq_inventory_record_id', ['record_id', 'inventory_id'],
                              unique=True)
        batch_op.create_index(batch_op.f('ix_inventory_record_inventory_id'),
                              ['inventory_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('inventory_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inventory_record_inventory_id'))
        batch_op.drop_index('uq_inventory_record_id')
        batch_op.create_index('uq_inventory_record_id', ['inventory_id', 'record_id'],
                              unique=True)
