"""Opening a register: the composition root of the storage layer.

``open_register(location)`` resolves the location (path or URL), upgrades the schema
after a backup, and hands out units of work. The command line and the window both start
here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.engine import URL
from sqlalchemy.exc import DatabaseError, NoSuchModuleError, OperationalError

from domain.errors import RegistreError
from storage.audit import AuditProblem, verify
from storage.db import default_location, make_engine, sqlite_path, to_url
from storage.migrate import ForeignDatabaseError, NewerDatabaseError, upgrade
from storage.tables import AuditEntryRow
from storage.uow import SqlUnitOfWork


class StorageError(RegistreError):
    """A known storage failure (unreadable file, locked, not a register): said in words."""

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message, **params)
        self.code = code


@dataclass
class Register:
    engine: Engine
    url: URL
    backup: Path | None = None
    actor: str | None = None
    _closed: bool = field(default=False, repr=False)

    @property
    def location(self) -> str:
        path = sqlite_path(self.url)
        return str(path) if path else self.url.render_as_string(hide_password=True)

    def uow(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.engine, self.actor)

    def audit_entries(self, object_type: str | None = None,
                      object_key: str | None = None) -> Sequence[AuditEntryRow]:
        """The audit log, oldest first; only one object's entries when both are given (the
        index on (object_type, object_key) serves that)."""
        query = select(AuditEntryRow).order_by(AuditEntryRow.id)  # type: ignore[arg-type]
        if object_type is not None and object_key is not None:
            query = query.where(AuditEntryRow.object_type == object_type,  # type: ignore[arg-type]
                                AuditEntryRow.object_key == object_key)  # type: ignore[arg-type]
        with self.uow() as uow:
            rows = list(uow.session.execute(query).scalars())
            uow.session.expunge_all()  # plain values once the session is gone
            return rows

    def verify_audit(self) -> list[AuditProblem]:
        problems = verify(self.audit_entries())
        if self.url.get_backend_name() == "sqlite":
            # AUTOINCREMENT remembers the highest id ever given: a deleted tail shows there.
            with self.engine.connect() as connection:
                seq = connection.exec_driver_sql(
                    "SELECT seq FROM sqlite_sequence WHERE name = 'audit_entry'"
                ).scalar()
                last = connection.exec_driver_sql("SELECT max(id) FROM audit_entry").scalar()
            if seq is not None and (last or 0) < seq:
                problems.append(AuditProblem(int(seq), "missing_after"))
        return problems

    def close(self) -> None:
        if not self._closed:
            self.engine.dispose()
            self._closed = True


def open_register(location: str | None = None, actor: str | None = None) -> Register:
    """Open (creating or upgrading if needed) the register at ``location``."""
    url = to_url(location or default_location())
    path = sqlite_path(url)
    if path is not None:
        if path.exists() and path.is_dir():
            raise StorageError("storage.not_a_file", f"{path} is a folder", path=str(path))
        if not path.parent.exists():
            raise StorageError(
                "storage.no_folder", f"folder {path.parent} does not exist", path=str(path)
            )
        if path.exists() and path.stat().st_size > 0:
            with path.open("rb") as handle:
                if handle.read(16) != b"SQLite format 3\x00":
                    raise StorageError(
                        "storage.not_a_register", f"{path} is not a Registre database",
                        path=str(path),
                    )
    try:
        engine = make_engine(url)
    except (ImportError, NoSuchModuleError) as error:
        raise StorageError(
            "storage.driver_missing", f"no database driver for {url.drivername}: {error}",
            path=url.render_as_string(hide_password=True), driver=url.drivername,
        ) from error
    try:
        backup = upgrade(engine)
    except ForeignDatabaseError as error:
        engine.dispose()
        raise StorageError(
            "storage.not_a_register", f"{location} is not a Registre database",
            path=str(path or url),
        ) from error
    except NewerDatabaseError as error:
        engine.dispose()
        raise StorageError(
            "storage.too_new", f"{location} was made by a newer version of Registre",
            path=str(path or url), revision=str(error),
        ) from error
    except OperationalError as error:
        engine.dispose()
        raise StorageError(
            "storage.unavailable", f"cannot open {location}: {error.orig}",
            path=str(path or url), detail=str(error.orig),
        ) from error
    except DatabaseError as error:
        engine.dispose()
        raise StorageError(
            "storage.not_a_register", f"{location} is not a Registre database",
            path=str(path or url),
        ) from error
    return Register(engine=engine, url=url, backup=backup, actor=actor)
