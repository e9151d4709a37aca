"""File rows turned into the values inserted, a batch at a time, and the INSERT statements
that take many rows each."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import chain, repeat
from operator import itemgetter
from pathlib import Path
from typing import Any, Final
from zoneinfo import ZoneInfo

from storage.inventory.cells import BadCell, date_cell, record_id_text, stage_of
from storage.inventory.files import where
from storage.inventory.layout import Layout
from storage.inventory.model import InventoryError

_MAX_CACHED_CELLS: Final = 200_000  # bound on the cache of validated cells


def is_canonical_date(cell: object) -> bool:
    """An ISO date (YYYY-MM-DD) that exists: stored as it is."""
    if not isinstance(cell, str) or len(cell) != 10 or cell[4] != "-" or cell[7] != "-":
        return False
    try:
        return date.fromisoformat(cell).isoformat() == cell
    except ValueError:
        return False


class Converter:
    """Turns file rows into inserted values, a batch at a time.

    Fast path (SQLite, CSV): when every id of a batch is already stripped and non-empty,
    every row has the header's width, every date cell is an ISO date already seen valid (or
    empty) and every stage is canonical, the cells of the csv rows themselves are bound, and
    SQLite turns '' into NULL in the columns where the batch has empty cells (``nullif``
    costs on every row, so only there): no Python work per row. Otherwise each row is
    converted by ``row_values``, which validates every cell and raises an InventoryError
    naming the row and column. Either way the rows are inserted many per statement
    (``insert_rows``).
    """

    def __init__(self, layout: Layout, width: int, zone: ZoneInfo, path: Path,
                 sheet: str | None) -> None:
        self.layout = layout
        self.width = max(width, 1 + max((layout.id_index, layout.stage_index or 0,
                                          *layout.event_indexes)))
        self.header_width = width
        self.zone = zone
        self.path = path
        self.sheet = sheet
        self.valid: set[object] = {""}  # date cells known to be canonical ISO dates
        self.id_of: Callable[[Sequence[object]], Any] = itemgetter(layout.id_index)
        # (file column, what it holds: _ID, _STAGE or an event slot) in the file's order
        used = [(layout.id_index, _ID),
                *((index, slot) for slot, index in enumerate(layout.event_indexes))]
        if layout.stage_index is not None:
            used.append((layout.stage_index, _STAGE))
        self._used = sorted(used)
        self._id_position = [slot for _, slot in self._used].index(_ID)
        self._converted_width = 1 + (layout.stage_index is not None) + len(layout.events)
        self._statements: dict[tuple[int, tuple[bool, ...] | None], Callable[[int], str]] = {}

    def error(self, code: str, row: int, column: str, value: object, why: str) -> InventoryError:
        sheet = f", sheet {self.sheet}" if self.sheet else ""
        return InventoryError(
            code, f"{self.path.name}{sheet}, row {row}, column {column}: {value!s:.60} — {why}",
            **where(self.path, self.sheet, row=row, column=column, value=str(value)),
        )

    def record_id(self, number: int, row: Sequence[object]) -> str | None:
        """The row's id; None for an empty row (skipped); raises for an empty id."""
        layout = self.layout
        value = record_id_text(row[layout.id_index]) if layout.id_index < len(row) else ""
        if not value:
            if not any(record_id_text(cell) for cell in row):
                return None
            raise self.error("inventory.empty_id", number, layout.id_column, "",
                             "the record id is empty")
        return value

    def row_values(self, number: int, row: Sequence[object]) -> tuple[object, ...] | None:
        """(record_id, [stage], d0, d1, ...) of one row; None for an empty row."""
        layout = self.layout
        if len(row) < self.width:
            row = [*row, *([""] * (self.width - len(row)))]
        record = self.record_id(number, row)
        if record is None:
            return None
        values: list[object] = [record]
        if layout.stage_index is not None:
            cell = row[layout.stage_index]
            try:
                values.append(stage_of(cell))
            except BadCell as why:
                raise self.error("inventory.invalid_stage", number, layout.stage_column,
                                 cell, str(why)) from None
        for index, column in zip(layout.event_indexes, layout.event_columns, strict=True):
            cell = row[index]
            try:
                values.append(date_cell(cell, self.zone))
            except BadCell as why:
                raise self.error("inventory.invalid_date", number, column, cell,
                                 str(why)) from None
        return tuple(values)

    def convert(self, batch: Sequence[Sequence[object]], first_row: int
                ) -> list[tuple[object, ...]]:
        converted = []
        for offset, row in enumerate(batch):
            values = self.row_values(first_row + offset, row)
            if values is not None:
                converted.append(values)
        return converted

    def raw_rows(self, batch: Sequence[Sequence[object]], *, by_id: bool = False
                 ) -> tuple[list[Any], tuple[bool, ...]] | None:
        """Can the rows of ``batch`` be bound as they are (see the class)? None when they
        cannot; otherwise the cells to bind, row after row (only the columns the load uses;
        sorted by record id if ``by_id``), and, per event column, whether the batch has an
        empty cell there (only those columns need SQLite to turn '' into NULL, which costs
        on every row)."""
        width = self.header_width
        layout = self.layout
        try:
            if set(map(len, batch)) != {width}:
                return None
            if by_id:
                batch = sorted(batch, key=self.id_of)
            cells: list[Any] = list(chain.from_iterable(batch))
            ids = cells[layout.id_index::width]
            if not all(ids) or list(map(str.strip, ids)) != ids:
                return None
            if layout.stage_index is not None and \
                    not set(cells[layout.stage_index::width]) <= {"", "active", "archive"}:
                return None
            if len(self.valid) > _MAX_CACHED_CELLS:
                self.valid = {""}
            dates = [cells[index::width] for index in layout.event_indexes]
            # One set of the batch's dates, all columns together: a third cheaper than one
            # per column (a date often appears in several).
            for cell in set(chain.from_iterable(dates)) - self.valid:
                if not is_canonical_date(cell):
                    return None
                self.valid.add(cell)
        except (TypeError, AttributeError):  # a cell that is not text (workbooks)
            return None
        if len(self._used) != width:  # keep the columns the load uses, in the file's order
            cells = list(chain.from_iterable(
                zip(*(cells[index::width] for index, _ in self._used), strict=True)))
        return cells, tuple("" in column for column in dates)

    def raw_cells(self, inventory_id: int, cells: list[Any], empties: tuple[bool, ...]
                  ) -> Cells:
        """What ``raw_rows`` returned, ready to insert as it is."""
        return Cells(cells, len(self._used), self._sql(inventory_id, empties),
                      self._id_position)

    def converted_cells(self, inventory_id: int, values: Sequence[Sequence[object]]
                        ) -> Cells:
        """Rows from ``convert`` ready to insert (SQLite)."""
        return Cells(list(chain.from_iterable(values)), self._converted_width,
                      self._sql(inventory_id, None), 0)

    def _sql(self, inventory_id: int, empties: tuple[bool, ...] | None
             ) -> Callable[[int], str]:
        """The INSERT of rows of ``raw_rows`` (``empties[slot]``: that event's column has
        empty cells, stored as NULL), or of ``convert`` when ``empties`` is None."""
        key = (inventory_id, empties)
        sql = self._statements.get(key)
        if sql is not None:
            return sql
        layout = self.layout
        columns, values = ["inventory_id", "stage"], [str(int(inventory_id)), "'active'"]
        if empties is None:  # (record_id, [stage], d0, d1, ...)
            columns.append("record_id")
            values.append("?")
            if layout.stage_index is not None:
                values[1] = "?"
                columns.append(columns.pop(1))
                values.append(values.pop(1))
            columns += [f"d{slot}" for slot in range(len(layout.events))]
            values += ["?"] * len(layout.events)
        else:  # the file's columns in its order
            for _, slot in self._used:
                if slot == _ID:
                    columns.append("record_id")
                    values.append("?")
                elif slot == _STAGE:
                    values[1] = "coalesce(nullif(?, ''), 'active')"
                    columns.append(columns.pop(1))
                    values.append(values.pop(1))
                else:
                    columns.append(f"d{slot}")
                    values.append("nullif(?, '')" if empties[slot] else "?")
        sql = self._statements[key] = values_sql(columns, values)
        return sql

    def copy_raw(self, inventory_id: int, cells: list[Any]) -> CopyRows | None:
        """PostgreSQL: what ``raw_rows`` returned as the CSV text of one COPY (the csv
        module writes it, no Python work per row); None when a stage cell is empty (stored
        as 'active', which a COPY of text cannot say)."""
        width = len(self._used)
        columns = ["inventory_id"]
        constants: list[Iterator[str]] = [repeat(str(int(inventory_id)))]
        if self.layout.stage_index is None:
            columns.append("stage")
            constants.append(repeat("active"))
        for position, (_, slot) in enumerate(self._used):
            if slot == _ID:
                columns.append("record_id")
            elif slot == _STAGE:
                if "" in cells[position::width]:
                    return None
                columns.append("stage")
            else:
                columns.append(f"d{slot}")  # an empty cell is NULL in COPY's CSV
        text = io.StringIO()
        columns_cells = (cells[position::width] for position in range(width))
        # the constants repeat without end: the row cells decide where the rows stop
        csv.writer(text, lineterminator="\n").writerows(
            zip(*constants, *columns_cells, strict=False))
        return CopyRows(f"COPY inventory_record ({', '.join(columns)}) FROM STDIN "
                        "WITH (FORMAT csv)", text.getvalue(), (),
                        cells[self._id_position::width])

    def copy_converted(self, inventory_id: int, values: Sequence[Sequence[object]]
                       ) -> CopyRows:
        """PostgreSQL: rows from ``convert`` as one COPY, the constant cells that COPY
        cannot take prepended to each."""
        layout = self.layout
        columns = ["inventory_id", "record_id"]
        first: tuple[object, ...] = (int(inventory_id),)
        if layout.stage_index is not None:
            columns.append("stage")
        else:
            columns.insert(1, "stage")
            first += ("active",)
        columns += [f"d{slot}" for slot in range(len(layout.events))]
        return CopyRows(f"COPY inventory_record ({', '.join(columns)}) FROM STDIN", "",
                        [(*first, *row) for row in values], [row[0] for row in values])


_ID: Final = -1  # what a used column holds, besides event slots 0, 1, ...
_STAGE: Final = -2
_ROWS_PER_INSERT: Final = 100  # rows of one INSERT ... VALUES (...), (...), ...
_MAX_PARAMETERS: Final = 999  # the bound of SQLite before 3.32 on a statement's parameters


@dataclass(frozen=True)
class Cells:
    """Rows ready to insert (SQLite): their cells, one row after the other."""

    cells: list[Any]
    width: int  # cells per row
    sql: Callable[[int], str]  # the INSERT of that many such rows
    id_position: int  # where the record id is among a row's cells

    @property
    def rows(self) -> int:
        return len(self.cells) // self.width

    def ids(self) -> list[Any]:
        return self.cells[self.id_position::self.width]

    def write(self, cursor: Any) -> None:
        insert_rows(cursor, self.sql, self.cells, self.width)


@dataclass(frozen=True)
class CopyRows:
    """Rows ready to COPY (PostgreSQL): CSV text, or rows that psycopg formats."""

    sql: str
    text: str
    values: Sequence[Sequence[object]]
    record_ids: list[Any]

    @property
    def rows(self) -> int:
        return len(self.record_ids)

    def ids(self) -> list[Any]:
        return self.record_ids

    def write(self, cursor: Any) -> None:
        with cursor.copy(self.sql) as copy:
            self.write_into(copy)

    def write_into(self, copy: Any) -> None:
        if self.text:
            copy.write(self.text)
        for row in self.values:
            copy.write_row(row)


class CopyStream:
    """PostgreSQL: batches sent through one COPY as long as they share its statement, so
    that the server stores a batch while the next one is read and checked (two cores at
    work instead of one waiting for the other at the end of each batch). Only for a load
    whose batches need no savepoint of their own; leaving the block ends the COPY (an
    exception aborts it)."""

    def __init__(self, cursor: Any) -> None:
        self._cursor = cursor
        self._open: tuple[str, Any, Any] | None = None  # (statement, its manager, the COPY)

    def write(self, rows: CopyRows) -> None:
        if self._open is None or self._open[0] != rows.sql:
            self._close(None)
            manager = self._cursor.copy(rows.sql)
            self._open = (rows.sql, manager, manager.__enter__())
        rows.write_into(self._open[2])

    def end(self) -> None:
        """End the COPY under way, if any: the server has stored every batch written."""
        self._close(None)

    def _close(self, error: BaseException | None) -> None:
        if self._open is not None:
            manager = self._open[1]
            self._open = None
            manager.__exit__(type(error) if error is not None else None, error, None)

    def __enter__(self) -> CopyStream:
        return self

    def __exit__(self, kind: object, error: BaseException | None, trace: object) -> None:
        self._close(error)


def values_sql(columns: Sequence[str], values: Sequence[str]) -> Callable[[int], str]:
    """``rows -> INSERT INTO inventory_record (columns) VALUES (values), ... rows times``."""
    head = f"INSERT INTO inventory_record ({', '.join(columns)}) VALUES "
    row = f"({', '.join(values)})"
    statements: dict[int, str] = {}

    def sql(rows: int) -> str:
        statement = statements.get(rows)
        if statement is None:
            statement = statements[rows] = head + ", ".join([row] * rows)
        return statement

    return sql


def insert_rows(cursor: Any, sql: Callable[[int], str], cells: Sequence[object],
                 width: int) -> None:
    """Insert rows of ``width`` cells given one after the other in ``cells`` (SQLite).

    A hundred rows per statement: a statement per row spends about a third of a big load
    starting and resetting statements (``benchmarks/inventory_load.py``).
    """
    per = max(1, min(_ROWS_PER_INSERT, _MAX_PARAMETERS // width))
    step = per * width
    full = len(cells) // step * step
    if full:
        cursor.executemany(sql(per), [cells[start:start + step]
                                      for start in range(0, full, step)])
    if full < len(cells):
        cursor.execute(sql((len(cells) - full) // width), cells[full:])
