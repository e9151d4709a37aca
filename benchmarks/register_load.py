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

Then, on SQLite, the main window opened on that register (offscreen), as the application
opens it: the register read off the GUI thread, until the table shows every row, painted;
against a bare QTableView over the activity table read with sqlite3 (open to all rows
painted). In that window, just after the rows are in: the first four letters typed in the
search box, one by one (the first must not be slower than the others), and an edit of one
activity stored (the table moves that row only).

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
from domain.model import DataCategoryUse, ProcessingActivity, RetentionRule, Status
from storage.demo import demo_data
from storage.register import Register, open_register
from storage.repository import _activity_values
from storage.tables import (
    ActivityRow,
    DataCategoryRow,
    EntityRow,
    LegalBasisRow,
    RecipientRow,
    SecurityMeasureRow,
    SpecialConditionRow,
    TransferRow,
)

CHILD_TABLES = (LegalBasisRow, SpecialConditionRow, DataCategoryRow, RecipientRow, TransferRow,
                SecurityMeasureRow)

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
            for table, rows in _child_rows(stored[(a.entity_id, a.ref)], a).items():
                children[table] += rows
        for table, rows in children.items():
            for start in range(0, len(rows), 20_000):
                session.execute(insert(table), rows[start:start + 20_000])
        uow.commit()


def _child_rows(activity_id: int, a: ProcessingActivity) -> dict[type[Any], list[dict[str, Any]]]:
    """The child rows of ``a``, as a multi-row insert takes them (written here, with the
    tables' column names, so that this generator does not lean on the repository's own
    private helpers, which change with its write path)."""
    def rows(items: Sequence[Any], values: Callable[[Any], dict[str, Any]]) -> list[dict[str, Any]]:
        return [{"activity_id": activity_id, "position": position, **values(item)}
                for position, item in enumerate(items)]

    def category(c: DataCategoryUse) -> dict[str, Any]:
        r = c.retention or RetentionRule()
        return {"code": c.code, "label": c.label, "description": c.description,
                "has_retention": c.retention is not None,
                "retention_delete_after": r.delete_after,
                "retention_active_until": r.active_until,
                "retention_undetermined_criteria": r.undetermined_criteria,
                "retention_final_action": r.final_action.value,
                "retention_legal_reference": r.legal_reference,
                "retention_justification": r.justification,
                "retention_template_id": r.template_id,
                "retention_template_version": r.template_version,
                "retention_kept_template_version": r.kept_template_version,
                "retention_kept_reason": r.kept_reason}

    return {
        LegalBasisRow: rows(a.legal_bases, lambda b: {"code": b.code,
                                                     "justification": b.justification}),
        SpecialConditionRow: rows(a.special_conditions, lambda c: {
            "code": c.code, "justification": c.justification}),
        DataCategoryRow: rows(a.data_categories, category),
        RecipientRow: rows(a.recipients, lambda r: {
            "kind": r.kind.value, "name": r.name, "contract_reference": r.contract_reference,
            "country": r.country}),
        TransferRow: rows(a.transfers, lambda t: {
            "recipient": t.recipient, "country": t.country,
            "safeguard": t.safeguard.value if t.safeguard else None,
            "documentation": t.documentation}),
        SecurityMeasureRow: rows(a.security_measures, lambda m: {"code": m.code,
                                                                "detail": m.detail}),
    }


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


def in_the_window(register: Register, path: str) -> None:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import (
        QAbstractTableModel,
        QEventLoop,
        QModelIndex,
        QPersistentModelIndex,
        QSettings,
        Qt,
    )
    from PySide6.QtWidgets import QApplication, QTableView

    from gui.main_window import MainWindow
    from gui.settings import Settings

    app = QApplication.instance() or QApplication(sys.argv[:1])

    class BareModel(QAbstractTableModel):
        def __init__(self, rows: list[tuple[Any, ...]]) -> None:
            super().__init__()
            self._rows = rows

        def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()  # noqa: B008
                     ) -> int:
            return 0 if parent.isValid() else len(self._rows)

        def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()  # noqa: B008
                        ) -> int:
            return 0 if parent.isValid() else 10

        def data(self, index: QModelIndex | QPersistentModelIndex,
                 role: int = Qt.ItemDataRole.DisplayRole) -> Any:
            if role == Qt.ItemDataRole.DisplayRole:
                return str(self._rows[index.row()][index.column()])
            return None

    def bare() -> float:
        start = time.perf_counter()
        connection = sqlite3.connect(path)
        rows = connection.execute("SELECT * FROM activity ORDER BY ref").fetchall()
        connection.close()
        view = QTableView()
        view.setModel(BareModel(rows))
        view.resize(1200, 800)
        view.show()
        view.viewport().repaint()
        app.processEvents()
        seconds = time.perf_counter() - start
        view.close()
        view.deleteLater()
        return seconds

    def ours(folder: str) -> tuple[float, list[float], float, int, list[float]]:
        settings = Settings(QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat))
        start = time.perf_counter()
        window = MainWindow(register, "fr", settings=settings, read_in_background=True)
        window.resize(1440, 900)
        window.show()
        loop = QEventLoop()
        window.register_loaded.connect(loop.quit)
        loop.exec()
        window.table.viewport().repaint()
        app.processEvents()
        opened = time.perf_counter() - start
        shown = window.model.rowCount()
        def type_paie() -> list[float]:
            out = []
            for text in ("p", "pa", "pai", "paie"):
                out.append(timed_call(lambda t=text: (window.search.setText(t),  # type: ignore[misc]
                                                      window.table.viewport().repaint())))
            window.search.setText("")
            return out

        keys = type_paie()  # as soon as the rows are there
        reminders = getattr(getattr(window, "retention", None), "reminders", None)
        while window.model.fill.running() or (reminders is not None and reminders.pending):
            app.processEvents()  # the completeness between events, the reminders' thread
        settled = type_paie()
        window.search.setText("")
        row = window.model.row_at(10)
        edited = dataclasses.replace(row.activity, name=f"{row.activity.name} (revu)")
        edit = timed_call(lambda: window.model.update_activity(
            row.activity.entity_id, row.activity.ref, edited))
        window.close()
        window.deleteLater()
        app.processEvents()
        return opened, keys, edit, shown, settled

    with tempfile.TemporaryDirectory() as folder:
        ours(folder)  # warm: imports, Qt's first window
        runs = [(ours(folder), bare()) for _ in range(3)]
    opened = statistics.median(r[0][0] for r in runs)
    base = statistics.median(r[1] for r in runs)
    firsts = [r[0][1][0] for r in runs]
    others = [k for r in runs for k in r[0][1][1:]]
    edits = [r[0][2] for r in runs]
    settled = [k for r in runs for k in r[0][4]]
    print(f"main window, register read off the GUI thread until its {runs[0][0][3]:,} rows "
          f"are painted: {opened:.2f} s; bare QTableView over the activity table read with "
          f"sqlite3: {base:.2f} s; ratio {opened / base:.1f}x")
    print(f"search keystrokes as soon as the rows are in: first letter "
          f"{statistics.median(firsts) * 1000:.0f} ms (median of {len(firsts)}), the next ones "
          f"{statistics.median(others) * 1000:.0f} ms (median), worst {max(others) * 1000:.0f} ms")
    print(f"the same once the completeness fill and the reminders' thread are done: median "
          f"{statistics.median(settled) * 1000:.0f} ms, worst {max(settled) * 1000:.0f} ms; "
          f"an edit of one activity stored: {statistics.median(edits) * 1000:.0f} ms")


def timed_call(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


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
            if backend == "sqlite":
                assert register.url.database is not None
                in_the_window(register, register.url.database)
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
