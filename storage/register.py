"""Opening a register: the composition root of the storage layer.

``open_register(location)`` resolves the location (path or URL), upgrades the schema
after a backup, and hands out units of work. The command line and the window both start
here.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple, cast

from sqlalchemy import Engine, func, select
from sqlalchemy.engine import URL
from sqlalchemy.exc import DatabaseError, NoSuchModuleError, OperationalError

from domain.errors import CodedError
from storage import lock
from storage.audit import AuditProblem, chain_end, check_head, verify
from storage.backup import BackupError, daily_backup_due, make_backup
from storage.db import default_location, make_engine, sqlite_path, to_url
from storage.lock import Kind, LockInfo
from storage.migrate import (
    ForeignDatabaseError,
    NewerDatabaseError,
    current_revision,
    head_revision,
    upgrade,
)
from storage.repository import activity_key
from storage.tables import AuditEntryRow
from storage.uow import SqlUnitOfWork


class StorageError(CodedError):
    """A known storage failure (unreadable file, locked, not a register): said in words."""


def locked_error(path: Path, holder: LockInfo, code: str = "storage.locked") -> StorageError:
    """The register is open in another instance: who, where, since when."""
    return StorageError(
        code, f"{path} is open by {holder.user} on {holder.host} (pid {holder.pid}, since "
        f"{holder.since})", path=str(path), user=holder.user, host=holder.host, pid=holder.pid,
        since=holder.since.replace("T", " "), kind=holder.kind,
    )


class _AuditTuple(NamedTuple):
    id: int
    at: str
    actor: str
    action: str
    object_type: str
    object_key: str
    field: str
    old_value: str | None
    new_value: str | None
    prev_hash: str
    hash: str


def _json(text: str | None) -> object:
    return None if text is None else json.loads(text)


def _action_start(entries: Sequence[AuditEntryRow], index: int) -> int:
    """The first of the entries of the action ``entries[index]`` belongs to: one action's
    entries are consecutive in the log, with the same action."""
    while index > 0 and entries[index - 1].action == entries[index].action and \
            entries[index - 1].id == (entries[index].id or 0) - 1:
        index -= 1
    return index


@dataclass
class Register:
    engine: Engine
    url: URL
    backup: Path | None = None
    actor: str | None = None
    lock_holder: LockInfo | None = None  # another instance that has the file open, if any
    kind: Kind = "command"
    _locked: Path | None = field(default=None, repr=False)  # the lock this object holds
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

    def activity_history(self, entity_id: int, ref: str) -> list[AuditEntryRow]:
        """The audit entries of one activity, oldest first.

        Under its key (``storage.repository.activity_key``) and under its reference alone
        (entries written before keys named the establishment: in a group, possibly another
        establishment's activity of the same reference), from the action that began it
        there: its creation, or the change of reference that gave it this one, in which
        case its entries under the earlier reference come first, up to that change. An
        earlier activity of the same reference (deleted, or renamed since) is not its
        history."""
        history: list[AuditEntryRow] = []
        current, before = ref, None
        for _ in range(1000):  # each step goes back to strictly earlier entries
            entries = sorted(
                (entry for key in dict.fromkeys((activity_key(entity_id, current), current))
                 for entry in self.audit_entries("activity", key)
                 if entry.id is not None and (before is None or entry.id < before)),
                key=lambda entry: entry.id or 0)
            begun = [i for i, entry in enumerate(entries) if entry.action == "create"
                     or (entry.field == "ref" and entry.action == "update"
                         and _json(entry.new_value) == current)]
            first = _action_start(entries, begun[-1]) if begun else 0
            history[:0] = entries[first:]
            renamed = begun and entries[begun[-1]].action == "update"
            if not renamed:
                break
            earlier = _json(entries[begun[-1]].old_value)
            if not isinstance(earlier, str) or not earlier:
                break
            current, before = earlier, entries[first].id
        return history

    def audit_count(self) -> int:
        """How many entries the audit log holds."""
        with self.engine.connect() as connection:
            return int(connection.execute(
                select(func.count()).select_from(AuditEntryRow)).scalar_one())

    def verify_audit(self) -> list[AuditProblem]:
        """Walk the hash chain. Rows are streamed as named tuples (no ORM objects, whose
        loading cost more than the hashing): 100,000 entries take about a second."""
        columns = [getattr(AuditEntryRow, name) for name in _AuditTuple._fields]
        query = select(*columns).order_by(AuditEntryRow.id)  # type: ignore[arg-type]
        with self.engine.connect() as connection:
            rows = connection.execution_options(yield_per=5_000).execute(query)
            # a named tuple has the attributes verify() reads from an AuditEntryRow
            entries = cast(Iterable[AuditEntryRow], map(_AuditTuple._make, rows))
            problems = verify(entries)
        with self.uow() as uow:  # the chain head, written with every append
            for problem in check_head(*chain_end(uow.session)):
                if problem not in problems:
                    problems.append(problem)
        if self.url.get_backend_name() == "sqlite":
            # AUTOINCREMENT remembers the highest id ever given: a second witness of a
            # deleted tail, should the head have been rewritten too.
            with self.engine.connect() as connection:
                seq = connection.exec_driver_sql(
                    "SELECT seq FROM sqlite_sequence WHERE name = 'audit_entry'"
                ).scalar()
                last = connection.exec_driver_sql("SELECT max(id) FROM audit_entry").scalar()
            if seq is not None and (last or 0) < seq and \
                    not any(p.reason == "missing_after" for p in problems):
                problems.append(AuditProblem(int(seq), "missing_after"))
        return problems

    def claim(self, wait: float = 60.0) -> None:
        """Before writing: make sure no other instance has the register open.

        Waits (up to ``wait`` seconds) for another command to finish; refuses at once when a
        window holds it, or when the wait is over (``storage.locked``, naming the holder).
        """
        path = sqlite_path(self.url)
        if path is None or self._locked is not None:
            return
        deadline = time.monotonic() + wait
        while True:
            holder = lock.acquire(path, self.kind)
            if holder is None:
                self._locked, self.lock_holder = path, None
                return
            self.lock_holder = holder
            if holder.kind == "window" or time.monotonic() >= deadline:
                raise locked_error(path, holder)
            time.sleep(0.05)

    def close(self) -> None:
        if not self._closed:
            self.engine.dispose()
            self._closed = True
            if self._locked is not None:
                lock.release(self._locked)
                self._locked = None


_PAGE_SIZES = {1 << n for n in range(9, 17)}


def _check_header(path: Path) -> None:
    """Refuse a file that is not SQLite, or a SQLite file cut short, before SQLite reads it."""
    with path.open("rb") as handle:
        header = handle.read(100)
    if header[:16] != b"SQLite format 3\x00":
        raise StorageError("storage.not_a_register", f"{path} is not a Registre database",
                           path=str(path))
    size = path.stat().st_size
    page_size = int.from_bytes(header[16:18], "big") if len(header) == 100 else 0
    page_size = 65536 if page_size == 1 else page_size
    corrupt = page_size not in _PAGE_SIZES or size % page_size != 0
    wal = path.with_name(path.name + "-wal")
    if not corrupt and not (wal.exists() and wal.stat().st_size > 0):
        # the in-header page count is valid when its "valid-for" number is the change counter
        pages = int.from_bytes(header[28:32], "big")
        if header[24:28] == header[92:96] and pages and size < pages * page_size:
            corrupt = True
    if corrupt:
        raise corrupt_error(path, "truncated or damaged header")


def corrupt_error(path: Path | str, detail: str) -> StorageError:
    return StorageError("storage.corrupt", f"{path} is damaged ({detail})", path=str(path),
                        detail=detail)


def open_register(location: str | None = None, actor: str | None = None, *,
                  kind: Kind = "command") -> Register:
    """Open (creating or upgrading if needed) the register at ``location``.

    A SQLite file is locked for this process (``storage.lock``) when no other instance has
    it open; otherwise it opens all the same, with ``lock_holder`` saying who has it (a
    writer calls ``Register.claim()``), and no schema upgrade is done. The first open of a
    day backs the file up (``storage.backup``), as does every upgrade.
    """
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
            _check_header(path)
        holder = lock.acquire(path, kind)
        try:
            return _open(url, path, location, actor, kind, holder)
        except BaseException:
            if holder is None:
                lock.release(path)
            raise
    return _open(url, None, location, actor, kind, None)


def _open(url: URL, path: Path | None, location: str | None, actor: str | None, kind: Kind,
          holder: LockInfo | None) -> Register:
    daily = path is not None and holder is None and path.exists() and daily_backup_due(path)
    try:
        engine = make_engine(url)
    except (ImportError, NoSuchModuleError) as error:
        raise StorageError(
            "storage.driver_missing", f"no database driver for {url.drivername}: {error}",
            path=url.render_as_string(hide_password=True), driver=url.drivername,
        ) from error
    try:
        if holder is not None and path is not None and current_revision(engine) not in (
                None, head_revision()):
            raise locked_error(path, holder, "storage.locked_upgrade")
        backup = upgrade(engine)
        if backup is None and daily and path is not None:
            try:
                backup = make_backup(path, "daily")
            except OSError:
                backup = None  # a full disk does not keep the register closed
    except (StorageError, BackupError):
        engine.dispose()
        raise
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
        if path is not None and path.exists() and path.stat().st_size > 0:
            # a SQLite file (its header said so) that SQLite cannot read through
            raise corrupt_error(path, str(error.orig)) from error
        raise StorageError(
            "storage.not_a_register", f"{location} is not a Registre database",
            path=str(path or url),
        ) from error
    except sqlite3.DatabaseError as error:  # from a backup made on the way
        engine.dispose()
        raise corrupt_error(path or str(url), str(error)) from error
    return Register(engine=engine, url=url, backup=backup, actor=actor, lock_holder=holder,
                    kind=kind, _locked=path if holder is None else None)
