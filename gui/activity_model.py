"""The table of activities: one model that holds its rows and the list of those shown.

At 50,000 activities nothing may call Python per row per keystroke through Qt (a
``QSortFilterProxyModel`` does, 40x too slow; see shared/reference/measurements.md). As in
Anki's browser table (``qt/aqt/browser/table/model.py``), the model keeps row objects and
computes what a row shows only when it is asked for:

* a row's cells are built the first time the view paints it;
* the folded (lowercase, accent-free) text the search matches, and each column's sort key,
  are computed for all rows in one pass the first time they are needed, then kept;
* the completeness score (the domain's checks, ~35 us an activity) is computed for a
  painted row on demand, and for all the others by ``CompletenessFill``, in slices of a few
  milliseconds between events, so the window opens at once and never freezes.

Filtering is one pass of list comprehensions over the precomputed strings, then a model
reset (the window restores the selection, as Anki does); sorting is one ``list.sort`` on
precomputed keys, then ``layoutChanged`` with the persistent indexes moved along.
"""

from __future__ import annotations

import gc
import re
import time
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from datetime import date
from operator import attrgetter
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from domain.completeness import Completeness, assess
from domain.model import ProcessingActivity
from domain.vocabulary import Lang, Vocabularies, load_vocabularies
from gui.i18n import tr_noop, translate
from gui.typography import percent

Index = QModelIndex | QPersistentModelIndex


# the combining marks of Latin, Greek and Cyrillic accents (NFKD puts them after the letter)
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def fold(text: str) -> str:
    """Lowercase without accents: 'Santé' matches 'sante' (one C-level pass each step)."""
    folded = text.casefold()
    if folded.isascii():
        return folded
    return _COMBINING.sub("", unicodedata.normalize("NFKD", folded))


_DIGITS = re.compile(r"(\d+)")


def ref_key(ref: str) -> tuple[tuple[str | int, ...], str]:
    """A reference's sort key, numbers by value: T-2 before T-10, RH-9 before RH-10 (the
    text alone put 1, 10, 11, 2); the folded text breaks ties (T-01 and T-1)."""
    folded = fold(ref)
    parts = _DIGITS.split(folded)  # text, number, text, …: always text at even places
    return tuple(int(p) if i % 2 else p for i, p in enumerate(parts)), folded


COLUMNS: tuple[str, ...] = (  # headers, translated where shown
    tr_noop("Réf."),
    tr_noop("Traitement"),
    tr_noop("Entité"),
    tr_noop("Service"),
    tr_noop("Rôle"),
    tr_noop("Bases légales"),
    tr_noop("Statut"),
    tr_noop("Complétude"),
    tr_noop("Pour le compte de"),
    tr_noop("Sensibles"),
)
# stable names of the columns, for the settings (hidden columns) and the column chooser
COLUMN_KEYS: tuple[str, ...] = ("ref", "name", "entity", "department", "role", "legal_bases",
                                "status", "completeness", "controllers", "sensitive")
NAME_COLUMN, ENTITY_COLUMN, COMPLETENESS_COLUMN = 1, 2, 7
ROLE_COLUMN, STATUS_COLUMN, CONTROLLERS_COLUMN, SENSITIVE_COLUMN = 4, 6, 8, 9
EAGER_ROWS = 2_000  # below this, everything is computed when the rows are set


class RowContext:
    """What building a row's words needs: vocabularies, language, date, entity names; and
    the folded form of the words many rows share (entity, department, labels), kept."""

    def __init__(self, voc: Vocabularies, lang: Lang, today: date,
                 entities: dict[int, str]) -> None:
        self.voc, self.lang, self.today, self.entities = voc, lang, today, entities
        self.sensitive = frozenset(term.code for term in voc.data_categories
                                   if voc.is_sensitive_category(term.code))
        self.roles = {term.code: term.label(lang) for term in voc.roles}
        self.statuses = {term.code: term.label(lang) for term in voc.statuses}
        self._folded: dict[str, str] = {}
        self.folded_values: dict[str, str] = {}  # see index_search

    def folded(self, text: str) -> str:
        """``fold(text)``, remembered: for words that repeat from row to row."""
        value = self._folded.get(text)
        if value is None:
            value = self._folded[text] = fold(text)
        return value


class ActivityRowView:
    """One activity in the table; its words, search text and score are computed when first
    asked for and kept (a new object replaces it when the activity changes)."""

    __slots__ = ("_completeness", "_context", "_words", "activity", "keys", "rank", "search")

    def __init__(self, activity: ProcessingActivity, context: RowContext) -> None:
        self.activity = activity
        self._context = context
        self._completeness: Completeness | None = None
        self._words: tuple[str, ...] | None = None
        self.search: str | None = None  # folded text the search box matches, see index_search
        self.keys: dict[int, Any] | None = None  # sort keys by column, made when sorted
        self.rank = 0  # position in reference order, set by the model

    @property
    def entity_id(self) -> int:
        return self.activity.entity_id

    @property
    def entity(self) -> str:
        return self._context.entities.get(self.activity.entity_id, "")

    @property
    def assessed(self) -> bool:
        return self._completeness is not None

    @property
    def completeness(self) -> Completeness:
        if self._completeness is None:
            c = self._context
            self._completeness = assess(self.activity, c.voc, c.today)
        return self._completeness

    @property
    def sensitive(self) -> bool:
        sensitive = self._context.sensitive
        return any(c.code in sensitive for c in self.activity.data_categories)

    def cell(self, column: int) -> str:
        """The words of one column (the completeness only when that column is asked)."""
        if column == COMPLETENESS_COLUMN:
            return percent(self.completeness.percent, self._context.lang)
        if self._words is None:
            a, c = self.activity, self._context
            self._words = (
                a.ref, a.name, self.entity, a.department, c.roles.get(a.role, a.role),
                ", ".join(b.code for b in a.legal_bases), self._status_words(),
                "", ", ".join(a.controllers_acted_for),
                ", ".join(d.code for d in a.data_categories if d.code in c.sensitive),
            )
        return self._words[column]

    def _status_words(self) -> str:
        a, c = self.activity, self._context
        status = c.statuses.get(a.status, a.status)
        if a.archived_on is None:
            return status
        ended = a.archived_on.strftime("%d/%m/%Y")
        return translate("{status}, terminé le {ended}").format(status=status, ended=ended)

    @property
    def cells(self) -> tuple[str, ...]:
        return tuple(self.cell(column) for column in range(len(COLUMNS)))

    @property
    def search_text(self) -> str:
        if self.search is None:
            index_search([self])
        return self.search or ""

    def key(self, column: int) -> Any:
        """The sort key of a column (folded text; the completeness as a number)."""
        if column == COMPLETENESS_COLUMN:
            return self.completeness.percent if self.assessed else -1
        if self.keys is None:
            self.keys = {}
        key = self.keys.get(column)
        if key is None:
            if column == 0:
                key = ref_key(self.activity.ref)
            elif column == NAME_COLUMN:
                key = fold(self.activity.name)
            else:
                key = self._context.folded(self.cell(column))
            self.keys[column] = key
        return key

    def relabel(self, context: RowContext) -> None:
        """Another language: words and search text are built again when next asked for."""
        self._context = context
        self._words = self.search = self.keys = None


@dataclass(frozen=True)
class PreparedRows:
    """Rows built and made searchable ahead of ``set_activities``, on any thread: the
    window does it on the thread that reads the register, so that neither the first paint
    nor the first keystroke waits for it."""

    context: RowContext
    rows: list[ActivityRowView]  # in reference order, each with its rank and search text
    keyed: dict[tuple[int, str], ActivityRowView]  # the same rows by (entity_id, ref)


def prepare_rows(activities: Iterable[ProcessingActivity], voc: Vocabularies, lang: Lang,
                 today: date, entities: dict[int, str]) -> PreparedRows:
    """The rows of ``activities``, sorted by reference, their search text built. Touches
    no Qt object: safe on a worker thread."""
    context = RowContext(voc, lang, today, dict(entities))
    with long_lived():
        rows = _by_ref([ActivityRowView(a, context) for a in activities])
        index_search(rows)
    return PreparedRows(context, rows, _keyed(rows))


@dataclass(frozen=True)
class RowFilter:
    """What the user asked to see; every test is on a precomputed attribute of the row."""

    words: tuple[str, ...] = ()
    entity_id: int | None = None  # None: the whole group
    status: str = ""  # "" any, else a Status code
    role: str = ""  # "" any, else a Role code
    sensitive_only: bool = False
    incomplete_only: bool = False
    show_archived: bool = False  # ended activities are hidden unless asked for

    def narrows(self, previous: RowFilter) -> bool:
        """True when every row this filter accepts was accepted by ``previous`` (the user
        typed one more letter): only the rows shown need testing."""
        return (replace(self, words=()) == replace(previous, words=())
                and all(any(old in new for new in self.words) for old in previous.words))

    def apply(self, rows: Sequence[ActivityRowView]) -> list[ActivityRowView]:
        """The rows accepted, in their order: one comprehension per condition."""
        return self.match_words(self.apply_choices(rows))

    def apply_choices(self, rows: Sequence[ActivityRowView]) -> list[ActivityRowView]:
        """The rows the choices (entity, status, role, boxes) accept, not the words."""
        out = list(rows) if self.show_archived else [
            r for r in rows if r.activity.archived_on is None]
        if self.entity_id is not None:
            out = [r for r in out if r.activity.entity_id == self.entity_id]
        if self.status:
            out = [r for r in out if r.activity.status == self.status]
        if self.role:
            out = [r for r in out if r.activity.role == self.role]
        if self.sensitive_only:
            out = [r for r in out if r.sensitive]
        if self.incomplete_only:  # not yet assessed: shown until known (the fill re-filters)
            out = [r for r in out if not r.assessed or r.completeness.percent < 100]
        return out

    def match_words(self, out: list[ActivityRowView]) -> list[ActivityRowView]:
        """The rows whose search text holds every word, in their order."""
        if self.words:
            index_search([r for r in out if r.search is None])
        for word in self.words:
            out = [r for r in out if word in r.search]  # type: ignore[operator]
        return out

class ActivityTableModel(QAbstractTableModel):
    """All the rows (``all_rows``, in reference order) and those shown (filtered, sorted)."""

    completeness_progressed = Signal(int, int)  # rows assessed, all rows

    def __init__(self, lang: Lang = "fr", parent: Any = None, voc: Vocabularies | None = None,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self._context = RowContext(voc or load_vocabularies(), lang, today or date.today(), {})
        self._all: list[ActivityRowView] = []  # sorted by reference key
        self._keyed: dict[tuple[int, str], ActivityRowView] = {}  # by (entity_id, ref)
        self._shown: list[ActivityRowView] = []
        self._filter = RowFilter()
        self._sort: tuple[int, Qt.SortOrder] = (0, Qt.SortOrder.AscendingOrder)
        self._in_order = True  # the rows shown are sorted as _sort says
        self._chosen: tuple[Any, list[ActivityRowView]] | None = None  # see _filtered
        self._live = 0  # rows not ended
        self.fill = CompletenessFill(self)

    # --- rows -----------------------------------------------------------------------------
    @property
    def lang(self) -> Lang:
        return self._context.lang

    @property
    def row_filter(self) -> RowFilter:
        return self._filter

    def set_lang(self, lang: Lang) -> None:
        self._context = RowContext(self._context.voc, lang, self._context.today,
                                   self._context.entities)
        for row in self._all:
            row.relabel(self._context)
        self._forget()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        self._refresh()
        self.fill.start()  # the search text in the new words, between events

    def prepare(self, activities: Iterable[ProcessingActivity], entities: dict[int, str],
                today: date | None = None) -> PreparedRows:
        """``prepare_rows`` in this model's language: call it on the thread that read the
        activities, then give the result to ``set_activities`` on the GUI thread."""
        c = self._context
        return prepare_rows(activities, c.voc, c.lang, today or c.today, entities)

    def set_activities(self, activities: Iterable[ProcessingActivity] | PreparedRows,
                       entities: dict[int, str] | None = None, today: date | None = None) -> None:
        """Show these activities (the register was read again), or these prepared rows."""
        c = self._context
        if isinstance(activities, PreparedRows) and activities.context.lang == c.lang:
            self._context, rows, keyed = activities.context, activities.rows, activities.keyed
            with long_lived():
                self._assess_if_small(rows)
        else:
            if isinstance(activities, PreparedRows):  # the language changed meanwhile
                entities, today = activities.context.entities, activities.context.today
                activities = [row.activity for row in activities.rows]
            self._context = context = RowContext(
                c.voc, c.lang, today or c.today,
                dict(entities) if entities is not None else c.entities)
            with long_lived():
                rows = _by_ref([ActivityRowView(a, context) for a in activities])
                self._assess_if_small(rows)
                keyed = _keyed(rows)
        self._all, self._keyed = rows, keyed
        self._forget()
        self._refresh()
        self.fill.start()

    @staticmethod
    def _assess_if_small(rows: list[ActivityRowView]) -> None:
        if len(rows) <= EAGER_ROWS:
            for row in rows:
                row.completeness  # noqa: B018 - computed now: small registers need no fill

    def all_rows(self) -> Sequence[ActivityRowView]:
        return self._all

    def rows(self) -> Sequence[ActivityRowView]:
        """The rows shown, in their order."""
        return self._shown

    def row_at(self, row: int) -> ActivityRowView:
        return self._shown[row]

    def find(self, entity_id: int, ref: str) -> int:
        """The row where an activity is shown, or -1."""
        row = self._keyed.get((entity_id, ref))
        if row is not None:
            with suppress(ValueError):
                return self._shown.index(row)  # by identity, at C speed
        return -1

    def stored(self, entity_id: int, ref: str) -> ActivityRowView | None:
        """The row of an activity, shown or not."""
        return self._keyed.get((entity_id, ref))

    def update_activity(self, entity_id: int, ref: str,
                        activity: ProcessingActivity | None) -> None:
        """The activity (entity_id, ref) is now ``activity`` (None: gone).

        Only that row moves: it takes the old one's place in reference order, in the rows
        the choices accept and in those shown (or it leaves them, or goes where the sort
        puts it); nothing is filtered or sorted again. An edit that leaves the row where it
        was repaints that row only."""
        old = self._keyed.pop((entity_id, ref), None)
        new = ActivityRowView(activity, self._context) if activity is not None else None
        if new is not None:
            new.completeness  # noqa: B018 - one activity: assessed now
            index_search([new])
            self._keyed[(new.activity.entity_id, new.activity.ref)] = new
        self._live += sum(1 for r in (new,) if r is not None and r.activity.archived_on is None)
        self._live -= sum(1 for r in (old,) if r is not None and r.activity.archived_on is None)
        self._replace_ranked(old, new)
        if self._chosen is not None:
            key, chosen = self._chosen
            self._chosen = (key, self._placed(chosen, old, new, self._filter.apply_choices)[0])
        shown, position = self._placed(self._shown, old, new, self._filter.apply)
        if position < 0:
            self._reset(shown)
            return
        self._shown = shown
        self.dataChanged.emit(self.index(position, 0), self.index(position, len(COLUMNS) - 1))

    def _replace_ranked(self, old: ActivityRowView | None, new: ActivityRowView | None) -> None:
        """``new`` in place of ``old`` in the rows in reference order (``_all``), ranks kept
        equal to positions."""
        rows = self._all
        if old is not None and new is not None and ref_key(old.activity.ref) == ref_key(
                new.activity.ref):
            new.rank = old.rank
            rows[old.rank] = new
            return
        first = len(rows)
        if old is not None:
            del rows[old.rank]
            first = old.rank
        if new is not None:
            at = bisect_right(rows, ref_key(new.activity.ref), key=_ref_key)
            rows.insert(at, new)
            first = min(first, at)
        for rank in range(first, len(rows)):
            rows[rank].rank = rank

    def _placed(self, rows: list[ActivityRowView], old: ActivityRowView | None,
                new: ActivityRowView | None,
                accepts: Callable[[Sequence[ActivityRowView]], list[ActivityRowView]],
                ) -> tuple[list[ActivityRowView], int]:
        """A copy of ``rows`` (sorted as the table is) with ``old`` out and ``new`` in where
        the sort puts it, if ``accepts`` it; and the position when ``new`` simply took
        ``old``'s place (else -1)."""
        out = list(rows)
        position = -1
        if old is not None:
            with suppress(ValueError):
                position = out.index(old)
        keep = new is not None and bool(accepts([new]))
        if new is not None and keep and position >= 0 and (
                position == 0 or self._before(out[position - 1], new)) and (
                position == len(out) - 1 or self._before(new, out[position + 1])):
            out[position] = new
            return out, position
        if position >= 0:
            del out[position]
        if new is not None and keep:
            low, high = 0, len(out)
            while low < high:
                middle = (low + high) // 2
                if self._before(out[middle], new):
                    low = middle + 1
                else:
                    high = middle
            out.insert(low, new)
        return out, -1

    def _before(self, a: ActivityRowView, b: ActivityRowView) -> bool:
        """True when the sort shows ``a`` above ``b`` (as ``_sorted`` orders them)."""
        column, order = self._sort
        descending = order == Qt.SortOrder.DescendingOrder
        if column != 0:
            first, second = a.key(column), b.key(column)
            if first != second:
                return bool(first > second if descending else first < second)
            return a.rank < b.rank
        return a.rank > b.rank if descending else a.rank < b.rank

    # --- filter and sort ------------------------------------------------------------------
    def set_query(self, text: str) -> None:
        self.set_filter(words=tuple(fold(text).split()))

    def set_filter(self, **changes: Any) -> None:
        previous, self._filter = self._filter, replace(self._filter, **changes)
        if self._filter == previous:
            return
        if self._filter.narrows(previous):  # same choices, one more letter: the words only
            self._reset(self._filter.match_words(self._shown))
        else:
            self._refresh()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        if (column, order) == self._sort and self._in_order:
            return  # the view's first sortByColumn: the rows already are in that order
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        old = self._shown
        self._shown = self._sorted(self._shown)
        persistent = self.persistentIndexList()
        if persistent:
            position = {id(row): number for number, row in enumerate(self._shown)}
            for index in persistent:
                if index.isValid():
                    row = position[id(old[index.row()])]
                    self.changePersistentIndex(index, self.index(row, index.column()))
        self._in_order = True
        self.layoutChanged.emit()

    def sort_column(self) -> int:
        return self._sort[0]

    def _sorted(self, rows: list[ActivityRowView]) -> list[ActivityRowView]:
        """Sorted on the column's keys; ties in reference order (``rank``)."""
        column, order = self._sort
        descending = order == Qt.SortOrder.DescendingOrder
        rows = sorted(rows, key=_RANK)  # linear when they already are (filtered from _all)
        if column == 0:
            return rows[::-1] if descending else rows
        keys = [row.key(column) for row in rows]
        positions = sorted(range(len(rows)), key=keys.__getitem__, reverse=descending)
        return [rows[i] for i in positions]

    def _filtered(self) -> list[ActivityRowView]:
        """The rows shown: those the choices accept, sorted, kept until the choices, the
        sort or the rows change (typing only runs the word test over them)."""
        key = (replace(self._filter, words=()), self._sort)
        if self._chosen is None or self._chosen[0] != key:
            self._chosen = (key, self._sorted(self._filter.apply_choices(self._all)))
        return self._filter.match_words(self._chosen[1])

    def _forget(self) -> None:
        """The rows, their words or their scores changed: counts and choices again."""
        self._chosen = None
        self._live = sum(1 for r in self._all if r.activity.archived_on is None)

    def count(self) -> int:
        """How many activities the register has in the current mode (ended ones included
        only when they are shown)."""
        return len(self._all) if self._filter.show_archived else self._live

    def _refresh(self) -> None:
        self._reset(self._filtered())

    def _reset(self, shown: list[ActivityRowView]) -> None:
        self.beginResetModel()
        self._shown = shown
        self.endResetModel()

    def completeness_known(self) -> None:
        """Every row is assessed: filters and sorts on the score are right again."""
        self._forget()
        if self._filter.incomplete_only:
            self._refresh()
        elif self._sort[0] == COMPLETENESS_COLUMN:
            self._in_order = False
            self.sort(*self._sort)

    # --- Qt -------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translate(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        return self._value(self._shown[index.row()], index.column(), role)

    def multiData(self, index: Index, roleDataSpan: QModelRoleDataSpan) -> None:
        """Every role a cell is painted with, in one call: Qt's delegate asks for seven
        (font, alignment, colours, check state, icon, text) per cell, seven crossings into
        Python that each wait for the GIL while another thread runs Python."""
        if not index.isValid():
            return
        row, column = self._shown[index.row()], index.column()
        for role_data in roleDataSpan:
            value = self._value(row, column, role_data.role())
            if value is None:
                role_data.clearData()  # the delegate reuses its span from cell to cell
            else:
                role_data.setData(value)

    def _value(self, row: ActivityRowView, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cell(column)
        if row.activity.archived_on is not None:  # ended: shown greyed, out of the register
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor("#8a8a8a"))
            if role == Qt.ItemDataRole.ToolTipRole:
                return row.cell(STATUS_COLUMN)  # the status, with the end date
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setItalic(True)
                return font
            return None
        if column != COMPLETENESS_COLUMN:  # the whole words of a cell cut short
            return row.cell(column) if role == Qt.ItemDataRole.ToolTipRole else None
        if role == Qt.ItemDataRole.ToolTipRole:  # was the bare count ("2")
            return translate("%n point(s) à compléter", n=len(row.completeness.findings))
        if role == Qt.ItemDataRole.ForegroundRole:
            percent = row.completeness.percent
            color = "#1b7f3b" if percent == 100 else "#b26a00" if percent >= 75 else "#b3261e"
            return QBrush(QColor(color))
        return None


_RANK = attrgetter("rank")


def _ref_key(row: ActivityRowView) -> tuple[tuple[str | int, ...], str]:
    return ref_key(row.activity.ref)


_CODE = attrgetter("code")
_SEPARATOR = "\x1f"


def _own_texts(a: ProcessingActivity) -> tuple[str, ...]:
    """What the search matches that is the activity's own (reference, name, purpose...)."""
    return (a.ref, a.name, a.purpose, *a.systems, *a.sub_purposes)


def index_search(rows: Sequence[ActivityRowView]) -> None:
    """Give each row its ``search`` text: its own words (reference, name, purpose, systems)
    and what rows share (entity, department, labels, codes), folded.

    Each distinct value is folded once per context (a group's establishments repeat their
    purposes, systems and names), the new ones all together in a few C-level passes over
    joined strings (``fold_all``); then each row's text is put together from them."""
    if not rows:
        return
    contexts: dict[int, tuple[RowContext, list[ActivityRowView]]] = {}
    for row in rows:
        contexts.setdefault(id(row._context), (row._context, []))[1].append(row)
    for context, group in contexts.values():
        cache = context.folded_values
        new = {text: None for row in group for text in _own_texts(row.activity)
               if text not in cache}
        cache.update(zip(new, fold_all(list(new)), strict=True))
        folded, entities, roles, statuses = (context.folded, context.entities, context.roles,
                                             context.statuses)
        for row in group:
            a = row.activity
            own = " ".join([cache[text] for text in _own_texts(a)])
            shared = " ".join((
                entities.get(a.entity_id, ""), a.department, roles.get(a.role, ""),
                statuses.get(a.status, ""), *map(_CODE, a.legal_bases),
                *a.controllers_acted_for, *a.data_subjects, *map(_CODE, a.data_categories)))
            row.search = f"{own} {folded(shared)}"


def fold_all(texts: Sequence[str], chunk: int = 1_000) -> list[str]:
    """``[fold(t) for t in texts]``, a chunk of texts joined per call (one C-level pass each
    instead of one per text; chunked so that no single call holds the GIL for long)."""
    out: list[str] = []
    for start in range(0, len(texts), chunk):
        part = texts[start:start + chunk]
        joined = _SEPARATOR.join(part)
        if joined.count(_SEPARATOR) == len(part) - 1:
            out += fold(joined).split(_SEPARATOR)
        else:  # a text holds the separator itself (pasted control characters): one by one
            out += [fold(text) for text in part]
    return out


@contextmanager
def long_lived() -> Iterator[None]:
    """Build many objects that will live as long as the register is shown.

    Python's cyclic collector runs a full pass over every object whenever enough new ones
    survive: with 50,000 activities in memory that is a 200-400 ms pause, several times while
    rows and scores are built. Rows hold no reference cycles (reference counting frees them),
    so the collector is paused while they are built and what exists is then moved out of
    its reach (``gc.freeze``)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _keyed(rows: list[ActivityRowView]) -> dict[tuple[int, str], ActivityRowView]:
    return {(r.activity.entity_id, r.activity.ref): r for r in rows}


def _by_ref(rows: list[ActivityRowView]) -> list[ActivityRowView]:
    """The rows in reference order, each knowing its rank in it."""
    keys = [ref_key(row.activity.ref) for row in rows]
    ordered = [rows[i] for i in sorted(range(len(rows)), key=keys.__getitem__)]
    for rank, row in enumerate(ordered):
        row.rank = rank
    return ordered


class CompletenessFill(QObject):
    """After the first paint, between events: first the search text of the rows that have
    none yet (rows prepared on the reading thread have it already), then the completeness
    of every row not yet assessed; each a slice of at most ``SLICE`` seconds per turn of
    the event loop (the search text ``CHUNK`` rows at a time). A 50,000-row register opens
    at once and stays responsive; what the user asks for before it is done is computed on
    the spot (the search) or corrected when it is (the completeness filter)."""

    SLICE = 0.012
    CHUNK = 250  # rows indexed at a time: a few milliseconds even with long texts

    def __init__(self, model: ActivityTableModel,
                 clock: Callable[[], float] = time.perf_counter) -> None:
        super().__init__(model)
        self._model = model
        self._clock = clock
        self._pending: list[ActivityRowView] = []
        self._unindexed: list[ActivityRowView] = []
        self._total = 0
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._on_timer_timeout)

    def start(self) -> None:
        rows = self._model.all_rows()
        self._pending = [r for r in rows if not r.assessed]
        self._pending.reverse()  # pop() from the end: the first rows first
        self._unindexed = [r for r in rows if r.search is None]
        self._unindexed.reverse()
        self._total = len(rows)
        if self._pending or self._unindexed:
            self._timer.start()
        else:
            self._timer.stop()

    def running(self) -> bool:
        return self._timer.isActive()

    def indexing(self) -> bool:
        """True while rows still wait for their search text."""
        return bool(self._unindexed)

    def finish(self) -> None:
        """Assess everything left now (tests; a register about to be exported)."""
        while self._timer.isActive():
            self._on_timer_timeout(until=float("inf"))

    def _on_timer_timeout(self, until: float | None = None) -> None:
        end = self._clock() + self.SLICE if until is None else until
        unindexed = self._unindexed
        if unindexed:
            with long_lived():
                while unindexed and self._clock() < end:
                    chunk = unindexed[-self.CHUNK:]
                    del unindexed[-self.CHUNK:]
                    index_search([r for r in chunk if r.search is None])
            if unindexed or until is None:
                return  # the completeness from the next turn on
        pending = self._pending
        with long_lived():
            while pending and self._clock() < end:
                pending.pop().completeness  # noqa: B018
        self._model.completeness_progressed.emit(self._total - len(pending), self._total)
        if not pending:
            self._timer.stop()
            self._model.completeness_known()
