"""Before loading: the start of a file as the loader reads it, and a check of every row
that stores nothing."""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from storage.inventory.cells import record_id_text
from storage.inventory.convert import Converter
from storage.inventory.files import batch_done, next_batch, open_source, reading, zone_of
from storage.inventory.layout import layout_of
from storage.inventory.model import InventoryError, InventorySpec


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
    return record_id_text(cell)


def preview_inventory(path: Path, rows: int = 10, *,
                      cancelled: Callable[[], bool] | None = None) -> InventoryPreview:
    """The header and the first ``rows`` non-blank rows of ``path``, without reading the
    rest (a file of millions of rows opens at once; a workbook is checked first, which
    ``cancelled()`` can stop). Raises :class:`InventoryError` for a file that cannot be
    read, as the load would."""
    return reading(lambda encoding: _preview(Path(path), rows, encoding, cancelled))


def _preview(path: Path, rows: int, encoding: str | None,
             cancelled: Callable[[], bool] | None) -> InventoryPreview:
    with open_source(path, encoding, cancelled) as source:
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
    zone = zone_of(spec)
    return reading(lambda encoding: _check(Path(path), spec, zone, limit, progress, cancelled,
                                            encoding))


def _check(path: Path, spec: InventorySpec, zone: ZoneInfo, limit: int,
           progress: Callable[[int], None] | None, cancelled: Callable[[], bool] | None,
           encoding: str | None) -> InventoryCheck:
    with open_source(path, encoding, cancelled) as source:
        layout = layout_of(source.header, spec, path, source.sheet)
        converter = Converter(layout, len(source.header), zone, path, source.sheet)
        records, more = 0, 0
        refused: list[InventoryError] = []
        first_row = source.first_row
        while batch := next_batch(source):
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
            batch_done(path, source, first_row, progress, cancelled, "check cancelled")
        return InventoryCheck(records, tuple(refused), more)
