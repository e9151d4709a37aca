"""Loading an inventory of N records vs the sqlite3 shell's ``.import`` of the same CSV.

Generates a CSV (id + 3 date columns, ISO dates, some empty; ids in random order, as an
extract sorted by something else than the id would give), then times:
1. ``sqlite3 FILE.db ".mode csv" ".import FILE.csv t"`` into a plain table of a new file;
2. ``storage.inventory.load_inventory`` into a fresh register (migrated, one activity).
The two are run alternately ``--repeat`` times (these machines are noisy); prints each
pair, the median ratio of wall-clock times, the median ratio of CPU times (the shell's
user+system time as a child process; this process's time for the load, SQLite's sorting
threads included), and the peak memory of this process.

    .venv/bin/python benchmarks/inventory_load.py [--rows N] [--repeat K] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
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

from domain import services
from domain.model import Entity, ProcessingActivity
from storage.inventory import InventorySpec, load_inventory
from storage.register import open_register


def write_csv(path: Path, rows: int, seed: int = 1) -> None:
    rnd = random.Random(seed)
    ids = list(range(rows))
    rnd.shuffle(ids)
    base = date(1940, 1, 1).toordinal()
    days = [date.fromordinal(base + n).isoformat() for n in range(30_000)]
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("record_id,birth,last_stay,death\n")
        for number in ids:
            last = days[rnd.randrange(30_000)] if rnd.random() < 0.95 else ""
            death = days[rnd.randrange(30_000)] if rnd.random() < 0.10 else ""
            out.write(f"IPP{number:09d},{days[rnd.randrange(30_000)]},{last},{death}\n")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_shell_import(csv_path: Path, folder: Path) -> tuple[float, float]:
    """(wall, cpu) seconds of the sqlite3 shell's .import into a new file."""
    shell = shutil.which("sqlite3")
    if shell is None:
        raise SystemExit("the sqlite3 shell is missing: apt-get install -y sqlite3")
    target = folder / "shell.db"
    target.unlink(missing_ok=True)
    cpu = _children_cpu()
    start = time.perf_counter()
    subprocess.run([shell, str(target), ".mode csv", f".import {csv_path} t"], check=True)
    return time.perf_counter() - start, _children_cpu() - cpu


def time_load(csv_path: Path, folder: Path, id_column: str | None = None
              ) -> tuple[float, float, int]:
    """(wall, cpu, records) of load_inventory into a new register."""
    for old in folder.glob("registre.db*"):
        old.unlink()
    register = open_register(str(folder / "registre.db"), actor="bench")
    try:
        owner = services.add_entity(register.uow(), Entity(name="CH Bench"))
        assert owner.id is not None
        activity = services.add_activity(
            register.uow(), ProcessingActivity(owner.id, "SOIN-01", "Dossier patient"),
            date(2026, 11, 29),
        )
        assert activity.id is not None
        spec = InventorySpec(activity_id=activity.id, category="health", id_column=id_column)
        cpu = time.process_time()
        start = time.perf_counter()
        result = load_inventory(register.engine, csv_path, spec, actor="bench")
        elapsed = time.perf_counter() - start
        cpu = time.process_time() - cpu
    finally:
        register.close()
    return elapsed, cpu, result.records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep the files")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="inventory-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        csv_path = folder / "inventory.csv"
        start = time.perf_counter()
        write_csv(csv_path, args.rows)
        print(f"generated {args.rows:,} rows ({csv_path.stat().st_size / 1e6:.1f} MB) "
              f"in {time.perf_counter() - start:.1f} s")
        walls, cpus = [], []
        for run in range(1, args.repeat + 1):
            shell_wall, shell_cpu = time_shell_import(csv_path, folder)
            load_wall, load_cpu, records = time_load(csv_path, folder)
            assert records == args.rows, records
            walls.append(load_wall / shell_wall)
            cpus.append(load_cpu / shell_cpu)
            print(f"run {run}: sqlite3 shell .import {shell_wall:5.2f} s (cpu {shell_cpu:5.2f})"
                  f"  load_inventory {load_wall:5.2f} s (cpu {load_cpu:5.2f})"
                  f"  ratio {walls[-1]:.2f}x (cpu {cpus[-1]:.2f}x)")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{args.rows:,} records loaded; peak memory of this process {peak:.0f} MB")
        print(f"ratio: {statistics.median(walls):.2f}x wall-clock "
              f"(runs {min(walls):.2f}-{max(walls):.2f}), "
              f"{statistics.median(cpus):.2f}x cpu (runs {min(cpus):.2f}-{max(cpus):.2f})")
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
