"""Rotating backups, restore, the one-instance lock, and damaged register files."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from domain import services
from domain.errors import RegistreError
from domain.model import ProcessingActivity
from storage import lock
from storage.backup import (
    BackupError,
    backups_kept,
    list_backups,
    make_backup,
    restore,
    settings_path,
)
from storage.register import Register, StorageError, open_register
from tests.builders import entity

ROOT = Path(__file__).resolve().parents[2]
YESTERDAY = time.time() - 86_400


def _add(register: Register, ref: str) -> None:
    with register.uow() as uow:
        owners = uow.entities.list()
    owner = owners[0] if owners else services.add_entity(register.uow(), entity())
    assert owner.id is not None
    services.add_activity(register.uow(), ProcessingActivity(owner.id, ref, ref),
                          datetime.now().date())


def _refs(path: Path) -> set[str]:
    register = open_register(str(path))
    try:
        with register.uow() as uow:
            return {a.ref for a in uow.activities.list()}
    finally:
        register.close()


def _yesterday(path: Path) -> None:
    os.utime(path, (YESTERDAY, YESTERDAY))


def _new_register(path: Path, *refs: str) -> None:
    register = open_register(str(path))
    try:
        for ref in refs:
            _add(register, ref)
    finally:
        register.close()


# --- daily backups and rotation -----------------------------------------------------------


def test_the_first_open_of_a_day_backs_the_register_up_once(tmp_path: Path) -> None:
    db = tmp_path / "registre.db"
    _new_register(db, "A")
    again = open_register(str(db))  # made today: nothing to copy yet
    again.close()
    assert again.backup is None and list_backups(db) == []

    _yesterday(db)  # as if the last change were yesterday
    first = open_register(str(db))
    first.close()
    assert first.backup is not None and first.backup.name.endswith("-daily")
    (daily,) = list_backups(db)
    assert daily.reason == "daily" and daily.path == first.backup and daily.size > 0
    with sqlite3.connect(daily.path) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT ref FROM activity").fetchall() == [("A",)]
    second = open_register(str(db))
    second.close()
    assert second.backup is None and len(list_backups(db)) == 1


def test_rotation_keeps_the_configured_number(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "registre.db"
    _new_register(db, "A")
    assert backups_kept() == 10
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text(json.dumps({"backups_kept": 4}), encoding="utf-8")
    assert backups_kept() == 4
    monkeypatch.setenv("REGISTRE_BACKUPS_KEPT", "3")  # the environment wins
    assert backups_kept() == 3
    start = datetime(2026, 1, 1, 8, 0)
    made = [make_backup(db, "manual", now=start + timedelta(days=n)) for n in range(5)]
    assert [b.path for b in list_backups(db)] == made[:-4:-1]  # newest first, 3 kept
    monkeypatch.setenv("REGISTRE_BACKUPS_KEPT", "not a number")
    assert backups_kept() == 10


def test_a_migration_backup_is_one_of_the_rotating_backups(tmp_path: Path) -> None:
    from storage.db import make_engine, to_url
    from storage.migrate import upgrade

    db = tmp_path / "ancien.db"
    engine = make_engine(to_url(str(db)))
    upgrade(engine, "0001")
    engine.dispose()
    register = open_register(str(db))
    register.close()
    (backup,) = list_backups(db)
    assert backup.reason == "migration" and backup.revision == "0001"
    assert backup.name.startswith("ancien.db.backup-0001-") and backup.name.endswith(
        "-migration")


# --- restore -------------------------------------------------------------------------------


def test_restore_puts_a_backup_back_and_can_be_undone(tmp_path: Path) -> None:
    db = tmp_path / "registre.db"
    _new_register(db, "A")
    first = make_backup(db, "manual")
    _new_register(db, "B")
    result = restore(db, first.name)
    assert result.restored.path == first and result.previous is not None
    assert _refs(db) == {"A"}
    assert not db.with_name("registre.db-wal").exists() or _refs(db) == {"A"}
    undone = restore(db, result.previous.name)  # the state before the restore
    assert _refs(db) == {"A", "B"}
    assert undone.previous is not None
    assert not list(tmp_path.glob(".registre.db.*"))  # no temporary file left
    latest = restore(db, None)  # the newest: the one made before the undo
    assert latest.restored.path == undone.previous and _refs(db) == {"A"}


def test_restore_over_a_register_with_a_pending_wal(tmp_path: Path) -> None:
    db = tmp_path / "registre.db"
    _new_register(db, "A")
    first = make_backup(db, "manual")
    register = open_register(str(db))
    _add(register, "B")
    # a writer that went away without checkpointing: its WAL stays next to the file
    writer = sqlite3.connect(db)
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("UPDATE activity SET name = 'changed in the WAL'")
    writer.commit()
    register.close()
    wal = db.with_name("registre.db-wal")
    assert wal.exists() and wal.stat().st_size > 0
    result = restore(db, first.name)
    writer.close()
    assert _refs(db) == {"A"}
    assert result.previous is not None
    with sqlite3.connect(result.previous) as previous:
        assert previous.execute("SELECT count(*) FROM activity WHERE name = "
                                "'changed in the WAL'").fetchone() == (2,)


def test_restore_refuses_an_unknown_or_damaged_backup(tmp_path: Path) -> None:
    db = tmp_path / "registre.db"
    _new_register(db, "A")
    with pytest.raises(BackupError) as missing:
        restore(db, "registre.db.backup-0001-20200101-000000-daily")
    assert missing.value.code == "backup.not_found"
    damaged = make_backup(db, "manual")
    data = damaged.read_bytes()
    damaged.write_bytes(data[:4096] + os.urandom(len(data) - 4096))
    before = db.read_bytes()
    with pytest.raises(BackupError) as refused:
        restore(db, damaged.name)
    assert refused.value.code == "backup.damaged"
    assert db.read_bytes() == before
    with pytest.raises(BackupError) as none:
        restore(tmp_path / "autre.db", None)
    assert none.value.code == "backup.none"


def test_restore_is_refused_while_the_register_is_open(tmp_path: Path) -> None:
    db = tmp_path / "registre.db"
    _new_register(db, "A")
    backup = make_backup(db, "manual")
    register = open_register(str(db))
    try:
        with pytest.raises(BackupError) as here:
            restore(db, backup.name)
        assert here.value.code == "backup.in_use"
    finally:
        register.close()
    with _other_instance(db, "window"):
        with pytest.raises(BackupError) as elsewhere:
            restore(db, backup.name)
        assert elsewhere.value.code == "storage.locked"
        assert elsewhere.value.params["pid"] != os.getpid()


# --- one instance at a time ------------------------------------------------------------------


class _other_instance:
    """Another process that opens the register and keeps it open."""

    SCRIPT = ("import sys, time\nfrom storage.register import open_register\n"
              "r = open_register(sys.argv[1], kind=sys.argv[2])\nprint('open', flush=True)\n"
              "sys.stdin.read()\nr.close()\n")

    def __init__(self, db: Path, kind: str) -> None:
        self.args = [sys.executable, "-c", self.SCRIPT, str(db), kind]

    def __enter__(self) -> subprocess.Popen[str]:
        self.process = subprocess.Popen(self.args, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True,
                                        env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert self.process.stdout is not None
        assert self.process.stdout.readline() == "open\n"
        return self.process

    def __exit__(self, *exc: object) -> None:
        if self.process.stdin is not None and not self.process.stdin.closed:
            self.process.stdin.close()  # it closes the register and ends
        self.process.wait(timeout=30)
        if self.process.stdout is not None:
            self.process.stdout.close()


def test_the_lock_is_per_process_reentrant_and_released_on_close(tmp_path: Path) -> None:
    db = tmp_path / "registre.db"
    first = open_register(str(db))
    second = open_register(str(db))
    lock_file = tmp_path / "registre.db.lock"
    info = json.loads(lock_file.read_text(encoding="utf-8"))
    assert info["pid"] == os.getpid() and info["user"] and info["host"]
    assert first.lock_holder is None and second.lock_holder is None
    first.close()
    assert lock_file.exists()
    second.close()
    assert not lock_file.exists()


def test_a_second_instance_is_told_who_has_the_register(tmp_path: Path) -> None:
    db = tmp_path / "registre.db"
    _new_register(db, "A")
    with _other_instance(db, "window") as other:
        register = open_register(str(db))
        try:
            assert register.lock_holder is not None
            assert register.lock_holder.pid == other.pid
            assert register.lock_holder.kind == "window"
            with register.uow() as uow:  # reading proceeds
                assert [a.ref for a in uow.activities.list()] == ["A"]
            with pytest.raises(StorageError) as refused:
                register.claim()  # a window: refused at once
            assert refused.value.code == "storage.locked"
            assert refused.value.params["pid"] == other.pid
        finally:
            register.close()
        assert (tmp_path / "registre.db.lock").exists()  # still the other's
    assert not (tmp_path / "registre.db.lock").exists()


def test_a_writer_waits_for_another_command_to_finish(tmp_path: Path) -> None:
    db = tmp_path / "registre.db"
    _new_register(db, "A")
    with _other_instance(db, "command") as other:
        register = open_register(str(db))
        try:
            assert register.lock_holder is not None
            with pytest.raises(StorageError):
                register.claim(wait=0.2)
            other.stdin.close()  # type: ignore[union-attr]  # it finishes
            register.claim(wait=30)
            assert register.lock_holder is None and lock.holds(db)
        finally:
            register.close()


def test_a_stale_lock_is_taken_over(tmp_path: Path) -> None:
    db = tmp_path / "registre.db"
    _new_register(db, "A")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    stale = {"pid": int(dead.stdout), "host": os.uname().nodename, "user": "ancien",
             "since": "2026-01-01T08:00:00", "kind": "window"}
    (tmp_path / "registre.db.lock").write_text(json.dumps(stale), encoding="utf-8")
    register = open_register(str(db))
    try:
        assert register.lock_holder is None
        assert json.loads((tmp_path / "registre.db.lock").read_text())["pid"] == os.getpid()
    finally:
        register.close()


def test_an_upgrade_waits_for_the_other_instance(tmp_path: Path) -> None:
    from storage.db import make_engine, to_url
    from storage.migrate import upgrade

    db = tmp_path / "ancien.db"
    engine = make_engine(to_url(str(db)))
    upgrade(engine, "0001")
    engine.dispose()
    script = ("import sys\nfrom storage import lock\nfrom pathlib import Path\n"
              "lock.acquire(Path(sys.argv[1]), 'window')\nprint('open', flush=True)\n"
              "sys.stdin.read()\n")
    with subprocess.Popen([sys.executable, "-c", script, str(db)], stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}) as other:
        assert other.stdout is not None and other.stdout.readline() == "open\n"
        with pytest.raises(StorageError) as refused:
            open_register(str(db))
        assert refused.value.code == "storage.locked_upgrade"
        assert not lock.holds(db)
        other.communicate("", timeout=30)
    open_register(str(db)).close()  # alone again: upgraded


def test_the_lock_goes_when_the_process_ends_without_closing(tmp_path: Path) -> None:
    db = tmp_path / "registre.db"
    subprocess.run([sys.executable, "-c", "import sys\nfrom storage.register import "
                    "open_register\nopen_register(sys.argv[1])\n", str(db)], check=True,
                   env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert db.exists() and not (tmp_path / "registre.db.lock").exists()


# --- damaged register files ----------------------------------------------------------------


def _damaged(tmp_path: Path, how: str) -> Path:
    db = tmp_path / "registre.db"
    _new_register(db, *[f"A{n}" for n in range(30)])
    data = db.read_bytes()
    if how == "truncated":
        db.write_bytes(data[: len(data) // 2 + 100])
    elif how == "truncated-at-a-page":
        db.write_bytes(data[: 4096 * 3])
    elif how == "random-after-header":
        db.write_bytes(data[:100] + os.urandom(len(data) - 100))
    elif how == "header-only":
        db.write_bytes(data[:100])
    return db


@pytest.mark.parametrize("how", ["truncated", "truncated-at-a-page", "random-after-header",
                                 "header-only"])
def test_a_damaged_register_is_refused_at_open(tmp_path: Path, how: str) -> None:
    db = _damaged(tmp_path, how)
    before = db.read_bytes()
    with pytest.raises(StorageError) as refused:
        open_register(str(db)).close()
    assert refused.value.code == "storage.corrupt"
    assert db.read_bytes() == before
    assert not lock.holds(db) and not (tmp_path / "registre.db.lock").exists()


def test_damage_deep_in_the_file_is_found_by_the_daily_backup(tmp_path: Path) -> None:
    db = tmp_path / "registre.db"
    _new_register(db, *[f"A{n:03d}" for n in range(300)])
    good = make_backup(db, "manual", now=datetime.now() - timedelta(days=2))
    with sqlite3.connect(db) as connection:
        (page_size,) = connection.execute("PRAGMA page_size").fetchone()
        (root,) = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'activity'").fetchone()
    data = bytearray(db.read_bytes())
    assert len(data) // page_size > root + 2
    # garbage in the middle of the activity table's pages, not in its root or the schema
    start = (len(data) // page_size - 2) * page_size
    data[start + 8:start + page_size] = os.urandom(page_size - 8)
    db.write_bytes(bytes(data))
    _yesterday(db)
    with pytest.raises(RegistreError) as refused:
        open_register(str(db)).close()
    assert refused.value.code == "storage.corrupt"
    assert [b.path for b in list_backups(db)] == [good]  # no damaged copy in the rotation
    assert not list(tmp_path.glob(".*partial"))
