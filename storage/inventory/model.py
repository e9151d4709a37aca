"""What an inventory is: the spec of a load, its result, its errors."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final

from domain.errors import CodedError

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
