"""Loading inventories: extracts of record ids and their event dates (CSV or XLSX).

An inventory is one row per record: a pseudonymous id, one column per event date (ISO,
dd/mm/yyyy, a timestamp, or an Excel date), optionally a stage column (active | archive).
``load_inventory`` streams the file into the ``inventory_record`` table of one activity's
data category, replacing the previous inventory of that category, in ONE transaction: bad
input, a cancellation or a killed process leave the register exactly as it was.

Speed (1,000,000 rows in about 2.5 times the sqlite3 shell's ``.import`` of the same file,
see ``benchmarks/inventory_load.py``):
- rows are read one by one (csv module, or calamine's row iterator) and inserted in
  batches of 10,000, a hundred rows per INSERT statement through the DBAPI cursor, not the
  ORM (on PostgreSQL with ``COPY``, each batch under a savepoint so that a duplicate can
  still be named);
- a cell is validated once: the stored form of every distinct cell text is cached (an
  extract has few distinct dates), ISO dates are checked with ``date.fromisoformat`` and
  stored as they are (SQLAlchemy's ``Date`` on SQLite is ISO text);
- a big load drops the unique index (record_id, inventory_id) and builds it again at the
  end, a sort SQLite spreads over the cores; a small one sorts each batch by record id so
  that the index is filled page by page; the SQLite page cache is enlarged for the duration
  of the load (a connection setting, restored afterwards; ``synchronous`` is never touched);
- the inventory keeps the range of row ids its load inserted, which its reads scan instead
  of an index on inventory_id that a big load would have to build too;
- a duplicate id is caught by that unique index; only then is the file read again, a
  batch at a time, to name both rows.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import gc
import json
import math
import os
import re
import threading
import unicodedata
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import chain, islice
from operator import itemgetter
from pathlib import Path
from typing import Any, Final, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Connection, Engine, Index, func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.schema import CreateIndex

from domain.errors import CodedError
from domain.rules import to_local_date
from storage.audit import AuditLog
from storage.tables import EVENT_SLOTS, metadata

__all__ = [
    "BATCH_SIZE",
    "InventoryCheck",
    "InventoryError",
    "InventoryPreview",
    "InventorySpec",
    "LoadResult",
    "check_inventory",
    "inventory_events",
    "load_inventory",
    "preview_inventory",
]

BATCH_SIZE: Final = 10_000
SAMPLE_BYTES: Final = 64 * 1024  # what the encoding and the delimiter are guessed from
CACHE_KIB: Final = 64 * 1024  # SQLite page cache during a load (KiB)
SORT_CACHE_KIB: Final = 4 * 1024  # ... while the indexes are built: sorted in parts
_SORT_THREADS: Final = max(0, min(3, (os.cpu_count() or 1) - 1))  # helpers of a sort
_MAX_CACHED_CELLS: Final = 200_000  # bound on the cache of validated cells

EVENT_NAME = re.compile(r"[a-z][a-z0-9_]*", re.ASCII)
WORKBOOK_SUFFIXES: Final = frozenset({".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"})
STAGES: Final[Mapping[str, str]] = {
    "": "active", "active": "active", "actif": "active", "active_stage": "active",
    "archive": "archive", "archivé": "archive", "archivée": "archive", "archived": "archive",
    "archives": "archive", "archive intermédiaire": "archive",
}


@dataclass(frozen=True)
class InventorySpec:
    """What to load and how to read the file's columns."""

    activity_id: int
    category: str
    id_column: str | None = None  # default: the first column
    # EVENT -> COLUMN (--map EVENT=COLUMN); by default every other column whose header is a
    # snake_case event name is an event.
    mapping: Mapping[str, str] = field(default_factory=dict)
    stage_column: str | None = None  # default: a column named "stage", if any
    # The events the category's rule needs (Rule.events): each must be mapped or present.
    # When given, only these events are loaded from the unmapped columns (other columns,
    # such as a department, are ignored).
    events: frozenset[str] | None = None
    timezone: str = "Europe/Paris"


@dataclass(frozen=True)
class LoadResult:
    inventory_id: int
    records: int
    events: tuple[str, ...]  # in slot order: events[i] is stored in column d{i}
    replaced: int  # records of the previous inventory (0 if there was none)


class InventoryError(CodedError):
    """An inventory that cannot be loaded; nothing was changed.

    ``params`` name where: ``file``, ``sheet`` (workbooks), ``row`` (1-based, as a
    spreadsheet shows it: the header is row 1), ``column`` (header name) and ``value``.
    """


# --- dates --------------------------------------------------------------------------------

_FRENCH = re.compile(
    r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T]+(\d{1,2})[:h](\d{2})(?::(\d{2}))?)?"
)
_SHORT_YEAR = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2}(?:\s.*)?")
_LOOSE_ISO = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})")
_ISO_TIMESTAMP = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?"
    r"(?:\s*(?:Z|z|UTC|[+-]\d{2}(?::?\d{2})?))?"
)
_EXCEL_EPOCH: Final = date(1899, 12, 30)
_EXCEL_MAX: Final = (date(9999, 12, 31) - _EXCEL_EPOCH).days


class _BadCell(ValueError):
    """A cell that is not what its column needs; the message says why."""


def _local_date(moment: datetime, zone: ZoneInfo) -> date:
    # A naive timestamp is a local time already (Excel cells, "2024-03-31 23:30"); an aware
    # one is converted to the zone first (T2 of retention-rules.md d.4).
    if moment.utcoffset() is None:
        return moment.date()
    return to_local_date(moment, zone)


def _parse_timestamp(text: str, zone: ZoneInfo) -> date:
    cleaned = text.replace(",", ".")
    if cleaned.endswith("UTC"):
        cleaned = cleaned[:-3].rstrip() + "+00:00"
    cleaned = re.sub(r"\s+(?=[Zz+-]\d*)", "", cleaned)  # "...:00 +02:00" -> "...:00+02:00"
    if cleaned.endswith(("z", "Z")):
        cleaned = cleaned[:-1] + "+00:00"
    match = re.search(r"\.(\d+)", cleaned)
    if match and len(match.group(1)) > 6:  # nanoseconds: keep microseconds
        cleaned = cleaned[: match.start(1) + 6] + cleaned[match.end(1):]
    return _local_date(datetime.fromisoformat(cleaned), zone)


def parse_date_text(text: str, zone: ZoneInfo) -> date | None:
    """A cell's text as a local date; None when empty. Raises ``_BadCell``."""
    text = text.strip()
    if not text:
        return None
    try:
        if len(text) == 10 and text[4] == "-" and text[7] == "-":
            return date.fromisoformat(text)
        match = _FRENCH.fullmatch(text)
        if match:
            day, month, year = (int(g) for g in match.group(1, 2, 3))
            if match.group(4) is not None:
                hour, minute = int(match.group(4)), int(match.group(5))
                second = int(match.group(6) or 0)
                datetime(year, month, day, hour, minute, second)  # validates the time too
            return date(year, month, day)
        if _SHORT_YEAR.fullmatch(text):
            raise _BadCell("a two-digit year is ambiguous: write the year in full")
        if _ISO_TIMESTAMP.fullmatch(text):
            return _parse_timestamp(text, zone)
        match = _LOOSE_ISO.fullmatch(text)
        if match:
            year, month, day = (int(g) for g in match.groups())
            return date(year, month, day)
    except _BadCell:
        raise
    except ValueError as error:
        raise _BadCell(f"not a valid date ({error})") from None
    raise _BadCell("not a date (expected 2024-02-29, 29/02/2024 or a timestamp)")


def _date_cell(value: object, zone: ZoneInfo) -> str | None:
    """Any cell (text, Excel date, Excel serial number) as the stored ISO text, or None."""
    if value is None:
        return None
    if isinstance(value, str):
        parsed = parse_date_text(value, zone)
        return None if parsed is None else parsed.isoformat()
    if isinstance(value, datetime):
        return _local_date(value, zone).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        raise _BadCell("not a date (a true/false cell)")
    if isinstance(value, int | float):
        # An Excel serial number (days since 1899-12-30) in a cell not formatted as a date.
        if not math.isfinite(value) or not 1 <= value <= _EXCEL_MAX:
            raise _BadCell("not a date (a number out of the range of Excel dates)")
        return (_EXCEL_EPOCH + timedelta(days=math.floor(value))).isoformat()
    raise _BadCell(f"not a date (a {type(value).__name__} cell)")


def _record_id(value: object) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # an id typed in a numeric Excel cell: 12345.0 -> "12345"
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def _stage(value: object) -> str:
    text = value.strip() if isinstance(value, str) else "" if value is None else str(value)
    key = unicodedata.normalize("NFC", " ".join(text.split()).casefold())
    stage = STAGES.get(key)
    if stage is None:
        raise _BadCell("not a stage (expected active or archive; actif, archivé)")
    return stage


# --- reading files ------------------------------------------------------------------------


@dataclass
class _Source:
    """An open file: its header and its rows, numbered as a spreadsheet numbers them."""

    header: list[str]
    rows: Iterator[Sequence[object]]  # every row after the header, blank ones included
    first_row: int = 2  # the number of the first of ``rows``
    sheet: str | None = None
    encoding: str | None = None
    estimate: int = 0  # rough number of rows, to choose how to index
    # What an exception raised by ``rows`` (decoding, CSV syntax) means for the user.
    failure: Callable[[Exception], Exception] = lambda error: error


class _RetryEncoding(Exception):
    """UTF-8 was guessed from an ASCII-only start; the rest of the file is not UTF-8."""


def _where(path: Path, sheet: str | None, **params: object) -> dict[str, object]:
    where: dict[str, object] = {"file": str(path)}
    if sheet is not None:
        where["sheet"] = sheet
    where.update(params)
    return where


def _is_workbook(path: Path, head: bytes) -> bool:
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        return True
    return head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0"))


def _detect_encoding(sample: bytes, whole_file: bool) -> tuple[str, bool]:
    """(encoding, guessed_from_ascii). Charset-normalizer decides between the Western
    single-byte encodings, once UTF-8 (with or without BOM) and UTF-16 are ruled out."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", False
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=whole_file)
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8", sample.isascii() and not whole_file
    from charset_normalizer import from_bytes

    best = from_bytes(sample, cp_isolation=["cp1252", "latin_1"]).best()
    return (best.encoding if best is not None else "latin_1"), False


def _sniff_delimiter(line: str) -> str:
    counts = {delimiter: line.count(delimiter) for delimiter in (";", "\t", ",")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _undecodable_line(path: Path, encoding: str) -> int:
    """The number of the first line of ``path`` that does not decode (error path only)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    number = 0
    with path.open("rb") as raw:
        for number, line in enumerate(raw, start=1):
            try:
                decoder.decode(line)
            except UnicodeDecodeError:
                return number
    return max(number, 1)


@contextlib.contextmanager
def _open_csv(path: Path, encoding: str | None) -> Iterator[_Source]:
    with path.open("rb") as raw:
        sample = raw.read(SAMPLE_BYTES)
        whole = len(sample) < SAMPLE_BYTES
    if not sample.strip():
        raise InventoryError("inventory.empty", f"{path.name}: the file is empty",
                             **_where(path, None))
    ascii_guess = False
    if encoding is None:
        encoding, ascii_guess = _detect_encoding(sample, whole)
    with path.open("r", encoding=encoding, newline="") as handle:
        try:
            first = handle.readline()
        except UnicodeDecodeError as error:
            raise InventoryError(
                "inventory.encoding",
                f"{path.name}, row 1: the header cannot be read as {encoding} ({error.reason})",
                **_where(path, None, row=1, encoding=encoding),
            ) from None
        handle.seek(0)
        reader = csv.reader(handle, delimiter=_sniff_delimiter(first), strict=False)

        def failure(error: Exception) -> Exception:
            """What a reading error raised while iterating over the rows means."""
            if isinstance(error, UnicodeDecodeError):
                if ascii_guess:
                    return _RetryEncoding()
                line = _undecodable_line(path, encoding)
                return InventoryError(
                    "inventory.encoding",
                    f"{path.name}, row {line}: the file is not in one encoding (the start "
                    f"reads as {encoding}, this row does not)",
                    **_where(path, None, row=line, encoding=encoding),
                )
            return InventoryError(
                "inventory.malformed",
                f"{path.name}, line {reader.line_num}: malformed CSV ({error})",
                **_where(path, None, row=reader.line_num),
            )

        try:
            header = next(reader)
        except UnicodeDecodeError:
            if ascii_guess:
                raise _RetryEncoding from None
            raise
        except csv.Error as error:
            raise InventoryError(
                "inventory.malformed", f"{path.name}, row 1: malformed CSV ({error})",
                **_where(path, None, row=1),
            ) from None
        lines = max(sample.count(b"\n"), 1)
        estimate = int(path.stat().st_size * lines / len(sample))
        yield _Source([cell.strip().lstrip("\ufeff") for cell in header], reader,
                      encoding=encoding, estimate=estimate, failure=failure)


@contextlib.contextmanager
def _open_workbook(path: Path, cancelled: Callable[[], bool] | None) -> Iterator[_Source]:
    from python_calamine import load_workbook

    from storage.safe_zip import ReadCancelled, UnsafeArchive, check_workbook, is_reader_error

    try:  # a zip bomb, or hostile cell positions, would make calamine abort the process
        check_workbook(path, max_expanded=4 * 2**30, first_sheet_only=True,
                       cancelled=cancelled)
    except ReadCancelled:
        raise InventoryError(
            "inventory.cancelled",
            f"{path.name}: cancelled while the workbook was being checked; nothing changed",
            **_where(path, None)) from None
    except UnsafeArchive as unsafe:
        code = "inventory.too_large" if unsafe.too_large else "inventory.not_a_workbook"
        raise InventoryError(code, f"{path.name}: {unsafe.detail}",
                             **_where(path, None, detail=unsafe.detail)) from None
    try:
        workbook = load_workbook(str(path))
    except BaseException as error:  # calamine raises several types, all meaning "unreadable"
        if not is_reader_error(error):
            raise
        kind = "an Excel/OpenDocument workbook" if not zipfile.is_zipfile(path) else \
            "a readable workbook"
        raise InventoryError(
            "inventory.not_a_workbook", f"{path.name} is not {kind} ({error})",
            **_where(path, None, detail=str(error)),
        ) from None
    try:
        names = workbook.sheet_names
        if not names:
            raise InventoryError("inventory.empty", f"{path.name}: the workbook has no sheet",
                                 **_where(path, None))
        sheet_name = names[0]
        try:
            sheet = workbook.get_sheet_by_index(0)
            iterator: Iterator[list[Any]] = iter(sheet.iter_rows())
            first = next(iterator, None)
        except BaseException as error:
            if not is_reader_error(error):
                raise
            raise InventoryError(
                "inventory.not_a_workbook",
                f"{path.name}, sheet {sheet_name}: cannot be read ({error})",
                **_where(path, sheet_name, detail=str(error)),
            ) from None
        if first is None or not any(_record_id(cell) for cell in first):
            raise InventoryError(
                "inventory.empty", f"{path.name}, sheet {sheet_name}: no header in row 1",
                **_where(path, sheet_name, row=1),
            )
        # calamine starts at the first non-empty row: keep the numbers Excel shows.
        start = sheet.start
        offset = int(start[0]) if start else 0

        yield _Source([_record_id(cell) for cell in first], iterator, first_row=2 + offset,
                      sheet=sheet_name, estimate=int(sheet.height))
    finally:
        with contextlib.suppress(Exception):
            workbook.close()


@contextlib.contextmanager
def _open(path: Path, encoding: str | None, cancelled: Callable[[], bool] | None = None
          ) -> Iterator[_Source]:
    try:
        with path.open("rb") as raw:
            head = raw.read(8)
    except OSError as error:
        raise InventoryError(
            "inventory.unreadable", f"{path}: cannot be read ({error.strerror})",
            **_where(path, None),
        ) from None
    if not head:
        raise InventoryError("inventory.empty", f"{path.name}: the file is empty",
                             **_where(path, None))
    opener = _open_workbook(path, cancelled) if _is_workbook(path, head) \
        else _open_csv(path, encoding)
    with opener as source:
        yield source


# --- columns ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Layout:
    id_index: int
    id_column: str
    stage_index: int | None
    stage_column: str
    events: tuple[str, ...]  # slot order
    event_indexes: tuple[int, ...]
    event_columns: tuple[str, ...]


def _find_column(header: Sequence[str], name: str) -> int | None:
    if name in header:
        return header.index(name)
    wanted = name.strip().casefold()
    for index, column in enumerate(header):
        if column.casefold() == wanted:
            return index
    return None


def _layout(header: list[str], spec: InventorySpec, path: Path, sheet: str | None) -> _Layout:
    def unknown(column: str, what: str) -> InventoryError:
        return InventoryError(
            "inventory.unknown_column",
            f"{path.name}{f', sheet {sheet}' if sheet else ''}, row 1: no column "
            f"{column!r} ({what}); the columns are: {', '.join(repr(h) for h in header)}",
            **_where(path, sheet, row=1, column=column, columns=tuple(header)),
        )

    if spec.id_column is not None:
        id_index = _find_column(header, spec.id_column)
        if id_index is None:
            raise unknown(spec.id_column, "the record id column")
    else:
        id_index = 0
    if not header or not header[id_index]:
        raise InventoryError(
            "inventory.missing_id_column",
            f"{path.name}{f', sheet {sheet}' if sheet else ''}, row 1: the first column "
            "(record ids) has no header",
            **_where(path, sheet, row=1, column=""),
        )
    stage_index: int | None = None
    if spec.stage_column is not None:
        stage_index = _find_column(header, spec.stage_column)
        if stage_index is None:
            raise unknown(spec.stage_column, "the stage column")
    else:
        found = _find_column(header, "stage")
        stage_index = found if found not in (None, id_index) else None
    slots: list[tuple[int, str]] = []
    mapped_columns: set[int] = set()
    for event, column in spec.mapping.items():
        if not EVENT_NAME.fullmatch(event):
            raise InventoryError(
                "inventory.invalid_event",
                f"{event!r} is not an event name (snake_case: lowercase letters, digits, _)",
                **_where(path, sheet, event=event),
            )
        index = _find_column(header, column)
        if index is None:
            raise unknown(column, f"mapped to the event {event}")
        slots.append((index, event))
        mapped_columns.add(index)
    mapped_events = set(spec.mapping)
    for index, column in enumerate(header):
        if index in mapped_columns or index in (id_index, stage_index):
            continue
        if not EVENT_NAME.fullmatch(column) or column in mapped_events:
            continue
        if spec.events is not None and column not in spec.events:
            continue
        if any(event == column for _, event in slots):
            continue  # the same header twice: the first one counts
        slots.append((index, column))
    slots.sort()
    events = tuple(event for _, event in slots)
    if spec.events is not None:
        missing = sorted(spec.events - set(events))
        if missing:
            raise InventoryError(
                "inventory.missing_event",
                f"{path.name}{f', sheet {sheet}' if sheet else ''}, row 1: no column for the "
                f"event{'s' if len(missing) > 1 else ''} {', '.join(missing)} that the rule "
                "needs (name a column after the event, or use --map EVENT=COLUMN)",
                **_where(path, sheet, row=1, events=tuple(missing)),
            )
    if len(events) > EVENT_SLOTS:
        raise InventoryError(
            "inventory.too_many_events",
            f"{path.name}: {len(events)} event columns ({', '.join(events)}); at most "
            f"{EVENT_SLOTS} can be loaded",
            **_where(path, sheet, row=1, events=events),
        )
    return _Layout(
        id_index=id_index,
        id_column=header[id_index],
        stage_index=stage_index,
        stage_column=header[stage_index] if stage_index is not None else "",
        events=events,
        event_indexes=tuple(index for index, _ in slots),
        event_columns=tuple(header[index] for index, _ in slots),
    )


# --- converting rows ----------------------------------------------------------------------


def _is_canonical_date(cell: object) -> bool:
    """An ISO date (YYYY-MM-DD) that exists: stored as it is."""
    if not isinstance(cell, str) or len(cell) != 10 or cell[4] != "-" or cell[7] != "-":
        return False
    try:
        return date.fromisoformat(cell).isoformat() == cell
    except ValueError:
        return False


class _Converter:
    """Turns file rows into inserted values, a batch at a time.

    Fast path (SQLite, CSV): when every id of a batch is already stripped and non-empty,
    every row has the header's width, every date cell is an ISO date already seen valid (or
    empty) and every stage is canonical, the cells of the csv rows themselves are bound, and
    SQLite turns '' into NULL in the columns where the batch has empty cells (``nullif``
    costs on every row, so only there): no Python work per row. Otherwise each row is
    converted by ``row_values``, which validates every cell and raises an InventoryError
    naming the row and column. Either way the rows are inserted many per statement
    (``_insert_rows``).
    """

    def __init__(self, layout: _Layout, width: int, zone: ZoneInfo, path: Path,
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
            **_where(self.path, self.sheet, row=row, column=column, value=str(value)),
        )

    def record_id(self, number: int, row: Sequence[object]) -> str | None:
        """The row's id; None for an empty row (skipped); raises for an empty id."""
        layout = self.layout
        value = _record_id(row[layout.id_index]) if layout.id_index < len(row) else ""
        if not value:
            if not any(_record_id(cell) for cell in row):
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
                values.append(_stage(cell))
            except _BadCell as why:
                raise self.error("inventory.invalid_stage", number, layout.stage_column,
                                 cell, str(why)) from None
        for index, column in zip(layout.event_indexes, layout.event_columns, strict=True):
            cell = row[index]
            try:
                values.append(_date_cell(cell, self.zone))
            except _BadCell as why:
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
                if not _is_canonical_date(cell):
                    return None
                self.valid.add(cell)
        except (TypeError, AttributeError):  # a cell that is not text (workbooks)
            return None
        if len(self._used) != width:  # keep the columns the load uses, in the file's order
            cells = list(chain.from_iterable(
                zip(*(cells[index::width] for index, _ in self._used), strict=True)))
        return cells, tuple("" in column for column in dates)

    def raw_cells(self, inventory_id: int, cells: list[Any], empties: tuple[bool, ...]
                  ) -> _Cells:
        """What ``raw_rows`` returned, ready to insert as it is."""
        return _Cells(cells, len(self._used), self._sql(inventory_id, empties),
                      self._id_position)

    def converted_cells(self, inventory_id: int, values: Sequence[Sequence[object]]
                        ) -> _Cells:
        """Rows from ``convert`` ready to insert (SQLite)."""
        return _Cells(list(chain.from_iterable(values)), self._converted_width,
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
        sql = self._statements[key] = _values_sql(columns, values)
        return sql

    def copy_sql(self, inventory_id: int) -> tuple[str, tuple[object, ...]]:
        """PostgreSQL: the COPY statement for converted rows and the constant cells that
        start each of its rows (COPY takes no constant)."""
        layout = self.layout
        columns = ["inventory_id", "record_id"]
        first: tuple[object, ...] = (int(inventory_id),)
        if layout.stage_index is not None:
            columns.append("stage")
        else:
            columns.insert(1, "stage")
            first += ("active",)
        columns += [f"d{slot}" for slot in range(len(layout.events))]
        return f"COPY inventory_record ({', '.join(columns)}) FROM STDIN", first


_ID: Final = -1  # what a used column holds, besides event slots 0, 1, ...
_STAGE: Final = -2
_ROWS_PER_INSERT: Final = 100  # rows of one INSERT ... VALUES (...), (...), ...
_MAX_PARAMETERS: Final = 999  # the bound of SQLite before 3.32 on a statement's parameters


@dataclass(frozen=True)
class _Cells:
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


def _values_sql(columns: Sequence[str], values: Sequence[str]) -> Callable[[int], str]:
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


def _insert_rows(cursor: Any, sql: Callable[[int], str], cells: Sequence[object],
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


# --- loading ------------------------------------------------------------------------------

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
    zone = _zone(spec)
    return _reading(lambda encoding: _load(engine, Path(path), spec, zone, actor, progress,
                                           cancelled, encoding))


def _zone(spec: InventorySpec) -> ZoneInfo:
    try:
        return ZoneInfo(spec.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise InventoryError("inventory.invalid_timezone", f"unknown time zone {spec.timezone!r}",
                             timezone=spec.timezone) from None


_T = TypeVar("_T")


def _reading(read: Callable[[str | None], _T]) -> _T:
    """``read(encoding)`` with the encoding detected, the cycle collector paused; again in
    Windows-1252 when the start of the file was plain ASCII and something later is not
    UTF-8 (the Windows encoding of Western Europe)."""
    with _collector_paused():
        try:
            return read(None)
        except _RetryEncoding:
            return read("cp1252")


_collector_lock = threading.Lock()
_collector_pauses = 0  # loads under way that paused the cycle collector
_collector_was_enabled = True


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector for the duration of a load.

    A load allocates a list per row and a string per cell, all freed by reference counting;
    the collector would still walk the batch in memory every few hundred allocations
    (about a sixth of a big load's time, see benchmarks/inventory_load.py). Loads can run in
    several threads at once (the window's worker): the collector comes back when the last
    one ends, and only if it was on before the first.
    """
    global _collector_pauses, _collector_was_enabled
    with _collector_lock:
        if _collector_pauses == 0:
            _collector_was_enabled = gc.isenabled()
            gc.disable()
        _collector_pauses += 1
    try:
        yield
    finally:
        with _collector_lock:
            _collector_pauses -= 1
            if _collector_pauses == 0 and _collector_was_enabled:
                gc.enable()



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
    with _open(path, encoding, cancelled) as source:
        layout = _layout(source.header, spec, path, source.sheet)
        converter = _Converter(layout, len(source.header), zone, path, source.sheet)
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
    converter: _Converter,
    source: _Source,
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
    # only writer), see InventoryRow.first_row. PostgreSQL asks its rows afterwards.
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
    rebuild = sqlite and source.estimate >= max(_REBUILD_FROM, others)
    if rebuild:
        for index in _record_indexes():
            connection.exec_driver_sql(f"DROP INDEX {index.name}")

    driver: Any = connection.connection.driver_connection
    integrity_error: type[Exception] = connection.dialect.loaded_dbapi.IntegrityError
    copy_sql, copy_first = converter.copy_sql(inventory_id)
    cursor = driver.cursor()
    count = 0
    first_row = source.first_row
    with contextlib.closing(cursor), _settings_kept(cursor, sqlite):
        if sqlite:
            cursor.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        while batch := _next_batch(source):
            ready: _Cells | None = None
            values: list[tuple[object, ...]] = []
            if sqlite:
                # Rows sorted by id fill a unique index kept up to date page by page.
                raw = converter.raw_rows(batch, by_id=not rebuild)
                if raw is not None:
                    ready = converter.raw_cells(inventory_id, *raw)
            if ready is None:
                values = converter.convert(batch, first_row)
                if not rebuild:
                    values.sort(key=_first)
                if sqlite:
                    ready = converter.converted_cells(inventory_id, values)
            savepoint = None if sqlite else connection.begin_nested()
            try:
                if ready is not None:
                    _insert_rows(cursor, ready.sql, ready.cells, ready.width)
                else:  # PostgreSQL: COPY, several times faster than INSERT
                    with cursor.copy(copy_sql) as copy:
                        for row in values:
                            copy.write_row((*copy_first, *row))
            except integrity_error:
                if savepoint is not None:
                    savepoint.rollback()
                ids = ready.ids() if ready is not None else list(map(_first, values))
                raise _Duplicate(_duplicate_in(cursor, inventory_id, ids,
                                               connection.dialect.paramstyle)) from None
            if savepoint is not None:
                savepoint.commit()
            count += ready.rows if ready is not None else len(values)
            first_row += len(batch)
            _batch_done(path, source, first_row, progress, cancelled,
                        "loading cancelled; nothing changed")
        if rebuild:
            _build_indexes(connection, inventory_id, before)
        if not sqlite:
            # Statistics of the new rows for PostgreSQL's planner: without them it takes an
            # inventory's range of rows for a few rows and the check joins its lookup tables
            # row by row (200,000 records: 0.53 s instead of 0.35 s). A sample: ~0.1 s.
            connection.exec_driver_sql("ANALYZE inventory_record")
        if sqlite:  # rowids follow the largest one: this load's rows are after ``before``
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


def _batch_done(path: Path, source: _Source, next_row: int,
                progress: Callable[[int], None] | None, cancelled: Callable[[], bool] | None,
                words: str) -> None:
    """After a batch: say how many rows were read, stop if asked to (``words``)."""
    if progress is not None:
        progress(next_row - source.first_row)
    if cancelled is not None and cancelled():
        raise InventoryError("inventory.cancelled", f"{path.name}: {words}",
                             **_where(path, source.sheet, row=next_row - 1))


def _next_batch(source: _Source) -> list[Sequence[object]]:
    try:
        return list(islice(source.rows, BATCH_SIZE))
    except (UnicodeDecodeError, csv.Error) as error:
        raise source.failure(error) from None


def _first(values: Sequence[object]) -> Any:
    return values[0]


def _record_indexes() -> list[Index]:
    """The indexes of inventory records, unique ones last."""
    return sorted(metadata.tables["inventory_record"].indexes, key=lambda index: index.unique)


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
    """Build the indexes a big load dropped (SQLite); a repeated id (in the rows after
    ``before``) fails the unique one.

    SQLite sorts in other threads only the parts of a sort that overflow the page cache:
    a small cache during the builds lets the other cores sort while this one merges (about
    a third less time on two cores, ``benchmarks/inventory_load.py``).
    """
    connection.exec_driver_sql(f"PRAGMA threads = {_SORT_THREADS}")
    connection.exec_driver_sql(f"PRAGMA cache_size = -{SORT_CACHE_KIB}")
    for index in _record_indexes():
        try:
            connection.execute(CreateIndex(index))
        except IntegrityError:
            duplicate = connection.exec_driver_sql(
                "SELECT record_id FROM inventory_record WHERE id > ? AND inventory_id = ? "
                "GROUP BY record_id HAVING count(*) > 1 LIMIT 1", (before, inventory_id)
            ).first()
            raise _Duplicate(str(duplicate[0]) if duplicate else "") from None


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


def _duplicate_error(path: Path, encoding: str | None, converter: _Converter,
                     record: str) -> InventoryError:
    """Read the file again to name the first two rows of ``record`` (error path)."""
    layout = converter.layout
    found: list[int] = []
    with _open(path, encoding) as source:
        for number, row in enumerate(source.rows, start=source.first_row):
            if layout.id_index < len(row) and _record_id(row[layout.id_index]) == record:
                found.append(number)
                if len(found) == 2:
                    break
    sheet = converter.sheet
    where = f"{path.name}{f', sheet {sheet}' if sheet else ''}"
    first, again = [*found, 0, 0][:2]
    return InventoryError(
        "inventory.duplicate_id",
        f"{where}, column {layout.id_column}: the record id {record!r} is in row {first} "
        f"and again in row {again}",
        **_where(path, sheet, row=again, first_row=first, column=layout.id_column,
                 value=record),
    )


# --- before loading: a preview and a check ---------------------------------------------


@dataclass(frozen=True)
class InventoryPreview:
    """The start of a file, read as the loader reads it (same encoding, same sheet)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # the first rows after the header, as text
    estimate: int  # rows in the file: exact for a workbook, estimated from its start for CSV
    exact: bool
    sheet: str | None = None
    encoding: str | None = None


def _cell_text(cell: object) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime) and cell.time() == datetime.min.time():
        return cell.date().isoformat()
    return _record_id(cell)


def preview_inventory(path: Path, rows: int = 10, *,
                      cancelled: Callable[[], bool] | None = None) -> InventoryPreview:
    """The header and the first ``rows`` non-blank rows of ``path``, without reading the
    rest (a file of millions of rows opens at once; a workbook is checked first, which
    ``cancelled()`` can stop). Raises :class:`InventoryError` for a file that cannot be
    read, as the load would."""
    return _reading(lambda encoding: _preview(Path(path), rows, encoding, cancelled))


def _preview(path: Path, rows: int, encoding: str | None,
             cancelled: Callable[[], bool] | None) -> InventoryPreview:
    with _open(path, encoding, cancelled) as source:
        shown: list[tuple[str, ...]] = []
        try:
            for row in source.rows:
                texts = tuple(_cell_text(cell) for cell in row)
                if any(texts):
                    shown.append(texts)
                    if len(shown) == rows:
                        break
        except (UnicodeDecodeError, csv.Error) as error:
            raise source.failure(error) from None
        exact = source.encoding is None  # workbooks know their height
        estimate = max(source.estimate - 1, len(shown))  # the header is not a record
        return InventoryPreview(tuple(source.header), tuple(shown), estimate, exact,
                                source.sheet, source.encoding)


@dataclass(frozen=True)
class InventoryCheck:
    """What a load of the file would refuse, found by reading it all without storing it."""

    records: int  # rows that would be loaded (blank rows skipped)
    refused: tuple[InventoryError, ...]  # the first refused rows, in the file's order
    more_refused: int = 0  # refused rows beyond those listed

    @property
    def refused_count(self) -> int:
        return len(self.refused) + self.more_refused


def check_inventory(
    path: Path,
    spec: InventorySpec,
    *,
    limit: int = 100,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> InventoryCheck:
    """Read ``path`` as ``load_inventory`` would and list the rows it would refuse (a date
    that is not one, an empty id, an unknown stage), at most ``limit`` of them, the others
    counted. Nothing is stored. A file or header the load would refuse as a whole raises
    :class:`InventoryError`, as does ``cancelled()``. A repeated record id is found by the
    load itself (finding it here would hold every id in memory).
    """
    zone = _zone(spec)
    return _reading(lambda encoding: _check(Path(path), spec, zone, limit, progress, cancelled,
                                            encoding))


def _check(path: Path, spec: InventorySpec, zone: ZoneInfo, limit: int,
           progress: Callable[[int], None] | None, cancelled: Callable[[], bool] | None,
           encoding: str | None) -> InventoryCheck:
    with _open(path, encoding, cancelled) as source:
        layout = _layout(source.header, spec, path, source.sheet)
        converter = _Converter(layout, len(source.header), zone, path, source.sheet)
        records, more = 0, 0
        refused: list[InventoryError] = []
        first_row = source.first_row
        while batch := _next_batch(source):
            if converter.raw_rows(batch) is not None:  # every row of it would be stored
                records += len(batch)
            else:
                for number, row in enumerate(batch, start=first_row):
                    try:
                        if converter.row_values(number, row) is not None:
                            records += 1
                    except InventoryError as error:
                        if len(refused) < limit:
                            refused.append(error)
                        else:
                            more += 1
            first_row += len(batch)
            _batch_done(path, source, first_row, progress, cancelled, "check cancelled")
        return InventoryCheck(records, tuple(refused), more)


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
