"""Fichier › Restaurer une sauvegarde… : the backups listed (date, reason, size), a
confirmation that says what will be replaced, the restore through storage.backup, and the
window reopened on the restored register."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from domain import services
from domain.model import ProcessingActivity
from gui.backup_dialog import BackupActions, BackupDialog
from gui.main_window import MainWindow
from storage.backup import list_backups, make_backup
from storage.register import Register, open_register
from tests.builders import entity

TODAY = date(2026, 11, 29)


def _add(register: Register, ref: str, name: str) -> None:
    with register.uow() as uow:
        owners = uow.entities.list()
    owner_id = owners[0].id if owners else services.add_entity(register.uow(), entity()).id
    assert owner_id is not None
    services.add_activity(register.uow(), ProcessingActivity(owner_id, ref, name), TODAY)


@pytest.fixture
def backed_up(tmp_path: Path) -> Path:
    """A register with one activity in a manual backup and a second one added since."""
    path = tmp_path / "registre.db"
    register = open_register(str(path), actor="dpo")
    _add(register, "RH-01", "Paie")
    register.close()
    make_backup(path, "manual")
    register = open_register(str(path), actor="dpo")
    _add(register, "RH-02", "Formation")
    register.close()
    return path


@pytest.fixture
def window(qtbot: QtBot, backed_up: Path) -> MainWindow:
    register = open_register(str(backed_up), actor="dpo", kind="window")
    shown = MainWindow(register, "fr", today=TODAY)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def _dialog(window: MainWindow) -> BackupDialog:
    action = window.findChild(type(window.save_action), "restore-backup")
    assert action is not None and action.text() == "&Restaurer une sauvegarde…"
    action.trigger()
    dialog = window.findChild(BackupDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def _refs(window: MainWindow) -> list[str]:
    return sorted(row.activity.ref for row in window.model.all_rows())


def _cells(dialog: BackupDialog) -> list[list[str]]:
    return [[dialog.table.item(r, c).text() for c in range(dialog.table.columnCount())]
            for r in range(dialog.table.rowCount())]


def test_the_backups_are_listed_with_date_reason_and_size(window: MainWindow,
                                                          backed_up: Path) -> None:
    dialog = _dialog(window)
    backups = list_backups(backed_up)
    headers = [dialog.table.horizontalHeaderItem(c).text() for c in range(4)]
    assert headers == ["Date", "Raison", "Taille", "Fichier"]
    rows = _cells(dialog)
    assert [row[3] for row in rows] == [b.name for b in backups]  # newest first
    manual = next(row for row in rows if row[3].endswith("-manual"))
    backup = next(b for b in backups if b.reason == "manual")
    assert manual[0] == backup.taken.strftime("%d/%m/%Y %H:%M:%S")
    assert manual[1] == "manuelle"
    assert manual[2].endswith(" Ko") and "," in manual[2]
    assert str(backed_up) in dialog.intro.text()
    assert not dialog.restore_button.isEnabled()  # nothing chosen yet


def test_restoring_asks_what_will_be_replaced_and_reopens_the_window_on_the_backup(
        qtbot: QtBot, window: MainWindow, backed_up: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert _refs(window) == ["RH-01", "RH-02"]
    dialog = _dialog(window)
    row = next(i for i, b in enumerate(dialog.backups) if b.reason == "manual")
    chosen = dialog.backups[row]
    dialog.table.selectRow(row)
    asked: list[str] = []

    def confirm(_parent: object, text: str, _lang: str = "fr") -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr("gui.dialogs.confirm", confirm)
    with qtbot.waitSignal(dialog.restored, timeout=30_000) as restored:
        dialog.restore_button.click()
    (question,) = asked
    assert question.startswith(f"Remplacer le registre {backed_up} (dernière modification le ")
    assert f"par la sauvegarde du {chosen.taken:%d/%m/%Y à %H:%M} (manuelle, " in question
    assert "sera remplacé par son contenu" in question
    assert "L'état actuel est d'abord sauvegardé" in question

    new: MainWindow = restored.args[0]
    qtbot.addWidget(new)
    assert new.isVisible() and not window.isVisible()
    assert _refs(new) == ["RH-01"]  # what the backup held
    assert new.register.location == str(backed_up)
    assert window.register._closed
    # the state before the restore is itself a backup, listed first, with RH-02 in it
    before = list_backups(backed_up)[0]
    assert before.reason == "restore"
    with sqlite3.connect(before.path) as copy:
        assert sorted(r for (r,) in copy.execute("SELECT ref FROM activity")) == \
            ["RH-01", "RH-02"]
    assert new.register.verify_audit() == []
    new.register.close()


def test_saying_no_changes_nothing(qtbot: QtBot, window: MainWindow, backed_up: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = _dialog(window)
    dialog.table.selectRow(0)
    monkeypatch.setattr("gui.dialogs.confirm", lambda *_args: False)
    before = list_backups(backed_up)
    dialog.restore_button.click()
    assert dialog.isVisible() and window.isVisible()
    assert not window.register._closed
    assert list_backups(backed_up) == before
    assert _refs(window) == ["RH-01", "RH-02"]


def test_an_unsaved_edit_stops_the_restore_before_asking(window: MainWindow,
                                                         monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    row = window.model.row_at(0).activity
    assert window.select_activity(row.entity_id, row.ref)
    window.edit_selected()
    window.editor.notes.setPlainText("À revoir avec le service paie")
    assert window.editor.is_dirty()
    dialog = _dialog(window)
    dialog.table.selectRow(0)
    dialog.restore_button.click()  # no confirm: the autouse fixture would fail the test
    assert "Enregistrez ou abandonnez d'abord" in " ".join(dialog.messages.texts())
    assert not window.register._closed
    window.editor.revert()  # else closing the window asks whether to save it


def test_a_postgresql_register_points_to_pg_dump(qtbot: QtBot, register: Register,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    window = MainWindow(register, "fr", today=TODAY)
    qtbot.addWidget(window)
    monkeypatch.setattr("gui.backup_dialog.sqlite_path", lambda _url: None)
    dialog = BackupDialog(window)
    assert "pg_dump" in dialog.intro.text()
    assert dialog.table.isHidden() and dialog.restore_button.isHidden()


def test_installed_once_in_the_file_menu(window: MainWindow) -> None:
    from gui.database_dialog import install_database

    install_database(window)
    assert len(window.findChildren(BackupActions)) == 1
    file_menu = next(a.menu() for a in window.menuBar().actions()
                     if a.menu() is not None and window.save_action in a.menu().actions())
    texts = [a.text() for a in file_menu.actions()]
    assert texts.index("&Base de données…") < texts.index("&Restaurer une sauvegarde…") \
        < texts.index("&Quitter")
