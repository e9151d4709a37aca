"""The table of activities: a model over precomputed rows, and its filter.

Filtering and sorting 50,000 rows through ``data()`` calls Python for every cell (40x too
slow for a keystroke, see shared/reference/measurements.md): each row keeps the lowercase,
accent-free text the filter matches, and the sort keys, computed once when rows are set.
The source model sorts itself (one ``list.sort`` on precomputed keys); the proxy only
filters, on plain attributes of the row, never through ``data()``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from domain.completeness import Completeness
from domain.model import ProcessingActivity
from domain.vocabulary import Lang, Vocabularies

Index = QModelIndex | QPersistentModelIndex


def fold(text: str) -> str:
    """Lowercase without accents: 'Santé' matches 'sante'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class ActivityRowView:
    activity: ProcessingActivity
    entity: str
    completeness: Completeness
    cells: tuple[str, ...]
    search_text: str
    sensitive: bool = False
    sort_keys: tuple[Any, ...] = field(default=(), compare=False)


COLUMNS: tuple[tuple[str, str], ...] = (
    ("Réf.", "Ref."),
    ("Traitement", "Activity"),
    ("Entité", "Entity"),
    ("Service", "Department"),
    ("Rôle", "Role"),
    ("Bases légales", "Legal bases"),
    ("Statut", "Status"),
    ("Complétude", "Completeness"),
    ("Pour le compte de", "On behalf of"),
    ("Sensibles", "Sensitive"),
)
# stable names of the columns, for the settings (hidden columns) and the column chooser
COLUMN_KEYS: tuple[str, ...] = ("ref", "name", "entity", "department", "role", "legal_bases",
                                "status", "completeness", "controllers", "sensitive")
NAME_COLUMN, ENTITY_COLUMN, COMPLETENESS_COLUMN = 1, 2, 7
ROLE_COLUMN, CONTROLLERS_COLUMN, SENSITIVE_COLUMN = 4, 8, 9


def make_row(activity: ProcessingActivity, entity: str, completeness: Completeness,
             voc: Vocabularies, lang: Lang) -> ActivityRowView:
    cells = (
        activity.ref,
        activity.name,
        entity,
        activity.department,
        voc.roles[activity.role.value].label(lang),
        ", ".join(b.code for b in activity.legal_bases),
        voc.statuses[activity.status.value].label(lang),
        f"{completeness.percent} %",
        ", ".join(activity.controllers_acted_for),
        ", ".join(c.code for c in activity.data_categories
                  if voc.is_sensitive_category(c.code)),
    )
    extra = " ".join((activity.purpose, *activity.data_subjects, *activity.systems,
                      *(c.code for c in activity.data_categories)))
    folded = tuple(fold(c) for c in cells)
    keys = (*folded[:COMPLETENESS_COLUMN], completeness.percent, *folded[COMPLETENESS_COLUMN + 1:])
    return ActivityRowView(activity, entity, completeness, cells,
                           " ".join(folded) + " " + fold(extra), sensitive=bool(cells[-1]),
                           sort_keys=keys)


@dataclass(frozen=True)
class RowFilter:
    """What the user asked to see; every test is on a precomputed attribute of the row."""

    words: tuple[str, ...] = ()
    entity_id: int | None = None  # None: the whole group
    status: str = ""  # "" any, else a Status code
    role: str = ""  # "" any, else a Role code
    sensitive_only: bool = False
    incomplete_only: bool = False

    def accepts(self, row: ActivityRowView) -> bool:
        activity = row.activity
        if self.entity_id is not None and activity.entity_id != self.entity_id:
            return False
        if self.status and activity.status.value != self.status:
            return False
        if self.role and activity.role.value != self.role:
            return False
        if self.sensitive_only and not row.sensitive:
            return False
        if self.incomplete_only and row.completeness.percent >= 100:
            return False
        text = row.search_text
        return all(word in text for word in self.words)


class ActivityTableModel(QAbstractTableModel):
    def __init__(self, lang: Lang = "fr", parent: Any = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._rows: list[ActivityRowView] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_lang(self, lang: Lang) -> None:
        self._lang = lang
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)

    def set_rows(self, rows: Sequence[ActivityRowView]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if self._sort is not None:
            self._sort_rows(*self._sort)
        self.endResetModel()

    def row_at(self, row: int) -> ActivityRowView:
        return self._rows[row]

    def rows(self) -> Sequence[ActivityRowView]:
        return self._rows

    def find(self, entity_id: int, ref: str) -> int:
        """The row of an activity, or -1."""
        for number, row in enumerate(self._rows):
            if row.activity.ref == ref and row.activity.entity_id == entity_id:
                return number
        return -1

    def replace_row(self, number: int, row: ActivityRowView) -> None:
        self._rows[number] = row
        self.dataChanged.emit(self.index(number, 0), self.index(number, len(COLUMNS) - 1))

    def insert_row(self, row: ActivityRowView) -> int:
        number = len(self._rows)
        self.beginInsertRows(QModelIndex(), number, number)
        self._rows.append(row)
        self.endInsertRows()
        return number

    def remove_row(self, number: int) -> None:
        self.beginRemoveRows(QModelIndex(), number, number)
        del self._rows[number]
        self.endRemoveRows()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        self._rows.sort(key=lambda r: (r.sort_keys[column], r.sort_keys[0]),
                        reverse=order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        old = list(self._rows)
        self._sort_rows(column, order)
        position = {id(row): number for number, row in enumerate(self._rows)}
        for index in self.persistentIndexList():
            row = position[id(old[index.row()])]
            self.changePersistentIndex(index, self.index(row, index.column()))
        self.layoutChanged.emit()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            fr, en = COLUMNS[section]
            return fr if self._lang == "fr" else en
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == COMPLETENESS_COLUMN:
            return str(len(row.completeness.findings))
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == COMPLETENESS_COLUMN:
            percent = row.completeness.percent
            color = "#1b7f3b" if percent == 100 else "#b26a00" if percent >= 75 else "#b3261e"
            return QBrush(QColor(color))
        if role == Qt.ItemDataRole.UserRole:
            return row.search_text
        return None


class ActivityFilterModel(QSortFilterProxyModel):
    """Filters on the precomputed folded text and attributes of each row (all words must
    appear); sorting is the source model's."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.row_filter = RowFilter()

    def set_query(self, text: str) -> None:
        self.set_filter(words=tuple(fold(text).split()))

    def set_filter(self, **changes: Any) -> None:
        if hasattr(self, "endFilterChange"):  # Qt >= 6.10; invalidateRowsFilter is deprecated
            self.beginFilterChange()
            self.row_filter = replace(self.row_filter, **changes)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.row_filter = replace(self.row_filter, **changes)
            self.invalidateRowsFilter()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        if isinstance(model, ActivityTableModel):
            model.sort(column, order)  # keys precomputed: no Python call per comparison

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, ActivityTableModel):
            return True
        return self.row_filter.accepts(model.row_at(source_row))
