"""Alembic environment: run by storage.migrate on a connection it passes in."""

from __future__ import annotations

from alembic import context

from storage.tables import metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only through storage.migrate
    raise RuntimeError("migrations run through storage.migrate.upgrade(), with a connection")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things: copy-and-move tables
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
