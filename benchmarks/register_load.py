"""Reading a group's whole register from storage: 50,000 activities of 120 establishments.

The activities are the 34 of the demo register (every field filled the way a DPO fills
them: legal bases, Art. 9 conditions, categories with their retention rule, recipients,
transfers, measures), copied into each of the 120 establishments under new references
until there are ROWS of them, and written in bulk (no audit: this is about reading).

Measures, in the same run, the median of three reads of:
  * registre: ``services.list_activities`` (every activity as a frozen domain object, with
    all its child rows), what the window reads off the GUI thread when it opens;
  * baseline: ``SELECT *`` of the activity table and of its six child tables into tuples,
    with the driver alone (sqlite3; psycopg on PostgreSQL);
and prints the ratio. ``--profile`` prints where the time of one read goes (cProfile).

    .venv/bin/python benchmarks/register_load.py [ROWS] [--db URL] [--profile]

Without ``--db`` the register is a temporary SQLite file; with a PostgreSQL URL (an empty
database) it is written there, and read back the same way.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import pstats
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, select

from domain import services
from domain.model import ProcessingActivity, Status
from storage.demo import demo_data
from storage.register import Register, open_register
from storage.repository import CHILD_TABLES, _activity_values, _child_rows
from storage.tables import ActivityRow, EntityRow

TABLES = ("activity", *(t.__tablename__ for t in CHILD_TABLES))  # type: ignore[attr-defined]


def group_activities(count: int, entity_ids: Sequence[int]) -> list[ProcessingActivity]:
    """``count`` activities spread over ``entity_ids``: the demo register's, copied."""
    _, templates = demo_data()
    out: list[ProcessingActivity] = []
    for n in range(count):
        template = templates[n % len(templates)]
        copy = n // len(templates)
        status = Status.VALIDATED if n % 3 == 0 else Status.DRAFT
        out.append(dataclasses.replace(
            template, entity_id=entity_ids[copy % len(entity_ids)],
            ref=f"{template.ref}-{copy // len(entity_ids) + 1:03d}",
            name=f"{template.name} ({copy % 97 + 1})", status=status))
    return out


def write_group(register: Register, establishments: int, count: int) -> None:
    """A group of ``establishments`` entities holding ``count`` activities, in bulk."""
    with register.uow() as uow:
        session = uow.session
        session.execute(insert(EntityRow), [
            {"name": f"Établissement {i:03d}", "group_name": "GHT de Valmont", "version": 1}
            for i in range(1, establishments + 1)])
        ids = list(session.execute(select(EntityRow.id).order_by(EntityRow.id)).scalars())  # type: ignore[arg-type]
        activities = group_activities(count, ids)
        for start in range(0, len(activities), 5_000):
            batch = activities[start:start + 5_000]
            session.execute(insert(ActivityRow), [
                {**_activity_values(a), "version": 1} for a in batch])
        stored = {(e, r): i for e, r, i in session.execute(
            select(ActivityRow.entity_id, ActivityRow.ref, ActivityRow.id))}  # type: ignore[call-overload]
        children: dict[type[Any], list[dict[str, Any]]] = {t: [] for t in CHILD_TABLES}
        for a in activities:
            for row in _child_rows(stored[(a.entity_id, a.ref)], a):
                children[type(row)].append(row.model_dump(exclude={"id"}))
        for table, rows in children.items():
            for start in range(0, len(rows), 20_000):
                session.execute(insert(table), rows[start:start + 20_000])
        uow.commit()


def baseline(register: Register) -> Callable[[], int]:
    """Every row of the activity table and of its child tables as tuples, driver alone."""
    path = register.url.database
    if register.url.get_backend_name() == "sqlite":
        assert path is not None

        def read_sqlite() -> int:
            connection = sqlite3.connect(path)
            try:
                return sum(len(connection.execute(f"SELECT * FROM {t}").fetchall())
                           for t in TABLES)
            finally:
                connection.close()
        return read_sqlite

    import psycopg

    dsn = register.url.set(drivername="postgresql").render_as_string(hide_password=False)

    def read_postgres() -> int:
        with psycopg.connect(dsn) as connection:
            return sum(len(connection.execute(f"SELECT * FROM {t}").fetchall())  # type: ignore[arg-type]
                       for t in TABLES)
    return read_postgres


def ours(register: Register) -> Callable[[], int]:
    def read() -> int:
        with register.uow() as uow:
            {e.id: e.name for e in uow.entities.list()}  # as the window reads
        return len(services.list_activities(register.uow()))
    return read


def timed(read: Callable[[], int]) -> tuple[float, int]:
    start = time.perf_counter()
    rows = read()
    return time.perf_counter() - start, rows


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("rows", nargs="?", type=int, default=50_000)
    parser.add_argument("--entities", type=int, default=120)
    parser.add_argument("--db", help="an empty PostgreSQL database (default: a SQLite file)")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        register = open_register(args.db or str(Path(folder) / "registre.db"))
        try:
            with register.uow() as uow:
                if uow.entities.list():
                    print(f"{register.location} is not empty", file=sys.stderr)
                    return 2
            start = time.perf_counter()
            write_group(register, args.entities, args.rows)
            written = time.perf_counter() - start
            backend = register.url.get_backend_name()
            print(f"{args.rows:,} activities of {args.entities} establishments on {backend}, "
                  f"written in {written:.1f} s")
            ours(register)()  # warm: imports, the first connection, the statement cache
            results: dict[str, list[float]] = {"registre": [], "baseline": []}
            for _ in range(3):
                for name, read in (("registre", ours(register)),
                                   ("baseline", baseline(register))):
                    seconds, _rows = timed(read)
                    results[name].append(seconds)
            registre = statistics.median(results["registre"])
            bare = statistics.median(results["baseline"])
            print(f"{'read the whole register':32}{'seconds':>9}")
            print(f"{'registre (list_activities)':32}{registre:>9.2f}   "
                  f"(spread {min(results['registre']):.2f}-{max(results['registre']):.2f})")
            print(f"{'baseline (SELECT * to tuples)':32}{bare:>9.2f}   "
                  f"(spread {min(results['baseline']):.2f}-{max(results['baseline']):.2f})")
            print(f"ratio: {registre / bare:.1f}x the bare read of the same tables")
            if args.profile:
                profile = cProfile.Profile()
                profile.runcall(ours(register))
                pstats.Stats(profile).sort_stats("cumulative").print_stats(30)
                pstats.Stats(profile).sort_stats("tottime").print_stats(20)
        finally:
            if args.db:
                with register.engine.begin() as connection:
                    for table in reversed(("entity", *TABLES)):
                        connection.exec_driver_sql(f"DELETE FROM {table}")
            register.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
