"""Opening an inventory file (CSV in any encoding, or the first sheet of a workbook) and
reading it a batch at a time, as the load, the preview and the check all do."""

from __future__ import annotations

import contextlib
import csv
import gc
import threading
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, Final, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from storage.encodings import detect_encoding, sniff_delimiter, undecodable_line
from storage.inventory.cells import record_id_text
from storage.inventory.model import WORKBOOK_SUFFIXES, InventoryError, InventorySpec

BATCH_SIZE: Final = 10_000
SAMPLE_BYTES: Final = 64 * 1024  # what the encoding and the delimiter are guessed from


@dataclass
class Source:
    """An open file: its header and its rows, numbered as a spreadsheet numbers them."""

    header: list[str]
    rows: Iterator[Sequence[object]]  # every row after the header, blank ones included
    first_row: int = 2  # the number of the first of ``rows``
    sheet: str | None = None
    encoding: str | None = None
    estimate: int = 0  # rough number of rows, to choose how to index
    # What an exception raised by ``rows`` (decoding, CSV syntax) means for the user.
    failure: Callable[[Exception], Exception] = lambda error: error


class RetryEncoding(Exception):
    """UTF-8 was guessed from an ASCII-only start; the rest of the file is not UTF-8."""


def where(path: Path, sheet: str | None, **params: object) -> dict[str, object]:
    where: dict[str, object] = {"file": str(path)}
    if sheet is not None:
        where["sheet"] = sheet
    where.update(params)
    return where


def is_workbook(path: Path, head: bytes) -> bool:
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        return True
    return head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0"))


@contextlib.contextmanager
def open_csv(path: Path, encoding: str | None) -> Iterator[Source]:
    with path.open("rb") as raw:
        sample = raw.read(SAMPLE_BYTES)
        whole = len(sample) < SAMPLE_BYTES
    if not sample.strip():
        raise InventoryError("inventory.empty", f"{path.name}: the file is empty",
                             **where(path, None))
    ascii_guess = False
    if encoding is None:
        encoding, ascii_guess = detect_encoding(sample, whole)
    with path.open("r", encoding=encoding, newline="") as handle:
        try:
            first = handle.readline()
        except UnicodeDecodeError as error:
            raise InventoryError(
                "inventory.encoding",
                f"{path.name}, row 1: the header cannot be read as {encoding} ({error.reason})",
                **where(path, None, row=1, encoding=encoding),
            ) from None
        handle.seek(0)
        reader = csv.reader(handle, delimiter=sniff_delimiter(first), strict=False)

        def failure(error: Exception) -> Exception:
            """What a reading error raised while iterating over the rows means."""
            if isinstance(error, UnicodeDecodeError):
                if ascii_guess:
                    return RetryEncoding()
                line = undecodable_line(path, encoding)
                return InventoryError(
                    "inventory.encoding",
                    f"{path.name}, row {line}: the file is not in one encoding (the start "
                    f"reads as {encoding}, this row does not)",
                    **where(path, None, row=line, encoding=encoding),
                )
            return InventoryError(
                "inventory.malformed",
                f"{path.name}, line {reader.line_num}: malformed CSV ({error})",
                **where(path, None, row=reader.line_num),
            )

        try:
            header = next(reader)
        except UnicodeDecodeError:
            if ascii_guess:
                raise RetryEncoding from None
            raise
        except csv.Error as error:
            raise InventoryError(
                "inventory.malformed", f"{path.name}, row 1: malformed CSV ({error})",
                **where(path, None, row=1),
            ) from None
        lines = max(sample.count(b"\n"), 1)
        estimate = int(path.stat().st_size * lines / len(sample))
        yield Source([cell.strip().lstrip("\ufeff") for cell in header], reader,
                      encoding=encoding, estimate=estimate, failure=failure)


@contextlib.contextmanager
def open_workbook(path: Path, cancelled: Callable[[], bool] | None) -> Iterator[Source]:
    from python_calamine import load_workbook

    from storage.safe_zip import ReadCancelled, UnsafeArchive, check_workbook, is_reader_error

    try:  # a zip bomb, or hostile cell positions, would make calamine abort the process
        check_workbook(path, max_expanded=4 * 2**30, first_sheet_only=True,
                       cancelled=cancelled)
    except ReadCancelled:
        raise InventoryError(
            "inventory.cancelled",
            f"{path.name}: cancelled while the workbook was being checked; nothing changed",
            **where(path, None)) from None
    except UnsafeArchive as unsafe:
        code = "inventory.too_large" if unsafe.too_large else "inventory.not_a_workbook"
        raise InventoryError(code, f"{path.name}: {unsafe.detail}",
                             **where(path, None, detail=unsafe.detail)) from None
    try:
        workbook = load_workbook(str(path))
    except BaseException as error:  # calamine raises several types, all meaning "unreadable"
        if not is_reader_error(error):
            raise
        kind = "an Excel/OpenDocument workbook" if not zipfile.is_zipfile(path) else \
            "a readable workbook"
        raise InventoryError(
            "inventory.not_a_workbook", f"{path.name} is not {kind} ({error})",
            **where(path, None, detail=str(error)),
        ) from None
    try:
        names = workbook.sheet_names
        if not names:
            raise InventoryError("inventory.empty", f"{path.name}: the workbook has no sheet",
                                 **where(path, None))
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
                **where(path, sheet_name, detail=str(error)),
            ) from None
        if first is None or not any(record_id_text(cell) for cell in first):
            raise InventoryError(
                "inventory.empty", f"{path.name}, sheet {sheet_name}: no header in row 1",
                **where(path, sheet_name, row=1),
            )
        # calamine starts at the first non-empty row: keep the numbers Excel shows.
        start = sheet.start
        offset = int(start[0]) if start else 0

        yield Source([record_id_text(cell) for cell in first], iterator, first_row=2 + offset,
                      sheet=sheet_name, estimate=int(sheet.height))
    finally:
        with contextlib.suppress(Exception):
            workbook.close()


@contextlib.contextmanager
def open_source(path: Path, encoding: str | None, cancelled: Callable[[], bool] | None = None
          ) -> Iterator[Source]:
    try:
        with path.open("rb") as raw:
            head = raw.read(8)
    except OSError as error:
        raise InventoryError(
            "inventory.unreadable", f"{path}: cannot be read ({error.strerror})",
            **where(path, None),
        ) from None
    if not head:
        raise InventoryError("inventory.empty", f"{path.name}: the file is empty",
                             **where(path, None))
    opener = open_workbook(path, cancelled) if is_workbook(path, head) \
        else open_csv(path, encoding)
    with opener as source:
        yield source


# --- reading a whole file, a batch at a time ----------------------------------------------


def zone_of(spec: InventorySpec) -> ZoneInfo:
    try:
        return ZoneInfo(spec.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise InventoryError("inventory.invalid_timezone", f"unknown time zone {spec.timezone!r}",
                             timezone=spec.timezone) from None


_T = TypeVar("_T")


def reading(read: Callable[[str | None], _T]) -> _T:
    """``read(encoding)`` with the encoding detected, the cycle collector paused; again in
    Windows-1252 when the start of the file was plain ASCII and something later is not
    UTF-8 (the Windows encoding of Western Europe)."""
    with collector_paused():
        try:
            return read(None)
        except RetryEncoding:
            return read("cp1252")


_collector_lock = threading.Lock()
_collector_pauses = 0  # loads under way that paused the cycle collector
_collector_was_enabled = True


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
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


def batch_done(path: Path, source: Source, next_row: int,
                progress: Callable[[int], None] | None, cancelled: Callable[[], bool] | None,
                words: str) -> None:
    """After a batch: say how many rows were read, stop if asked to (``words``)."""
    if progress is not None:
        progress(next_row - source.first_row)
    if cancelled is not None and cancelled():
        raise InventoryError("inventory.cancelled", f"{path.name}: {words}",
                             **where(path, source.sheet, row=next_row - 1))


def next_batch(source: Source) -> list[Sequence[object]]:
    try:
        return list(islice(source.rows, BATCH_SIZE))
    except (UnicodeDecodeError, csv.Error) as error:
        raise source.failure(error) from None
