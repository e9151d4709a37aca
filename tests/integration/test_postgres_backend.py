"""What a shared register on PostgreSQL adds: writers at once, on one server.

Two DPOs saving the same activity: the second save is refused, never silently applied.
Many writers at once: the audit log's hash chain never forks (PostgreSQL has no database
write lock; the appends are serialised by an advisory lock), and rolled-back transactions
leave no gap in its ids. The check's SQL means the same on PostgreSQL as on SQLite. The
command line works on it as on a file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from hypothesis import given, settings

from domain import services
from domain.check import Pred, Stage, holds
from domain.errors import ConflictError, DuplicateError
from domain.model import ProcessingActivity
from gui.cli import main
from storage.check import POSTGRES, SqlNames, render
from storage.db import make_engine, to_url
from storage.migrate import alembic_config, current_revision, upgrade
from storage.register import Register, open_register
from storage.tables import metadata
from tests.builders import entity, full_activity
from tests.integration.conftest import MakeRegister
from tests.integration.test_check_sql import preds, records
from tests.pgserver import PostgresServer

TODAY = dt.date(2026, 11, 29)
ROOT = Path(__file__).resolve().parents[2]


def test_a_save_waiting_on_another_dpo_is_refused_when_the_first_commits(
        register: Register) -> None:
    """Both read version 1; the first saves (uncommitted yet); the second waits for it, then
    finds version 2 and is refused instead of overwriting."""
    owner = services.add_entity(register.uow(), entity())
    assert owner.id is not None
    opened = services.add_activity(register.uow(), full_activity(owner.id), TODAY)
    first = register.uow()
    with first:
        first.activities.update(_edited(opened, department="Cardiologie"))
        outcome: list[BaseException | None] = []

        def second_dpo() -> None:
            try:
                with register.uow() as second:
                    second.activities.update(_edited(opened, department="Pédiatrie"))
                    second.commit()
                outcome.append(None)
            except BaseException as error:
                outcome.append(error)

        waiting = threading.Thread(target=second_dpo)
        waiting.start()
        waiting.join(timeout=0.5)  # SQLite: refused at once (busy); PostgreSQL: waits
        first.commit()
    waiting.join(timeout=30)
    assert len(outcome) == 1 and outcome[0] is not None
    stored = services.get_activity(register.uow(), owner.id, opened.ref)
    assert stored.department == "Cardiologie" and stored.version == 2
    if register.url.get_backend_name() == "postgresql":
        assert isinstance(outcome[0], ConflictError)
    assert register.verify_audit() == []


def _edited(activity: ProcessingActivity, **changes: object) -> ProcessingActivity:
    return dataclasses.replace(activity, **changes)  # type: ignore[arg-type]


def test_two_writers_adding_the_same_name_at_once_get_a_duplicate_error(
        postgres_url: str) -> None:
    """Both find the name free; the second waits on the unique index for the first one's
    commit, then is refused with DuplicateError (not an internal error)."""
    register = open_register(postgres_url, actor="dpo")
    try:
        outcome: list[BaseException | None] = []
        with register.uow() as first:
            first.entities.add(entity("CH de Valmont"))

            def second_writer() -> None:
                try:
                    services.add_entity(register.uow(), entity("CH de Valmont"))
                    outcome.append(None)
                except BaseException as error:
                    outcome.append(error)

            waiting = threading.Thread(target=second_writer)
            waiting.start()
            waiting.join(timeout=0.5)
            assert waiting.is_alive()  # blocked on the unique index
            first.commit()
        waiting.join(timeout=30)
        assert len(outcome) == 1 and isinstance(outcome[0], DuplicateError)
        with register.uow() as uow:
            assert [e.name for e in uow.entities.list()] == ["CH de Valmont"]
        assert register.verify_audit() == []
    finally:
        register.close()


def test_rolled_back_writes_leave_no_gap_in_the_audit_log(register: Register) -> None:
    owner = services.add_entity(register.uow(), entity())
    assert owner.id is not None
    services.add_activity(register.uow(), ProcessingActivity(owner.id, "RH-01", "Paie"), TODAY)
    with register.uow() as uow:  # audited, then rolled back
        uow.activities.add(ProcessingActivity(owner.id, "RH-02", "Formation"))
    with pytest.raises(DuplicateError):
        services.add_activity(register.uow(), ProcessingActivity(owner.id, "RH-01", "x"), TODAY)
    services.add_activity(register.uow(), ProcessingActivity(owner.id, "RH-03", "Congés"), TODAY)
    entries = register.audit_entries()
    assert [e.id for e in entries] == list(range(1, len(entries) + 1))
    assert register.verify_audit() == []


def test_threads_writing_at_once_keep_one_chain(make_register: MakeRegister) -> None:
    """Eight threads add activities through their own units of work on one engine."""
    register = make_register()
    owner = services.add_entity(register.uow(), entity())
    assert owner.id is not None
    owner_id = owner.id

    def add(n: int) -> str:
        ref = f"T{n:03d}"
        for _attempt in range(50):  # SQLite may say "busy" past its timeout under load
            try:
                services.add_activity(register.uow(), ProcessingActivity(owner_id, ref, ref),
                                      TODAY)
                return ref
            except Exception as error:  # only SQLite's "database is locked" is retried
                if "locked" not in str(error):
                    raise
        raise AssertionError(f"{ref} never written")

    with ThreadPoolExecutor(max_workers=8) as pool:
        written = set(pool.map(add, range(80)))
    assert {a.ref for a in services.list_activities(register.uow())} == written
    assert len(written) == 80
    assert register.verify_audit() == []


WRITER = """
import sys
from gui.cli import main
db, writer = sys.argv[1], sys.argv[2]
for i in range(4):
    code = main(["--db", db, "activities", "add", "--ref", f"W{writer}-{i}", "--name", "x"])
    print(f"W{writer}-{i}" if code == 0 else f"failed {code}", flush=True)
"""


def test_four_processes_writing_to_one_postgresql_register(postgres_url: str) -> None:
    # The entity exists: two first runs that both create the default entity at once are
    # refused as a duplicate (next test), not yet retried by domain.services.default_entity.
    first = open_register(postgres_url)
    services.add_entity(first.uow(), entity("Mon établissement"))
    first.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, postgres_url, str(n)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=env) for n in range(4)]
    reported: set[str] = set()
    for process in writers:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        assert "failed" not in out, err
        reported |= set(out.split())  # the command prints the reference too
    register = open_register(postgres_url)
    try:
        with register.uow() as uow:
            stored = {a.ref for a in uow.activities.list()}
        assert stored == reported and len(stored) == 16
        assert register.verify_audit() == []
    finally:
        register.close()


@pytest.fixture(scope="module")
def predicate_table(postgres_server: PostgresServer) -> Iterator[psycopg.Connection]:
    """One connection to a scratch database with the columns the predicates read."""
    server = postgres_server
    name = server.new_database()
    connection = psycopg.connect(server.url(name).replace("+psycopg", ""), autocommit=True)
    connection.execute("CREATE TABLE r (n INTEGER, stage TEXT, d0 DATE, d1 DATE, d2 DATE)")
    yield connection
    connection.close()
    server.drop_database(name)


PG_COLUMNS = SqlNames({"a": "d0", "b": "d1", "c": "d2"}, dialect=POSTGRES)


@settings(max_examples=150, deadline=None)
@given(pred=preds, rows=records)
def test_postgresql_agrees_with_the_predicate(predicate_table: psycopg.Connection,
                                              pred: Pred, rows: list[tuple[object, ...]]) -> None:
    db = predicate_table
    db.execute("TRUNCATE r")
    with db.cursor() as cursor:
        cursor.executemany("INSERT INTO r VALUES (%s, %s, %s, %s, %s)", [
            (i, stage.value, a, b, c)  # type: ignore[attr-defined]
            for i, (a, b, c, stage) in enumerate(rows)])
    selected = {n for (n,) in db.execute(f"SELECT n FROM r WHERE {render(pred, PG_COLUMNS)}")}  # type: ignore[call-overload]
    expected = {i for i, (a, b, c, stage) in enumerate(rows)
                if holds(pred, {"a": a, "b": b, "c": c}, Stage(stage))}  # type: ignore[arg-type]
    assert selected == expected
    negated = {n for (n,) in db.execute(  # type: ignore[call-overload]
        f"SELECT n FROM r WHERE {render(pred, PG_COLUMNS, negate=True)}")}
    assert negated == set(range(len(rows))) - expected


def test_the_command_line_on_a_postgresql_register(postgres_url: str, tmp_path: Path) -> None:
    """Every feature of the command line, pointed at PostgreSQL with --db."""

    def run(*argv: str) -> tuple[int, str]:
        out, err = io.StringIO(), io.StringIO()
        code = main(["--db", postgres_url, *argv], today=TODAY, stdout=out, stderr=err)
        return code, out.getvalue() + err.getvalue()

    assert run("activities", "add", "--ref", "SOIN-01", "--name", "Dossier patient")[0] == 0
    assert run("rules", "set", "--activity", "SOIN-01", "--category", "health",
               "--delete-after", "last_stay + 1 month")[0] == 0
    inventory = tmp_path / "sejours.csv"
    inventory.write_text("id,last_stay\nA,2019-02-28\nB,2026-11-01\nC,2023-01-31\nD,\n",
                         encoding="utf-8")
    assert run("inventory", "import", str(inventory), "--activity", "SOIN-01",
               "--category", "health")[0] == 0
    assert run("holds", "add", "--activity", "SOIN-01", "--record", "C", "--from", "2023-02-01",
               "--reason", "recours")[0] == 0
    code, out = run("check", "--json")
    assert code == 1  # overdue records
    report = json.loads(out)
    assert report["totals"] == {"overdue": 1, "due_soon": 1, "archive_due": 0, "on_hold": 1,
                                "undetermined": 1, "ok": 0}
    assert report["groups"][0]["oldest_deadline"] == "2019-03-28"
    assert run("audit", "verify")[0] == 0
    workbook = tmp_path / "registre.xlsx"
    assert run("export", str(workbook))[0] == 0 and workbook.stat().st_size > 0


def test_the_migrations_one_by_one_on_postgresql_match_the_models(
        postgres_server: PostgresServer) -> None:
    """The same Alembic migrations build the PostgreSQL schema (render_as_batch is for
    SQLite; on PostgreSQL they are plain ALTERs), an old register with data is upgraded at
    open, and no file backup is attempted."""
    name = postgres_server.new_database()
    url = postgres_server.url(name)
    try:
        engine = make_engine(to_url(url))
        upgrade(engine, "0001")
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO entity (name, siren, finess, address, group_name, dpo, "
                "representative, version) VALUES ('CH de Valmont', '', '', '', '', '{}', '{}', 1)")
        scripts = [s.revision for s in ScriptDirectory.from_config(alembic_config())
                   .walk_revisions()][::-1]
        for revision in scripts[1:]:
            upgrade(engine, revision)
            assert current_revision(engine) == revision
        with engine.connect() as connection:
            assert compare_metadata(MigrationContext.configure(connection), metadata) == []
        engine.dispose()
        register = open_register(url)
        try:
            assert register.backup is None
            with register.uow() as uow:
                assert [e.name for e in uow.entities.list()] == ["CH de Valmont"]
        finally:
            register.close()
    finally:
        postgres_server.drop_database(name)
