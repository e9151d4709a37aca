"""Writing activities: importing a flat register, and adding activities one by one.

A DPO's register of N activities (default 5,000) as a flat CSV (one activity per row,
French headers: reference, name, purpose, legal basis, people, data categories, recipients,
retention, security measures), and the demo register's 34 activities copied under new
references until there are N of them.

Measures, in the same run, on a fresh SQLite register each time:
  * import: ``import_register`` of the CSV (read, checked, stored through the services with
    their audit entries, in one transaction);
  * add: ``services.add_activity`` of the N demo copies, one transaction (and one audited
    action) each, as the window and the command line add them;
  * baseline: the same activity rows and child rows inserted with the driver alone
    (sqlite3 ``executemany``, one transaction, no audit, no checks);
and prints each against the baseline. ``--profile`` prints where the import's time goes.

    .venv/bin/python benchmarks/register_write.py [N] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import dataclasses
import pstats
import sqlite3
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from domain import services
from domain.model import Entity, ProcessingActivity
from storage.demo import demo_data
from storage.importer import import_register
from storage.register import Register, open_register
from storage.repository import _activity_values, _child_rows

TODAY = date(2026, 11, 29)
HEADERS = ["Référence", "Nom du traitement", "Finalité", "Base légale",
           "Catégories de personnes", "Catégories de données", "Destinataires",
           "Durée de conservation", "Mesures de sécurité"]
BASES = ("Consentement", "Obligation légale", "Mission d'intérêt public", "Contrat")
CATEGORIES = ("Santé, Identité", "Identité", "Vie professionnelle, Identité",
              "Données de connexion")


def write_csv(path: Path, count: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(HEADERS)
        for n in range(count):
            writer.writerow([f"T-{n:05d}", f"Traitement {n}", f"Finalité du traitement {n}",
                             BASES[n % len(BASES)], "Patients" if n % 2 else "Agents",
                             CATEGORIES[n % len(CATEGORIES)], "Médecins", "20 ans",
                             "Contrôle d'accès"])


def demo_copies(count: int, entity_id: int) -> list[ProcessingActivity]:
    _, templates = demo_data()
    return [dataclasses.replace(templates[n % len(templates)], entity_id=entity_id,
                                ref=f"{templates[n % len(templates)].ref}-{n:05d}")
            for n in range(count)]


def fresh(folder: Path, name: str) -> tuple[Register, int]:
    register = open_register(str(folder / f"{name}.db"), actor="bench")
    owner = services.add_entity(register.uow(), Entity(name="CH de Valmont"))
    assert owner.id is not None
    return register, owner.id


def timed_import(folder: Path, csv_path: Path, count: int,
                 profile: bool) -> tuple[float, list[ProcessingActivity]]:
    """The import's time, and the activities it stored."""
    register, _ = fresh(folder, "import")
    profiler = cProfile.Profile() if profile else None
    start = time.perf_counter()
    if profiler is not None:
        profiler.enable()
    report = import_register(register, csv_path, today=TODAY)
    if profiler is not None:
        profiler.disable()
    seconds = time.perf_counter() - start
    assert len(report.added) == count, report.total
    assert register.verify_audit() == []
    stored = list(services.list_activities(register.uow()))
    register.close()
    if profiler is not None:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    return seconds, stored


def timed_adds(folder: Path, activities: list[ProcessingActivity]) -> float:
    register, _ = fresh(folder, "add")
    start = time.perf_counter()
    for activity in activities:
        services.add_activity(register.uow(), activity, TODAY)
    seconds = time.perf_counter() - start
    assert len(services.list_activities(register.uow())) == len(activities)
    assert register.verify_audit() == []
    register.close()
    return seconds


def timed_baseline(folder: Path, name: str, activities: list[ProcessingActivity],
                   one_transaction: bool) -> float:
    """The rows of ``activities`` (as the repository writes them: the same values) inserted
    with sqlite3 alone, no audit, no checks: in one transaction, or one per activity."""
    register, _ = fresh(folder, name)
    path = register.url.database
    register.close()
    assert path is not None
    columns = [*_activity_values(activities[0]), "version"]
    insert_activity = (f"INSERT INTO activity ({', '.join(columns)}) VALUES "
                       f"({', '.join('?' * len(columns))})")
    batches = [activities] if one_transaction else [[a] for a in activities]
    start = time.perf_counter()
    connection = sqlite3.connect(path)
    try:
        for batch in batches:
            connection.executemany(insert_activity,
                                   [(*_activity_values(a).values(), 1) for a in batch])
            ids = dict(connection.execute(
                "SELECT ref, id FROM activity ORDER BY id DESC LIMIT ?", (len(batch),)))
            children: dict[str, list[dict[str, object]]] = {}
            for activity in batch:
                for child, rows in _child_rows(ids[activity.ref], activity):
                    children.setdefault(child.table.__tablename__, []).extend(rows)  # type: ignore[attr-defined]
            for table, rows in children.items():
                if rows:
                    names = list(rows[0])
                    connection.executemany(
                        f"INSERT INTO {table} ({', '.join(names)}) VALUES "
                        f"({', '.join('?' * len(names))})", [tuple(r.values()) for r in rows])
            connection.commit()
    finally:
        connection.close()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("count", nargs="?", type=int, default=5_000)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    n = args.count
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        csv_path = folder / "registre.csv"
        write_csv(csv_path, n)
        imported, stored = timed_import(folder, csv_path, n, args.profile)
        import_base = timed_baseline(folder, "import-baseline", stored, one_transaction=True)
        copies = demo_copies(n, stored[0].entity_id)
        added = timed_adds(folder, copies)
        add_base = timed_baseline(folder, "add-baseline", copies, one_transaction=False)
    print(f"writing {n:,} activities on sqlite (the audit chain verified after each run)")
    print("                                        seconds  per activity  baseline   ratio")
    for label, ours, base in (("import of a flat CSV, one transaction", imported, import_base),
                              ("add_activity, one transaction each", added, add_base)):
        print(f"{label:<38} {ours:8.2f}  {ours / n * 1000:8.2f} ms  {base:6.2f} s  "
              f"{ours / base:5.1f}x")
    print("baseline: the same rows inserted with sqlite3 executemany alone (no checks, no "
          "audit),\nin one transaction / in one transaction per activity")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
