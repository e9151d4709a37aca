"""Fichier › Base de données… : which register the window works on, a local SQLite file or
a group's PostgreSQL server, and reopening the window on it.

The choice is remembered in the settings (``gui.settings.DATABASE``) and used at the next
start when neither ``--db`` nor ``$REGISTRE_DB`` names a register. A PostgreSQL password is
never stored by Registre: typed in the dialog, it serves this session only; to open the
shared register at the next start without typing it, put it in ``~/.pgpass`` (or the file
named by ``$PGPASSFILE``), which the PostgreSQL driver reads by itself — the dialog says so.

"Tester la connexion" runs off the GUI thread (a server that does not answer takes seconds)
and says what is wrong in the user's words: wrong password, unknown server, server not
started, no such database… Opening runs off the GUI thread too (a first open creates the
tables, a newer Registre upgrades them), then a new window replaces this one.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from domain.errors import RegistreError
from gui.i18n import tr_noop
from gui.messages import describe
from gui.retention.worker import BackgroundTask
from gui.settings import DATABASE, Settings
from gui.widgets import InlineMessages, Level, Texts, menu_holding
from storage.db import (
    ENV_VAR,
    default_location,
    postgresql_location,
    sqlite_path,
    to_url,
    without_password,
)
from storage.migrate import DatabaseState, probe
from storage.register import Register, open_register

if TYPE_CHECKING:
    from gui.main_window import MainWindow

__all__ = ["DatabaseDialog", "install_database", "remembered_location", "replace_window"]

TEST_TIMEOUT = 5  # seconds a server has to answer a connection test


def remembered_location(settings: Settings) -> str | None:
    """The register chosen in the dialog, unless ``$REGISTRE_DB`` says otherwise."""
    import os

    if os.environ.get(ENV_VAR, "").strip():
        return None
    return settings.get(DATABASE) or None


class DatabaseDialog(QDialog):
    """Choose the local file or a PostgreSQL server; test the connection; open it."""

    tested = Signal(bool)  # a connection test ended (True: it connected)
    opened = Signal(object)  # the register, opened off the GUI thread
    open_failed = Signal()

    def __init__(self, texts: Texts, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("database-dialog")
        self.texts = t = texts
        self._task: BackgroundTask | None = None
        self.state: DatabaseState | None = None
        t.bind(self.setWindowTitle, "Base de données du registre")
        layout = QVBoxLayout(self)

        self.sqlite_radio = QRadioButton()
        self.sqlite_radio.setObjectName("sqlite")
        t.bind(self.sqlite_radio.setText, "Un &fichier sur cet ordinateur ou un dossier partagé "
               "(SQLite)")
        self.postgres_radio = QRadioButton()
        self.postgres_radio.setObjectName("postgresql")
        t.bind(self.postgres_radio.setText, "Un &serveur PostgreSQL, partagé par le groupe")

        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("path")
        self.browse_button = QPushButton()
        t.bind(self.browse_button.setText, "&Parcourir…")
        self.browse_button.clicked.connect(self._on_browse_button_clicked)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse_button)
        self.file_box = QGroupBox()
        file_layout = QVBoxLayout(self.file_box)
        file_layout.addWidget(self.sqlite_radio)
        file_layout.addLayout(file_row)

        self.host_edit = QLineEdit()
        self.host_edit.setObjectName("host")
        self.host_edit.setPlaceholderText("db.ght.local")
        self.port_spin = QSpinBox()
        self.port_spin.setObjectName("port")
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(5432)
        self.database_edit = QLineEdit("registre")
        self.database_edit.setObjectName("database")
        self.user_edit = QLineEdit()
        self.user_edit.setObjectName("user")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.server_box = QGroupBox()
        server_layout = QVBoxLayout(self.server_box)
        server_layout.addWidget(self.postgres_radio)
        form = QFormLayout()
        labels = [(tr_noop("Ser&veur :"), self.host_edit),
                  (tr_noop("Po&rt :"), self.port_spin),
                  (tr_noop("&Base :"), self.database_edit),
                  (tr_noop("&Utilisateur :"), self.user_edit),
                  (tr_noop("&Mot de passe :"), self.password_edit)]
        for label_text, field in labels:
            label = QLabel()
            label.setBuddy(field)
            t.bind(label.setText, label_text)
            form.addRow(label, field)
        server_layout.addLayout(form)
        self.password_note = QLabel()
        self.password_note.setObjectName("password-note")
        self.password_note.setWordWrap(True)
        t.bind(self.password_note.setText,
               "Registre n'enregistre jamais le mot de passe : il sert pour cette session. "
               "Pour ouvrir le registre partagé sans le retaper, mettez-le dans ~/.pgpass "
               "(ou le fichier nommé par PGPASSFILE), une ligne "
               "serveur:port:base:utilisateur:mot de passe, droits 0600.")
        server_layout.addWidget(self.password_note)

        self.messages = InlineMessages()
        self.messages.setObjectName("database-messages")
        self.test_button = QPushButton()
        self.test_button.setObjectName("test-connection")
        t.bind(self.test_button.setText, "&Tester la connexion")
        self.test_button.clicked.connect(self.test_connection)
        # our own buttons: Qt re-translates its standard ones on a language change
        self.buttons = QDialogButtonBox()
        self.open_button = QPushButton()
        self.open_button.setObjectName("open")
        self.open_button.setDefault(True)
        t.bind(self.open_button.setText, "&Ouvrir ce registre")
        cancel = QPushButton()
        t.bind(cancel.setText, "Annuler")
        self.buttons.addButton(self.test_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.open_chosen)
        self.buttons.rejected.connect(self.reject)

        layout.addWidget(self.file_box)
        layout.addWidget(self.server_box)
        layout.addWidget(self.messages)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        for radio in (self.sqlite_radio, self.postgres_radio):
            radio.toggled.connect(self._on_kind_toggled)
        for edit in (self.path_edit, self.host_edit, self.database_edit, self.user_edit,
                     self.password_edit):
            edit.textChanged.connect(self._on_field_changed)
        self.port_spin.valueChanged.connect(self._on_field_changed)
        self._show_location(current)
        self.resize(560, self.sizeHint().height())

    # --- the location in the fields ------------------------------------------------------
    def _show_location(self, location: str) -> None:
        url = to_url(location)
        if url.get_backend_name() == "postgresql":
            self.postgres_radio.setChecked(True)
            self.host_edit.setText(url.host or "")
            self.port_spin.setValue(url.port or 5432)
            self.database_edit.setText(url.database or "")
            self.user_edit.setText(url.username or "")
        else:
            self.sqlite_radio.setChecked(True)
            path = sqlite_path(url)
            self.path_edit.setText(str(path) if path else location)
        self._on_kind_toggled()

    def is_postgresql(self) -> bool:
        return self.postgres_radio.isChecked()

    def location(self) -> str:
        """The chosen register, password included (kept in memory only)."""
        if not self.is_postgresql():
            return str(Path(self.path_edit.text().strip()).expanduser())
        return postgresql_location(user=self.user_edit.text().strip() or None,
                                   password=self.password_edit.text() or None,
                                   host=self.host_edit.text().strip() or None,
                                   port=self.port_spin.value(),
                                   database=self.database_edit.text().strip() or None)

    def _missing(self) -> str:
        """What must still be filled in, in words ("" when nothing)."""
        t = self.texts
        if not self.is_postgresql():
            return "" if self.path_edit.text().strip() else t.t(
                "Indiquez le fichier du registre.")
        if not self.host_edit.text().strip():
            return t.t("Indiquez le serveur PostgreSQL.")
        if not self.database_edit.text().strip():
            return t.t("Indiquez la base de données.")
        if not self.user_edit.text().strip():
            return t.t("Indiquez l'utilisateur.")
        return ""

    def _on_kind_toggled(self, _checked: bool = False) -> None:
        postgres = self.is_postgresql()
        for widget in (self.host_edit, self.port_spin, self.database_edit, self.user_edit,
                       self.password_edit, self.password_note):
            widget.setEnabled(postgres)
        self.path_edit.setEnabled(not postgres)
        self.browse_button.setEnabled(not postgres)
        self._on_field_changed()

    def _on_field_changed(self, *_args: object) -> None:
        self.state = None
        self.messages.clear_all()
        ready = not self._missing() and not self.busy()
        self.test_button.setEnabled(ready)
        self.open_button.setEnabled(ready)

    def _on_browse_button_clicked(self) -> None:
        current = self.path_edit.text().strip() or default_location()
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.texts.t("Fichier du registre"), current,
            self.texts.t("Registre (*.db);;Tous les fichiers (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite)
        if chosen:
            self.path_edit.setText(chosen)

    def busy(self) -> bool:
        return self._task is not None and self._task.is_running

    # --- testing ------------------------------------------------------------------------------
    def test_connection(self) -> None:
        """Connect off the GUI thread; the result is said in the dialog."""
        missing = self._missing()
        if missing:
            self.messages.show_message("test", missing, Level.WARNING)
            return
        location = self.location()
        self._start(lambda _progress, _cancelled: probe(to_url(location), TEST_TIMEOUT),
                    self._on_test_succeeded, self._on_test_failed,
                    self.texts.t("Connexion en cours…"))

    def _start(self, work: object, succeeded: object, failed: object, waiting: str) -> None:
        self.messages.clear_all()
        self.messages.show_message("test", waiting, Level.INFO)
        task = BackgroundTask(work, self)  # type: ignore[arg-type]
        task.succeeded.connect(succeeded)  # type: ignore[arg-type]
        task.failed.connect(failed)  # type: ignore[arg-type]
        task.finished.connect(self._on_task_finished)
        self._task = task
        self.test_button.setEnabled(False)
        self.open_button.setEnabled(False)
        task.start()

    def _on_task_finished(self) -> None:
        self._task = None
        ready = not self._missing()
        self.test_button.setEnabled(ready)
        self.open_button.setEnabled(ready)

    def _on_test_succeeded(self, state: DatabaseState) -> None:
        self._on_task_finished()  # before saying it: the buttons work again
        self.state = state
        t = self.texts
        said = {
            "new": t.t("Connexion réussie ({server}). La base est vide : Registre y créera le "
                       "registre à l'ouverture.").format(server=state.server),
            "current": t.t("Connexion réussie ({server}) : un registre à jour.").format(
                               server=state.server),
            "older": t.t("Connexion réussie ({server}) : un registre d'une version précédente, "
                         "mis à jour à l'ouverture.").format(server=state.server),
            "newer": t.t("Connexion réussie ({server}), mais ce registre vient d'une "
                         "version plus récente de Registre : mettez Registre à jour.").format(
                             server=state.server),
            "foreign": t.t("Connexion réussie ({server}), mais cette base contient déjà d'autres "
                           "tables : ce n'est pas un registre. Choisissez une base vide ou un "
                           "registre.").format(server=state.server),
        }[state.status]
        good = state.status in ("new", "current", "older")
        self.messages.clear_all()
        self.messages.show_message("test", said, Level.INFO if good else Level.ERROR)
        self.tested.emit(good)

    def _on_test_failed(self, error: RegistreError) -> None:
        self._on_task_finished()  # before saying it: the buttons work again
        self.messages.clear_all()
        self.messages.show_message("test", self.failure_words(error), Level.ERROR)
        self.tested.emit(False)

    def failure_words(self, error: RegistreError) -> str:
        """Why a connection failed, as the DPO would say it, with what to do."""
        t = self.texts
        p = dict(error.params)
        host, port, database, user = p.get("host"), p.get("port"), p.get("database"), \
            p.get("user")
        words = {
            "database.auth_failed": t.t(
                "Le serveur refuse l'utilisateur « {user} » avec ce mot de passe : vérifiez l'un "
                "et l'autre.").format(user=user),
            "database.no_password": t.t(
                "Le serveur demande un mot de passe : saisissez-le, ou mettez-le dans "
                "~/.pgpass."),
            "database.unknown_user": t.t(
                "L'utilisateur « {user} » n'existe pas sur ce serveur : demandez à son "
                "administrateur de le créer (createuser).").format(user=user),
            "database.no_database": t.t(
                "La base « {database} » n'existe pas sur ce serveur : demandez à son "
                "administrateur de la créer (createdb), vide ; Registre y créera le "
                "registre.").format(
                    database=database),
            "database.unknown_host": t.t(
                "Serveur « {host} » introuvable : vérifiez son nom (et la connexion au "
                "réseau).").format(
                    host=host),
            "database.refused": t.t(
                "Le serveur « {host} » ne répond pas sur le port {port} : PostgreSQL est-il "
                "démarré, et le port est-il le bon ?").format(host=host, port=port),
            "database.timeout": t.t(
                "Le serveur « {host} » n'a pas répondu en {test_timeout} secondes : réseau, "
                "pare-feu ou VPN ?").format(host=host, test_timeout=TEST_TIMEOUT),
            "database.no_folder": t.t(
                "Le dossier {p} n'existe pas.").format(p=p.get('detail')),
            "database.not_sqlite": t.t(
                "Ce fichier n'est pas un registre (ni une base SQLite)."),
            "database.unreachable": t.t(
                "Connexion impossible : {p}").format(p=p.get('detail')),
        }
        return words.get(error.code) or describe(error, self.texts.lang)

    # --- opening ------------------------------------------------------------------------------
    def open_chosen(self) -> None:
        """Open the chosen register off the GUI thread; ``opened`` carries it."""
        missing = self._missing()
        if missing:
            self.messages.show_message("test", missing, Level.WARNING)
            return
        location = self.location()
        self._start(lambda _progress, _cancelled: open_register(location, kind="window"),
                    self._on_open_succeeded, self._on_open_failed,
                    self.texts.t("Ouverture du registre…"))

    def _on_open_succeeded(self, register: Register) -> None:
        self.messages.clear_all()
        self.opened.emit(register)

    def _on_open_failed(self, error: RegistreError) -> None:
        self._on_task_finished()  # before saying it: the buttons work again
        self.messages.clear_all()
        words = self.failure_words(error) if error.code.startswith("database.") else \
            describe(error, self.texts.lang)
        self.messages.show_message("test", words, Level.ERROR)
        self.open_failed.emit()

    def done(self, result: int) -> None:
        """Closing while a test or an opening runs does not wait for it: its result is
        dropped when it comes (a register opened meanwhile is closed again)."""
        if self._task is not None and self._task.is_running:
            task = self._task
            self._task = None
            task.succeeded.disconnect()
            task.failed.disconnect()
            task.succeeded.connect(_close_if_register)
        super().done(result)


def _close_if_register(result: object) -> None:
    if isinstance(result, Register):
        result.close()


def replace_window(window: MainWindow, register: Register) -> MainWindow | None:
    """A new main window on ``register`` in place of ``window`` (same size, language and
    settings); None, and ``register`` closed, when the window refuses to close."""
    from gui.main_window import MainWindow

    window.save_settings()
    new = MainWindow(register, window.lang, today=window.clock, settings=window.settings,
                     read_in_background=window.read_in_background)
    new.setGeometry(window.geometry())
    if not window.close():  # an edit the user chose to keep
        new.deleteLater()
        register.close()
        return None
    window.register.close()
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(register.close)
    new.show()
    return new


class DatabaseActions(QObject):
    """Fichier › Base de données… on the main window."""

    window_replaced = Signal(object)  # the new main window

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: DatabaseDialog | None = None
        self.action = QAction(window)
        self.action.setObjectName("database")
        window.texts.bind(self.action.setText, "&Base de données…")
        self.action.triggered.connect(self.open_dialog)
        menu = _file_menu(window)
        if menu is not None:
            menu.insertAction(menu.actions()[-1] if menu.actions() else None, self.action)

    def open_dialog(self) -> DatabaseDialog:
        window = self.window
        register = window.register
        current = register.location if register.url.get_backend_name() == "sqlite" else \
            without_password(register.url.render_as_string(hide_password=False))
        dialog = DatabaseDialog(window.texts, current, window)
        dialog.opened.connect(self._on_dialog_opened)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _on_dialog_opened(self, register: Register) -> None:
        dialog = self.dialog
        assert dialog is not None
        location = dialog.location()
        if register.location == self.window.register.location:  # the same one: nothing to do
            register.close()
            dialog.accept()
            return
        self.window.settings.set(DATABASE, without_password(location))
        self.window.settings.sync()
        dialog.accept()
        new = replace_window(self.window, register)
        if new is not None:
            self.window_replaced.emit(new)


def _file_menu(window: MainWindow) -> QMenu | None:
    """The File menu: the one that holds the window's Save action."""
    return menu_holding(window.menuBar(), window.save_action)


def install_database(window: MainWindow) -> DatabaseActions:
    """Add "Base de données…" and "Restaurer une sauvegarde…" to the window's File menu;
    call it once, in ``MainWindow.__init__``."""
    from gui.backup_dialog import BackupActions

    existing = window.findChild(DatabaseActions)
    if existing is not None:
        return existing
    actions = DatabaseActions(window)
    BackupActions(window)
    return actions
