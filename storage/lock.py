"""One instance at a time on a SQLite register: a lock file next to it.

``registre.db.lock`` holds who opened the register (pid, host, user, since when, and whether
it is a window or a command). It is created with ``O_EXCL``, so two processes cannot both
create it; a lock left by a process that died (same host, pid gone or reused) is stale and
taken over. The lock is per process and re-entrant: opening the same register several times
in one process counts, and the file goes when the last one closes, or when the process ends.

The lock does not stop SQLite from working: a second instance can still read (and SQLite
still serialises writes). It is a warning that callers act on: the command line refuses
writing commands while another instance holds the lock, a restore and a migration refuse.
"""

from __future__ import annotations

import atexit
import contextlib
import errno
import getpass
import json
import os
import socket
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

Kind = Literal["command", "window"]

# an empty or unreadable lock younger than this is being written by its creator
_FRESH_SECONDS = 5.0


@dataclass(frozen=True)
class LockInfo:
    pid: int
    host: str
    user: str
    since: str  # ISO local time
    kind: str = "command"
    started: str = ""  # the process's start time (Linux), so a reused pid is not taken for it

    def to_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> LockInfo | None:
        try:
            data = json.loads(text)
            return cls(pid=int(data["pid"]), host=str(data["host"]), user=str(data["user"]),
                       since=str(data["since"]), kind=str(data.get("kind", "command")),
                       started=str(data.get("started", "")))
        except (ValueError, KeyError, TypeError):
            return None


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def _process_started(pid: int) -> str:
    """The start time of ``pid`` in clock ticks since boot (Linux), else ""."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return ""
    fields = stat.rsplit(")", 1)[-1].split()
    return fields[19] if len(fields) > 19 else ""


def _alive(info: LockInfo) -> bool:
    """Whether the process named by a lock on this host still runs."""
    try:
        os.kill(info.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        pass
    if info.started:
        started = _process_started(info.pid)
        if started and started != info.started:
            return False  # the pid was given to another process since
    return True


def _me(kind: Kind) -> LockInfo:
    return LockInfo(pid=os.getpid(), host=socket.gethostname(), user=_user(),
                    since=datetime.now().isoformat(timespec="seconds"), kind=kind,
                    started=_process_started(os.getpid()))


class _Held:
    def __init__(self, path: Path, info: LockInfo) -> None:
        self.path = path
        self.info = info
        self.count = 0


_guard = threading.Lock()
_held: dict[Path, _Held] = {}
_owner_pid = os.getpid()


def _forget_after_fork() -> None:
    global _owner_pid
    _held.clear()  # the parent's locks are the parent's
    _owner_pid = os.getpid()


os.register_at_fork(after_in_child=_forget_after_fork)


def _key(database: Path) -> Path:
    return database.expanduser().resolve()


def read_lock(database: Path) -> LockInfo | None:
    """Who holds the lock of ``database`` (a live holder), or None."""
    path = lock_path(_key(database))
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    info = LockInfo.from_json(text)
    if info is None:
        return None
    if info.host == socket.gethostname() and not _alive(info):
        return None
    return info


def _try_create(path: Path, info: LockInfo) -> bool:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        return False
    try:
        os.write(fd, info.to_json().encode("utf-8"))
    finally:
        os.close(fd)
    return True


def _remove_if_stale(path: Path) -> bool:
    """Remove a lock whose holder is gone; True when the lock is gone (or was never there)."""
    try:
        text = path.read_text(encoding="utf-8")
        age = time.time() - path.stat().st_mtime
    except FileNotFoundError:
        return True
    info = LockInfo.from_json(text)
    if info is None:
        if age < _FRESH_SECONDS:
            return False  # its creator is writing it
    elif info.host != socket.gethostname() or _alive(info):
        return False
    # move it aside first: if someone replaced it in between, put theirs back
    aside = path.with_name(f"{path.name}.stale-{os.getpid()}")
    try:
        os.replace(path, aside)
    except FileNotFoundError:
        return True
    try:
        if aside.read_text(encoding="utf-8") != text:
            with contextlib.suppress(OSError):
                os.link(aside, path)
    finally:
        with contextlib.suppress(OSError):
            aside.unlink()
    return True


def acquire(database: Path, kind: Kind = "command") -> LockInfo | None:
    """Take the lock of ``database`` for this process; returns None when taken (or taken
    again), else who holds it. Never waits. A folder where no file can be created (a
    read-only medium) is not locked: None."""
    key = _key(database)
    path = lock_path(key)
    with _guard:
        if os.getpid() != _owner_pid:  # pragma: no cover - forked without at-fork hooks
            _forget_after_fork()
        held = _held.get(key)
        if held is not None:
            held.count += 1
            return None
        info = _me(kind)
        for _attempt in range(3):
            try:
                if _try_create(path, info):
                    entry = _Held(path, info)
                    entry.count = 1
                    _held[key] = entry
                    return None
            except OSError as error:
                if error.errno in (errno.EACCES, errno.EROFS, errno.EPERM):
                    return None
                raise
            if not _remove_if_stale(path):
                break
        holder = read_lock(key)
        if holder is None:  # gone or unreadable in between: say who we can
            holder = LockInfo(pid=0, host="?", user="?", since="?")
        return holder


def holds(database: Path) -> bool:
    """Whether this process holds the lock of ``database``."""
    with _guard:
        return _key(database) in _held


def release(database: Path) -> None:
    """Give back one acquisition; the file goes with the last one."""
    key = _key(database)
    with _guard:
        held = _held.get(key)
        if held is None:
            return
        held.count -= 1
        if held.count > 0:
            return
        del _held[key]
        _unlink_if_ours(held)


def _unlink_if_ours(held: _Held) -> None:
    try:
        if LockInfo.from_json(held.path.read_text(encoding="utf-8")) == held.info:
            held.path.unlink()
    except OSError:
        pass


@atexit.register
def _release_all() -> None:
    with _guard:
        if os.getpid() != _owner_pid:
            return
        for held in _held.values():
            _unlink_if_ours(held)
        _held.clear()
