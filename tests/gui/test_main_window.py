"""The main window on a real register, offscreen."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject, Qt
from pytestqt.qtbot import QtBot

from domain import services
from domain.model import ProcessingActivity
from gui.main_window import MainWindow
from storage.register import Register
from tests.builders import entity, full_activity

TODAY = date(2026, 11, 1)


def _window(qtbot: QtBot, register: Register, lang: str = "fr") -> MainWindow:
    owner = services.add_entity(register.uow(), entity())
    assert owner.id is not None
    services.add_activity(register.uow(), full_activity(owner.id), TODAY)
    services.add_activity(register.uow(), ProcessingActivity(
        owner.id, "SEC-01", "Vidéoprotection des accès", department="Sécurité"), TODAY)
    services.add_activity(register.uow(), ProcessingActivity(
        owner.id, "RH-01", "Paie des agents", department="DRH"), TODAY)
    window = MainWindow(register, "en" if lang == "en" else "fr", today=TODAY)
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_window_lists_every_activity(qtbot: QtBot, register: Register) -> None:
    window = _window(qtbot, register)
    refs = [window.model.index(r, 0).data() for r in range(window.model.rowCount())]
    assert refs == ["RH-01", "SEC-01", "SOIN-01"]
    assert window.count_label.text() == "3 traitement(s) sur 3"


def test_search_ignores_case_and_accents(qtbot: QtBot, register: Register) -> None:
    window = _window(qtbot, register)
    qtbot.keyClicks(window.search, "VIDEO")
    assert window.model.rowCount() == 1
    assert window.model.index(0, 0).data() == "SEC-01"
    assert window.count_label.text() == "1 traitement(s) sur 3"
    window.search.setText("sécurité accès")  # QTest cannot type accents: paste them
    assert [window.model.index(r, 0).data() for r in range(window.model.rowCount())] == [
        "SEC-01"]


def test_selecting_an_activity_shows_its_fiche(qtbot: QtBot, register: Register) -> None:
    window = _window(qtbot, register)
    with qtbot.waitSignal(window.activity_selected) as selected:
        window.table.selectRow(2)
    assert selected.args == ["SOIN-01"]
    text = window.details.toPlainText()
    assert "Dossier patient informatisé" in text
    assert "Mission d'intérêt public" in text
    assert "Complétude" in text and "100 %" in text


def test_the_window_speaks_english_when_asked(qtbot: QtBot, register: Register) -> None:
    window = _window(qtbot, register, lang="en")
    assert window.model.headerData(1, Qt.Orientation.Horizontal) == "Activity"
    assert window.count_label.text() == "3 of 3 activities"


def test_many_qt_calls_returning_nothing_do_not_crash(qtbot: QtBot) -> None:
    """PySide6 6.12.0 on Python 3.11 aborts after a few thousand such calls (none_dealloc)."""
    holder = QObject()
    for i in range(20_000):
        holder.setObjectName(f"objet-{i}")
    assert holder.objectName() == "objet-19999"


def test_reading_the_register_in_the_background(qtbot: QtBot, register: Register) -> None:
    """The application reads the register off the GUI thread: the window is shown at once,
    the status bar says it is reading, the rows come when read."""
    window = _window(qtbot, register)
    owner = window.model.row_at(0).activity.entity_id
    services.add_activity(register.uow(), ProcessingActivity(  # another program adds one
        owner, "QUAL-01", "Événements indésirables"), TODAY)
    with qtbot.waitSignal(window.register_loaded, timeout=10_000):
        window.reload(background=True)
        assert window.progress_label.text() == "Lecture du registre…"
    refs = [window.model.index(r, 0).data() for r in range(window.model.rowCount())]
    assert refs == ["QUAL-01", "RH-01", "SEC-01", "SOIN-01"]
    assert window.count_label.text() == "4 traitement(s) sur 4"


def test_a_window_that_reads_in_the_background_fills_itself(qtbot: QtBot,
                                                            register: Register) -> None:
    _window(qtbot, register)  # the register's content
    window = MainWindow(register, "fr", today=TODAY, read_in_background=True)
    qtbot.addWidget(window)
    assert window.model.rowCount() == 0
    qtbot.waitUntil(lambda: window.model.rowCount() == 3, timeout=10_000)
    assert window.selected_row() is not None
