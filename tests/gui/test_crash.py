"""An unexpected exception reaches the crash dialog, in the user's words, with a report to
save; the register keeps every change made before it."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from domain import services
from domain.model import ProcessingActivity
from gui import crash
from gui.main_window import MainWindow
from storage.register import Register
from tests.builders import entity

TODAY = date(2026, 11, 1)


@pytest.fixture
def window(qtbot: QtBot, register: Register) -> MainWindow:
    owner = services.add_entity(register.uow(), entity())
    assert owner.id is not None
    for ref, name in (("RH-01", "Paie des agents"), ("SEC-01", "Vidéoprotection")):
        services.add_activity(register.uow(), ProcessingActivity(owner.id, ref, name), TODAY)
    shown = MainWindow(register, "fr", today=TODAY)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def _crash_in_a_slot(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> str:
        raise ZeroDivisionError("bug in the fiche")

    monkeypatch.setattr("gui.main_window.activity_html", broken)
    window.table.selectRow(1)  # the selection slot raises inside Qt


def test_an_exception_in_a_slot_shows_the_crash_dialog(
        qtbot: QtBot, window: MainWindow, register: Register,
        monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[tuple[object, str, str]] = []

    def show_crash(parent: object, text: str, lang: str) -> str:
        shown.append((parent, text, lang))
        return crash.CONTINUE

    monkeypatch.setattr("gui.crash.show_crash", show_crash)
    monkeypatch.setattr(sys, "excepthook", crash.CrashHandler(
        lambda: window, lambda: window.lang, register.location))
    _crash_in_a_slot(window, monkeypatch)
    assert len(shown) == 1
    parent, text, lang = shown[0]
    assert parent is window and lang == "fr"
    assert "ZeroDivisionError: bug in the fiche" in text
    assert "Traceback" in text and "PySide6" in text and "Registre" in text
    assert register.location in text
    assert window.isVisible()  # the user goes on working
    assert {a.ref for a in services.list_activities(register.uow())} == {"RH-01", "SEC-01"}


def test_the_report_is_saved_where_the_user_chooses(
        qtbot: QtBot, window: MainWindow, register: Register, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    told: list[str] = []
    target = tmp_path / "rapport.txt"
    monkeypatch.setattr("gui.dialogs.ask_save_path",
                        lambda parent, title, suggested, file_filter, lang: str(target))

    def show_crash(parent: object, text: str, lang: str) -> str:
        crash.offer_save(None, text, "fr", told.append)  # the user clicked "Enregistrer…"
        return crash.CONTINUE

    monkeypatch.setattr("gui.crash.show_crash", show_crash)
    monkeypatch.setattr(sys, "excepthook", crash.CrashHandler(
        lambda: window, lambda: window.lang, register.location))
    _crash_in_a_slot(window, monkeypatch)
    assert told == [f"Rapport enregistré : {target}"]
    saved = target.read_text(encoding="utf-8")
    assert saved.startswith("Registre ") and "ZeroDivisionError: bug in the fiche" in saved
    assert list(tmp_path.glob(".registre-*")) == []  # no temporary file left


def test_a_report_that_cannot_be_saved_is_said(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    told: list[str] = []
    monkeypatch.setattr("gui.dialogs.ask_save_path", lambda *args: str(
        tmp_path / "missing" / "rapport.txt"))
    assert crash.offer_save(None, "report", "en", told.append) is None
    assert told[0].startswith("The report could not be saved (")
    monkeypatch.setattr("gui.dialogs.ask_save_path", lambda *args: None)  # cancelled
    assert crash.offer_save(None, "report", "en", told.append) is None
    assert len(told) == 1


def test_an_error_in_the_crash_dialog_does_not_loop(
        qtbot: QtBot, window: MainWindow, register: Register,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    calls: list[str] = []

    def failing_dialog(parent: object, text: str, lang: str) -> str:
        calls.append(text)
        raise RuntimeError("no display")

    monkeypatch.setattr("gui.crash.show_crash", failing_dialog)
    handler = crash.CrashHandler(lambda: window, lambda: "en")
    try:
        raise ValueError("first")
    except ValueError as error:
        handler(ValueError, error, error.__traceback__)
    assert len(calls) == 1
    err = capsys.readouterr().err
    assert "ValueError: first" in err and "RuntimeError: no display" in err


def test_the_crash_words_are_the_users(qtbot: QtBot) -> None:
    words = crash.words("fr")
    assert "Vos données ne sont pas perdues" in words["informative"]
    assert crash.words("en")["quit"] == "Quit Registre"
