"""Fichier › Base de données… : choosing the local file or a PostgreSQL server, testing the
connection off the GUI thread with the failure said in the DPO's words, remembering the
choice (never the password), and the window reopening on the chosen register.

The PostgreSQL cases use the throwaway cluster of tests/integration/conftest.py.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from domain import services
from domain.model import ProcessingActivity
from gui.database_dialog import DatabaseActions, DatabaseDialog, remembered_location
from gui.main_window import MainWindow
from gui.settings import DATABASE, Settings
from gui.widgets import Texts
from storage.register import Register, open_register
from tests.builders import entity
from tests.integration.conftest import TEMPLATE, postgres_server
from tests.pgserver import PostgresServer

__all__ = ["postgres_server"]  # the session fixture, shared with the storage tests

TODAY = date(2026, 11, 29)


@pytest.fixture
def window(qtbot: QtBot, register: Register) -> MainWindow:
    shown = MainWindow(register, "fr", today=TODAY)
    qtbot.addWidget(shown)
    return shown


@pytest.fixture
def pg_database(postgres_server: PostgresServer) -> Iterator[str]:
    """A database at the newest schema on the throwaway server, with one activity."""
    name = postgres_server.new_database(TEMPLATE)
    register = open_register(postgres_server.url(name), actor="dpo")
    owner = services.add_entity(register.uow(), entity())
    assert owner.id is not None
    services.add_activity(register.uow(), ProcessingActivity(owner.id, "GHT-01", "Dossier "
                                                             "patient partagé"), TODAY)
    register.close()
    yield name
    postgres_server.drop_database(name)


def _dialog(window: MainWindow) -> DatabaseDialog:
    action = window.findChild(type(window.save_action), "database")
    assert action is not None and action.text() == "&Base de données…"
    action.trigger()
    dialog = window.findChild(DatabaseDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def _server(dialog: DatabaseDialog, port: int, database: str, user: str = "registre",
            password: str = "") -> None:
    dialog.postgres_radio.setChecked(True)
    dialog.host_edit.setText("127.0.0.1")
    dialog.port_spin.setValue(port)
    dialog.database_edit.setText(database)
    dialog.user_edit.setText(user)
    dialog.password_edit.setText(password)


def _test(qtbot: QtBot, dialog: DatabaseDialog) -> str:
    with qtbot.waitSignal(dialog.tested, timeout=20_000):
        dialog.test_button.click()
    return " ".join(dialog.messages.texts())


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_the_dialog_shows_the_register_the_window_has_open(window: MainWindow,
                                                           register: Register) -> None:
    dialog = _dialog(window)
    assert dialog.sqlite_radio.isChecked()
    assert dialog.path_edit.text() == register.location
    assert not dialog.host_edit.isEnabled()
    dialog.postgres_radio.setChecked(True)
    assert dialog.host_edit.isEnabled() and not dialog.path_edit.isEnabled()
    assert not dialog.test_button.isEnabled()  # no server given yet
    assert "jamais le mot de passe" in dialog.password_note.text()
    assert "~/.pgpass" in dialog.password_note.text()
    assert dialog.open_button.text() == "&Ouvrir ce registre"


def test_a_server_that_does_not_answer_is_said_in_words(qtbot: QtBot,
                                                        window: MainWindow) -> None:
    dialog = _dialog(window)
    port = _free_port()
    _server(dialog, port, "registre")
    said = _test(qtbot, dialog)
    assert said == (f"Le serveur « 127.0.0.1 » ne répond pas sur le port {port} : "
                    "PostgreSQL est-il démarré, et le port est-il le bon ?")
    assert dialog.test_button.isEnabled()  # the test is over: it can be run again


def test_an_unknown_server_name_is_said_in_words(qtbot: QtBot, window: MainWindow) -> None:
    dialog = _dialog(window)
    _server(dialog, 5432, "registre")
    dialog.host_edit.setText("serveur-inexistant.invalid")
    assert "Serveur « serveur-inexistant.invalid » introuvable" in _test(qtbot, dialog)


def test_a_connection_to_the_test_server_says_what_is_there(
        qtbot: QtBot, window: MainWindow, postgres_server: PostgresServer,
        pg_database: str) -> None:
    dialog = _dialog(window)
    _server(dialog, postgres_server.port, pg_database)
    said = _test(qtbot, dialog)
    assert said.startswith("Connexion réussie (PostgreSQL ")
    assert said.endswith(") : un registre à jour.")

    empty = postgres_server.new_database()
    try:
        dialog.database_edit.setText(empty)
        assert "La base est vide : Registre y créera le registre" in _test(qtbot, dialog)
    finally:
        postgres_server.drop_database(empty)

    dialog.database_edit.setText("absente")
    assert _test(qtbot, dialog) == (
        "La base « absente » n'existe pas sur ce serveur : demandez à son administrateur de "
        "la créer (createdb), vide ; Registre y créera le registre.")
    dialog.database_edit.setText(pg_database)
    dialog.user_edit.setText("inconnu")
    assert "L'utilisateur « inconnu » n'existe pas sur ce serveur" in _test(qtbot, dialog)


def test_opening_the_shared_register_reopens_the_window_and_remembers_it_without_password(
        qtbot: QtBot, window: MainWindow, postgres_server: PostgresServer, pg_database: str,
        tmp_path: Path) -> None:
    dialog = _dialog(window)
    _server(dialog, postgres_server.port, pg_database, password="secret-du-dpo")
    installed = window.findChild(DatabaseActions)
    assert installed is not None
    with qtbot.waitSignal(installed.window_replaced, timeout=30_000) as replaced:
        dialog.open_button.click()
    new: MainWindow = replaced.args[0]
    qtbot.addWidget(new)
    assert not window.isVisible() and new.isVisible()
    assert new.register.url.get_backend_name() == "postgresql"
    assert new.register.url.database == pg_database
    assert [row.activity.ref for row in new.model.all_rows()] == ["GHT-01"]
    assert new.windowTitle().startswith("Registre — postgresql+psycopg://registre:***@")

    stored = Settings().get(DATABASE)
    assert stored == f"postgresql+psycopg://registre@127.0.0.1:{postgres_server.port}/" \
                     f"{pg_database}"
    settings_file = Path(Settings().qsettings.fileName())
    assert stored in settings_file.read_text(encoding="utf-8")
    assert "secret-du-dpo" not in settings_file.read_text(encoding="utf-8")
    assert remembered_location(Settings()) == stored  # the next start opens it
    new.register.close()


def test_the_environment_variable_wins_over_the_remembered_register(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    settings = Settings()
    settings.set(DATABASE, str(tmp_path / "choisi.db"))
    assert remembered_location(settings) == str(tmp_path / "choisi.db")
    monkeypatch.setenv("REGISTRE_DB", str(tmp_path / "env.db"))
    assert remembered_location(settings) is None


def test_choosing_another_file_reopens_the_window_on_it(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    other = tmp_path / "autre" / "registre-ght.db"
    other.parent.mkdir()
    dialog = _dialog(window)
    dialog.path_edit.setText(str(other))
    assert "Registre y créera le registre" in _test(qtbot, dialog)
    assert not other.exists()  # a test creates nothing
    installed = window.findChild(DatabaseActions)
    assert installed is not None
    with qtbot.waitSignal(installed.window_replaced, timeout=30_000) as replaced:
        dialog.open_button.click()
    new: MainWindow = replaced.args[0]
    qtbot.addWidget(new)
    assert new.register.location == str(other) and other.exists()
    assert new.windowTitle() == f"Registre — {other}[*]"
    assert Settings().get(DATABASE) == str(other)
    assert window.register._closed  # the old register was let go (and its lock)
    new.register.close()


def test_a_file_that_is_not_a_register_is_said_before_opening(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("pas une base", encoding="utf-8")
    dialog = _dialog(window)
    dialog.path_edit.setText(str(notes))
    assert _test(qtbot, dialog) == "Ce fichier n'est pas un registre (ni une base SQLite)."
    with qtbot.waitSignal(dialog.open_failed, timeout=20_000):
        dialog.open_button.click()
    assert dialog.isVisible()
    assert "notes.db" in " ".join(dialog.messages.texts())
    assert notes.read_text(encoding="utf-8") == "pas une base"


def test_the_dialog_in_english(qtbot: QtBot, register: Register) -> None:
    window = MainWindow(register, "en", today=TODAY)
    qtbot.addWidget(window)
    dialog = DatabaseDialog(window.texts, register.location, window)
    assert dialog.windowTitle() == "Register database"
    assert dialog.test_button.text() == "&Test the connection"
    texts = Texts("en")
    from storage.migrate import DatabaseUnreachable

    english = DatabaseDialog(texts, register.location).failure_words(DatabaseUnreachable(
        "database.refused", "x", host="db.ght.local", port=5432, database="r", user="u"))
    assert english == ("The server 'db.ght.local' does not answer on port 5432: is PostgreSQL "
                       "running, and is the port right?")


def _start_window(monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], list[str], int]:
    """gui.app.run() without --db: which registers it opened, what it said, its exit code."""
    from PySide6.QtWidgets import QApplication

    import gui.app

    opened: list[str] = []
    said: list[str] = []

    def recording_open(location: str | None, **options: object) -> Register:
        register = open_register(location, **options)  # type: ignore[arg-type]
        opened.append(register.location)
        return register

    monkeypatch.setattr(gui.app, "open_register", recording_open)
    monkeypatch.setattr(gui.app, "show_error", lambda _parent, error, _lang: said.append(
        error.code))
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)
    code = gui.app.run(None, lang="fr")
    return opened, said, code


def test_the_next_start_opens_the_remembered_register(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    chosen = tmp_path / "choisi.db"
    open_register(str(chosen)).close()
    Settings().set(DATABASE, str(chosen))
    opened, said, code = _start_window(monkeypatch)
    assert (opened, said, code) == ([str(chosen)], [], 0)


def test_a_remembered_server_that_is_down_opens_the_local_register_and_says_why(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    Settings().set(DATABASE, f"postgresql+psycopg://dpo@127.0.0.1:{_free_port()}/registre")
    opened, said, code = _start_window(monkeypatch)
    assert said == ["storage.unavailable"]
    assert len(opened) == 1 and opened[0].endswith("registre.db")  # the local default
    assert code == 0


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A port where connections are accepted by the system but nothing ever answers."""
    with socket.socket() as listening:
        listening.bind(("127.0.0.1", 0))
        listening.listen(8)
        yield int(listening.getsockname()[1])


def test_a_server_that_never_answers_is_given_up_after_the_timeout(
        qtbot: QtBot, window: MainWindow, silent_server: int) -> None:
    dialog = _dialog(window)
    _server(dialog, silent_server, "registre")
    with qtbot.waitSignal(dialog.tested, timeout=20_000):
        dialog.test_button.click()
        assert " ".join(dialog.messages.texts()) == "Connexion en cours…"
        assert not dialog.test_button.isEnabled() and not dialog.open_button.isEnabled()
    assert " ".join(dialog.messages.texts()) == (
        "Le serveur « 127.0.0.1 » n'a pas répondu en 5 secondes : réseau, pare-feu ou VPN ?")


def test_cancelling_during_a_test_closes_at_once(qtbot: QtBot, window: MainWindow,
                                                 silent_server: int) -> None:
    from PySide6.QtCore import QThreadPool

    dialog = _dialog(window)
    _server(dialog, silent_server, "registre")
    dialog.test_button.click()
    dialog.reject()
    assert not dialog.isVisible()  # at once: the test goes on unseen
    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0,
                    timeout=20_000)  # the abandoned test ends on its own; nothing is said
    assert " ".join(dialog.messages.texts()) == "Connexion en cours…"
