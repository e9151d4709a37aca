"""The table of activities: a model over precomputed rows, and its filter.

Filtering and sorting 50,000 rows through ``data()`` calls Python for every cell (40x too
slow for a keystroke, see shared/reference/measurements.md): each row keeps the lowercase,
accent-free text the filter matches, and the sort keys, computed once when rows are set.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
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


COLUMNS: tuple[tuple[str, str], ...] = (
    ("Réf.", "Ref."),
    ("Traitement", "Activity"),
    ("Entité", "Entity"),
    ("Service", "Department"),
    ("Rôle", "Role"),
    ("Bases légales", "Legal bases"),
    ("Statut", "Status"),
    ("Complétude", "Completeness"),
)
NAME_COLUMN, ENTITY_COLUMN, COMPLETENESS_COLUMN = 1, 2, 7


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
    )
    extra = " ".join((activity.purpose, *activity.data_subjects, *activity.systems,
                      *(c.code for c in activity.data_categories)))
    return ActivityRowView(activity, entity, completeness, cells, fold(" ".join(cells) + extra))


class ActivityTableModel(QAbstractTableModel):
    def __init__(self, lang: Lang = "fr", parent: Any = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._rows: list[ActivityRowView] = []

    def set_rows(self, rows: Sequence[ActivityRowView]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> ActivityRowView:
        return self._rows[row]

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
    """Filters on the precomputed folded text of each row: all words must appear."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: tuple[str, ...] = ()

    def set_query(self, text: str) -> None:
        if hasattr(self, "endFilterChange"):  # Qt >= 6.10; invalidateRowsFilter is deprecated
            self.beginFilterChange()
            self._words = tuple(fold(text).split())
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._words = tuple(fold(text).split())
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        if not isinstance(model, ActivityTableModel):
            return True
        text = model.row_at(source_row).search_text
        return all(word in text for word in self._words)
