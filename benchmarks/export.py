"""Export and import speed (issue 5, item 5).

1. Export: the inspection workbook of N activities (default 5,000: the demo's 34 activities
   repeated with new references) built by ``storage.export.build_workbook`` and saved, vs
   writing the same cell values (read back from that file with python-calamine) with bare
   openpyxl in write-only mode, no styles. Target: within 2x.
2. Import: a flat register of R rows (default 50,000) read by ``storage.importer.read_plan``
   (calamine + layout recognition + mapping to the model) vs iterating over the same rows
   with openpyxl's read-only reader (values only, no mapping). Target: faster than it.

    .venv/bin/python benchmarks/export.py [--activities N] [--rows R]
"""

from __future__ import annotations

import argparse
import dataclasses
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import openpyxl
from python_calamine import load_workbook

from domain.model import ProcessingActivity
from storage.demo import demo_data
from storage.export import build_workbook, save_atomically
from storage.importer import read_plan


def activities(count: int) -> tuple[list[ProcessingActivity], object]:
    entity, demo = demo_data()
    entity = dataclasses.replace(entity, id=1)
    result = [
        dataclasses.replace(demo[i % len(demo)], entity_id=1, ref=f"{demo[i % len(demo)].ref}-{i}")
        for i in range(count)
    ]
    return result, entity


def bench_export(count: int, folder: Path) -> tuple[float, float]:
    items, entity = activities(count)
    target = folder / "inspection.xlsx"
    start = time.perf_counter()
    workbook = build_workbook([entity], items, date(2026, 11, 1))  # type: ignore[list-item]
    save_atomically(workbook, target)
    ours = time.perf_counter() - start
    sheets = load_workbook(str(target))
    contents = [(name, sheets.get_sheet_by_name(name).to_python())
                for name in sheets.sheet_names]
    bare = openpyxl.Workbook(write_only=True)
    start = time.perf_counter()
    for name, rows in contents:
        sheet = bare.create_sheet(name)
        for row in rows:
            sheet.append(row)
    bare.save(folder / "bare.xlsx")
    baseline = time.perf_counter() - start
    cells = sum(len(r) for _, rows in contents for r in rows)
    print(f"export of {count} activities ({len(contents)} sheets, {cells} cells): "
          f"{ours:.2f} s; bare openpyxl write-only, same cells: {baseline:.2f} s; "
          f"ratio {ours / baseline:.2f} (target <= 2)")
    return ours, baseline


def bench_import(rows: int, folder: Path) -> tuple[float, float]:
    path = folder / "flat.xlsx"
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Registre")
    sheet.append(["Ref", "Nom du traitement", "Finalité", "Base légale",
                  "Catégories de données", "Durée de conservation", "Date de création",
                  "Service"])
    for i in range(rows):
        sheet.append([f"T-{i}", f"Traitement {i}", f"Finalité du traitement {i}",
                      "Obligation légale" if i % 2 else "Mission d'intérêt public",
                      "Identité\nDonnées concernant la santé", "5 ans après la sortie",
                      date(2020, 1, 1 + i % 28), f"Service {i % 40}"])
    workbook.save(path)
    start = time.perf_counter()
    plan = read_plan(path)
    ours = time.perf_counter() - start
    assert len(plan.activities) == rows
    start = time.perf_counter()
    reader = openpyxl.load_workbook(path, read_only=True, data_only=True)
    count = sum(1 for _ in reader["Registre"].iter_rows(values_only=True))
    reader.close()
    baseline = time.perf_counter() - start
    assert count == rows + 1
    print(f"import of a {rows}-row flat register: {ours:.2f} s (read + map to activities); "
          f"openpyxl read-only, values only: {baseline:.2f} s; ratio {ours / baseline:.2f} "
          "(target < 1)")
    return ours, baseline


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--activities", type=int, default=5_000)
    parser.add_argument("--rows", type=int, default=50_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        bench_export(args.activities, Path(folder))
        bench_import(args.rows, Path(folder))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
