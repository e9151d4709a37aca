"""Schema migrations, applied when a register is opened, after a backup copy.

A register file made by an older version of Registre is copied next to itself
(``registre.db.backup-<revision>-<timestamp>``) with SQLite's online backup, then upgraded
with Alembic. A new, empty file is created straight at the newest schema.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from storage.db import sqlite_path

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:  # pragma: no cover - the package always ships migrations
        raise RuntimeError("no migration found")
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def backup_sqlite(path: Path, revision: str | None) -> Path:
    """Copy a SQLite register with the online backup API (consistent even in WAL mode)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.backup-{revision or 'unversioned'}-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.backup-{revision or 'unversioned'}-{stamp}-{n}")
    source = sqlite3.connect(path)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    return target


class ForeignDatabaseError(Exception):
    """The database has tables but none of Registre's migrations: not a register."""


class NewerDatabaseError(Exception):
    """The database was upgraded by a newer Registre than this one."""


def upgrade(engine: Engine, revision: str = "head") -> Path | None:
    """Bring the database to ``revision``; returns the backup made first, if any."""
    current = current_revision(engine)
    target = head_revision() if revision == "head" else revision
    if current == target:
        return None
    scripts = ScriptDirectory.from_config(alembic_config())
    if current is not None and current not in {s.revision for s in scripts.walk_revisions()}:
        raise NewerDatabaseError(current)
    backup = None
    path = sqlite_path(engine.url)
    has_tables = bool(inspect(engine).get_table_names())
    if current is None and has_tables:
        raise ForeignDatabaseError(str(path or engine.url))
    if path is not None and path.exists() and has_tables:
        backup = backup_sqlite(path, current)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    return backup
