"""Crash safety: a process killed (SIGKILL) in the middle of an inventory load of 1.5 million
rows, an import, an export or a migration leaves a register that opens, passes
``PRAGMA integrity_check``, and holds exactly the state before (or exactly the state after),
and never a half-written export file.

Each child process is told, by a hook in its own code, to say where it is; the test kills
it right then, so the kill lands inside the transaction (or the file write) every time.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from domain import services
from domain.model import ProcessingActivity
from storage.db import make_engine, to_url
from storage.importer import import_register
from storage.inventory import InventorySpec, load_inventory
from storage.migrate import current_revision, head_revision, upgrade
from storage.register import open_register
from tests.builders import entity

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 29)
BIG_INVENTORY_ROWS = 1_500_000


def _kill_when(script: str, marker: str, *args: str, wait: tuple[Path, str] | None = None
               ) -> None:
    """Run ``script`` in a child Python; SIGKILL it when it prints a line starting with
    ``marker`` (or, with ``wait`` = (folder, pattern), as soon as a file matching the pattern
    is there and not empty)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, env=env) as child:
        assert child.stdout is not None
        try:
            if wait is not None:
                deadline = time.monotonic() + 60
                while not any(p.stat().st_size > 0 for p in wait[0].glob(wait[1])):
                    assert child.poll() is None, child.communicate()
                    assert time.monotonic() < deadline
                    time.sleep(0.002)
            else:
                for line in child.stdout:
                    if line.startswith(marker):
                        break
                else:
                    raise AssertionError(f"the child ended before {marker!r}: "
                                         f"{child.communicate()}")
            child.send_signal(signal.SIGKILL)
        finally:
            child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL


def _whole(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []


def _activities(path: Path) -> set[str]:
    register = open_register(str(path))
    try:
        assert register.lock_holder is None  # the killed child's lock was stale
        with register.uow() as uow:
            refs = {a.ref for a in uow.activities.list()}
        assert register.verify_audit() == []
        return refs
    finally:
        register.close()


def _register_with_activity(path: Path) -> int:
    register = open_register(str(path), actor="dpo")
    try:
        owner = services.add_entity(register.uow(), entity())
        assert owner.id is not None
        stored = services.add_activity(
            register.uow(), ProcessingActivity(owner.id, "SOIN-01", "Dossier patient"), TODAY)
        assert stored.id is not None
        return stored.id
    finally:
        register.close()


# --- an inventory load of 1.5 million rows ------------------------------------------------


@pytest.fixture(scope="session")
def big_inventory(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """1.5 million records, written once per test session (about 45 MB)."""
    path = tmp_path_factory.mktemp("inventory") / "dpi-1.5M.csv"
    with path.open("w", encoding="ascii", newline="") as out:
        out.write("id,birth,last_stay\n")
        step = 250_000
        for start in range(0, BIG_INVENTORY_ROWS, step):
            out.write("".join([f"P{n:07d},1960-01-01,2024-01-15\n"
                               for n in range(start, start + step)]))
    return path


KILLED_LOAD = """
import sys
from pathlib import Path
from storage.inventory import InventorySpec, load_inventory
from storage.register import open_register
db, activity, csv, after = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
register = open_register(db, actor="dpo")
def progress(rows):
    if rows >= after:
        print("inserted", rows, flush=True)
load_inventory(register.engine, Path(csv), InventorySpec(activity_id=activity,
               category="health"), actor="dpo", progress=progress)
print("finished", flush=True)
"""


def test_an_inventory_load_of_1_5_million_rows_killed_midway(tmp_path: Path,
                                                              big_inventory: Path) -> None:
    db = tmp_path / "registre.db"
    activity = _register_with_activity(db)
    previous = tmp_path / "v1.csv"
    previous.write_text("id,last_stay\nA,2020-01-01\nB,2020-02-01\n", encoding="utf-8")
    engine = make_engine(to_url(str(db)))
    load_inventory(engine, previous, InventorySpec(activity_id=activity, category="health"),
                   actor="dpo")
    engine.dispose()
    with sqlite3.connect(db) as connection:
        before = connection.execute("SELECT * FROM inventory ORDER BY id").fetchall()

    _kill_when(KILLED_LOAD, "inserted", str(db), str(activity), str(big_inventory), "100000")

    _whole(db)
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT * FROM inventory ORDER BY id").fetchall() == before
        assert connection.execute(
            "SELECT record_id, d0 FROM inventory_record ORDER BY record_id").fetchall() == [
            ("A", "2020-01-01"), ("B", "2020-02-01")]
    assert _activities(db) == {"SOIN-01"}


# --- an import ---------------------------------------------------------------------------------


KILLED_IMPORT = """
import sys
from datetime import date
from pathlib import Path
import storage.importer as importer
from storage.register import open_register
db, csv = sys.argv[1], sys.argv[2]
add = importer.services.add_activity
count = 0
def counting(*args, **kwargs):
    global count
    count += 1
    if count == 200:
        print("stored", count, flush=True)
    return add(*args, **kwargs)
importer.services.add_activity = counting
register = open_register(db, actor="dpo")
importer.import_register(register, Path(csv), today=date(2026, 11, 29))
print("finished", flush=True)
"""


def _flat_register(path: Path, count: int, prefix: str) -> Path:
    lines = ["Ref;Nom du traitement;Finalité;Base légale"]
    lines += [f"{prefix}-{n:05d};Traitement {n};Finalité {n};A6-1-e" for n in range(count)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_an_import_killed_midway_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "registre.db"
    register = open_register(str(db), actor="dpo")
    try:
        import_register(register, _flat_register(tmp_path / "v1.csv", 3, "OLD"), today=TODAY)
    finally:
        register.close()
    before = _activities(db)
    big = _flat_register(tmp_path / "groupe.csv", 600, "NEW")

    _kill_when(KILLED_IMPORT, "stored", str(db), str(big))

    _whole(db)
    assert _activities(db) == before == {"OLD-00000", "OLD-00001", "OLD-00002"}


# --- an export ---------------------------------------------------------------------------------


KILLED_EXPORT = """
import os, sys, time
from datetime import date
from pathlib import Path
from storage.export import export_register
from storage.register import open_register
db, target, where = sys.argv[1], sys.argv[2], sys.argv[3]
if where == "before-replace":
    replace = os.replace
    def announced(source, destination):
        print("replacing", flush=True)
        time.sleep(60)
        replace(source, destination)
    os.replace = announced
register = open_register(db)
export_register(register, Path(target), as_of=date(2026, 11, 29))
print("finished", flush=True)
"""


@pytest.fixture(scope="module")
def exported_register(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    db = tmp_path_factory.mktemp("export") / "registre.db"
    register = open_register(str(db), actor="dpo")
    try:
        import_register(register, _flat_register(db.with_name("groupe.csv"), 300, "EXP"),
                        today=TODAY)
    finally:
        register.close()
    yield db


@pytest.mark.parametrize("where", ["while-writing", "before-replace"])
@pytest.mark.parametrize("previous", [True, False])
def test_an_export_killed_midway_leaves_the_previous_file_or_none(
        tmp_path: Path, exported_register: Path, where: str, previous: bool) -> None:
    target = tmp_path / "inspection.xlsx"
    if previous:
        workbook = Workbook()
        workbook.active.title = "Ancien"  # type: ignore[union-attr]
        workbook.save(target)
    before = target.read_bytes() if previous else None

    if where == "while-writing":
        _kill_when(KILLED_EXPORT, "", str(exported_register), str(target), where,
                   wait=(tmp_path, ".inspection.xlsx.*.tmp"))
    else:
        _kill_when(KILLED_EXPORT, "replacing", str(exported_register), str(target), where)

    if before is None:
        assert not target.exists()
    else:
        assert target.read_bytes() == before
        with zipfile.ZipFile(target) as archive:
            assert archive.testzip() is None
        assert load_workbook(target, read_only=True).sheetnames == ["Ancien"]
    _whole(exported_register)


# --- a migration -------------------------------------------------------------------------------


KILLED_MIGRATION = """
import sys, time
from sqlalchemy import Engine, event
from storage.register import open_register
db, at = sys.argv[1], int(sys.argv[2])
seen = 0
@event.listens_for(Engine, "before_cursor_execute")
def count(connection, cursor, statement, parameters, context, executemany):
    global seen
    if statement.startswith(("CREATE", "DROP", "ALTER", "INSERT", "UPDATE")):
        seen += 1
        if seen == at:
            print("at", seen, statement.split("(")[0][:60], flush=True)
            time.sleep(60)
open_register(db)
print("finished", seen, flush=True)
"""


def _schema(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as connection:
        return connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
        ).fetchall()


@pytest.fixture(scope="module")
def old_register(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A register made at revision 0001, with 2,000 activities."""
    path = tmp_path_factory.mktemp("old") / "ancien.db"
    engine = make_engine(to_url(str(path)))
    upgrade(engine, "0001")
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO entity (name, siren, finess, address, group_name, dpo, representative,"
            " version) VALUES ('CH de Valmont', '', '', '', '', '{}', '{}', 1)")
        connection.exec_driver_sql(
            "INSERT INTO activity (entity_id, ref, name, role, status, department, owner, "
            "purpose, sub_purposes, data_subjects, data_sources, systems, joint_controllers, "
            "controllers_acted_for, dpia_criteria, dpia_mandatory_type, dpia_reference, "
            "dpia_notes, version) VALUES " + ", ".join(
                f"(1, 'RH-{n:04d}', 'Paie {n}', 'controller', 'validated', '', '{{}}', "
                f"'Payer', '[]', '[]', '[]', '[]', '[]', '[]', '[]', '', '', '', 1)"
                for n in range(2_000)))
    engine.dispose()
    return path


# the kill lands on the 1st, a middle and the last statement of the upgrade (counted once)
@pytest.mark.parametrize("point", ["first", "middle", "last"])
def test_a_migration_killed_midway_leaves_the_old_register(
        tmp_path: Path, old_register: Path, point: str) -> None:
    db = tmp_path / "ancien.db"
    db.write_bytes(old_register.read_bytes())
    schema = _schema(db)
    total = _statements_in_upgrade(old_register, tmp_path)
    at = {"first": 1, "middle": max(1, total // 2), "last": total}[point]

    _kill_when(KILLED_MIGRATION, "at", str(db), str(at))

    _whole(db)
    assert _schema(db) == schema  # exactly the old schema: nothing half-done
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [
            ("0001",)]
        assert connection.execute("SELECT count(*) FROM activity").fetchone() == (2_000,)
    engine = make_engine(to_url(str(db)))
    try:
        assert current_revision(engine) == "0001"
    finally:
        engine.dispose()
    # and it upgrades on the next open, after a backup, with every activity
    assert len(_activities(db)) == 2_000
    engine = make_engine(to_url(str(db)))
    try:
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


_TOTALS: dict[Path, int] = {}


def _statements_in_upgrade(old: Path, tmp_path: Path) -> int:
    """How many statements the upgrade of ``old`` runs (once per session)."""
    if old not in _TOTALS:
        copy = tmp_path / "count.db"
        copy.write_bytes(old.read_bytes())
        done = subprocess.run([sys.executable, "-c", KILLED_MIGRATION, str(copy), "0"],
                              capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
        _TOTALS[old] = int(done.stdout.split()[-1])
        copy.unlink()
    return _TOTALS[old]
