"""Schema migrations, applied when a register is opened, after a backup copy.

A register file made by an older version of Registre is copied next to itself
(``registre.db.backup-<revision>-<timestamp>-migration``, one of the rotating backups of
``storage.backup``) with SQLite's online backup, then upgraded with Alembic in one
transaction. A new, empty file is created straight at the newest schema.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect

from storage.backup import make_backup
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
    """Copy a SQLite register with the online backup API (consistent even in WAL mode),
    as one of its rotating backups (reason ``migration``)."""
    return make_backup(path, "migration", revision)


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
    with _one_transaction(engine) as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    return backup


@contextmanager
def _one_transaction(engine: Engine) -> Iterator[Connection]:
    """A connection whose whole upgrade is one transaction, DDL included.

    Python's sqlite3 opens a transaction only before INSERT/UPDATE/DELETE: a CREATE or DROP
    run before the first of them would be committed on its own, and a migration killed
    half-way would leave a schema that is neither the old one nor the new one. On SQLite
    the upgrade therefore runs between an explicit BEGIN IMMEDIATE and COMMIT.
    """
    if engine.url.get_backend_name() != "sqlite":
        with engine.begin() as connection:
            yield connection
        return
    with engine.connect() as connection:
        driver = connection.connection.driver_connection
        assert driver is not None
        saved = driver.isolation_level
        driver.isolation_level = None  # we say BEGIN ourselves
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                driver.rollback()
                raise
            driver.commit()
        finally:
            connection.rollback()  # SQLAlchemy's own bookkeeping; nothing left to undo
            driver.isolation_level = saved
