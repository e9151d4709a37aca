"""The main window: the register as a table, filters, and the selected activity's fiche,
editor and history.

Left: entity selector, the two registers of Art. 30 (controller 30.1, processor 30.2) as
tabs, the search box and filters, the table. Right: "Fiche" (read-only, as the CNIL lays it
out), "Modifier" (the editor) and "Historique" (the audit log of the activity).

Every edit is an undoable command (``gui/undo.py``) through ``domain.services``; the stack's
clean state and the editor's unsaved changes drive the window's modified flag. Messages
go through ``dialogs.show_error`` / ``dialogs.confirm``, looked up when used so that tests
replace them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, cast

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QSignalBlocker,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QTabBar,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from domain import services
from domain.completeness import Severity, assess
from domain.errors import RegistreError
from domain.model import ProcessingActivity, Role, Status
from domain.vocabulary import Lang, load_vocabularies
from gui import dialogs
from gui.activity_model import (
    COLUMN_KEYS,
    COLUMNS,
    CONTROLLERS_COLUMN,
    ENTITY_COLUMN,
    NAME_COLUMN,
    ROLE_COLUMN,
    ActivityRowView,
    ActivityTableModel,
    PreparedRows,
)
from gui.activity_view import activity_html
from gui.clock import Clock, clock_of
from gui.database_dialog import install_database
from gui.editor import ActivityEditor
from gui.entity_dialog import SetupDialog, install_entity, needs_setup
from gui.history_model import FIELDS, HistoryModel
from gui.i18n import system_language, tr_noop, translate
from gui.io_dialogs import install_io
from gui.messages import describe_finding
from gui.retention import install_retention
from gui.settings import (
    ENTITY,
    GEOMETRY,
    HEADER,
    HIDDEN_COLUMNS,
    LANGUAGE,
    SPLITTER,
    Settings,
)
from gui.typography import number
from gui.undo import (
    AddActivityCommand,
    ArchiveActivityCommand,
    DeleteActivityCommand,
    DuplicateActivityCommand,
    EditActivityCommand,
    UndoContext,
    ValidateActivityCommand,
    push,
    redo_shortcuts,
    relabel,
)
from gui.widgets import InlineMessages, Level, Texts, toolbar_words
from storage.register import Register

LEGAL_BASES_COLUMN = 5
MIN_NAME_WIDTH = 200
GIVING_WAY = (3, 2, 5, 8)  # department, entity, legal bases, "for": shortened first
MIN_GIVING_WIDTH = 75
CONTROLLER_VIEW, PROCESSOR_VIEW = 0, 1
FICHE_TAB, EDITOR_TAB, HISTORY_TAB = 0, 1, 2
HISTORY_ACTION, HISTORY_BEFORE = 2, 4  # the history's columns "Action" and "Avant"
DEFAULT_HIDDEN = frozenset({"controllers", "sensitive"})


class MainWindow(QMainWindow):
    activity_selected = Signal(str)
    register_changed = Signal()  # a command changed the register (or undid a change)
    language_changed = Signal(str)
    register_loaded = Signal()  # a read in the background is in the table
    _read_finished = Signal(object)  # from the pool thread: the read, or its error

    def __init__(self, register: Register, lang: Lang = "fr", today: date | Clock | None = None,
                 settings: Settings | None = None, read_in_background: bool = False,
                 demo: bool = False) -> None:
        super().__init__()
        self.demo = demo  # the demo register: said in a banner and the title
        self.register = register
        self.read_in_background = read_in_background
        self._reading = False
        self._saved_entity = ""
        self._read_finished.connect(self._on_read_finished)
        self.settings = settings if settings is not None else Settings()
        self.texts = Texts(lang)
        self.voc = load_vocabularies()
        self.clock = clock_of(today)  # "today" is read when used (a window open over midnight)
        self.entities: dict[int, str] = {}
        self._progress = (0, 0)
        self._shown_once = False
        self._columns_sized_by_user = False  # a saved header state keeps the user's widths
        if demo:
            self.texts.bind(lambda words: self.setWindowTitle(
                words.format(location=register.location)),
                "Registre — DÉMONSTRATION — {location}[*]")
        else:
            self.setWindowTitle(f"Registre — {register.location}[*]")
        self.resize(1280, 800)

        self.undo_stack = QUndoStack(self)
        self.undo_context = UndoContext(register, self.voc, self.clock,
                                        self._on_activity_stored, self._report)

        # one model holds the rows and the list of those shown (no proxy: see activity_model)
        self.model = ActivityTableModel(lang, self, voc=self.voc, today=self.today)
        self._kept_selection: tuple[int, str] | None = None
        self._build_left()
        # after the view's own slots: its selection model clears itself on a reset
        self.model.modelAboutToBeReset.connect(self._on_model_about_to_be_reset)
        self.model.modelReset.connect(self._on_model_reset)
        self._build_right()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("splitter")
        splitter.addWidget(self.left)
        splitter.addWidget(self.right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([800, 480])  # the table's short columns whole beside the name
        self.splitter = splitter
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        if demo:
            column.addWidget(self._demo_banner())
        column.addWidget(splitter, 1)
        self.setCentralWidget(central)

        self.database_label = QLabel(register.location)
        self.database_label.setObjectName("database")
        self.count_label = QLabel()
        self.progress_label = QLabel()
        self.progress_label.setObjectName("progress")
        self.progress_label.hide()
        self.model.completeness_progressed.connect(self._on_model_completeness_progressed)
        self.statusBar().addWidget(self.database_label, 1)
        self.statusBar().addPermanentWidget(self.progress_label)
        self.statusBar().addPermanentWidget(self.count_label)
        self._build_actions()
        install_retention(self)  # the Conservation menu: rules, inventories, reviews
        install_database(self)  # File menu: Base de données…, Restaurer une sauvegarde…
        install_io(self)  # File menu: import (with preview), export, PDF
        # Edit menu: the establishment, a new establishment; the first-run setup
        self.entity_actions = install_entity(self)
        self.texts.on_switch(self._on_language_switched)
        self.reload()
        self._restore_settings()

    @property
    def lang(self) -> Lang:
        return self.texts.lang

    @property
    def today(self) -> date:
        """Today's date, read now from the window's clock."""
        return self.clock()

    def _t(self, source: str, en: str | None = None) -> str:
        return self.texts.t(source, en)

    # --- building ---------------------------------------------------------------------
    def _build_left(self) -> None:
        t = self.texts
        self.entity_combo = QComboBox()
        self.entity_combo.setObjectName("entity")
        self.entity_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.entity_combo.currentIndexChanged.connect(self._on_entity_combo_changed)
        self.view_tabs = QTabBar()
        self.view_tabs.setObjectName("views")
        self.view_tabs.setDrawBase(False)
        self.view_tabs.addTab("")
        self.view_tabs.addTab("")
        t.bind(lambda s: self.view_tabs.setTabText(CONTROLLER_VIEW, s),
               "Registre des traitements (art. 30.1)")
        t.bind(lambda s: self.view_tabs.setTabText(PROCESSOR_VIEW, s),
               "Registre du sous-traitant (art. 30.2)")
        self.view_tabs.currentChanged.connect(self._on_view_tabs_changed)

        self.search = QLineEdit()
        self.search.setObjectName("search")
        t.bind(self.search.setPlaceholderText, "Rechercher un traitement, un service, un "
               "logiciel…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.status_filter, self.role_filter = QComboBox(), QComboBox()
        self.status_filter.setObjectName("status-filter")
        self.role_filter.setObjectName("role-filter")
        for combo in (self.status_filter, self.role_filter):  # "Any status" < "Tous les statuts"
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.sensitive_filter, self.incomplete_filter = QCheckBox(), QCheckBox()
        self.archived_filter = QCheckBox()
        self.sensitive_filter.setObjectName("sensitive-filter")
        self.incomplete_filter.setObjectName("incomplete-filter")
        self.archived_filter.setObjectName("archived-filter")
        t.bind(self.archived_filter.setText, "Terminés")
        t.bind(self.archived_filter.setToolTip,
               "Montrer aussi les traitements terminés (archivés avec leur historique)")
        t.bind(self.sensitive_filter.setText, "Données sensibles")
        t.bind(self.incomplete_filter.setText, "Incomplets")
        t.bind(self.incomplete_filter.setToolTip, "Complétude inférieure à 100 %")
        self._fill_filter_combos(self.lang)
        self.status_filter.currentIndexChanged.connect(self._on_filters_changed)
        self.role_filter.currentIndexChanged.connect(self._on_filters_changed)
        self.sensitive_filter.toggled.connect(self._on_filters_changed)
        self.incomplete_filter.toggled.connect(self._on_filters_changed)
        self.archived_filter.toggled.connect(self._on_filters_changed)

        self.table = QTableView()
        self.table.setObjectName("activities")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        # columns fitted to the rows on screen and 100 more, not 1,000 (Qt's default): at
        # 50,000 activities that took 2 s of the GUI thread when the register was read
        header.setResizeContentsPrecision(100)
        header.setSectionsMovable(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)

        top = QHBoxLayout()
        self.entity_label = entity_label = QLabel()
        t.bind(entity_label.setText, "&Entité :")
        entity_label.setBuddy(self.entity_combo)
        top.addWidget(entity_label)
        top.addWidget(self.entity_combo)
        top.addStretch(1)
        filters = QHBoxLayout()
        filters.addWidget(self.status_filter)
        filters.addWidget(self.role_filter)
        filters.addWidget(self.sensitive_filter)
        filters.addWidget(self.incomplete_filter)
        filters.addWidget(self.archived_filter)
        filters.addStretch(1)
        self.empty_hint = QLabel()  # an empty register: the way in (first start)
        self.empty_hint.setObjectName("empty-hint")
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setStyleSheet("background:#e8f1fb; color:#1d4f8c; border:1px solid "
                                      "#b3cdee; padding:8px;")
        self.empty_hint.hide()
        self.left = QWidget()
        layout = QVBoxLayout(self.left)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.empty_hint)
        layout.addLayout(top)
        layout.addWidget(self.view_tabs)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.table)

    def _demo_banner(self) -> QLabel:
        """Across the top, always shown: this is the demo, nothing typed here is kept."""
        banner = QLabel()
        banner.setObjectName("demo-banner")
        banner.setWordWrap(True)
        banner.setStyleSheet("background:#fff4e0; color:#7a4a00; border-bottom:2px solid "
                             "#f0cf8e; padding:6px 10px; font-weight:bold;")
        self.texts.bind(banner.setText,
                        "Registre de démonstration : établissement et données fictifs. Ne "
                        "saisissez pas de données réelles ici.")
        return banner

    def _fill_filter_combos(self, lang: Lang) -> None:
        for combo, vocabulary, words in (
                (self.status_filter, self.voc.statuses, self._t("Tous les statuts")),
                (self.role_filter, self.voc.roles, self._t("Tous les rôles"))):
            current = combo.currentData()
            with QSignalBlocker(combo):
                combo.clear()
                combo.addItem(words, "")
                for term in vocabulary:
                    combo.addItem(term.label(lang), term.code)
                combo.setCurrentIndex(max(combo.findData(current or ""), 0))

    def _build_right(self) -> None:
        t = self.texts
        self.details = QTextBrowser()
        self.details.setObjectName("details")
        self.details.setOpenExternalLinks(True)
        self.editor = ActivityEditor(self.voc, t, self.today)
        self.editor.setObjectName("editor")
        self.editor.edited.connect(self._update_modified)
        self.editor.save_requested.connect(self.save)
        self.editor.validate_requested.connect(self.validate_selected)
        self.validate_messages = InlineMessages()
        self.validate_messages.setObjectName("validate-messages")
        self.editor.layout().insertWidget(1, self.validate_messages)
        self.history_model = HistoryModel(self.lang, self)
        self.history = QTableView()
        self.history.setObjectName("history")
        self.history.setModel(self.history_model)
        self.history.verticalHeader().hide()
        self.history.setWordWrap(True)
        self.history.setColumnHidden(HISTORY_ACTION, True)
        self.history.setAlternatingRowColors(True)
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.right = QTabWidget()
        self.right.setObjectName("panes")
        self.right.addTab(self.details, "")
        self.right.addTab(self.editor, "")
        self.right.addTab(self.history, "")
        t.bind(lambda s: self.right.setTabText(FICHE_TAB, s), "Fiche")
        t.bind(lambda s: self.right.setTabText(EDITOR_TAB, s), "Modifier")
        t.bind(lambda s: self.right.setTabText(HISTORY_TAB, s), "Historique")
        self.right.currentChanged.connect(self._on_panes_changed)

    def _action(self, source: str, slot: Any, shortcut: Any = None,
                name: str = "") -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        self.texts.bind(action.setText, source)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        t, keys = self.texts, QKeySequence.StandardKey
        menu_bar = self.menuBar()
        file_menu, edit_menu, view_menu = menu_bar.addMenu(""), menu_bar.addMenu(""), \
            menu_bar.addMenu("")
        language_menu = menu_bar.addMenu("")
        t.bind(file_menu.setTitle, "&Fichier")
        t.bind(edit_menu.setTitle, "É&dition")
        t.bind(view_menu.setTitle, "&Affichage")
        t.bind(language_menu.setTitle, "&Langue")

        self.new_action = self._action("&Nouveau traitement",
                                       self.new_activity, keys.New, "new")
        self.save_action = self._action("&Enregistrer", self.save, keys.Save, "save")
        reload_action = self._action("&Actualiser", self.reload, keys.Refresh)
        # Ctrl+Q on every platform (Windows has no standard Quit key)
        quit_action = self._action("&Quitter", self.close)
        quit_action.setShortcuts(QKeySequence.keyBindings(keys.Quit) or [QKeySequence("Ctrl+Q")])
        file_menu.addActions([self.new_action, self.save_action, reload_action])
        file_menu.addSeparator()
        file_menu.addAction(quit_action)

        self.undo_action = self.undo_stack.createUndoAction(self)
        self.redo_action = self.undo_stack.createRedoAction(self)
        self.undo_action.setObjectName("undo")
        self.redo_action.setObjectName("redo")
        self.undo_action.setShortcut(keys.Undo)
        self.redo_action.setShortcuts(redo_shortcuts(QKeySequence.keyBindings(keys.Redo)))
        self.addActions([self.undo_action, self.redo_action])
        # after the stack's own slots, which write Qt's "Undo %1" into the actions' texts
        self.undo_stack.indexChanged.connect(self._on_undo_index_changed)
        self.undo_stack.undoTextChanged.connect(self._on_undo_index_changed)
        self.undo_stack.redoTextChanged.connect(self._on_undo_index_changed)
        t.on_switch(lambda _lang: self._label_undo_actions())
        self._label_undo_actions()
        self.edit_action = self._action("&Modifier le traitement",
                                        self.edit_selected, QKeySequence("Ctrl+E"), "edit")
        self.validate_action = self._action("&Valider le traitement",
                                            self.validate_selected, None, "validate")
        self.duplicate_action = self._action("D&upliquer le traitement…",
                                             self.duplicate_selected,
                                             QKeySequence("Ctrl+D"), "duplicate")
        self.archive_action = self._action("&Terminer le traitement…",
                                           self.archive_selected, None, "archive")
        self.delete_action = QAction(self)
        self.delete_action.setObjectName("delete")
        t.bind(self.delete_action.setText, "&Supprimer le traitement…")
        self.delete_action.setShortcut(keys.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete_action.triggered.connect(self.delete_selected)
        self.table.addAction(self.delete_action)  # Delete in a text field deletes text
        find_action = self._action("&Rechercher", self._on_find_triggered, keys.Find)
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.edit_action, self.validate_action, self.duplicate_action,
                              self.archive_action, self.delete_action])
        edit_menu.addSeparator()
        edit_menu.addAction(find_action)

        columns_menu = view_menu.addMenu("")
        t.bind(columns_menu.setTitle, "&Colonnes")
        self.column_actions: dict[str, QAction] = {}
        header = self.table.horizontalHeader()
        for column, key in enumerate(COLUMN_KEYS):
            action = QAction(self)
            action.setObjectName(f"column-{key}")
            action.setCheckable(True)
            t.bind(action.setText, COLUMNS[column])
            action.toggled.connect(lambda shown, c=column: self._on_column_toggled(c, shown))
            columns_menu.addAction(action)
            header.addAction(action)
            self.column_actions[key] = action
        self.column_actions["name"].setEnabled(False)  # the name is always shown

        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, label in (("fr", "Français"), ("en", "English")):
            action = QAction(label, self)
            action.setObjectName(f"language-{code}")
            action.setCheckable(True)
            action.setChecked(code == self.lang)
            action.triggered.connect(lambda _checked, c=code: self.set_language(c))
            group.addAction(action)
            language_menu.addAction(action)
            self.language_actions[code] = action
        language_menu.addSeparator()
        self.system_language_action = QAction(self)
        self.system_language_action.setObjectName("language-system")
        t.bind(self.system_language_action.setText, "Langue du &système")
        self.system_language_action.triggered.connect(self._on_system_language_triggered)
        language_menu.addAction(self.system_language_action)

        toolbar = self.addToolBar("")
        toolbar.setObjectName("toolbar")
        t.bind(toolbar.setWindowTitle, "Barre d'outils")
        toolbar.setMovable(False)
        toolbar.addActions([self.new_action, self.save_action])
        toolbar.addSeparator()
        toolbar.addActions([self.undo_action, self.redo_action])
        toolbar.addSeparator()
        toolbar.addActions([self.edit_action, self.validate_action, self.delete_action])
        # the toolbar says a verb, the menu the whole item (its tooltip on the button): in
        # French the full words pushed "Tableau de bord" off a 1280-pixel window
        for action, short in ((self.new_action, tr_noop("Nouveau")),
                              (self.edit_action, tr_noop("Modifier")),
                              (self.validate_action, tr_noop("Valider")),
                              (self.delete_action, tr_noop("Supprimer"))):
            toolbar_words(t, action, short)

    def _label_undo_actions(self) -> None:
        """Undo and redo in the window's language: the commands' words too (they were
        written in the language of the moment they were made)."""
        relabel(self.undo_stack)
        self._undo_prefixes = (self._t("Annuler"), self._t("Rétablir"))
        # the toolbar's buttons say only the verb, so that they do not move as the
        # command's words change length; the whole item is in the menu and the tooltip
        self.undo_action.setIconText(self._undo_prefixes[0])
        self.redo_action.setIconText(self._undo_prefixes[1])
        self._on_undo_index_changed()

    def _on_undo_index_changed(self, *_args: object) -> None:
        undo, redo = self._undo_prefixes
        undo_text, redo_text = self.undo_stack.undoText(), self.undo_stack.redoText()
        for action, verb, words in ((self.undo_action, undo, undo_text),
                                    (self.redo_action, redo, redo_text)):
            action.setText(f"{verb} {words}".strip())
            action.setToolTip(f"{verb} {words}".strip())

    # --- first start --------------------------------------------------------------------
    def offer_setup(self, *_args: object, again: bool = False) -> SetupDialog | None:
        """The first-run setup when no establishment is described (``EntityActions``)."""
        return self.entity_actions.offer_setup(again=again)

    @property
    def setup_dialog(self) -> SetupDialog | None:
        return self.entity_actions.setup_dialog

    # --- settings -----------------------------------------------------------------------
    def _restore_settings(self) -> None:
        geometry = self.settings.get(GEOMETRY)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        splitter = self.settings.get(SPLITTER)
        if not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        header = self.settings.get(HEADER)
        if not header.isEmpty():
            self._columns_sized_by_user = self.table.horizontalHeader().restoreState(header)
        stored = self.settings.get(HIDDEN_COLUMNS)
        hidden = set(stored.split(",")) - {""} if stored else set(DEFAULT_HIDDEN)
        for key, action in self.column_actions.items():
            action.setChecked(key not in hidden)
        self._apply_columns()
        self._saved_entity = self.settings.get(ENTITY)
        self._choose_saved_entity()

    def _choose_saved_entity(self) -> None:
        """The establishment chosen last time, once the entities are read."""
        if not self._saved_entity or not self.entities:
            return
        index = self.entity_combo.findText(self._saved_entity)
        if index >= 0:
            self.entity_combo.setCurrentIndex(index)
        self._saved_entity = ""

    def save_settings(self) -> None:
        s = self.settings
        s.set(GEOMETRY, self.saveGeometry())
        s.set(SPLITTER, self.splitter.saveState())
        s.set(HEADER, self.table.horizontalHeader().saveState())
        s.set(HIDDEN_COLUMNS, ",".join(k for k, a in self.column_actions.items()
                                       if not a.isChecked()))
        s.set(ENTITY, self.entity_combo.currentText() if self.entity_combo.currentIndex() > 0
              else "")
        s.sync()  # the language is kept only when chosen (set_language): else the system's

    # --- loading --------------------------------------------------------------------------
    def reload(self, background: bool | None = None) -> None:
        """Read the whole register again (after another program changed it, or F5).

        In the background (``read_in_background``, what the application does): a large
        register takes seconds to read from the database; the window stays usable, the
        status bar says so, and ``register_loaded`` is emitted when the rows are in."""
        if not (self.read_in_background if background is None else background):
            self._apply_read(self._read_register())
            return
        if self._reading:
            return
        self._reading = True
        self.progress_label.setText(self._t("Lecture du registre…"))
        self.progress_label.show()
        QThreadPool.globalInstance().start(self._read_off_thread)

    def _read_register(self) -> tuple[dict[int, str], Sequence[ProcessingActivity]]:
        with self.register.uow() as uow:
            entities = {e.id: e.name for e in uow.entities.list() if e.id is not None}
        return entities, services.list_activities(self.register.uow())

    def _read_off_thread(self) -> None:
        """On a pool thread: read, then hand the result (or the error) to the GUI thread."""
        result: object
        try:
            entities, activities = self._read_register()
            # the rows and their search text too: neither the first paint nor the first
            # keystroke waits for them (pure Python, no Qt object touched)
            result = entities, self.model.prepare(activities, entities, self.today)
        except Exception as error:  # shown by _on_read_finished, on the GUI thread
            result = error
        with contextlib.suppress(RuntimeError):  # the window was closed meanwhile
            self._read_finished.emit(result)

    def _on_read_finished(self, result: object) -> None:
        self._reading = False
        self.progress_label.hide()
        if isinstance(result, RegistreError):
            self._report(result)
            return
        if isinstance(result, BaseException):
            raise result  # unexpected: the crash dialog, through sys.excepthook
        entities, activities = cast(tuple[dict[int, str], PreparedRows], result)
        self._apply_read((entities, activities))
        self.register_loaded.emit()

    def _apply_read(self, read: tuple[dict[int, str],
                                      Sequence[ProcessingActivity] | PreparedRows]) -> None:
        self.entities, activities = read
        self.model.set_activities(activities, self.entities, self.today)
        self._fill_entities()
        self._choose_saved_entity()
        self._apply_columns()
        if self.isVisible():
            self._size_columns()
        self._update_count()
        self._select_first()
        self._update_actions()  # nothing selected: nothing to edit, validate or delete
        self.entity_actions.update_empty_hint()

    def _size_columns(self) -> None:
        """Fit the short columns to their content (needs a shown table to measure): a role,
        a status, a reference are shown whole. The activity's name keeps at least a quarter
        of the table; when the others do not fit beside it, the longest free texts (the
        department, then the legal bases) give way first, their whole words in the
        tooltip."""
        if self._columns_sized_by_user:
            return
        columns = [c for c in (0, *range(ENTITY_COLUMN, self.model.columnCount()))
                   if c != NAME_COLUMN]
        for column in columns:
            self.table.resizeColumnToContents(column)
        shown = [c for c in columns if not self.table.isColumnHidden(c)]
        budget = self.table.viewport().width() - max(MIN_NAME_WIDTH,
                                                     self.table.viewport().width() // 4)
        excess = sum(self.table.columnWidth(c) for c in shown) - budget
        for column in GIVING_WAY:
            if excess <= 0:
                break
            if column in shown:
                width = self.table.columnWidth(column)
                narrower = max(MIN_GIVING_WIDTH, width - excess)
                self.table.setColumnWidth(column, narrower)
                excess -= width - narrower

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            QTimer.singleShot(0, self, self._size_columns)  # once laid out: the table's width

    def _fill_entities(self) -> None:
        current = self.entity_combo.currentData()
        with QSignalBlocker(self.entity_combo):
            self.entity_combo.clear()
            self.entity_combo.addItem(self._t("Tout le groupe"), None)
            for entity_id, name in sorted(self.entities.items(), key=lambda e: e[1]):
                self.entity_combo.addItem(name, entity_id)
            self.entity_combo.setCurrentIndex(max(self.entity_combo.findData(current), 0))
        self.entity_combo.setVisible(len(self.entities) > 1)
        self.entity_label.setVisible(len(self.entities) > 1)
        self.model.set_filter(entity_id=self.entity_combo.currentData())

    def _apply_columns(self) -> None:
        processor_view = self.view_tabs.currentIndex() == PROCESSOR_VIEW
        for column, key in enumerate(COLUMN_KEYS):
            shown = self.column_actions[key].isChecked() if hasattr(self, "column_actions") \
                else key not in DEFAULT_HIDDEN
            if column == ENTITY_COLUMN:
                shown = shown and len(self.entities) > 1 and self.entity_combo.currentIndex() < 1
            if processor_view and column == CONTROLLERS_COLUMN:
                shown = True
            if processor_view and column in (ROLE_COLUMN, LEGAL_BASES_COLUMN):
                shown = False  # 30.2 asks neither: the controllers answer for them
            self.table.setColumnHidden(column, not shown)

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.count()
        self.count_label.setText(
            self._t("{shown} traitement(s) sur {total}").format(
                shown=number(shown, self.lang), total=number(total, self.lang))  # 50 000
        )

    # --- selection ------------------------------------------------------------------------
    def selected_row(self) -> ActivityRowView | None:
        indexes = self.table.selectionModel().selectedRows()
        if not indexes:
            return None
        return self.model.row_at(indexes[0].row())

    def select_activity(self, entity_id: int, ref: str) -> bool:
        number = self.model.find(entity_id, ref)
        if number < 0:
            return False
        index = self.model.index(number, 0)
        self.table.selectionModel().select(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def _select_first(self) -> None:
        """Select the first row if none is (QTableView.selectRow needs a laid-out view)."""
        if not self.model.rowCount() or self.table.selectionModel().hasSelection():
            return
        index = self.model.index(0, 0)
        self.table.selectionModel().select(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.setCurrentIndex(index)

    def _on_table_selection_changed(self, selected: QItemSelection,
                                    deselected: QItemSelection) -> None:
        row = self.selected_row()
        editing = self.editor.original
        leaving = editing is not None and self.editor.is_dirty() and (
            row is None or row.activity.ref != editing.ref
            or row.activity.entity_id != editing.entity_id)
        if editing is not None and leaving and not self.leave_editor():
            with QSignalBlocker(self.table.selectionModel()):
                if editing.id is not None:
                    self.select_activity(editing.entity_id, editing.ref)
                else:
                    self.table.clearSelection()
            return
        self._show(row)

    def leave_editor(self) -> bool:
        """Unsaved changes in the form: the DPO chooses to save them (the default, Enter),
        not to save them, or to stay on the form (Escape). Nothing is saved without being
        asked (saving is Enregistrer, Ctrl+S). False: stay on the form."""
        original = self.editor.original
        if original is None or not self.editor.is_dirty():
            return True
        if self.editor.has_errors():
            if not dialogs.confirm(self, self._t(
                    "Les modifications de ce traitement ne sont pas valides et ne peuvent pas "
                    "être enregistrées. Les abandonner ?"), self.lang):
                return False
            self.editor.revert()
            return True
        name = self.editor.activity()
        answer = dialogs.ask_save_changes(self, self._t(
            "Enregistrer les modifications de « {ref} — {name} » ?").format(
                ref=name.ref, name=name.name),
            self.lang)
        if answer == dialogs.SAVE:
            return self.save()
        if answer == dialogs.DISCARD:
            self.editor.revert()
            return True
        return False

    _leave_editor = leave_editor  # the name gui/io_dialogs calls

    def _show(self, row: ActivityRowView | None) -> None:
        self.validate_messages.clear_all()
        if row is None:
            self.details.clear()
            self.editor.load(None)
            self.history_model.set_entries([])
            self._update_actions()
            return
        self.details.setHtml(activity_html(row.activity, row.entity, row.completeness,
                                           self.voc, self.lang))
        self.editor.load(row.activity)
        self._refresh_history()
        self._update_actions()
        self.activity_selected.emit(row.activity.ref)

    def _refresh_history(self) -> None:
        activity = self.editor.original
        if activity is None or activity.id is None or self.right.currentIndex() != HISTORY_TAB:
            self._history_stale = True
            return
        self._history_stale = False
        self.history_model.set_entries(
            self.register.activity_history(activity.entity_id, activity.ref), self.entities)
        self._size_history()

    def _size_history(self) -> None:
        """Date and who fitted to their content, the field's name wrapped within a short
        column; before and after share the rest, wrapped (each cell's whole words are
        also its tooltip). The action (création, modification, suppression) is in the
        field's tooltip: "—" before or after already says it, and the pane is narrow."""
        view = self.history
        view.resizeColumnsToContents()
        view.setColumnWidth(HISTORY_BEFORE - 1, min(view.columnWidth(HISTORY_BEFORE - 1), 120))
        rest = view.viewport().width() - sum(view.columnWidth(c) for c in range(HISTORY_BEFORE)
                                             if not view.isColumnHidden(c))
        for column in (HISTORY_BEFORE, HISTORY_BEFORE + 1):
            view.setColumnWidth(column, max(90, min(view.columnWidth(column), rest // 2)))
        view.resizeRowsToContents()

    def _on_panes_changed(self, index: int) -> None:
        if index == HISTORY_TAB and getattr(self, "_history_stale", True):
            self._refresh_history()

    def _update_actions(self) -> None:
        row = self.selected_row()
        for action in (self.edit_action, self.validate_action, self.duplicate_action,
                       self.archive_action, self.delete_action):
            action.setEnabled(row is not None)
        ended = row is not None and row.activity.archived_on is not None
        self.archive_action.setText(self._t("&Remettre dans le registre") if ended else
                                    self._t("&Terminer le traitement…"))
        self._update_modified()

    def _update_modified(self, *_args: object) -> None:
        """The title's "*": edits in the form not yet saved, exactly (every command is
        stored when made, so the undo stack says nothing of what is unsaved). Valider acts
        on a stored activity still in draft, or edited."""
        original = self.editor.original
        dirty = original is not None and self.editor.is_dirty()
        self.setWindowModified(dirty)
        validates = original is not None and (dirty or (
            original.id is not None and original.status is not Status.VALIDATED))
        self.validate_action.setEnabled(validates and self.selected_row() is not None)
        self.editor.validate_button.setEnabled(validates)
        self.save_action.setEnabled(self.editor.original is not None and self.editor.is_dirty())

    def _on_model_about_to_be_reset(self) -> None:
        row = self.selected_row()
        self._kept_selection = (row.activity.entity_id, row.activity.ref) if row else None

    def _on_model_reset(self) -> None:
        """The rows shown changed (filter, edit, language): the selected activity stays
        selected when still shown; else the fiche empties (an unsaved form stays open)."""
        kept, self._kept_selection = self._kept_selection, None
        if kept is None:
            return
        with QSignalBlocker(self.table.selectionModel()):
            found = self.select_activity(*kept)
        if not found and not (self.editor.original is not None and self.editor.is_dirty()):
            self._show(None)
        self._update_actions()

    def _on_model_completeness_progressed(self, done: int, total: int) -> None:
        self._progress = (done, total)
        self.progress_label.setVisible(done < total)
        shown = [number(n, self.lang) for n in (done, total)]
        self.progress_label.setText(self._t(
            "Complétude : {shown_0} / {shown_1} traitements évalués").format(
                shown_0=shown[0], shown_1=shown[1]))

    # --- filters --------------------------------------------------------------------------
    def _on_search_text_changed(self, text: str) -> None:
        self.model.set_query(text)
        self._update_count()

    def _on_find_triggered(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _on_filters_changed(self, *_args: object) -> None:
        processor_view = self.view_tabs.currentIndex() == PROCESSOR_VIEW
        self.model.set_filter(
            status=self.status_filter.currentData() or "",
            role=Role.PROCESSOR.value if processor_view else self.role_filter.currentData() or "",
            sensitive_only=self.sensitive_filter.isChecked(),
            incomplete_only=self.incomplete_filter.isChecked(),
            show_archived=self.archived_filter.isChecked(),
        )
        self._update_count()

    def _on_entity_combo_changed(self, _index: int) -> None:
        self.model.set_filter(entity_id=self.entity_combo.currentData())
        self._apply_columns()
        self._update_count()

    def _on_view_tabs_changed(self, index: int) -> None:
        self.role_filter.setEnabled(index != PROCESSOR_VIEW)
        self._on_filters_changed()
        self._apply_columns()
        if index == PROCESSOR_VIEW:  # "pour le compte de": at most half of what the name
            # and it share, so the activity's name is not cut to a word (was 280 px always)
            others = sum(self.table.columnWidth(c) for c in range(self.model.columnCount())
                         if c not in (NAME_COLUMN, CONTROLLERS_COLUMN)
                         and not self.table.isColumnHidden(c))
            shared = self.table.viewport().width() - others
            self.table.setColumnWidth(CONTROLLERS_COLUMN, max(120, min(280, shared // 2)))
        self._select_first()

    def _on_column_toggled(self, column: int, shown: bool) -> None:
        self._apply_columns()

    # --- edits ----------------------------------------------------------------------------
    def _report(self, error: RegistreError) -> None:
        dialogs.show_error(self, error, self.lang)

    def _on_activity_stored(self, entity_id: int, ref: str,
                            activity: ProcessingActivity | None) -> None:
        """A command stored ``activity`` (None: removed): update its row, fiche and form."""
        self.model.update_activity(entity_id, ref, activity)
        self._update_count()
        current = self.selected_row()
        if activity is not None and (current is None or current.activity.id == activity.id):
            with QSignalBlocker(self.table.selectionModel()):
                self.select_activity(activity.entity_id, activity.ref)
            self._show(self.selected_row())
        elif activity is None:
            self._show(self.selected_row())
        self.register_changed.emit()

    def new_activity(self) -> None:
        """Open the form on a new activity; it is added when saved."""
        if not self.leave_editor():
            return
        if needs_setup(self.register) is not None:  # never under "Mon établissement"
            self.offer_setup(again=True)
            return
        entity_id = self.entity_combo.currentData()
        if entity_id is None:
            row = self.selected_row()
            entity_id = row.activity.entity_id if row else \
                services.default_entity(self.register.uow()).id
            if not self.entities:
                self.reload(background=False)
        refs = {r.activity.ref for r in self.model.all_rows()
                if r.activity.entity_id == entity_id}
        number = len(refs) + 1
        while f"T-{number:03d}" in refs:
            number += 1
        # created today: a new activity is not "last reviewed over 12 months ago"
        draft = ProcessingActivity(entity_id=int(entity_id), ref=f"T-{number:03d}", name="",
                                   created_on=self.today)
        with QSignalBlocker(self.table.selectionModel()):
            self.table.clearSelection()
        self.details.clear()
        self.history_model.set_entries([])
        self.editor.load(draft)
        self.right.setCurrentIndex(EDITOR_TAB)
        self.editor.name.setFocus()
        self._update_modified()

    def edit_selected(self) -> None:
        if self.editor.original is None:
            return
        self.right.setCurrentIndex(EDITOR_TAB)
        self.editor.name.setFocus()

    def save(self) -> bool:
        """Save the form: a new activity is added, a stored one edited (undoable)."""
        original = self.editor.original
        if original is None:
            return True
        if original.id is None:
            activity = self.editor.activity()
            command = AddActivityCommand(self.undo_context, activity, lambda ref=activity.ref:
                                         self._t("l'ajout de {ref}").format(ref=ref))
            with QSignalBlocker(self.table.selectionModel()):
                self.table.clearSelection()  # the new row is shown once stored
            return self._saved(push(self.undo_stack, command), activity.ref)
        changes = self.editor.changes()
        if not changes:
            return True
        fields = sorted(changes)

        def words(ref: str = original.ref) -> str:  # the fields as the form names them
            names = ", ".join(translate(FIELDS[f]) if f in FIELDS else f for f in fields)
            return self._t("la modification de {ref} ({names})").format(ref=ref, names=names)
        edit = EditActivityCommand(self.undo_context, original, changes, words)
        return self._saved(push(self.undo_stack, edit), str(changes.get("ref", original.ref)))

    def _saved(self, done: bool, ref: str) -> bool:
        """Say where the DPO looks that the form was saved (the title's "*" went away)."""
        if done:
            self.statusBar().showMessage(self._t(
                "{ref} enregistré à {time} (Ctrl+Z l'annule).").format(
                    ref=ref, time=datetime.now().strftime("%H:%M")), 10_000)
        return done

    def validate_selected(self) -> None:
        """Mark the activity as checked by the DPO; refused, with the reasons on the form,
        while an Art. 30 error remains."""
        if self.editor.original is None:
            return
        if self.editor.is_dirty() and not self.save():
            return
        activity = self.editor.original
        self.validate_messages.clear_all()
        errors = [f for f in assess(activity, self.voc, self.today).findings
                  if f.severity is Severity.ERROR]
        if errors:
            reasons = "; ".join(describe_finding(f.code, f.params, self.lang) for f in errors)
            self.validate_messages.show_message("refused", self._t(
                "Ce traitement ne peut pas être validé : {reasons}.").format(
                    reasons=reasons), Level.ERROR)
            self.right.setCurrentIndex(EDITOR_TAB)
            return
        if push(self.undo_stack, ValidateActivityCommand(
                self.undo_context, activity, lambda ref=activity.ref:
                self._t("la validation de {ref}").format(ref=ref))):
            self.validate_messages.show_message("validated", self._t(
                "Traitement validé (Ctrl+Z l'annule)."),
                Level.INFO)

    def duplicate_selected(self) -> None:
        """Copy the selected activity, as a draft, under a reference the user gives, into
        its entity or another one of the group."""
        row = self.selected_row()
        if row is None:
            return
        source = row.activity
        refs = {r.activity.ref for r in self.model.all_rows()}
        number = 2
        while f"{source.ref}-{number}" in refs:
            number += 1
        answer = dialogs.ask_duplicate(self, self.entities, source.entity_id,
                                       f"{source.ref}-{number}", self.lang)
        if answer is None:
            return
        target, new_ref = answer
        push(self.undo_stack, DuplicateActivityCommand(
            self.undo_context, source, new_ref, target, lambda ref=source.ref, copy=new_ref:
                self._t("la duplication de {ref} en {new_ref}").format(ref=ref, new_ref=copy)))
        self.select_activity(target, new_ref)

    def archive_selected(self) -> None:
        """End the selected activity today (it leaves the register, its history stays), or
        bring an ended one back."""
        row = self.selected_row()
        if row is None:
            return
        activity = row.activity
        if activity.archived_on is None:
            if not dialogs.confirm(self, self._t(
                    "Terminer le traitement « {ref} — {name} » au {today:%d/%m/%Y} ? Il "
                    "quitte le registre mais reste consultable avec son historique (case "
                    "« Terminés ») ; Ctrl+Z l'annule.").format(
                        ref=activity.ref, name=activity.name, today=self.today), self.lang):
                return
            push(self.undo_stack, ArchiveActivityCommand(
                self.undo_context, activity, self.today, lambda ref=activity.ref:
                    self._t("la fin de {ref}").format(ref=ref)))
        else:
            push(self.undo_stack, ArchiveActivityCommand(
                self.undo_context, activity, None, lambda ref=activity.ref:
                    self._t("le retour de {ref} au registre").format(ref=ref)))

    def delete_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        activity = row.activity
        if not dialogs.confirm(self, self._t(
                "Supprimer le traitement « {ref} — {name} » ? Son historique reste dans "
                "le journal d'audit ; Ctrl+Z le rétablit.").format(
                    ref=activity.ref, name=activity.name), self.lang):
            return
        self.editor.load(None)
        push(self.undo_stack, DeleteActivityCommand(self.undo_context, activity, lambda
                                                    ref=activity.ref: self._t(
            "la suppression de {ref}").format(ref=ref)))

    # --- language -------------------------------------------------------------------------
    def set_language(self, lang: str, remember: bool = True) -> None:
        """Show the window in ``lang``; ``remember``: the user chose it, the next start
        opens in it (otherwise each start follows the system's languages)."""
        language: Lang = "en" if lang == "en" else "fr"
        if remember:
            self.settings.set(LANGUAGE, language)
        if language == self.lang:
            return
        self.texts.set_lang(language)
        self.language_actions[language].setChecked(True)
        self.language_changed.emit(language)

    def _on_system_language_triggered(self) -> None:
        """Langue du système: forget the choice; this start and the next follow the system."""
        self.settings.set(LANGUAGE, "")
        self.set_language(system_language(), remember=False)

    def _on_language_switched(self, lang: Lang) -> None:
        self.model.set_lang(lang)
        self.history_model.set_lang(lang)
        self._fill_filter_combos(lang)
        self.entity_combo.setItemText(0, self._t("Tout le groupe"))
        selected = self.selected_row()
        if selected is not None:
            self.details.setHtml(activity_html(selected.activity, selected.entity,
                                               selected.completeness, self.voc, lang))
        self._update_count()
        self._on_model_completeness_progressed(*self._progress)
        if self.empty_hint.isVisible():
            self.entity_actions.update_empty_hint()
        self._update_actions()  # "Terminer le traitement…" / "Remettre dans le registre"

    # --- closing --------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.leave_editor():
            event.ignore()
            return
        self.save_settings()
        super().closeEvent(event)
