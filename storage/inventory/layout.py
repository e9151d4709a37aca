"""Which column of a file holds the record id, the stage and each event."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from storage.inventory.files import where
from storage.inventory.model import EVENT_NAME, InventoryError, InventorySpec
from storage.tables import EVENT_SLOTS


@dataclass(frozen=True)
class Layout:
    id_index: int
    id_column: str
    stage_index: int | None
    stage_column: str
    events: tuple[str, ...]  # slot order
    event_indexes: tuple[int, ...]
    event_columns: tuple[str, ...]


def find_column(header: Sequence[str], name: str) -> int | None:
    if name in header:
        return header.index(name)
    wanted = name.strip().casefold()
    for index, column in enumerate(header):
        if column.casefold() == wanted:
            return index
    return None


def layout_of(header: list[str], spec: InventorySpec, path: Path, sheet: str | None) -> Layout:
    def unknown(column: str, what: str) -> InventoryError:
        return InventoryError(
            "inventory.unknown_column",
            f"{path.name}{f', sheet {sheet}' if sheet else ''}, row 1: no column "
            f"{column!r} ({what}); the columns are: {', '.join(repr(h) for h in header)}",
            **where(path, sheet, row=1, column=column, columns=tuple(header)),
        )

    if spec.id_column is not None:
        id_index = find_column(header, spec.id_column)
        if id_index is None:
            raise unknown(spec.id_column, "the record id column")
    else:
        id_index = 0
    if not header or not header[id_index]:
        raise InventoryError(
            "inventory.missing_id_column",
            f"{path.name}{f', sheet {sheet}' if sheet else ''}, row 1: the first column "
            "(record ids) has no header",
            **where(path, sheet, row=1, column=""),
        )
    stage_index: int | None = None
    if spec.stage_column is not None:
        stage_index = find_column(header, spec.stage_column)
        if stage_index is None:
            raise unknown(spec.stage_column, "the stage column")
    else:
        found = find_column(header, "stage")
        stage_index = found if found not in (None, id_index) else None
    slots: list[tuple[int, str]] = []
    mapped_columns: set[int] = set()
    for event, column in spec.mapping.items():
        if not EVENT_NAME.fullmatch(event):
            raise InventoryError(
                "inventory.invalid_event",
                f"{event!r} is not an event name (snake_case: lowercase letters, digits, _)",
                **where(path, sheet, event=event),
            )
        index = find_column(header, column)
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
                **where(path, sheet, row=1, events=tuple(missing)),
            )
    if len(events) > EVENT_SLOTS:
        raise InventoryError(
            "inventory.too_many_events",
            f"{path.name}: {len(events)} event columns ({', '.join(events)}); at most "
            f"{EVENT_SLOTS} can be loaded",
            **where(path, sheet, row=1, events=events),
        )
    return Layout(
        id_index=id_index,
        id_column=header[id_index],
        stage_index=stage_index,
        stage_column=header[stage_index] if stage_index is not None else "",
        events=events,
        event_indexes=tuple(index for index, _ in slots),
        event_columns=tuple(header[index] for index, _ in slots),
    )
