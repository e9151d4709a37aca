"""Where the register lives and how to connect to it.

SQLite by default (a file in the platform's user data folder), or any SQLAlchemy URL
(PostgreSQL for a group sharing one register). SQLite runs in WAL mode with foreign keys on.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from platformdirs import user_data_path
from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.engine import URL

APP_NAME = "Registre"
ENV_VAR = "REGISTRE_DB"


def default_location() -> str:
    """$REGISTRE_DB, else registre.db in the user's data folder."""
    from_env = os.environ.get(ENV_VAR, "").strip()
    if from_env:
        return from_env
    return str(user_data_path(APP_NAME, appauthor=False, ensure_exists=True) / "registre.db")


def to_url(location: str) -> URL:
    """A file path or a SQLAlchemy URL, as a URL (``postgresql://`` uses psycopg 3)."""
    if "://" in location:
        url = make_url(location)
        if url.drivername == "postgresql":
            url = url.set(drivername="postgresql+psycopg")
        return url
    return URL.create("sqlite", database=str(Path(location).expanduser()))


def postgresql_location(*, user: str | None, password: str | None, host: str | None,
                        port: int | None, database: str | None) -> str:
    """A PostgreSQL server's location as a URL string, password included (psycopg 3)."""
    return URL.create("postgresql+psycopg", username=user, password=password, host=host,
                      port=port, database=database).render_as_string(hide_password=False)


def without_password(location: str) -> str:
    """The location as it may be stored: a URL loses its password."""
    if "://" not in location:
        return location
    url = to_url(location)  # (URL.set(password=None) would keep it: None means "unchanged")
    return URL.create(url.drivername, username=url.username, host=url.host, port=url.port,
                      database=url.database, query=url.query).render_as_string(
                          hide_password=False)


def sqlite_path(url: URL) -> Path | None:
    """The file behind a SQLite URL, or None (in-memory database, or not SQLite)."""
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def make_engine(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)
