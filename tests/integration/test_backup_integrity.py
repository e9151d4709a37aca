"""The audit chain over a long history (100,000 entries) is verified fast, and still finds
one altered entry among them."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import SimpleNamespace

import pytest

from storage.audit import GENESIS, AuditProblem, entry_hash
from storage.register import open_register

ENTRIES = 100_000
COLUMNS = ("at", "actor", "action", "object_type", "object_key", "field", "old_value",
           "new_value", "prev_hash", "hash")


@pytest.fixture(scope="module")
def long_history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("audit") / "registre.db"
    open_register(str(db)).close()
    rows = []
    previous = GENESIS
    for n in range(1, ENTRIES + 1):
        entry = SimpleNamespace(
            at=f"2026-01-{1 + n % 28:02d}T08:00:00.{n % 1_000_000:06d}+00:00", actor="dpo",
            action="update", object_type="activity", object_key=f"RH-{n % 500:03d}",
            field="purpose", old_value=f'"ancienne {n}"', new_value=f'"nouvelle {n}"',
            prev_hash=previous, hash="")
        entry.hash = entry_hash(entry)  # type: ignore[arg-type]
        previous = entry.hash
        rows.append(tuple(getattr(entry, c) for c in COLUMNS))
    with sqlite3.connect(db) as connection:
        connection.executemany(
            f"INSERT INTO audit_entry ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * 10)})",
            rows)
        # written behind the application's back: move the chain head as an append would
        connection.execute("UPDATE audit_head SET last_id = ?, last_hash = ?",
                           (ENTRIES, previous))
    return db


def test_100000_untouched_entries_verify_clean(long_history: Path) -> None:
    register = open_register(str(long_history))
    try:
        assert register.audit_count() == ENTRIES
        assert register.verify_audit() == []
    finally:
        register.close()


def test_one_altered_entry_among_100000_is_found(long_history: Path, tmp_path: Path) -> None:
    db = tmp_path / "registre.db"
    db.write_bytes(long_history.read_bytes())
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE audit_entry SET new_value = '\"falsifiée\"' WHERE id = 61234")
    register = open_register(str(db))
    try:
        assert register.verify_audit() == [AuditProblem(61234, "altered")]
    finally:
        register.close()
