"""Schema migrations, applied when a register is opened, after a backup copy.

A register file made by an older version of Registre is copied next to itself
(``registre.db.backup-<revision>-<timestamp>-migration``, one of the rotating backups of
``storage.backup``) with SQLite's online backup, then upgraded with Alembic in one
transaction. A new, empty file is created straight at the newest schema.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, inspect
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, NoSuchModuleError

from domain.errors import CodedError
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


# --- trying a database before opening it (the window's "Tester la connexion") ----------------

DatabaseStatus = Literal["new", "current", "older", "newer", "foreign"]


@dataclass(frozen=True)
class DatabaseState:
    """What a connection test found: the server, and the register's schema there."""

    server: str  # "PostgreSQL 15.8", "SQLite 3.40.1"
    status: DatabaseStatus  # new: empty, the tables will be created; older: will be upgraded
    revision: str | None


class DatabaseUnreachable(CodedError):
    """A database server that cannot be used, said by cause (``database.*`` codes):
    auth_failed, no_password, unknown_user, no_database, unknown_host, refused, timeout,
    no_folder, not_sqlite, unreachable. ``params``: host, port, database, user and
    ``detail`` (the driver's words)."""


_CAUSES: tuple[tuple[str, str], ...] = (
    ("password authentication failed", "database.auth_failed"),
    ("no password supplied", "database.no_password"),
    ("fe_sendauth", "database.no_password"),
    ("role", "database.unknown_user"),  # 'role "x" does not exist'
    ("does not exist", "database.no_database"),
    ("could not translate host name", "database.unknown_host"),
    ("name or service not known", "database.unknown_host"),
    ("nodename nor servname", "database.unknown_host"),
    ("connection refused", "database.refused"),
    ("timeout expired", "database.timeout"),
    ("timed out", "database.timeout"),
)


def _cause(detail: str) -> str:
    lowered = detail.lower()
    for words, code in _CAUSES:
        if words in lowered and (code != "database.unknown_user" or "does not exist" in lowered):
            return code
    return "database.unreachable"


def probe(url: URL, timeout: int = 5) -> DatabaseState:
    """Connect to ``url`` (waiting at most ``timeout`` seconds for a server) and say what is
    there, without creating, upgrading or locking anything."""
    where = {"host": url.host or "", "port": url.port or 5432, "database": url.database or "",
             "user": url.username or ""}
    if url.get_backend_name() == "postgresql":
        arguments: dict[str, object] = {"connect_timeout": timeout}
    else:
        arguments = {"timeout": timeout}
        path = sqlite_path(url)
        if path is not None:
            if not path.parent.is_dir():
                raise DatabaseUnreachable("database.no_folder", f"no folder {path.parent}",
                                          detail=str(path.parent), **where)
            if not path.exists():  # the register will be created there
                return DatabaseState(server="SQLite", status="new", revision=None)
            # read-only: a test never creates nor changes the file
            url = url.set(database=f"file:{path}?mode=ro").update_query_dict({"uri": "true"})
    try:
        engine = create_engine(url, connect_args=arguments, poolclass=_pool())
    except (ImportError, NoSuchModuleError) as error:
        raise DatabaseUnreachable("database.unreachable", f"no driver for {url.drivername}",
                                  detail=str(error), **where) from None
    try:
        with engine.connect() as connection:
            if url.get_backend_name() == "postgresql":
                version = str(connection.exec_driver_sql("SHOW server_version").scalar())
                server = f"PostgreSQL {version.split()[0]}"
            else:
                version = str(connection.exec_driver_sql("SELECT sqlite_version()").scalar())
                server = f"SQLite {version}"
            revision = MigrationContext.configure(connection).get_current_revision()
            tables = bool(inspect(connection).get_table_names())
    except DBAPIError as error:
        if url.get_backend_name() == "sqlite":
            raise DatabaseUnreachable("database.not_sqlite", f"not a SQLite file: {error.orig}",
                                      detail=str(error.orig), **where) from None
        detail = str(error.orig).strip().splitlines()[0] if str(error.orig).strip() else \
            type(error.orig).__name__
        raise DatabaseUnreachable(_cause(str(error.orig)), f"cannot connect: {detail}",
                                  detail=detail, **where) from None
    finally:
        engine.dispose()
    head = head_revision()
    known = {s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    status: DatabaseStatus
    if revision is None:
        status = "foreign" if tables else "new"
    elif revision == head:
        status = "current"
    else:
        status = "older" if revision in known else "newer"
    return DatabaseState(server=server, status=status, revision=revision)


def _pool() -> type:
    from sqlalchemy.pool import NullPool

    return NullPool
