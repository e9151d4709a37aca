"""The history of one activity: its audit entries (who, when, field, old -> new)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from domain.vocabulary import Lang
from gui.i18n import tr_noop, translate
from storage.tables import AuditEntryRow

Index = QModelIndex | QPersistentModelIndex

HEADERS: tuple[str, ...] = (
    tr_noop("Date"), tr_noop("Par"), tr_noop("Action"),
    tr_noop("Champ"), tr_noop("Avant"), tr_noop("Après"),
)
ACTIONS = {"create": tr_noop("création"), "update": tr_noop("modification"),
           "delete": tr_noop("suppression")}
MAX_CELL = 80


def _value(raw: str | None) -> str:
    """A stored JSON value as a short line: text as is, lists joined, objects compact."""
    if raw is None:
        return "—"
    try:
        value = json.loads(raw)
    except ValueError:
        return raw
    if value in (None, "", [], {}):
        return "—"
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ", ".join(value)
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def _when(at: str) -> str:
    try:
        moment = datetime.fromisoformat(at).astimezone()
    except ValueError:
        return at
    return moment.strftime("%d/%m/%Y %H:%M")


class HistoryModel(QAbstractTableModel):
    def __init__(self, lang: Lang = "fr", parent: Any = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._rows: list[tuple[str, ...]] = []
        self._full: list[tuple[str, str]] = []

    def set_lang(self, lang: Lang) -> None:
        self._lang = lang
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(HEADERS) - 1)

    def set_entries(self, entries: Sequence[AuditEntryRow]) -> None:
        """Newest first."""
        self.beginResetModel()
        self._rows, self._full = [], []
        for entry in reversed(entries):
            before, after = _value(entry.old_value), _value(entry.new_value)
            action = ACTIONS.get(entry.action)
            self._rows.append((_when(entry.at), entry.actor,
                               translate(action) if action else entry.action, entry.field,
                               before, after))
            self._full.append((before, after))
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translate(HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        text = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text if len(text) <= MAX_CELL else text[:MAX_CELL - 1] + "…"
        if role == Qt.ItemDataRole.ToolTipRole and index.column() >= 4:
            return self._full[index.row()][index.column() - 4]
        return None
