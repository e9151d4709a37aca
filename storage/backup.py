"""Rotating backups of a SQLite register, and restoring one.

Every backup is a copy made with SQLite's online backup API (consistent even while the
register is in use, WAL included), written under a temporary name and then renamed, next to
the register: ``registre.db.backup-<revision>-<YYYYmmdd-HHMMSS>[-n]-<reason>``, where the
reason is ``migration`` (before a schema upgrade), ``daily`` (the first open of a day),
``restore`` (the state just before a restore, so that a restore can be undone) or ``manual``.
Files named before reasons existed (``...-<stamp>``) are migration backups.

Rotation keeps the newest ``backups_kept()`` backups of a register (all reasons together; the
one just made is never removed). The number comes from ``$REGISTRE_BACKUPS_KEPT``, else the
key ``backups_kept`` of ``settings.json`` in the user config folder (platformdirs), else 10.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from platformdirs import user_config_path

from domain.errors import CodedError
from storage.atomic import replaced_on_success

Reason = Literal["migration", "daily", "restore", "manual"]
DEFAULT_KEPT = 10
ENV_KEPT = "REGISTRE_BACKUPS_KEPT"
SETTINGS_FILE = "settings.json"
_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(
    r"^(?P<base>.+)\.backup-(?P<revision>[A-Za-z0-9_]+)-(?P<stamp>\d{8}-\d{6})"
    r"(?:-(?P<n>\d+))?(?:-(?P<reason>migration|daily|restore|manual))?$"
)


class BackupError(CodedError):
    """A backup or restore refused (no such backup, damaged backup, register in use)."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken: datetime
    size: int
    reason: str
    revision: str

    @property
    def name(self) -> str:
        return self.path.name


def settings_path() -> Path:
    return user_config_path("Registre", appauthor=False) / SETTINGS_FILE


def backups_kept() -> int:
    """How many backups to keep: $REGISTRE_BACKUPS_KEPT, else settings.json, else 10."""
    raw: object = os.environ.get(ENV_KEPT, "").strip()
    if not raw:
        try:
            raw = json.loads(settings_path().read_text(encoding="utf-8")).get("backups_kept")
        except (OSError, ValueError, AttributeError):
            raw = None
    try:
        kept = int(str(raw))
    except (TypeError, ValueError):
        return DEFAULT_KEPT
    return max(kept, 1)


def _parse(path: Path, database: Path) -> BackupInfo | None:
    match = _NAME.match(path.name)
    if match is None or match["base"] != database.name:
        return None
    try:
        taken = datetime.strptime(match["stamp"], _STAMP)
        size = path.stat().st_size
    except (ValueError, OSError):
        return None
    if match["n"]:  # several in one second: keep their order
        taken = taken.replace(microsecond=min(int(match["n"]), 999_999))
    return BackupInfo(path=path, taken=taken, size=size, reason=match["reason"] or "migration",
                      revision=match["revision"])


def list_backups(database: Path) -> list[BackupInfo]:
    """The backups of ``database``, newest first."""
    folder = database.parent
    if not folder.is_dir():
        return []
    found = [info for child in folder.iterdir()
             if child.name.startswith(database.name + ".backup-")
             and (info := _parse(child, database)) is not None and child.is_file()]
    return sorted(found, key=lambda info: (info.taken, info.name), reverse=True)


def _target(database: Path, revision: str | None, reason: Reason, now: datetime) -> Path:
    stem = f"{database.name}.backup-{revision or 'unversioned'}-{now.strftime(_STAMP)}"
    target = database.with_name(f"{stem}-{reason}")
    n = 1
    while target.exists():
        n += 1
        target = database.with_name(f"{stem}-{n}-{reason}")
    return target


def _fsync(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _online_copy(source: Path, destination: Path) -> None:
    """Copy with the online backup API into a new file with no WAL to go with it."""
    # a plain connection, not mode=ro: a read-only one cannot remove the WAL files it opens
    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(destination)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # a standalone file
        finally:
            dst.close()
    finally:
        src.close()


def revision_of(database: Path) -> str | None:
    try:
        connection = sqlite3.connect(database)
        try:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return None
    return str(row[0]) if row else None


def make_backup(database: Path, reason: Reason, revision: str | None = None, *,
                rotate: bool = True, now: datetime | None = None) -> Path:
    """Back ``database`` up next to itself; then keep only the newest ``backups_kept()``."""
    now = now or datetime.now()
    if revision is None:
        revision = revision_of(database)
    target = _target(database, revision, reason, now)
    with replaced_on_success(target, "partial") as partial:
        try:
            _online_copy(database, partial)
            if reason != "restore":
                # a damaged register must not push good backups out of the rotation
                _refuse_damaged_copy(database, partial)
        except sqlite3.DatabaseError:
            if reason != "restore":
                raise
            # the register to be replaced is damaged: keep its bytes as they are
            partial.unlink(missing_ok=True)
            shutil.copyfile(database, partial)
        _fsync(partial)
    if rotate:
        prune(database, keep=backups_kept(), protect=target)
    return target


def _refuse_damaged_copy(database: Path, copy: Path) -> None:
    """The copy has the register's pages: ``PRAGMA quick_check`` on it (once a day, and
    before a migration) finds damage that opening the register does not touch."""
    connection = sqlite3.connect(copy)
    try:
        found = [str(row[0]) for row in connection.execute("PRAGMA quick_check(3)")]
    finally:
        connection.close()
    if found != ["ok"]:
        raise BackupError("storage.corrupt", f"{database} is damaged: {found[0]}",
                          path=str(database), detail=found[0][:200])


def prune(database: Path, keep: int, protect: Path | None = None) -> list[Path]:
    """Remove all but the ``keep`` newest backups (never ``protect``); the removed ones."""
    removed = []
    for info in list_backups(database)[keep:]:
        if info.path == protect:
            continue
        with contextlib.suppress(FileNotFoundError):
            info.path.unlink()
            removed.append(info.path)
    return removed


def last_change(database: Path) -> datetime | None:
    """When the register (or its WAL) was last written, from the file system."""
    times = []
    for path in (database, database.with_name(database.name + "-wal")):
        with contextlib.suppress(OSError):
            stat = path.stat()
            if stat.st_size > 0:  # an empty WAL is only a reader's
                times.append(stat.st_mtime)
    return datetime.fromtimestamp(max(times)) if times else None


def daily_backup_due(database: Path, now: datetime | None = None) -> bool:
    """Whether opening ``database`` now is the first open of a day that should back it up:
    it was changed before today and after its newest backup (a register made today, or not
    changed since its last backup, is not copied again)."""
    now = now or datetime.now()
    changed = last_change(database)
    if changed is None or database.stat().st_size == 0:
        return False
    start_of_day = now.replace(hour=0, minute=0, second=0, microsecond=0)
    if changed >= start_of_day:
        return False
    backups = list_backups(database)
    return not backups or backups[0].taken.replace(microsecond=0) < changed.replace(
        microsecond=0)


def find_backup(database: Path, name: str | None) -> BackupInfo:
    """The backup called ``name`` (a file name, or a path in the register's folder), or the
    newest one when ``name`` is None."""
    backups = list_backups(database)
    if name is None:
        if not backups:
            raise BackupError("backup.none", f"no backup of {database}", path=str(database))
        return backups[0]
    wanted = Path(name).name
    for info in backups:
        if info.name == wanted:
            return info
    raise BackupError("backup.not_found", f"no backup {name} of {database}",
                      path=str(database), name=name)


def check_backup(path: Path) -> None:
    """Refuse a backup that is not a whole, readable register."""
    try:
        connection = sqlite3.connect(path)
        try:
            result = connection.execute("PRAGMA quick_check").fetchone()
            connection.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise BackupError("backup.damaged", f"{path} is damaged: {error}", name=path.name,
                          detail=str(error)) from error
    if result != ("ok",):
        raise BackupError("backup.damaged", f"{path} is damaged: {result}", name=path.name,
                          detail=str(result[0] if result else "?"))


@dataclass(frozen=True)
class RestoreResult:
    restored: BackupInfo
    previous: Path | None  # the backup of the register as it was just before


def _drop_wal(database: Path) -> None:
    """Fold the WAL into the file and remove it, so no old WAL is replayed over the file
    that replaces it; a damaged register's WAL (already copied aside) is just removed."""
    try:
        connection = sqlite3.connect(database)
        try:
            connection.execute("PRAGMA busy_timeout=5000")
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            connection.execute("PRAGMA journal_mode=DELETE")
        finally:
            connection.close()
    except sqlite3.Error:
        pass
    for suffix in ("-wal", "-shm", "-journal"):
        database.with_name(database.name + suffix).unlink(missing_ok=True)


def restore(database: Path, name: str | None) -> RestoreResult:
    """Put the backup ``name`` (None: the newest) in place of ``database``.

    Refused while another instance has the register open (its lock) or while this process
    has it open. The register as it was is backed up first (reason ``restore``); the chosen
    backup is checked, copied to a temporary file next to the register and moved over it in
    one rename: a restore killed at any point leaves the old register or the restored one.
    """
    from storage import lock

    database = database.expanduser()
    if lock.holds(database):
        raise BackupError("backup.in_use", f"{database} is open in this program",
                          path=str(database))
    holder = lock.acquire(database)
    if holder is not None:
        raise BackupError("storage.locked", f"{database} is open elsewhere", path=str(database),
                          pid=holder.pid, host=holder.host, user=holder.user,
                          since=holder.since.replace("T", " "))
    try:
        chosen = find_backup(database, name)
        check_backup(chosen.path)
        previous = None
        if database.exists() and database.stat().st_size > 0:
            wal = database.with_name(database.name + "-wal")
            previous = make_backup(database, "restore", rotate=False)
            if wal.exists() and wal.stat().st_size > 0 and revision_of(database) is None:
                shutil.copyfile(wal, previous.with_name(previous.name + "-wal"))
        with replaced_on_success(database, "restore") as temporary:
            _online_copy(chosen.path, temporary)
            _fsync(temporary)
            _drop_wal(database)
        _fsync(database.parent)
        prune(database, keep=backups_kept(), protect=previous)
        return RestoreResult(restored=chosen, previous=previous)
    finally:
        lock.release(database)
