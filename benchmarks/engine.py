"""The retention check against the record-by-record baseline, and the load against sqlite3.

    .venv/bin/python benchmarks/engine.py [--rows 1000000] [--as-of 2026-11-29] [--repeat 3]

Generates an inventory of synthetic patients (last stay, birth, death for some), loads it
into a fresh register and checks it with the medical-record rule (CSP R1112-7), both as
DESIGN.md writes it (min/max) and in the exact form of the template library (if/then).
Baselines measured in the same run:
- check: fetch every record and evaluate it in Python with dateutil's relativedelta;
- load: the sqlite3 shell's ``.import`` of the same CSV into a plain table.
Prints times, ratios, and whether the results are identical. No assertion on time.
``--repeat N`` loads the file N times and checks each rule N times, each time against a
baseline measured just before it (this machine is shared: ratios of the same moment, then
their median).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from dateutil.relativedelta import relativedelta

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.inventory_load import time_load
from domain import services
from domain.check import Status
from domain.model import DataCategoryUse, Entity, ProcessingActivity, RetentionRule
from storage.check import run_check
from storage.inventory import InventorySpec, load_inventory
from storage.register import open_register

MINMAX = "min(max(last_stay + 20 years, birth + 28 years), death? + 10 years)"
EXACT = ("if death? < last_stay + 10 years then death? + 10 years "
         "else max(last_stay + 20 years, birth + 28 years)")
HORIZON = 92


def generate(path: Path, rows: int, seed: int = 20261129) -> None:
    rnd = random.Random(seed)
    first, last = dt.date(1925, 1, 1).toordinal(), dt.date(2026, 11, 1).toordinal()
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["record_id", "last_stay", "birth", "death"])
        for i in range(rows):
            birth = rnd.randrange(first, last - 400)
            stay = rnd.randrange(max(birth, dt.date(1985, 1, 1).toordinal()), last)
            death = rnd.randrange(stay, last + 1) if rnd.random() < 0.12 else None
            writer.writerow([
                f"IPP{i:08d}",
                dt.date.fromordinal(stay).isoformat(),
                "" if rnd.random() < 0.01 else dt.date.fromordinal(birth).isoformat(),
                dt.date.fromordinal(death).isoformat() if death else "",
            ])


def baseline_check(db: Path, as_of: dt.date, exact: bool) -> tuple[Counter[str], dt.date | None]:
    """Record by record in Python with relativedelta: the way it is done without an engine."""
    import sqlite3

    y10, y20, y28 = relativedelta(years=10), relativedelta(years=20), relativedelta(years=28)
    soon = as_of + dt.timedelta(days=HORIZON)
    counts: Counter[str] = Counter()
    oldest: dt.date | None = None
    connection = sqlite3.connect(db)
    for stay_text, birth_text, death_text in connection.execute(
            "SELECT d0, d1, d2 FROM inventory_record"):
        stay = dt.date.fromisoformat(stay_text) if stay_text else None
        birth = dt.date.fromisoformat(birth_text) if birth_text else None
        death = dt.date.fromisoformat(death_text) if death_text else None
        if stay is None:
            counts["undetermined"] += 1
            continue
        if exact and death is not None and death < stay + y10:
            deadline = death + y10  # "dans tous les cas": the death clause
        elif birth is None:
            counts["undetermined"] += 1
            continue
        else:
            deadline = max(stay + y20, birth + y28)
            if not exact and death is not None:
                deadline = min(deadline, death + y10)
        if as_of > deadline:
            counts["overdue"] += 1
            oldest = deadline if oldest is None or deadline < oldest else oldest
        elif deadline <= soon:
            counts["due_soon"] += 1
        else:
            counts["ok"] += 1
    connection.close()
    return counts, oldest


def sqlite_import(csv_path: Path, folder: Path) -> float | None:
    shell = shutil.which("sqlite3")
    if shell is None:
        return None
    target = folder / "import.db"
    target.unlink(missing_ok=True)
    script = (".mode csv\nCREATE TABLE r (record_id TEXT, last_stay TEXT, birth TEXT, "
              f"death TEXT);\n.import --skip 1 {csv_path} r\n")
    start = time.perf_counter()
    subprocess.run([shell, str(target)], input=script, text=True, check=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--as-of", default="2026-11-29")
    parser.add_argument("--repeat", type=int, default=3,
                        help="load and check each rule this many times, each against its "
                        "baseline (then the median)")
    args = parser.parse_args()
    as_of = dt.date.fromisoformat(args.as_of)
    with tempfile.TemporaryDirectory(prefix="registre-bench-") as tmp:
        folder = Path(tmp)
        csv_path = folder / "patients.csv"
        generate(csv_path, args.rows)
        print(f"{args.rows:,} records, as of {as_of}, horizon {HORIZON} days")

        imported = sqlite_import(csv_path, folder)
        register = open_register(str(folder / "registre.db"), actor="bench")
        entity = services.add_entity(register.uow(), Entity(name="CH de Valmont"))
        assert entity.id is not None
        activity = services.add_activity(register.uow(), ProcessingActivity(
            entity.id, "SOIN-01", "Dossier patient", data_categories=(
                DataCategoryUse("health", retention=RetentionRule(delete_after=MINMAX)),)),
            as_of)
        assert activity.id is not None
        start = time.perf_counter()
        load_inventory(register.engine, csv_path,
                       InventorySpec(activity.id, "health", id_column="record_id"),
                       actor="bench")
        loaded = time.perf_counter() - start
        if imported is None:
            print(f"load: {loaded:.2f} s (sqlite3 shell not installed: no baseline)")
        else:
            print(f"load: {loaded:.2f} s vs sqlite3 .import {imported:.2f} s "
                  f"= {loaded / imported:.2f}x (target <= 3x)")
            loads = [loaded / imported]
            scratch = folder / "loads"
            scratch.mkdir()
            for _ in range(max(1, args.repeat) - 1):  # more pairs, into fresh registers
                imported = sqlite_import(csv_path, folder)
                assert imported is not None
                loaded = time_load(csv_path, scratch, id_column="record_id")[0]
                loads.append(loaded / imported)
                print(f"load: {loaded:.2f} s vs sqlite3 .import {imported:.2f} s "
                      f"= {loaded / imported:.2f}x (target <= 3x)")
            if len(loads) > 1:
                print(f"  {len(loads)} runs: {min(loads):.2f}-{max(loads):.2f}x, "
                      f"median {statistics.median(loads):.2f}x")

        db = Path(register.location)
        for name, rule in (("R1112-7 min/max (DESIGN.md)", MINMAX),
                           ("R1112-7 if/then (template SANTE-DM-01)", EXACT)):
            services.set_retention_rule(register.uow(), entity.id, "SOIN-01", "health",
                                        RetentionRule(delete_after=rule), as_of)
            ratios = []
            for _ in range(max(1, args.repeat)):
                start = time.perf_counter()
                expected, expected_oldest = baseline_check(db, as_of, exact=rule == EXACT)
                slow = time.perf_counter() - start
                start = time.perf_counter()
                result, _ = run_check(register.engine, as_of, HORIZON)
                fast = time.perf_counter() - start
                (group,) = result.groups
                got = Counter({s.value: n for s, n in group.counts.items() if n})
                same = got == +expected and group.oldest_deadline == expected_oldest
                ratios.append(slow / fast)
                print(f"check, {name}: {fast:.2f} s vs record by record {slow:.2f} s "
                      f"= {slow / fast:.1f}x faster (target >= 20x); identical: {same}")
                if not same:
                    print(f"  engine:   {dict(got)} oldest {group.oldest_deadline}")
                    print(f"  baseline: {dict(expected)} oldest {expected_oldest}")
            overdue = group.counts.get(Status.OVERDUE, 0)
            print(f"  overdue {overdue:,}, oldest deadline {group.oldest_deadline}")
            if len(ratios) > 1:
                print(f"  {len(ratios)} runs: {min(ratios):.1f}-{max(ratios):.1f}x, "
                      f"median {statistics.median(ratios):.1f}x")
        register.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
