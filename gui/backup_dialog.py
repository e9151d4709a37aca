"""Fichier › Restaurer une sauvegarde… : the backups of the register the window has open
(date, reason, size), and putting one back in its place.

The restore itself is ``storage.backup.restore``, the same as ``registre backup restore``:
the current state is backed up first (reason "avant restauration", so a restore can be
undone), the chosen backup is checked and moved over the register in one rename. The window
lets go of the register for it (a restore is refused while anyone has the file open), the
copy runs off the GUI thread, and a new window opens on the restored register. A PostgreSQL
register is backed up with pg_dump: the dialog says so instead of listing files.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from domain.errors import RegistreError
from gui import dialogs
from gui.database_dialog import _file_menu, replace_window
from gui.messages import describe
from gui.retention.worker import BackgroundTask
from gui.widgets import InlineMessages, Level
from storage.backup import BackupInfo, RestoreResult, list_backups, restore
from storage.db import sqlite_path
from storage.register import Register, open_register

if TYPE_CHECKING:
    from gui.main_window import MainWindow

__all__ = ["BackupActions", "BackupDialog"]

REASONS = {
    "migration": ("avant une mise à jour du schéma", "before a schema upgrade"),
    "daily": ("quotidienne", "daily"),
    "restore": ("avant une restauration", "before a restore"),
    "manual": ("manuelle", "manual"),
}


def size_words(size: int, lang: str) -> str:
    units = ("o", "Ko", "Mo", "Go") if lang == "fr" else ("B", "KB", "MB", "GB")
    value, index = float(size), 0
    while value >= 1024 and index < len(units) - 1:
        value, index = value / 1024, index + 1
    text = f"{value:.0f}" if index == 0 else f"{value:.1f}"
    return f"{text.replace('.', ',') if lang == 'fr' else text} {units[index]}"


class BackupDialog(QDialog):
    """The list of backups, newest first, and "Restaurer…"."""

    restored = Signal(object)  # the new main window, on the restored register
    restore_failed = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("backup-dialog")
        self.window_ = window
        self.texts = t = window.texts
        self._task: BackgroundTask | None = None
        self.database = sqlite_path(window.register.url)
        self.backups: list[BackupInfo] = []
        t.bind(self.setWindowTitle, "Restaurer une sauvegarde")
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setObjectName("intro")
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("backups")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.messages = InlineMessages()
        self.messages.setObjectName("backup-messages")
        layout.addWidget(self.messages)
        self.buttons = QDialogButtonBox()  # our own buttons: see gui/database_dialog.py
        close = QPushButton()
        t.bind(close.setText, "Fermer")
        self.buttons.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button = QPushButton()
        self.restore_button.setObjectName("restore")
        t.bind(self.restore_button.setText, "&Restaurer…")
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self.restore_selected)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        t.on_switch(lambda _lang: self._fill())
        self._fill()
        self.resize(720, 380)

    def _fill(self) -> None:
        t = self.texts
        lang = t.lang
        self.table.setHorizontalHeaderLabels([t.t("Date"), t.t("Raison"),
                                              t.t("Taille"), t.t("Fichier")])
        if self.database is None:
            self.intro.setText(t.t(
                "Ce registre est sur un serveur PostgreSQL : ses sauvegardes se font sur le "
                "serveur, avec pg_dump (et se restaurent avec pg_restore), par son "
                "administrateur."))
            self.table.hide()
            self.restore_button.hide()
            return
        self.backups = list_backups(self.database)
        if self.backups:
            self.intro.setText(t.t(
                "Sauvegardes de {database}, la plus récente en premier. Restaurer remplace le "
                "registre par la sauvegarde choisie ; l'état actuel est d'abord sauvegardé, pour "
                "pouvoir revenir en arrière.").format(database=self.database))
        else:
            self.intro.setText(t.t(
                "Aucune sauvegarde de {database} pour l'instant : Registre en fait une "
                "chaque jour où le registre change, et avant chaque mise à jour.").format(
                    database=self.database))
        self.table.setRowCount(len(self.backups))
        for row, backup in enumerate(self.backups):
            reason = REASONS.get(backup.reason, (backup.reason, backup.reason))
            cells = [backup.taken.strftime("%d/%m/%Y %H:%M:%S" if lang == "fr"
                                           else "%Y-%m-%d %H:%M:%S"),
                     reason[0 if lang == "fr" else 1], size_words(backup.size, lang),
                     backup.name]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self._update_buttons()

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None and self._task is None)

    def confirmation(self, backup: BackupInfo) -> str:
        """What the user is asked: what will be replaced, by what, and how to go back."""
        t = self.texts
        assert self.database is not None
        lang = t.lang
        when = backup.taken.strftime("%d/%m/%Y à %H:%M" if lang == "fr" else "%Y-%m-%d %H:%M")
        reason = REASONS.get(backup.reason, (backup.reason, backup.reason))
        changed = datetime.fromtimestamp(self.database.stat().st_mtime).strftime(
            "%d/%m/%Y à %H:%M" if lang == "fr" else "%Y-%m-%d %H:%M") \
            if self.database.exists() else "?"
        now = t.t(" (dernière modification le {changed})").format(changed=changed)
        return t.t(
            "Remplacer le registre {database}{now} par la sauvegarde du {when} "
            "({reason_0}, {size}) ?\n\n"
            "Tout ce qui a été enregistré depuis cette sauvegarde — traitements, règles, "
            "inventaires, revues, journal d'audit — sera remplacé par son contenu. "
            "L'état actuel est d'abord sauvegardé (« avant une restauration ») : vous "
            "pourrez le restaurer à son tour.").format(
                database=self.database, now=now, when=when, reason_0=reason[0],
                size=size_words(backup.size, 'fr'), reason_1=reason[1],
                backup_size=size_words(backup.size, 'en'))

    def restore_selected(self) -> None:
        backup = self.selected()
        window = self.window_
        if backup is None or self.database is None or self._task is not None:
            return
        editor = window.editor
        if editor.original is not None and editor.is_dirty():
            self.messages.show_message("restore", self.texts.t(
                "Enregistrez ou abandonnez d'abord la modification en cours du traitement."),
                Level.WARNING)
            return
        if not dialogs.confirm(self, self.confirmation(backup), self.texts.lang):
            return
        database, location = self.database, window.register.location
        window.register.close()  # let go of the file: a restore refuses an open register

        def work(_progress: object, _cancelled: object) -> tuple[RestoreResult | None,
                                                                RegistreError | None,
                                                                Register]:
            try:
                result, refused = restore(database, backup.name), None
            except RegistreError as error:  # said after reopening what is there
                result, refused = None, error
            return result, refused, open_register(location, kind="window")

        self.messages.clear_all()
        self.messages.show_message("restore", self.texts.t(
            "Restauration en cours…"), Level.INFO)
        task = BackgroundTask(work, self)  # type: ignore[arg-type]
        task.succeeded.connect(self._on_restore_done)
        task.failed.connect(self._on_reopen_failed)
        self._task = task
        self._update_buttons()
        task.start()

    def _on_restore_done(self, outcome: tuple[RestoreResult | None, RegistreError | None,
                                              Register]) -> None:
        """The register is open again (restored, or as it was when the restore was refused):
        a new window on it replaces the old one, whose register and undo stack are gone."""
        self._task = None
        result, refused, register = outcome
        lang = self.texts.lang
        self.accept()
        new = replace_window(self.window_, register)
        if refused is not None or result is None:
            self.restore_failed.emit()
            if refused is not None:
                dialogs.show_error(new, refused, lang)
            return
        if new is not None:
            self.restored.emit(new)

    def _on_reopen_failed(self, error: RegistreError) -> None:
        self._task = None
        self.messages.clear_all()
        self.messages.show_message("restore", describe(error, self.texts.lang), Level.ERROR)
        self.restore_failed.emit()
        self._update_buttons()

    def done(self, result: int) -> None:
        if self._task is not None and result != QDialog.DialogCode.Accepted:
            return  # a restore cannot stop half-way: the dialog stays until it is over
        super().done(result)


class BackupActions(QObject):
    """Fichier › Restaurer une sauvegarde… on the main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: BackupDialog | None = None
        self.action = QAction(window)
        self.action.setObjectName("restore-backup")
        window.texts.bind(self.action.setText, "&Restaurer une sauvegarde…")
        self.action.triggered.connect(self.open_dialog)
        menu = _file_menu(window)
        if menu is not None:
            menu.insertAction(menu.actions()[-1] if menu.actions() else None, self.action)

    def open_dialog(self) -> BackupDialog:
        self.dialog = BackupDialog(self.window)
        self.dialog.open()
        return self.dialog
