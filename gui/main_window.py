"""The main window: the list of activities, a search box, and the selected activity's fiche."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from domain import services
from domain.completeness import assess
from domain.vocabulary import Lang, load_vocabularies
from gui.activity_model import (
    ENTITY_COLUMN,
    NAME_COLUMN,
    ActivityFilterModel,
    ActivityRowView,
    ActivityTableModel,
    make_row,
)
from gui.activity_view import activity_html
from storage.register import Register

MAX_COLUMN_WIDTH = {0: 80, 3: 150, 4: 130, 5: 110}


class MainWindow(QMainWindow):
    activity_selected = Signal(str)

    def __init__(self, register: Register, lang: Lang = "fr", today: date | None = None) -> None:
        super().__init__()
        self.register = register
        self.lang: Lang = lang
        self.today = today or date.today()
        self.setWindowTitle(f"Registre — {register.location}")
        self.resize(1280, 800)

        self.model = ActivityTableModel(lang, self)
        self.proxy = ActivityFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self._t("Rechercher un traitement, un service, un logiciel…",
                                               "Search an activity, a department, a system…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search_text_changed)

        self.table = QTableView()
        self.table.setObjectName("activities")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)

        self.details = QTextBrowser()
        self.details.setObjectName("details")
        self.details.setOpenExternalLinks(True)

        left = QWidget()
        layout = QVBoxLayout(left)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([840, 460])
        self.setCentralWidget(splitter)

        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.count_label)
        self._build_menus()
        self.reload()

    def _t(self, fr: str, en: str) -> str:
        return fr if self.lang == "fr" else en

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self._t("&Fichier", "&File"))
        reload_action = QAction(self._t("&Actualiser", "&Reload"), self)
        reload_action.setShortcut(QKeySequence.StandardKey.Refresh)
        reload_action.triggered.connect(self.reload)
        file_menu.addAction(reload_action)
        find_action = QAction(self._t("&Rechercher", "&Find"), self)
        find_action.setShortcut(QKeySequence.StandardKey.Find)
        find_action.triggered.connect(self.search.setFocus)
        file_menu.addAction(find_action)
        file_menu.addSeparator()
        quit_action = QAction(self._t("&Quitter", "&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

    def reload(self) -> None:
        voc = load_vocabularies()
        uow = self.register.uow()
        with uow:
            entities = {e.id: e.name for e in uow.entities.list()}
        rows = [
            make_row(a, entities.get(a.entity_id, ""), assess(a, voc, self.today), voc, self.lang)
            for a in services.list_activities(self.register.uow())
        ]
        self.model.set_rows(rows)
        self.table.setColumnHidden(ENTITY_COLUMN, len(entities) < 2)
        for column in (0, *range(ENTITY_COLUMN + 1, self.model.columnCount())):
            self.table.resizeColumnToContents(column)
            width = min(self.table.columnWidth(column), MAX_COLUMN_WIDTH.get(column, 160))
            self.table.setColumnWidth(column, width)
        self._update_count()
        if self.proxy.rowCount() and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(
            self._t(f"{shown} traitement(s) sur {total}", f"{shown} of {total} activities")
        )

    def selected_row(self) -> ActivityRowView | None:
        indexes = self.table.selectionModel().selectedRows()
        if not indexes:
            return None
        return self.model.row_at(self.proxy.mapToSource(indexes[0]).row())

    def _on_search_text_changed(self, text: str) -> None:
        self.proxy.set_query(text)
        self._update_count()

    def _on_table_selection_changed(self, selected: QItemSelection,
                                    deselected: QItemSelection) -> None:
        row = self.selected_row()
        if row is None:
            self.details.clear()
            return
        self.details.setHtml(activity_html(row.activity, row.entity, row.completeness,
                                           load_vocabularies(), self.lang))
        self.activity_selected.emit(row.activity.ref)
