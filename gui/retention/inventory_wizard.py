"""Loading an inventory (an extract of record ids and event dates) for a data category.

The DPO chooses the file (``choose_inventory_file``, looked up when used so that tests
replace it), sees its first rows (only those are read, off the GUI thread: a file of
millions of rows opens at once), maps columns onto the events the category's rule needs
(named by their labels, "Date du dernier séjour", and suggested by the headers the events
vocabulary lists: ``date_sortie`` for ``last_stay``...), may check the whole file first
("Vérifier": every row the load would refuse, listed with its row, column and reason), and
loads. Loading checks the file first unless that check was just made; refused rows stop it
before anything is written. Check and load run off the GUI thread with a progress bar and a
Cancel button; the load is all-or-nothing, so a cancelled or refused load leaves the
previous inventory as it was.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from domain.errors import CodedError, RegistreError
from domain.model import ProcessingActivity
from domain.rules.wording import event_label, events_in, rule_sentence
from domain.vocabulary import Lang, Vocabularies, load_vocabularies
from gui.i18n import tr_noop, translate
from gui.messages import describe
from gui.retention.worker import BackgroundTask, Progress, show_progress
from gui.typography import number
from gui.widgets import InlineMessages, Level, Texts
from storage.inventory import (
    InventoryCheck,
    InventoryPreview,
    InventorySpec,
    LoadResult,
    check_inventory,
    load_inventory,
    preview_inventory,
)
from storage.register import Register

PREVIEW_ROWS = 10
NO_COLUMN = ""



def event_synonyms(event: str) -> tuple[str, ...]:
    """Headers an extract may give the column of ``event`` (folded): its labels and the
    aliases of the events vocabulary (``resources/vocabularies/events.json``)."""
    term = load_vocabularies().events.get(event)
    if term is None:
        return ()
    words = (*term.aliases("fr"), *term.aliases("en"), term.fr, term.en)
    return tuple(dict.fromkeys(_fold(w) for w in words))


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[\W_]+", " ", stripped.casefold()).split())


def suggest_column(event: str, headers: Sequence[str]) -> str:
    """The header that most likely holds ``event`` ("" when none): the same name, then a
    known French or English synonym, then a header made of the event's words."""
    folded = [_fold(h) for h in headers]
    wanted = _fold(event)
    for header, name in zip(headers, folded, strict=True):
        if name == wanted:
            return header
    for synonym in event_synonyms(event):
        for header, name in zip(headers, folded, strict=True):
            if name == synonym or synonym in name.split(" ") or name.endswith(synonym):
                return header
    words = set(wanted.split())
    for header, name in zip(headers, folded, strict=True):
        if words and words <= set(name.split()):
            return header
    return NO_COLUMN


def choose_inventory_file(parent: QWidget | None, lang: Lang) -> Path | None:
    """Ask for the file to load (replaced in tests)."""
    title = translate("Choisir un inventaire")
    name, _filter = QFileDialog.getOpenFileName(
        parent, title, "", "CSV, Excel, OpenDocument (*.csv *.txt *.xlsx *.xls *.ods)")
    return Path(name) if name else None


def _without_place(error: RegistreError) -> RegistreError:
    """The same refusal without its file, sheet, row and column (the table shows them)."""
    params = {k: v for k, v in error.params.items()
              if k not in ("file", "sheet", "row", "column")}
    return CodedError(error.code, str(error), **params)


class InventoryWizard(QDialog):
    """Load an inventory for one activity's category."""

    load_finished = Signal()  # success, refusal or cancellation: the form says which
    inventory_loaded = Signal(object)  # LoadResult
    file_previewed = Signal(bool)  # the first rows are shown (True) or the file refused

    def __init__(self, register: Register, voc: Vocabularies, texts: Texts,
                 activities: Sequence[ProcessingActivity], ref: str = "", category: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.register, self.voc, self.texts = register, voc, texts
        self.activities = [a for a in activities if a.id is not None]
        self.path: Path | None = None
        self.headers: list[str] = []
        self.row_count = 0  # rows of the file: estimated from its start until checked
        self.task: BackgroundTask | None = None  # the check or the load
        self.preview_task: BackgroundTask | None = None
        # the last check: of which file, with which columns, and what it found
        self.checked: tuple[Path, InventorySpec, InventoryCheck] | None = None
        self.loaded: LoadResult | None = None
        self.setObjectName("inventory-wizard")
        self.resize(900, 620)
        t = texts
        t.bind(self.setWindowTitle, "Charger un inventaire")

        self.activity_combo = QComboBox()
        self.activity_combo.setObjectName("activity")
        for activity in self.activities:
            self.activity_combo.addItem(f"{activity.ref} — {activity.name}", activity.ref)
        self.category_combo = QComboBox()
        self.category_combo.setObjectName("category")
        self.rule_label = QLabel()
        self.rule_label.setObjectName("rule")
        self.rule_label.setWordWrap(True)
        self.file_edit = QLineEdit()
        self.file_edit.setReadOnly(True)
        self.file_edit.setObjectName("file")
        self.choose_button = QPushButton()
        self.choose_button.setObjectName("choose")
        t.bind(self.choose_button.setText, "Choisir un fichier…")  # as the import says
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.choose_button)

        top = QFormLayout()
        for words, item in ((tr_noop("Traitement"), self.activity_combo),
                            (tr_noop("Catégorie"), self.category_combo),
                            (tr_noop("Règle"), self.rule_label),
                            (tr_noop("Fichier"), file_row)):
            label = QLabel()
            t.bind(label.setText, words)
            top.addRow(label, item)

        self.preview = QTableWidget()
        self.preview.setObjectName("preview")
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.preview.horizontalHeader().setStretchLastSection(True)
        self.preview.verticalHeader().setDefaultSectionSize(24)
        self.preview_label = QLabel()
        self.preview_label.setObjectName("preview-label")
        self.preview_label.setWordWrap(True)

        self.mapping_box = QGroupBox()
        self.mapping_box.setObjectName("mapping")
        t.bind(self.mapping_box.setTitle, "Colonnes")
        self.mapping_form = QFormLayout(self.mapping_box)
        self.id_combo = QComboBox()
        self.id_combo.setObjectName("id-column")
        self.stage_combo = QComboBox()
        self.stage_combo.setObjectName("stage-column")
        self.event_combos: dict[str, QComboBox] = {}
        for words, combo in ((tr_noop("Identifiant"), self.id_combo),
                             (tr_noop("Étape (actif/archive)"),
                              self.stage_combo)):
            label = QLabel()
            t.bind(label.setText, words)
            self.mapping_form.addRow(label, combo)

        self.refused = QTableWidget(0, 4)
        self.refused.setObjectName("refused")
        self.refused.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.refused.verticalHeader().setVisible(False)
        self.refused.horizontalHeader().setStretchLastSection(True)
        self.refused.setVisible(False)
        self.refused.setMaximumHeight(160)

        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setVisible(False)
        self.verify_button = QPushButton()
        self.verify_button.setObjectName("verify")
        t.bind(self.verify_button.setText, "Vérifier")
        self.load_button = QPushButton()
        self.load_button.setObjectName("load")
        t.bind(self.load_button.setText, "Charger")
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("cancel")
        t.bind(self.cancel_button.setText, "Annuler")
        self.cancel_button.setEnabled(False)
        self.close_button = QPushButton()
        t.bind(self.close_button.setText, "Fermer")
        self.messages = InlineMessages()
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.verify_button)
        buttons.addWidget(self.load_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.mapping_box)
        layout.addWidget(self.messages)
        layout.addWidget(self.refused)
        layout.addLayout(buttons)

        self.activity_combo.currentIndexChanged.connect(self._on_activity_changed)
        self.category_combo.currentIndexChanged.connect(self._on_category_changed)
        self.choose_button.clicked.connect(self._on_choose_clicked)
        self.verify_button.clicked.connect(self.verify)
        self._phase.connect(self._on_phase)
        self.id_combo.currentIndexChanged.connect(self._on_mapping_changed)
        self.stage_combo.currentIndexChanged.connect(self._on_mapping_changed)
        self._checked.connect(self._on_checked)
        self.load_button.clicked.connect(self.load)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)

        if ref:
            self.activity_combo.setCurrentIndex(max(0, self.activity_combo.findData(ref)))
        self._on_activity_changed()
        if category:
            self.category_combo.setCurrentIndex(max(0, self.category_combo.findData(category)))
        t.bind(lambda _words: self._retranslate(), "Ligne")
        self._update_buttons()

    def _retranslate(self) -> None:
        t = self.texts
        self.refused.setHorizontalHeaderLabels([
            t.t("Ligne"), t.t("Colonne"), t.t("Valeur"),
            t.t("Motif")])
        for index in range(self.category_combo.count()):  # vocabulary labels
            self.category_combo.setItemText(
                index, self._category_words(str(self.category_combo.itemData(index))))
        self._show_rule()
        for event, combo in self.event_combos.items():
            label = self.mapping_form.labelForField(combo)
            if isinstance(label, QLabel):
                label.setText(self._event_words(event))
        if self.path is None and self.preview_task is None:  # nothing chosen yet: say what to do
            self.preview_label.setText(t.t(
                "Choisissez le fichier de l'inventaire (CSV ou XLSX, une ligne par "
                "enregistrement) : ses premières lignes s'afficheront ici, puis dites quelle "
                "colonne donne l'identifiant et chaque date de la règle."))

    # --- what to load ---------------------------------------------------------------------
    @property
    def activity(self) -> ProcessingActivity | None:
        ref = self.activity_combo.currentData()
        return next((a for a in self.activities if a.ref == ref), None)

    @property
    def category(self) -> str:
        return str(self.category_combo.currentData() or "")

    def _on_activity_changed(self, _index: int = 0) -> None:
        self.category_combo.clear()
        activity = self.activity
        if activity is not None:
            for use in activity.data_categories:
                self.category_combo.addItem(self._category_words(use.code), use.code)
        self._on_category_changed()

    def _category_words(self, code: str) -> str:
        """A category of the activity as the combo shows it, in the current language."""
        activity = self.activity
        use = activity.category(code) if activity is not None else None
        term = self.voc.data_categories.get(code)
        return (use.label if use is not None else "") or \
            (term.label(self.texts.lang) if term else code)

    def _show_rule(self) -> None:
        activity = self.activity
        use = activity.category(self.category) if activity is not None else None
        rule = use.retention if use is not None else None
        words = rule_sentence(rule.delete_after, rule.active_until, self.texts.lang) \
            if rule is not None else ""
        self.rule_label.setText(words or self.texts.t("aucune règle de conservation"))
        self.rule_label.setToolTip(rule.delete_after if rule is not None else "")

    def _event_words(self, event: str) -> str:
        """An event as the mapping names it ("Date du dernier séjour")."""
        label = event_label(event, self.texts.lang)
        return label[:1].upper() + label[1:]

    def events(self) -> list[str]:
        """The events the category's rule uses, in text order."""
        activity = self.activity
        use = activity.category(self.category) if activity is not None else None
        if use is None or use.retention is None:
            return []
        return events_in((use.retention.delete_after, use.retention.active_until))

    def _on_category_changed(self, _index: int = 0) -> None:
        self._show_rule()
        while self.mapping_form.rowCount() > 2:  # the id and stage rows stay
            self.mapping_form.removeRow(self.mapping_form.rowCount() - 1)
        self.event_combos = {}
        for event in self.events():
            combo = QComboBox()
            combo.setObjectName(f"event-{event}")
            self.event_combos[event] = combo
            self.mapping_form.addRow(self._event_words(event), combo)
            label = self.mapping_form.labelForField(combo)
            if isinstance(label, QWidget):
                label.setToolTip(event)  # the rule's name of the event, for the expert
            combo.currentIndexChanged.connect(self._on_mapping_changed)
        # Tab: the id, the stage, each event's column, then the buttons (the event rows
        # are added after the buttons were made)
        chain = [self.id_combo, self.stage_combo, *self.event_combos.values(),
                 self.verify_button, self.load_button, self.cancel_button, self.close_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self._fill_mapping()

    # --- the file -------------------------------------------------------------------------
    def _on_choose_clicked(self) -> None:
        path = choose_inventory_file(self, self.texts.lang)  # a module global: tests replace it
        if path is not None:
            self.open_file(path)

    def open_file(self, path: Path) -> None:
        """Show the first rows of ``path`` (read off the GUI thread); ``file_previewed``
        says when they are there."""
        if self._busy():
            return
        self.messages.clear_all()
        self._show_refused(None)
        self.path, self.headers, self.row_count, self.checked = None, [], 0, None
        self.preview.clear()
        self.preview.setRowCount(0)
        self.preview.setColumnCount(0)
        self.file_edit.setText(str(path))
        self.preview_label.setText(self.texts.t("Lecture du début du fichier…"))

        def work(_progress: Progress, cancelled: Callable[[], bool]) -> InventoryPreview:
            return preview_inventory(path, PREVIEW_ROWS, cancelled=cancelled)

        task = self.preview_task = BackgroundTask(work, self)
        task.succeeded.connect(lambda preview: self._on_previewed(path, preview))
        task.failed.connect(self._on_preview_failed)
        task.finished.connect(self._update_buttons)
        task.start()
        self._update_buttons()

    def _on_previewed(self, path: Path, preview: InventoryPreview) -> None:
        self.path = path
        self.headers = list(preview.header)
        self.row_count = preview.estimate
        self.preview.setColumnCount(len(self.headers))
        self.preview.setHorizontalHeaderLabels(self.headers)
        self.preview.setRowCount(len(preview.rows))
        for r, row in enumerate(preview.rows):
            for c in range(len(self.headers)):
                self.preview.setItem(r, c, QTableWidgetItem(row[c] if c < len(row) else ""))
        self.preview.resizeColumnsToContents()
        shown = len(preview.rows)
        if preview.exact:
            self.preview_label.setText(self.texts.t(
                "{row_count} lignes ; aperçu des {shown} premières").format(
                    row_count=number(preview.estimate, self.texts.lang), shown=shown))
        else:
            self.preview_label.setText(self.texts.t(
                "environ {row_count} lignes ; aperçu des {shown} premières").format(
                    row_count=number(preview.estimate, self.texts.lang), shown=shown))
        self._fill_mapping()
        self._update_buttons()
        self.file_previewed.emit(True)

    def _on_preview_failed(self, error: RegistreError) -> None:
        self.file_edit.clear()
        self.preview_label.clear()
        self.messages.show_message("file", describe(error, self.texts.lang))
        self._fill_mapping()
        self._update_buttons()
        self.file_previewed.emit(False)

    def _busy(self) -> bool:
        return any(task is not None and task.is_running
                   for task in (self.task, self.preview_task))

    def _fill_mapping(self) -> None:
        none = self.texts.t("(aucune)")
        self.id_combo.clear()
        self.id_combo.addItems(self.headers)
        self.stage_combo.clear()
        self.stage_combo.addItem(none, NO_COLUMN)
        for header in self.headers:
            self.stage_combo.addItem(header, header)
        stage = suggest_column("stage", self.headers) or \
            next((h for h in self.headers if _fold(h) in {"etape", "statut archive"}), "")
        self.stage_combo.setCurrentIndex(max(0, self.stage_combo.findData(stage)))
        for event, combo in self.event_combos.items():
            combo.clear()
            combo.addItem(self.texts.t("(à choisir)"), NO_COLUMN)
            for header in self.headers:
                combo.addItem(header, header)
            combo.setCurrentIndex(max(0, combo.findData(suggest_column(event, self.headers))))

    def _on_mapping_changed(self, _index: int = 0) -> None:
        self._show_refused(None)  # found with other columns
        self._update_buttons()

    def mapping(self) -> dict[str, str]:
        return {event: str(combo.currentData()) for event, combo in self.event_combos.items()
                if combo.currentData()}

    def _update_buttons(self) -> None:
        running = self._busy()
        ready = (self.path is not None and self.activity is not None and bool(self.category)
                 and len(self.mapping()) == len(self.event_combos) and bool(self.headers))
        self.verify_button.setEnabled(ready and not running)
        self.load_button.setEnabled(ready and not running)
        self.cancel_button.setEnabled(running)  # the load, or the preview of a workbook
        self.choose_button.setEnabled(not running)
        self.close_button.setEnabled(not running)
        if not running and self.path is not None and not ready and self.event_combos:
            missing = [e for e, c in self.event_combos.items() if not c.currentData()]
            if missing:
                self.messages.show_message("mapping", self.texts.t(
                    "Choisissez la colonne de : {missing}").format(
                        missing=', '.join(event_label(e, self.texts.lang) for e in missing)),
                    Level.WARNING)
                return
        self.messages.clear_message("mapping")

    # --- loading --------------------------------------------------------------------------
    def spec(self) -> InventorySpec:
        activity = self.activity
        assert activity is not None and activity.id is not None  # the button says so
        stage = str(self.stage_combo.currentData() or "")
        return InventorySpec(activity.id, self.category,
                             id_column=self.id_combo.currentText() or None,
                             mapping=self.mapping(), stage_column=stage or None,
                             events=frozenset(self.event_combos) or None)

    def verify(self) -> None:
        """Read the whole file as the load would and list the rows it would refuse."""
        self._run(load=False)

    def load(self) -> None:
        """Check the file (unless just checked with these columns), then load it if no row
        is refused."""
        self._run(load=True)

    def _run(self, load: bool) -> None:
        if self.path is None or self._busy():
            return
        path, spec, total = self.path, self.spec(), self.row_count
        engine, actor = self.register.engine, self.register.actor or ""
        known = self.checked if self.checked is not None and \
            self.checked[:2] == (path, spec) else None
        checking = self.texts.t("Vérification… %p %")
        loading = self.texts.t("Chargement… %p %")

        def work(progress: Progress, cancelled: Callable[[], bool]
                 ) -> InventoryCheck | LoadResult:
            check = known[2] if known is not None else None
            if check is None:
                self._phase.emit(checking)
                check = check_inventory(  # module globals, looked up now: tests wrap them
                    path, spec, progress=lambda rows: progress(rows, total),
                    cancelled=cancelled)
                self._checked.emit((path, spec, check))
            if not load or check.refused_count:
                return check
            self._phase.emit(loading)
            return load_inventory(
                engine, path, spec, actor=actor or "registre",
                progress=lambda rows: progress(rows, check.records), cancelled=cancelled)

        self.messages.clear_all()
        self._show_refused(None)
        self.loaded = None
        self.task = BackgroundTask(work, self)
        self.task.progressed.connect(self._on_task_progressed)
        self.task.succeeded.connect(self._on_task_succeeded)
        self.task.failed.connect(self._on_task_failed)
        self.task.finished.connect(self._on_task_finished)
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(0)
        self.progress.setFormat(loading if known is not None and load else checking)
        self.progress.setVisible(True)
        self.task.start()
        self._update_buttons()

    # from the worker, queued to the GUI thread
    _phase = Signal(str)
    _checked = Signal(object)

    def cancel(self) -> None:
        for task in (self.task, self.preview_task):
            if task is not None and task.is_running:
                task.cancel()
        self.cancel_button.setEnabled(False)

    def _on_phase(self, words: str) -> None:
        self.progress.setFormat(words)
        self.progress.setValue(0)

    def _on_checked(self, checked: tuple[Path, InventorySpec, InventoryCheck]) -> None:
        self.checked = checked
        self.row_count = checked[2].records + checked[2].refused_count
        self.preview_label.setText(self.texts.t(
            "{row_count} lignes ; aperçu des {shown} premières").format(
                row_count=number(self.row_count, self.texts.lang), shown=self.preview.rowCount()))

    def _show_refused(self, check: InventoryCheck | None) -> None:
        errors = check.refused if check is not None else ()
        self.refused.setRowCount(len(errors))
        for r, error in enumerate(errors):
            params = error.params
            reason = describe(_without_place(error), self.texts.lang)
            cells = (str(params.get("row", "")), str(params.get("column", "")),
                     str(params.get("value", "")), reason)
            for c, text in enumerate(cells):
                self.refused.setItem(r, c, QTableWidgetItem(text))
        self.refused.resizeColumnsToContents()
        self.refused.setVisible(bool(errors))
        if check is None:
            self.messages.clear_message("check")

    def _on_task_progressed(self, done: int, total: int) -> None:
        show_progress(self.progress, done, total)  # a method: gone with the screen

    def _on_task_succeeded(self, result: InventoryCheck | LoadResult) -> None:
        if isinstance(result, InventoryCheck):
            self.progress.setValue(self.progress.maximum())
            self._show_refused(result)
            if result.refused_count:
                listed = len(result.refused)
                more = self.texts.t(" (les {listed} premières sont listées)").format(
                    listed=listed) if result.more_refused else ""
                self.messages.show_message("check", self.texts.t(
                    "{refused} ligne(s) seraient refusées{more} ; rien n'est chargé tant "
                    "qu'il en reste : corrigez le fichier puis choisissez-le à nouveau.").format(
                        refused=number(result.refused_count, self.texts.lang), more=more),
                    Level.ERROR)
            else:
                self.messages.show_message("check", self.texts.t(
                    "Aucune ligne refusée : {records} enregistrements prêts à charger.").format(
                        records=number(result.records, self.texts.lang)), Level.INFO)
            return
        self.loaded = result
        self.progress.setValue(self.progress.maximum())
        replaced = ""
        if result.replaced:
            replaced = self.texts.t(" (remplace {replaced})").format(
                replaced=number(result.replaced, self.texts.lang))
        self.messages.show_message("loaded", self.texts.t(
            "%n enregistrements chargés{replaced}.", n=result.records).format(
                replaced=replaced), Level.INFO)
        self.inventory_loaded.emit(result)

    def _on_task_failed(self, error: RegistreError) -> None:
        self.progress.setVisible(False)
        level = Level.WARNING if error.code == "inventory.cancelled" else Level.ERROR
        self.messages.show_message("load", describe(error, self.texts.lang), level)

    def _on_task_finished(self) -> None:
        self._update_buttons()
        self.load_finished.emit()

    def reject(self) -> None:
        if self._busy():
            return  # Cancel first: the load is all-or-nothing
        super().reject()
