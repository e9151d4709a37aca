"""Loading an inventory into a group's register on PostgreSQL vs psql's ``\\copy`` of the
same file into a bare table plus its unique index (the floor of any load).

Starts a throwaway PostgreSQL server (tests/pgserver.py), generates the CSV of
benchmarks/inventory_load.py (an id and three date columns, ids in random order), then
alternately, ``--repeat`` times:
1. psql ``\\copy`` into a new four-column table (text id, three dates), then ``CREATE UNIQUE
   INDEX`` on the id: the floor;
2. ``storage.inventory.load_inventory`` into a fresh register database (migrated, one
   activity): validation of every cell, the unique index, the inventory's range, the audit.
Prints each pair, the median ratio of wall-clock times, and the peak memory of this process.

    .venv/bin/python benchmarks/postgres_load.py [--rows N] [--repeat K]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from inventory_load import write_csv

from domain import services
from domain.model import Entity, ProcessingActivity
from storage.inventory import InventorySpec, load_inventory
from storage.register import open_register
from tests.pgserver import PostgresServer, start_server

FLOOR_TABLE = "CREATE TABLE t (record_id text, birth date, last_stay date, death date)"


def time_floor(server: PostgresServer, csv_path: Path) -> tuple[float, float]:
    """(copy, index) seconds: psql's \\copy into a bare table, then its unique index."""
    database = server.new_database()
    try:
        server_psql = server.bin / "psql"
        psql = str(server_psql) if server_psql.exists() else shutil.which("psql")
        if psql is None:
            raise SystemExit("psql is missing: apt-get install -y postgresql-client")
        base = [psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
                "-p", str(server.port), "-U", server.user, "-d", database]
        subprocess.run([*base, "-c", FLOOR_TABLE], check=True)
        start = time.perf_counter()
        subprocess.run([*base, "-c", f"\\copy t FROM '{csv_path}' WITH (FORMAT csv, HEADER)"],
                       check=True)
        copied = time.perf_counter() - start
        start = time.perf_counter()
        subprocess.run([*base, "-c", "CREATE UNIQUE INDEX t_id ON t (record_id)"], check=True)
        return copied, time.perf_counter() - start
    finally:
        server.drop_database(database)


def time_load(server: PostgresServer, template: str, csv_path: Path) -> tuple[float, int]:
    """(seconds, records) of load_inventory into a fresh register database."""
    database = server.new_database(template)
    register = open_register(server.url(database), actor="bench")
    try:
        owner = services.add_entity(register.uow(), Entity(name="GHT Bench"))
        assert owner.id is not None
        activity = services.add_activity(
            register.uow(), ProcessingActivity(owner.id, "SOIN-01", "Dossier patient"),
            date(2026, 11, 29))
        assert activity.id is not None
        spec = InventorySpec(activity_id=activity.id, category="health")
        start = time.perf_counter()
        result = load_inventory(register.engine, csv_path, spec, actor="bench")
        return time.perf_counter() - start, result.records
    finally:
        register.close()
        server.drop_database(database)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="postgres-bench-"))
    server = start_server()
    try:
        template = "registre_template"
        server.admin(f"CREATE DATABASE {template}")
        open_register(server.url(template)).close()  # the migrations, once
        csv_path = folder / "inventory.csv"
        start = time.perf_counter()
        write_csv(csv_path, args.rows)
        print(f"generated {args.rows:,} rows ({csv_path.stat().st_size / 1e6:.0f} MB) "
              f"in {time.perf_counter() - start:.1f} s")
        ratios = []
        for run in range(1, args.repeat + 1):
            copied, indexed = time_floor(server, csv_path)
            loaded, records = time_load(server, template, csv_path)
            assert records == args.rows, records
            ratios.append(loaded / (copied + indexed))
            print(f"run {run}: psql \\copy {copied:6.2f} s + unique index {indexed:5.2f} s"
                  f"  load_inventory {loaded:6.2f} s  ratio {ratios[-1]:.2f}x")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{args.rows:,} records loaded on PostgreSQL; peak memory of this process "
              f"{peak:.0f} MB")
        print(f"ratio: {statistics.median(ratios):.2f}x wall-clock "
              f"(runs {min(ratios):.2f}-{max(ratios):.2f}; target <= 3x)")
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
