"""Import, export and PDF from the window (menu Fichier).

* ``ImportDialog``: the DPO chooses a file (``choose_import_file``, looked up when used so
  that tests replace it); the importer runs it as a dry run off the GUI thread — the preview
  IS the import, rolled back: each activity found with its reference, its name and whether
  it is new or updates an existing one, a box to leave it out; the file's columns and what
  each becomes (or that it is ignored); the warnings (duplicate references renamed, why a
  file gives no activity…) and what the file's "Acteurs" change in the entity. "Importer"
  then runs it for real on the rows kept, all-or-nothing, off the GUI thread with progress
  and Cancel; the window's table is read again when it is done, and the import enters the
  window's undo stack ("Annuler l'import" on the dialog, Ctrl+Z in the window).
* ``ExportDialog``: the inspection workbook (``kind="xlsx"``) or the PDF of the register for
  printing (``kind="pdf"``): one entity of a group or all of them, the file name, written
  off the GUI thread with progress and Cancel, then a message with the path.

``install_io(window)`` adds the three actions to the window's File menu.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSignalBlocker, QStandardPaths, Qt, Signal
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from domain import services
from domain.errors import CodedError, RegistreError
from domain.model import Entity, ProcessingActivity
from domain.vocabulary import Lang, load_vocabularies
from gui import dialogs
from gui.clock import Clock, clock_of
from gui.i18n import tr_noop, translate
from gui.import_columns import column_use_words
from gui.import_command import ImportCommand
from gui.messages import describe, describe_warning
from gui.retention.worker import BackgroundTask, Progress, show_progress
from gui.widgets import InlineMessages, Level, Texts, menu_holding
from storage.import_layouts import WHY_EMPTY
from storage.importer import (
    ADDED,
    LEFT_OUT,
    UNCHANGED,
    UPDATED,
    ImportedItem,
    ImportReport,
    import_register,
)
from storage.register import Register

if TYPE_CHECKING:
    from gui.main_window import MainWindow

__all__ = ["ExportDialog", "ImportDialog", "IoActions", "choose_export_file",
           "choose_import_file", "install_io"]

IMPORT_FILTER = ("Registres (*.xlsx *.xlsm *.xls *.ods *.fods *.csv *.txt);;"
                 "Tous les fichiers (*)")
REF, NAME, ACTION, WHERE = range(4)
INDEX_ROLE = Qt.ItemDataRole.UserRole  # on a preview row's first item: its place in the file

def choose_import_file(parent: QWidget | None, lang: Lang) -> Path | None:
    """Ask for the register file to import (replaced in tests)."""
    title = translate("Importer un registre")
    name, _filter = QFileDialog.getOpenFileName(parent, title, "", IMPORT_FILTER)
    return Path(name) if name else None


def choose_export_file(parent: QWidget | None, lang: Lang, suggested: Path,
                       kind: str) -> Path | None:
    """Ask where to write the workbook or the PDF (replaced in tests)."""
    title = translate({"xlsx": tr_noop("Exporter le registre"),
                       "pdf": tr_noop("Imprimer en PDF")}[kind])
    pattern = "Classeur Excel (*.xlsx)" if kind == "xlsx" else "PDF (*.pdf)"
    name, _filter = QFileDialog.getSaveFileName(parent, title, str(suggested), pattern)
    return Path(name) if name else None


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.casefold()).strip("-")[:40] or "registre"


def _documents() -> Path:
    folder = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder and Path(folder).is_dir() else Path.home()


def _said(texts: Texts, error: RegistreError) -> str:
    """The refusal in the user's words; an activity the register refused says why."""
    cause = getattr(error, "cause", None)
    if isinstance(error, CodedError) and error.code == "import.invalid_activity" \
            and isinstance(cause, RegistreError):
        detail = describe(cause, texts.lang)
        params = dict(error.params, detail=detail[:1].lower() + detail[1:])
        error = type(error)(error.code, str(error), **params)
    return describe(error, texts.lang)


def _is_cancel(error: RegistreError) -> bool:
    return error.code in {"import.cancelled", "export.cancelled", "pdf.cancelled"}


class _TaskDialog(QDialog):
    """A dialog that runs one background task at a time: progress bar, Cancel, Close."""

    task_finished = Signal()  # success, refusal or cancellation: the form says which

    def __init__(self, texts: Texts, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.texts = texts
        self.task: BackgroundTask | None = None
        self.messages = InlineMessages()
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setVisible(False)
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("cancel")
        texts.bind(self.cancel_button.setText, "Annuler")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button = QPushButton()
        self.close_button.setObjectName("close")
        texts.bind(self.close_button.setText, "Fermer")
        self.close_button.clicked.connect(self.reject)

    @property
    def running(self) -> bool:
        return self.task is not None and self.task.is_running

    def _buttons(self, action: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addStretch(1)
        for button in (action, self.cancel_button, self.close_button):
            row.addWidget(button)
        action.setDefault(True)
        return row

    def _run(self, work: Callable[[Progress, Callable[[], bool]], Any],
             succeeded: Callable[[Any], None], failed_key: str) -> None:
        self.messages.clear_all()
        task = BackgroundTask(work, self)
        task.progressed.connect(self._on_task_progressed)
        task.succeeded.connect(succeeded)
        task.failed.connect(lambda error: self._on_task_failed(failed_key, error))
        task.finished.connect(self._on_task_finished)
        self.task = task
        self.progress.setRange(0, 0)  # busy until the first step is known
        self.progress.setVisible(True)
        task.start()
        self._update_buttons()

    def cancel(self) -> None:
        if self.task is not None and self.task.is_running:
            self.task.cancel()
            self.cancel_button.setEnabled(False)

    def _on_task_progressed(self, done: int, total: int) -> None:
        show_progress(self.progress, done, total)  # a method: gone with the screen

    def _on_task_failed(self, key: str, error: RegistreError) -> None:
        self.progress.setVisible(False)
        if _is_cancel(error):
            self.messages.show_message(key, self.texts.t(
                "Annulé : rien n'a été modifié."),
                Level.WARNING)
        else:
            self.messages.show_message(key, _said(self.texts, error), Level.ERROR)

    def _on_task_finished(self) -> None:
        self._update_buttons()
        self.task_finished.emit()

    def _update_buttons(self) -> None:
        running = self.running
        self.cancel_button.setEnabled(running)
        self.close_button.setEnabled(not running)

    def reject(self) -> None:
        if self.running:
            return  # Cancel first: the work is all-or-nothing
        super().reject()


# --- import ------------------------------------------------------------------------------------


class ImportDialog(_TaskDialog):
    """Choose a file, see what the import would do, import it."""

    preview_ready = Signal(object)  # ImportReport of the dry run
    register_imported = Signal(object)  # ImportReport

    def __init__(self, register: Register, texts: Texts, today: date | Clock,
                 entities: dict[int, str], parent: QWidget | None = None) -> None:
        super().__init__(texts, parent)
        self.register, self.clock, self.entities = register, clock_of(today), entities
        self.path: Path | None = None
        self.preview: ImportReport | None = None
        self.imported: ImportReport | None = None
        self.left_out: set[int] = set()  # rows of the preview the DPO unticked
        self.undo_stack: QUndoStack | None = None
        self.command: ImportCommand | None = None  # the import, on the window's undo stack
        self.setObjectName("import-dialog")
        self.resize(900, 640)
        t = texts
        t.bind(self.setWindowTitle, "Importer un registre")

        self.file_edit = QLineEdit()
        self.file_edit.setObjectName("file")
        self.file_edit.setReadOnly(True)
        self.choose_button = QPushButton()
        self.choose_button.setObjectName("choose")
        t.bind(self.choose_button.setText, "&Choisir un fichier…")
        self.entity_combo = QComboBox()
        self.entity_combo.setObjectName("entity")
        form = QFormLayout()
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.choose_button)
        file_label, entity_label = QLabel(), QLabel()
        t.bind(file_label.setText, "Fichier :")
        t.bind(entity_label.setText, "Dans l'entité :")
        form.addRow(file_label, file_row)
        form.addRow(entity_label, self.entity_combo)
        entity_label.setVisible(len(entities) > 1)
        self.entity_combo.setVisible(len(entities) > 1)

        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("preview")
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(self._on_table_item_changed)
        self.columns_table = QTableWidget(0, 3)
        self.columns_table.setObjectName("columns")
        self.columns_table.verticalHeader().setVisible(False)
        self.columns_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.columns_table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.columns_table.horizontalHeader().setSectionResizeMode(
            2, QHeaderView.ResizeMode.Stretch)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("preview-tabs")
        self.tabs.addTab(self.table, "")
        self.tabs.addTab(self.columns_table, "")
        t.on_switch(lambda _lang: self._show_preview())
        self.warnings_label = QLabel()
        self.warnings_label.setObjectName("warnings-title")
        self.warnings = QListWidget()
        self.warnings.setObjectName("warnings")
        self.warnings.setWordWrap(True)
        self.warnings.setMaximumHeight(140)

        self.import_button = QPushButton()
        self.import_button.setObjectName("import")
        t.bind(self.import_button.setText, "&Importer")
        self.undo_button = QPushButton()
        self.undo_button.setObjectName("undo-import")
        t.bind(self.undo_button.setText, "Annuler l'i&mport")
        self.undo_button.setVisible(False)  # once the import is done
        t.bind(self.undo_button.setToolTip,
               "Retire les traitements que l'import a ajoutés et remet ceux qu'il a mis à "
               "jour comme avant (aussi : Ctrl+Z dans la fenêtre). Après d'autres "
               "modifications, annulez-les d'abord.")
        buttons = self._buttons(self.import_button)
        buttons.insertWidget(1, self.undo_button)
        # Enter never imports (nor undoes): the DPO clicks, or presses Alt+I, to act
        self.import_button.setDefault(False)
        for button in (self.choose_button, self.import_button, self.undo_button,
                       self.cancel_button, self.close_button):
            button.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.warnings_label)
        layout.addWidget(self.warnings)
        layout.addWidget(self.messages)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)

        self.choose_button.clicked.connect(self._on_choose_clicked)
        self.import_button.clicked.connect(self.start_import)
        self.undo_button.clicked.connect(self.undo_import)
        self.entity_combo.currentIndexChanged.connect(self._on_entity_changed)
        self._show_preview()
        self._update_buttons()

    def _fill_entities(self) -> None:
        current = self.entity_combo.currentData()
        self.entity_combo.blockSignals(True)
        self.entity_combo.clear()
        self.entity_combo.addItem(self.texts.t("(celle du fichier, sinon la première)"), None)
        for name in sorted(self.entities.values()):
            self.entity_combo.addItem(name, name)
        self.entity_combo.setCurrentIndex(max(0, self.entity_combo.findData(current)))
        self.entity_combo.blockSignals(False)

    @property
    def entity(self) -> str | None:
        data = self.entity_combo.currentData()
        return str(data) if data else None

    def _on_choose_clicked(self) -> None:
        path = choose_import_file(self, self.texts.lang)  # a module global: tests replace it
        if path is not None:
            self.open_file(path)

    def _on_entity_changed(self, _index: int) -> None:
        if self.path is not None and not self.running:
            self.open_file(self.path)

    def _work(self, dry_run: bool, leave_out: frozenset[int] = frozenset()
              ) -> Callable[[Progress, Callable[[], bool]], ImportReport]:
        register, path, entity = self.register, self.path, self.entity
        today = self.clock()  # read when the import runs: a dialog left open over midnight
        assert path is not None  # a file was chosen

        def work(progress: Progress, cancelled: Callable[[], bool]) -> ImportReport:
            return import_register(register, path, today=today, entity=entity,
                                   dry_run=dry_run, progress=progress, cancelled=cancelled,
                                   leave_out=leave_out)
        return work

    def open_file(self, path: Path) -> None:
        """Preview ``path``: the importer's dry run, off the GUI thread."""
        if self.running:
            return
        if path != self.path or self.imported is not None:
            self.left_out.clear()  # another entity, same file: the same rows stay out
        self.path, self.preview, self.imported = path, None, None
        self._detach_undo()
        self.file_edit.setText(str(path))
        self._show_preview()
        self.summary.setText(self.texts.t("Lecture du fichier…"))
        self._run(self._work(dry_run=True), self._on_preview_succeeded, "file")

    def _on_preview_succeeded(self, report: ImportReport) -> None:
        self.progress.setVisible(False)
        self.preview = report
        self._show_preview()
        self.preview_ready.emit(report)

    def start_import(self) -> None:
        if self.path is None or self.preview is None or self.running or \
                not self.import_button.isEnabled():
            return
        self._run(self._work(dry_run=False, leave_out=frozenset(self.left_out)),
                  self._on_import_succeeded, "import")

    def _on_import_succeeded(self, report: ImportReport) -> None:
        self.progress.setValue(self.progress.maximum())
        self.imported = report
        self.preview = report
        self._show_preview()
        self.messages.show_message("imported", self.texts.t(
            "Import terminé dans « {entity} » : {added} ajouté(s), {updated} mis à jour, "
            "{unchanged} inchangé(s).").format(
                entity=report.entity, added=len(report.added),
                updated=len(report.updated), unchanged=len(report.unchanged)), Level.INFO)
        self.register_imported.emit(report)

    # --- undoing the import (the command lives on the window's undo stack) ---------------

    def attach_undo(self, stack: QUndoStack, command: ImportCommand) -> None:
        """The import is ``command`` on ``stack``: "Annuler l'import" undoes it while it is
        the last thing done."""
        self._detach_undo()
        self.undo_stack, self.command = stack, command
        stack.indexChanged.connect(self._on_undo_stack_index_changed)
        self.undo_button.setVisible(True)
        self._update_buttons()

    def _detach_undo(self) -> None:
        if self.undo_stack is not None and isValid(self.undo_stack):
            self.undo_stack.indexChanged.disconnect(self._on_undo_stack_index_changed)
        self.undo_stack, self.command = None, None
        self.undo_button.setVisible(False)

    def _on_undo_stack_index_changed(self, _index: int) -> None:
        self._update_buttons()

    def _import_on_top(self) -> bool:
        stack, command = self.undo_stack, self.command
        if stack is None or command is None or not isValid(stack):  # the window is closing
            return False
        return not command.undone and stack.index() > 0 and \
            stack.command(stack.index() - 1) is command

    def undo_import(self) -> None:
        if self._import_on_top() and self.undo_stack is not None:
            self.undo_stack.undo()

    def import_applied(self, undone: bool) -> None:
        """This dialog's import was undone (or redone), from the window or here: say so."""
        command = self.command
        if command is None:
            return
        self.messages.clear_all()
        self.progress.setVisible(False)
        if undone:
            said = self.texts.t(
                "Import annulé : {removed} traitement(s) retiré(s), {restored} restauré(s) "
                "comme avant l'import.").format(
                    removed=command.removed, restored=command.restored)
            self.messages.show_message("undone", said, Level.INFO)
            self.summary.setText(said)  # the list below is what the import had done
        else:
            self.messages.show_message("redone", self.texts.t(
                "Import rétabli."), Level.INFO)
            self._show_summary()
        self._update_buttons()

    def _layout_name(self, layout: str) -> str:
        t = self.texts
        if layout == "registre":
            return t.t("export Registre")
        if layout == "cnil":
            return t.t("modèle CNIL")
        if layout == "apdp":
            return t.t("modèle APDP")
        return t.t("tableau, un traitement par ligne")

    def _field_words(self, name: str) -> str:
        """An entity field the file's actors set ("dpo.phone"), in the user's words."""
        t = self.texts
        words = {
            "address": t.t("adresse de l'établissement"),
            "dpo": t.t("DPO"), "representative": t.t("représentant"),
            "controller": t.t("responsable du traitement"),
            "name": t.t("nom"), "organisation": t.t("société"),
            "phone": t.t("téléphone"), "email": t.t("adresse mél"),
        }
        return " — ".join(words.get(part, part) for part in name.split("."))

    def _entity_change_words(self, report: ImportReport) -> list[str]:
        return [self.texts.t("{field_words} : {value}").format(
                                 field_words=self._field_words(name), value=value)
                for name, value in report.entity_changes]

    def _action_words(self, action: str, done: bool) -> str:
        t = self.texts
        if action == LEFT_OUT:
            return t.t("Laissé de côté")
        if action == ADDED:
            return t.t("Ajouté") if done else t.t("Nouveau")
        if action == UPDATED:
            return t.t("Mis à jour") if done else \
                t.t("Met à jour l'existant")
        return t.t("Inchangé")

    def _show_preview(self) -> None:
        t = self.texts
        self._fill_entities()
        self.table.setHorizontalHeaderLabels([t.t("Réf."), t.t("Nom"),
                                              t.t("Import"),
                                              t.t("Emplacement")])
        report = self.imported or self.preview
        items = report.items if report is not None else []
        done = self.imported is not None
        with QSignalBlocker(self.table):  # filling is no unticking
            self.table.setRowCount(len(items))
            for row, item in enumerate(items):
                action = self._item_words(item, done)
                ref = item.ref + (f"  ← {item.file_ref}" if item.file_ref else "")
                where = ", ".join(p for p in (
                    item.sheet or "", t.t("ligne {row}").format(row=item.row)
                    if item.row else "") if p)
                for column, text in ((NAME, item.name), (ACTION, action), (WHERE, where)):
                    self.table.setItem(row, column, QTableWidgetItem(text))
                first = QTableWidgetItem(ref)
                first.setData(INDEX_ROLE, item.index)
                if not done:  # a box per row: untick it to leave the row out
                    first.setFlags(first.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    first.setCheckState(Qt.CheckState.Unchecked if item.index in self.left_out
                                        else Qt.CheckState.Checked)
                self.table.setItem(row, REF, first)
        self.table.resizeColumnToContents(REF)
        self.table.resizeColumnToContents(ACTION)
        self.table.resizeColumnToContents(WHERE)
        self._show_columns(report)
        self.warnings.clear()
        notes: list[str] = []
        if report is not None:
            changes = self._entity_change_words(report)
            if changes:
                notes.append(t.t("L'entité « {entity} » reçoit les acteurs du fichier : "
                                 "{changes}").format(
                                     entity=report.entity, changes=' ; '.join(changes),
                                     changes_2='; '.join(changes)))
            notes += [describe_warning(w, t.lang) for w in report.warnings]
        self.warnings.addItems(notes)
        self.warnings.setVisible(bool(notes))
        self.warnings_label.setVisible(bool(notes))
        self.warnings_label.setText(t.t("Avertissements ({notes})").format(notes=len(notes)))
        self._show_summary()

    def _show_columns(self, report: ImportReport | None) -> None:
        """The "Colonnes du fichier" tab: each column of the file and what it becomes."""
        t = self.texts
        columns = report.columns if report is not None else []
        self.columns_table.setHorizontalHeaderLabels([
            t.t("Colonne"), t.t("En-tête dans le fichier"),
            t.t("Devient dans le registre")])
        sheets = {c.sheet for c in columns}
        self.columns_table.setRowCount(len(columns))
        voc = load_vocabularies()
        for row, use in enumerate(columns):
            where = f"{use.sheet} — {use.column}" if len(sheets) > 1 else use.column
            for column, text in ((0, where), (1, use.header),
                                 (2, column_use_words(use.use, voc, t.lang))):
                item = QTableWidgetItem(text)
                if use.use is None:
                    item.setForeground(self.palette().placeholderText())
                self.columns_table.setItem(row, column, item)
        self.columns_table.resizeColumnToContents(0)
        self.columns_table.resizeColumnToContents(1)
        ignored = sum(1 for c in columns if c.use is None)
        self.tabs.setTabText(0, t.t("Traitements ({count})").format(
            count=len(report.items) if report is not None else 0))
        self.tabs.setTabText(1, t.t(
            "Colonnes du fichier ({used} reprises, {ignored} ignorées)").format(
                used=len(columns) - ignored, ignored=ignored) if columns else
            t.t("Colonnes du fichier"))
        self.tabs.setTabEnabled(1, bool(columns))  # fiches and our export have no columns

    def _kept(self) -> list[str]:
        """The actions of the rows the import will take (not left out)."""
        report = self.preview
        return [i.action for i in report.items if i.index not in self.left_out] \
            if report is not None else []

    def _show_summary(self) -> None:
        t = self.texts
        report = self.imported or self.preview
        if report is None:
            self.summary.setText(t.t(
                "Choisissez un fichier : modèle CNIL (.ods, .xlsx), tableau d'un autre outil "
                "(.xlsx, .xls, .ods, .fods, .csv) ou export Registre."))
            return
        layout_name = self._layout_name(report.layout)
        if not report.items:  # never a bare "0": the file's reason, in words
            why = [describe_warning(w, t.lang) for w in report.warnings
                   if getattr(w, "code", "") in WHY_EMPTY]
            self.summary.setText(t.t(
                "Aucun traitement à importer ({layout_name}). {why}").format(
                    layout_name=layout_name,
                    why=" ".join(w[:1].upper() + w[1:] + "." for w in why)).strip())
        elif self.imported is not None:
            left = t.t(" {left_out} laissé(s) de côté.").format(
                left_out=len(report.left_out)) if report.left_out else ""
            self.summary.setText(t.t(
                "Importé ({layout_name}) : {total} traitement(s).").format(
                    layout_name=layout_name, total=report.total) + left)
        else:
            kept = self._kept()
            text = t.t(
                "Aperçu ({layout_name}) : {total} traitement(s) trouvé(s) ; {added} "
                "nouveau(x), {updated} mettent à jour un traitement existant, "
                "{unchanged} inchangé(s) dans « {entity} ». Rien n'est modifié avant « "
                "Importer ».").format(
                    layout_name=layout_name, total=len(report.items),
                    added=kept.count(ADDED), updated=kept.count(UPDATED),
                    unchanged=kept.count(UNCHANGED), entity=report.entity)
            if self.left_out:
                text += t.t(" {left_out} ligne(s) décochée(s) : laissée(s) de côté.").format(
                                left_out=len(self.left_out))
            self.summary.setText(text)

    def _item_words(self, item: ImportedItem, done: bool) -> str:
        """What the import does with a row (a row unticked in the preview: left out)."""
        if not done and item.index in self.left_out:
            return self._action_words(LEFT_OUT, done)
        words = self._action_words(item.action, done)
        if item.changed:
            words += self.texts.t(" ({changed} champ(s))").format(changed=len(item.changed))
        return words

    def _on_table_item_changed(self, item: QTableWidgetItem) -> None:
        """A box ticked or unticked: the row is kept or left out of the import."""
        if item.column() != REF or self.imported is not None or self.running or \
                self.preview is None:
            return
        index = item.data(INDEX_ROLE)
        if not isinstance(index, int):
            return
        if item.checkState() == Qt.CheckState.Checked:
            self.left_out.discard(index)
        else:
            self.left_out.add(index)
        action = self.table.item(item.row(), ACTION)
        found = next((i for i in self.preview.items if i.index == index), None)
        if action is not None and found is not None:
            action.setText(self._item_words(found, done=False))
        self._show_summary()
        self._update_buttons()

    def _update_buttons(self) -> None:
        super()._update_buttons()
        running = self.running
        kept = self._kept()
        ready = self.preview is not None and self.imported is None and bool(
            ADDED in kept or UPDATED in kept or self.preview.entity_changes)
        self.import_button.setEnabled(ready and not running)
        self.choose_button.setEnabled(not running)
        self.entity_combo.setEnabled(not running)
        self.undo_button.setEnabled(self._import_on_top() and not running)


# --- export and PDF ----------------------------------------------------------------------------


class ExportDialog(_TaskDialog):
    """Write the inspection workbook (``kind="xlsx"``) or the PDF (``kind="pdf"``)."""

    written = Signal(object)  # the path

    def __init__(self, register: Register, texts: Texts, today: date | Clock,
                 entities: dict[int, str], kind: str = "xlsx", entity_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(texts, parent)
        if kind not in {"xlsx", "pdf"}:
            raise ValueError(kind)
        self.register, self.entities, self.kind = register, entities, kind
        self.clock = clock_of(today)  # read when the dialog acts, not when it opened
        self.path: Path | None = None
        self._suggested = ""  # the name last proposed, while the user has not changed it
        self._replace_agreed: Path | None = None
        self.setObjectName(f"{kind}-dialog")
        self.resize(640, 220)
        t = texts
        if kind == "xlsx":
            t.bind(self.setWindowTitle, "Exporter le registre")
        else:
            t.bind(self.setWindowTitle, "Imprimer le registre en PDF")
        self.entity_combo = QComboBox()
        self.entity_combo.setObjectName("entity")
        self.entity_combo.addItem("", None)
        t.bind(lambda s: self.entity_combo.setItemText(0, s), "Tout le groupe")
        for key, name in sorted(entities.items(), key=lambda e: e[1]):
            self.entity_combo.addItem(name, key)
        if entity_id is not None:
            self.entity_combo.setCurrentIndex(max(0, self.entity_combo.findData(entity_id)))
        elif len(entities) == 1:
            self.entity_combo.setCurrentIndex(1)
        self.file_edit = QLineEdit()
        self.file_edit.setObjectName("file")
        self.choose_button = QPushButton()
        self.choose_button.setObjectName("choose")
        t.bind(self.choose_button.setText, "&Parcourir…")
        self.write_button = QPushButton()
        self.write_button.setObjectName("write")
        if kind == "xlsx":
            t.bind(self.write_button.setText, "&Exporter")
        else:
            t.bind(self.write_button.setText, "&Créer le PDF")
        form = QFormLayout()
        entity_label, file_label = QLabel(), QLabel()
        t.bind(entity_label.setText, "Entité :")
        t.bind(file_label.setText, "Fichier :")
        form.addRow(entity_label, self.entity_combo)
        entity_label.setVisible(len(entities) > 1)
        self.entity_combo.setVisible(len(entities) > 1)
        row = QHBoxLayout()
        row.addWidget(self.file_edit, 1)
        row.addWidget(self.choose_button)
        form.addRow(file_label, row)
        buttons = self._buttons(self.write_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.messages)
        layout.addStretch(1)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)
        self.choose_button.clicked.connect(self._on_choose_clicked)
        self.write_button.clicked.connect(self.start)
        self.entity_combo.currentIndexChanged.connect(self._on_entity_changed)
        self.file_edit.textChanged.connect(lambda _text: self._update_buttons())
        self._suggest()
        self._update_buttons()

    @property
    def entity_id(self) -> int | None:
        data = self.entity_combo.currentData()
        return int(data) if data is not None else None

    def suggested_path(self, today: date | None = None) -> Path:
        """The proposed file: the entity and the day (default: today, read from the clock
        now)."""
        folder = Path(self.file_edit.text()).parent if self.file_edit.text() else _documents()
        who = self.entities.get(self.entity_id, "") if self.entity_id is not None else ""
        stem = f"registre-{_slug(who)}" if who else "registre"
        return folder / f"{stem}-{today or self.clock():%Y-%m-%d}.{self.kind}"

    def _suggest(self, today: date | None = None) -> None:
        self._suggested = str(self.suggested_path(today))
        self.file_edit.setText(self._suggested)

    def _on_entity_changed(self, _index: int) -> None:
        self._suggest()

    def _on_choose_clicked(self) -> None:
        path = choose_export_file(self, self.texts.lang, Path(self.file_edit.text()),
                                  self.kind)
        if path is not None:
            if path.suffix.lower() != f".{self.kind}":
                path = path.with_name(path.name + f".{self.kind}")
            else:
                self._replace_agreed = path  # the file dialog asked already
            self.file_edit.setText(str(path))

    def start(self) -> None:
        text = self.file_edit.text().strip()
        if not text or self.running:
            return
        today = self.clock()  # the day the export is written, not the day the dialog opened
        if text == self._suggested:  # still our proposal: dated today
            self._suggest(today)
            text = self._suggested
        path = Path(text).expanduser()
        if path.suffix.lower() != f".{self.kind}":
            path = path.with_name(path.name + f".{self.kind}")
            self.file_edit.setText(str(path))
        if path.exists() and path != self._replace_agreed and not dialogs.confirm(
                self, self.texts.t("{path} existe déjà. Le remplacer ?").format(
                                       path=path), self.texts.lang):
            return
        self.path = path
        register, entity_id = self.register, self.entity_id
        entity_name = self.entities.get(entity_id) if entity_id is not None else None
        kind = self.kind

        def work(progress: Progress, cancelled: Callable[[], bool]) -> Path:
            if kind == "xlsx":
                from storage.export import export_register

                return export_register(register, path, as_of=today, entity=entity_name,
                                       progress=progress, cancelled=cancelled).path
            from gui.pdf import write_register_pdf

            entities, activities = _register_content(register, entity_id)
            return write_register_pdf(path, entities, activities, as_of=today,
                                      progress=progress, cancelled=cancelled).path

        self._run(work, self._on_written, "write")

    def _on_written(self, path: Path) -> None:
        self.progress.setValue(self.progress.maximum())
        what = self.texts.t("Registre exporté") if self.kind == "xlsx" \
            else self.texts.t("PDF du registre créé")
        self.messages.show_message("written", self.texts.t(
            "{what} : {path}").format(what=what, path=path), Level.INFO)
        self.written.emit(path)

    def _update_buttons(self) -> None:
        super()._update_buttons()
        running = self.running
        self.write_button.setEnabled(bool(self.file_edit.text().strip()) and not running)
        self.choose_button.setEnabled(not running)
        self.entity_combo.setEnabled(not running)
        self.file_edit.setEnabled(not running)


def _register_content(register: Register, entity_id: int | None
                      ) -> tuple[list[Entity], Sequence[ProcessingActivity]]:
    with register.uow() as uow:
        entities = [e for e in uow.entities.list() if entity_id is None or e.id == entity_id]
    return entities, services.list_activities(register.uow(), entity_id)


# --- the window's File menu ----------------------------------------------------------------------


class IoActions(QObject):
    """The File menu's "Importer un registre…", "Exporter le registre…", "Imprimer en PDF…"
    and the dialog each opens (one at a time)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialogs: dict[str, QDialog] = {}
        self.import_action = self._action("&Importer un registre…",
                                          self.open_import, "import-register")
        self.export_action = self._action("E&xporter le registre…",
                                          self.open_export, "export-register")
        self.pdf_action = self._action("Imprimer en &PDF…",
                                       self.open_pdf, "print-pdf")
        menu = self._file_menu()
        actions = [self.import_action, self.export_action, self.pdf_action]
        if menu is not None:
            before = next((a for a in menu.actions() if a.isSeparator()), None)
            if before is not None:
                menu.insertActions(before, actions)
                menu.insertSeparator(actions[0])
            else:
                menu.addSeparator()
                menu.addActions(actions)

    def _file_menu(self) -> QMenu | None:
        """The File menu: the one that holds the window's Save action."""
        return menu_holding(self.window.menuBar(), self.window.save_action)

    def _action(self, source: str, slot: Callable[[], object], name: str) -> QAction:
        action = QAction(self.window)
        action.setObjectName(name)
        self.window.texts.bind(action.setText, source)
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    def _show(self, key: str, dialog: QDialog) -> QDialog:
        old = self.dialogs.get(key)
        if old is not None and old.isVisible() and getattr(old, "running", False):
            old.raise_()
            dialog.deleteLater()
            return old
        if old is not None:
            old.deleteLater()
        self.dialogs[key] = dialog
        dialog.show()
        dialog.raise_()
        return dialog

    def open_import(self) -> ImportDialog | None:
        """The import dialog; an unsaved edit in the form is saved first (or, when it is not
        valid, dropped if the user agrees): the import may change the same activity."""
        window = self.window
        editor = window.editor
        if editor.original is not None and editor.is_dirty() and not window._leave_editor():
            return None
        dialog = ImportDialog(window.register, window.texts, window.clock,
                              dict(window.entities), parent=window)
        dialog.register_imported.connect(self._on_dialog_register_imported)
        return self._show("import", dialog)  # type: ignore[return-value]

    def _on_dialog_register_imported(self, report: ImportReport) -> None:
        window = self.window
        window.reload()
        window.statusBar().showMessage(window.texts.t(
            "Import : {added} ajouté(s), {updated} mis à jour.").format(
                added=len(report.added), updated=len(report.updated)), 10000)
        if report.changes or report.entity_change is not None:
            # done already: it enters the stack as done, to be undone with Ctrl+Z
            command = ImportCommand(window.undo_context, report, window.texts.t(
                "l'import de « {file} »").format(
                    file=Path(report.file).name), self._on_import_applied, window,
                window.texts)
            window.undo_stack.push(command)
            dialog = self.dialogs.get("import")
            if isinstance(dialog, ImportDialog) and dialog.imported is report:
                dialog.attach_undo(window.undo_stack, command)
        window.register_changed.emit()

    def _on_import_applied(self, command: ImportCommand, undone: bool) -> None:
        """An import undone or redone (Ctrl+Z, Ctrl+Shift+Z, or the dialog's button)."""
        window = self.window
        window.reload()
        dialog = self.dialogs.get("import")
        if isinstance(dialog, ImportDialog) and dialog.command is command:
            dialog.import_applied(undone)
        window.register_changed.emit()

    def _open_export(self, kind: str) -> ExportDialog:
        window = self.window
        chosen = window.entity_combo.currentData()
        dialog = ExportDialog(window.register, window.texts, window.clock,
                              dict(window.entities), kind,
                              int(chosen) if chosen is not None else None, parent=window)
        return self._show(kind, dialog)  # type: ignore[return-value]

    def open_export(self) -> ExportDialog:
        return self._open_export("xlsx")

    def open_pdf(self) -> ExportDialog:
        return self._open_export("pdf")


def install_io(window: MainWindow) -> None:
    """Add import, export and PDF to the window's File menu; call it once, in
    ``MainWindow.__init__`` (a second call adds nothing)."""
    if getattr(window, "io", None) is None:
        window.io = IoActions(window)  # type: ignore[attr-defined]
