"""Loading an inventory into the register, in one transaction (see the package's docstring
for how it is made fast)."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Engine, ForeignKeyConstraint, Index, func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.schema import AddConstraint, CreateIndex, DropConstraint

from storage.audit import AuditLog
from storage.inventory.cells import record_id_text
from storage.inventory.convert import Cells, Converter, CopyRows, CopyStream
from storage.inventory.files import (
    Source,
    batch_done,
    next_batch,
    open_source,
    reading,
    where,
    zone_of,
)
from storage.inventory.layout import layout_of
from storage.inventory.model import InventoryError, InventorySpec, LoadResult
from storage.tables import metadata

CACHE_KIB: Final = 64 * 1024  # SQLite page cache during a load (KiB)
SORT_CACHE_KIB: Final = 4 * 1024  # ... while the indexes are built: sorted in parts
SORT_MEMORY_MB: Final = 256  # PostgreSQL's sort memory while the indexes are built
_SORT_THREADS: Final = max(0, min(3, (os.cpu_count() or 1) - 1))  # helpers of a sort

# Below this many rows, keeping the unique index up to date while loading costs little.
_REBUILD_FROM: Final = 50_000


class _Duplicate(Exception):
    def __init__(self, record_id: str) -> None:
        super().__init__(record_id)
        self.record_id = record_id


def _begin(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        # Take the write lock now (busy_timeout waits for another writer), not halfway.
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.begin()


def load_inventory(
    engine: Engine,
    path: Path,
    spec: InventorySpec,
    *,
    actor: str,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> LoadResult:
    """Load ``path`` as the inventory of ``spec.activity_id``/``spec.category``.

    Replaces the previous inventory of that category in the same transaction. Raises
    :class:`InventoryError` (and changes nothing) for bad input or when ``cancelled()``
    returns True; ``progress(rows_read)`` is called after every batch.
    """
    zone = zone_of(spec)
    return reading(lambda encoding: _load(engine, Path(path), spec, zone, actor, progress,
                                           cancelled, encoding))



def _load(
    engine: Engine,
    path: Path,
    spec: InventorySpec,
    zone: ZoneInfo,
    actor: str,
    progress: Callable[[int], None] | None,
    cancelled: Callable[[], bool] | None,
    encoding: str | None,
) -> LoadResult:
    with open_source(path, encoding, cancelled) as source:
        layout = layout_of(source.header, spec, path, source.sheet)
        converter = Converter(layout, len(source.header), zone, path, source.sheet)
        with engine.connect() as connection:
            try:
                return _store(connection, path, spec, converter, source, actor, progress,
                              cancelled)
            except _Duplicate as duplicate:
                connection.rollback()
                raise _duplicate_error(path, source.encoding, converter,
                                       duplicate.record_id) from None
            except BaseException:
                connection.rollback()
                raise


def _store(
    connection: Connection,
    path: Path,
    spec: InventorySpec,
    converter: Converter,
    source: Source,
    actor: str,
    progress: Callable[[int], None] | None,
    cancelled: Callable[[], bool] | None,
) -> LoadResult:
    layout = converter.layout
    sqlite = connection.dialect.name == "sqlite"
    _begin(connection)
    activities = metadata.tables["activity"]
    activity = connection.execute(
        select(activities.c.ref).where(activities.c.id == spec.activity_id)
    ).scalar_one_or_none()
    if activity is None:
        raise InventoryError("inventory.unknown_activity", f"no activity #{spec.activity_id}",
                             activity_id=spec.activity_id, file=str(path))
    inventory = metadata.tables["inventory"]
    records = metadata.tables["inventory_record"]
    previous = connection.execute(
        select(inventory.c.id, inventory.c.record_count, inventory.c.source,
               inventory.c.loaded_at, inventory.c.first_row, inventory.c.last_row).where(
            inventory.c.activity_id == spec.activity_id, inventory.c.category == spec.category
        )
    ).one_or_none()
    replaced = 0
    if previous is not None:
        replaced = int(previous.record_count)
        of_previous = records.c.inventory_id == previous.id
        if previous.first_row is not None and previous.last_row is not None:
            of_previous &= records.c.id.between(previous.first_row, previous.last_row)
        connection.execute(records.delete().where(of_previous))
        connection.execute(inventory.delete().where(inventory.c.id == previous.id))
    # SQLite: the rows inserted below get rowids after this one (this transaction is the
    # only writer), see InventoryRow.first_row. PostgreSQL asks its rows afterwards, unless
    # a big load locks the table (below).
    before = int(connection.execute(select(func.coalesce(func.max(records.c.id), 0)))
                 .scalar_one()) if sqlite else 0
    loaded_at = datetime.now(UTC).isoformat(timespec="microseconds")
    inserted = connection.execute(
        insert(inventory).values(
            activity_id=spec.activity_id, category=spec.category, source=str(path),
            loaded_at=loaded_at, loaded_by=actor, record_count=0,
            events=json.dumps(list(layout.events)), id_column=layout.id_column,
            stage_column=layout.stage_column,
        )
    ).inserted_primary_key
    assert inserted is not None
    inventory_id = int(inserted[0])

    # A big load into a table holding few other records: drop the unique index and build it
    # again at the end (a sort) rather than update it a row at a time; the drop is part of
    # the transaction, so a failure or a kill brings it back.
    others = int(connection.execute(
        select(func.coalesce(func.sum(inventory.c.record_count), 0))
    ).scalar_one())
    rebuild = source.estimate >= max(_REBUILD_FROM, others)
    if rebuild:
        for index in _record_indexes():
            connection.exec_driver_sql(f"DROP INDEX {index.name}")
        if not sqlite:
            # and the foreign key, checked once at the end instead of by a trigger per row
            # (a third of a big load); both come back in this transaction
            for constraint in _record_foreign_keys():
                connection.execute(DropConstraint(constraint))
            # the table is this transaction's alone until it ends (the drops lock it): the
            # rows of this load will be those after the largest id now
            before = int(connection.execute(
                select(func.coalesce(func.max(records.c.id), 0))).scalar_one())

    driver: Any = connection.connection.driver_connection
    integrity_error: type[Exception] = connection.dialect.loaded_dbapi.IntegrityError
    cursor = driver.cursor()
    count = 0
    first_row = source.first_row
    with contextlib.closing(cursor), _settings_kept(cursor, sqlite), \
            CopyStream(cursor) as stream:
        if sqlite:
            cursor.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        while batch := next_batch(source):
            ready: Cells | CopyRows | None = None
            # Rows sorted by id fill a unique index kept up to date page by page.
            raw = converter.raw_rows(batch, by_id=not rebuild)
            if raw is not None:
                ready = converter.raw_cells(inventory_id, *raw) if sqlite \
                    else converter.copy_raw(inventory_id, raw[0])
            if ready is None:
                values = converter.convert(batch, first_row)
                if not rebuild:
                    values.sort(key=first_cell)
                ready = converter.converted_cells(inventory_id, values) if sqlite \
                    else converter.copy_converted(inventory_id, values)
            # PostgreSQL: a failed COPY aborts the transaction; a savepoint keeps it usable
            # to name the duplicate (none while the unique index is dropped: no COPY fails)
            savepoint = None if sqlite or rebuild else connection.begin_nested()
            try:
                if rebuild and isinstance(ready, CopyRows):
                    stream.write(ready)  # no COPY fails while the unique index is dropped
                else:
                    ready.write(cursor)
            except integrity_error:
                if savepoint is not None:
                    savepoint.rollback()
                raise _Duplicate(_duplicate_in(cursor, inventory_id, ready.ids(),
                                               connection.dialect.paramstyle)) from None
            if savepoint is not None:
                savepoint.commit()
            count += ready.rows
            first_row += len(batch)
            batch_done(path, source, first_row, progress, cancelled,
                        "loading cancelled; nothing changed")
        stream.end()  # every batch stored before the indexes are built
        if rebuild:
            _build_indexes(connection, inventory_id, before)
            if not sqlite:
                for constraint in _record_foreign_keys():
                    connection.execute(AddConstraint(constraint))
        if not sqlite:
            # Statistics of the new rows for PostgreSQL's planner: without them it takes an
            # inventory's range of rows for a few rows and the check joins its lookup tables
            # row by row (200,000 records: 0.53 s instead of 0.35 s). A sample: ~0.1 s.
            connection.exec_driver_sql("ANALYZE inventory_record")
        if sqlite or rebuild:  # the only writer: this load's rows are after ``before``
            first, last = before + 1, int(connection.execute(
                select(func.coalesce(func.max(records.c.id), 0))).scalar_one())
        else:  # a sequence hands out the ids: ask the rows themselves (a scan)
            first, last = connection.execute(
                select(func.min(records.c.id), func.max(records.c.id))
                .where(records.c.inventory_id == inventory_id)).one()
        connection.execute(inventory.update().where(inventory.c.id == inventory_id).values(
            record_count=count, first_row=first, last_row=last))
        session = Session(bind=connection)
        try:
            # One entry per load (field "records"): loaded_at differs from one load to the
            # next, so a reload of the same file with the same count is recorded too.
            old = None if previous is None else {"records": {
                "count": replaced, "source": previous.source, "loaded_at": previous.loaded_at,
            }}
            new = {"records": {"count": count, "source": str(path), "loaded_at": loaded_at}}
            AuditLog(session, actor).record_changes(
                "inventory", f"{activity}/{spec.category}", old, new
            )
        finally:
            session.close()
        connection.commit()
    if progress is not None and first_row == source.first_row:
        progress(0)
    return LoadResult(inventory_id=inventory_id, records=count, events=layout.events,
                      replaced=replaced)


def first_cell(values: Sequence[object]) -> Any:
    return values[0]


def _record_indexes() -> list[Index]:
    """The indexes of inventory records, unique ones last."""
    return sorted(metadata.tables["inventory_record"].indexes, key=lambda index: index.unique)


def _record_foreign_keys() -> list[ForeignKeyConstraint]:
    """The foreign keys of inventory records (to their inventory)."""
    return sorted(metadata.tables["inventory_record"].foreign_key_constraints,
                  key=lambda constraint: str(constraint.name))


@contextlib.contextmanager
def _settings_kept(cursor: Any, sqlite: bool) -> Iterator[None]:
    """The connection's page cache and sort threads (SQLite) as they were, afterwards."""
    if not sqlite:
        yield
        return
    before = [(name, cursor.execute(f"PRAGMA {name}").fetchone()[0])
              for name in ("cache_size", "threads")]
    try:
        yield
    finally:
        for name, value in before:
            with contextlib.suppress(Exception):
                cursor.execute(f"PRAGMA {name} = {int(value)}")


def _build_indexes(connection: Connection, inventory_id: int, before: int) -> None:
    """Build the indexes a big load dropped; a repeated id (in the rows after ``before``)
    fails the unique one.

    SQLite sorts in other threads only the parts of a sort that overflow the page cache:
    a small cache during the builds lets the other cores sort while this one merges (about
    a third less time on two cores, ``benchmarks/inventory_load.py``). PostgreSQL sorts in
    ``maintenance_work_mem``, raised for this transaction only.
    """
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        connection.exec_driver_sql(f"PRAGMA threads = {_SORT_THREADS}")
        connection.exec_driver_sql(f"PRAGMA cache_size = -{SORT_CACHE_KIB}")
    else:
        connection.exec_driver_sql(f"SET LOCAL maintenance_work_mem = '{SORT_MEMORY_MB}MB'")
    for index in _record_indexes():
        # PostgreSQL: a failed statement aborts the transaction; a savepoint keeps it usable
        savepoint = None if sqlite else connection.begin_nested()
        try:
            connection.execute(CreateIndex(index))
        except IntegrityError:
            if savepoint is not None:
                savepoint.rollback()
            records = metadata.tables["inventory_record"]
            duplicate = connection.execute(
                select(records.c.record_id)
                .where(records.c.id > before, records.c.inventory_id == inventory_id)
                .group_by(records.c.record_id).having(func.count() > 1).limit(1)).first()
            raise _Duplicate(str(duplicate[0]) if duplicate else "") from None
        if savepoint is not None:
            savepoint.commit()


def _duplicate_in(cursor: Any, inventory_id: int, ids: list[object], paramstyle: str) -> str:
    """The id of a batch that repeats in the batch or is already stored (error path)."""
    seen: set[object] = set()
    for record in ids:
        if record in seen:
            return str(record)
        seen.add(record)
    mark = "?" if paramstyle == "qmark" else "%s"
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        found = cursor.execute(
            f"SELECT record_id FROM inventory_record WHERE inventory_id = {int(inventory_id)} "
            f"AND record_id IN ({', '.join([mark] * len(chunk))}) LIMIT 1", chunk
        ).fetchone()
        if found:
            return str(found[0])
    return ""  # pragma: no cover - the database saw a duplicate


def _duplicate_error(path: Path, encoding: str | None, converter: Converter,
                     record: str) -> InventoryError:
    """Read the file again to name the first two rows of ``record`` (error path)."""
    layout = converter.layout
    found: list[int] = []
    with open_source(path, encoding) as source:
        for number, row in enumerate(source.rows, start=source.first_row):
            if layout.id_index < len(row) and record_id_text(row[layout.id_index]) == record:
                found.append(number)
                if len(found) == 2:
                    break
    sheet = converter.sheet
    place = f"{path.name}{f', sheet {sheet}' if sheet else ''}"
    first, again = [*found, 0, 0][:2]
    return InventoryError(
        "inventory.duplicate_id",
        f"{place}, column {layout.id_column}: the record id {record!r} is in row {first} "
        f"and again in row {again}",
        **where(path, sheet, row=again, first_row=first, column=layout.id_column,
                value=record),
    )


def inventory_events(engine: Engine, activity_id: int, category: str) -> tuple[str, ...] | None:
    """The events loaded for an activity's category (slot order), or None: no inventory."""
    inventory = metadata.tables["inventory"]
    with engine.connect() as connection:
        events = connection.execute(
            select(inventory.c.events).where(
                inventory.c.activity_id == activity_id, inventory.c.category == category
            )
        ).scalar_one_or_none()
    return None if events is None else tuple(json.loads(events))
