"""Journeys through an import, as a DPO makes them with the mouse and the keyboard: a
vendor's file previewed (its columns, its rows), rows left out, the import, its undoing;
and what the register then shows of a retention the file gave only as text."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMenu, QStyle, QStyleOptionViewItem, QTableWidget
from pytestqt.qtbot import QtBot

from domain import services
from domain.model import ProcessingActivity
from gui import import_command, io_dialogs
from gui.io_dialogs import ImportDialog
from gui.main_window import MainWindow
from gui.messages import describe
from storage.importer import import_register
from storage.register import Register
from tests.conftest import SHARED

REGISTERS = SHARED / "data" / "registers"
SHIPBUILDER = REGISTERS / "dastra_sample-datatreatments-shipbuilder.xlsx"
CNIL = REGISTERS / "cnil_registre-traitement-simplifie_2020copy.ods"
TODAY = date(2026, 11, 29)


def _plain(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").replace("\u202f", " ").split())


def _click_row(qtbot: QtBot, window: MainWindow, ref: str) -> None:
    """Click the activity's row in the window's table (shown at once if it is selected)."""
    selected = window.selected_row()
    if selected is not None and selected.activity.ref == ref:
        return
    rows = [r for r in range(window.model.rowCount())
            if window.model.index(r, 0).data() == ref]
    assert rows, ref
    index = window.model.index(rows[0], 1)
    window.table.scrollTo(index)
    with qtbot.waitSignal(window.activity_selected, timeout=5000):
        qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton,
                         pos=window.table.visualRect(index).center())


def test_a_free_text_retention_of_a_vendor_is_shown_and_flagged(
        qtbot: QtBot, register: Register, tmp_path: Path) -> None:
    import_register(register, SHIPBUILDER, today=TODAY)
    window = MainWindow(register, "fr", today=TODAY)
    qtbot.addWidget(window)
    window.show()
    _click_row(qtbot, window, "1")
    fiche = _plain(window.details.toPlainText())
    assert "Durée indiquée par l'import : Duration of respective contracts (pas encore " \
        "de règle calculable)" in fiche
    assert "la durée indiquée par l'import (« Duration of respective contracts ») n'est " \
        "pas une règle calculable ; écrivez la règle de conservation" in fiche
    assert "100 %" not in fiche  # visibly incomplete
    row = window.editor.categories["identity"]
    assert row.rule_words.isVisibleTo(window.editor)
    assert _plain(row.rule_words.text()).startswith(
        "Durée indiquée par l'import : Duration of respective contracts")
    window.set_language("en")
    assert row.rule_words.text().startswith(
        "Retention given by the import: Duration of respective contracts")
    assert "Retention given by the import: Duration of respective contracts" in \
        _plain(window.details.toPlainText())
    window.right.setCurrentIndex(1)
    window.editor.grab().save(str(tmp_path / "import-editor.png"))
    window.details.grab().save(str(tmp_path / "import-fiche.png"))


# --- the journey: menu, preview, rows left out, import, Ctrl+Z ----------------------------------


def _open_from_file_menu(qtbot: QtBot, window: MainWindow) -> ImportDialog:
    """Fichier > Importer un registre…, with the mouse."""
    bar = window.menuBar()
    file_action = bar.actions()[0]
    menu = file_action.menu()
    assert isinstance(menu, QMenu) and file_action.text() == "&Fichier"
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton,
                     pos=bar.actionGeometry(file_action).center())
    qtbot.waitUntil(menu.isVisible)
    target = next(a for a in menu.actions() if a.text() == "&Importer un registre…")
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(target).center())
    qtbot.waitUntil(lambda: "import" in window.io.dialogs)  # type: ignore[attr-defined]
    dialog = window.io.dialogs["import"]  # type: ignore[attr-defined]
    assert isinstance(dialog, ImportDialog)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _row_of(dialog: ImportDialog, ref: str) -> int:
    return next(r for r in range(dialog.table.rowCount())
                if dialog.table.item(r, 0).text() == ref)


def _click_box(qtbot: QtBot, table: QTableWidget, row: int) -> None:
    """Click the box at the start of a preview row."""
    index = table.model().index(row, 0)
    table.scrollTo(index)
    option = QStyleOptionViewItem()
    option.rect = table.visualRect(index)
    option.features = QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator | \
        QStyleOptionViewItem.ViewItemFeature.HasDisplay
    option.text = table.item(row, 0).text()
    box = table.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator,
                                       option, table)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=box.center())


def _stored(register: Register) -> dict[str, ProcessingActivity]:
    return {a.ref: a for a in services.list_activities(register.uow())}


def test_import_a_vendors_file_leave_rows_out_then_undo_it_with_ctrl_z(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, register: Register,
        tmp_path: Path) -> None:
    owner = services.default_entity(register.uow())
    assert owner.id is not None
    services.add_activity(register.uow(), ProcessingActivity(
        owner.id, "2", "Gestion de la paie", purpose="Payer les agents"), TODAY)
    before = _stored(register)["2"]
    window = MainWindow(register, "fr", today=TODAY)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)

    dialog = _open_from_file_menu(qtbot, window)
    monkeypatch.setattr(io_dialogs, "choose_import_file", lambda parent, lang: SHIPBUILDER)
    with qtbot.waitSignal(dialog.task_finished, timeout=30000):
        qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    assert dialog.table.rowCount() == 14
    assert "14 traitement(s) trouvé(s) ; 13 nouveau(x), 1 mettent à jour" in \
        dialog.summary.text()

    # the file's columns: where each went, which were ignored
    tabs = dialog.tabs
    qtbot.mouseClick(tabs.tabBar(), Qt.MouseButton.LeftButton,
                     pos=tabs.tabBar().tabRect(1).center())
    assert tabs.currentWidget() is dialog.columns_table
    columns = {dialog.columns_table.item(r, 1).text(): (
        dialog.columns_table.item(r, 0).text(), dialog.columns_table.item(r, 2).text())
        for r in range(dialog.columns_table.rowCount())}
    assert columns["Label"] == ("A", "Nom du traitement")
    assert columns["RetentionDescription"] == (
        "L", "Durée de conservation (texte, à traduire en règle)")
    assert columns["HealthData"][1].startswith("Catégorie de données : ")
    assert columns["RightOfAccess"] == ("N", "Ignorée (pas de place dans le registre)")
    assert tabs.tabText(1) == "Colonnes du fichier (28 reprises, 16 ignorées)"
    dialog.grab().save(str(tmp_path / "import-columns.png"))
    qtbot.mouseClick(tabs.tabBar(), Qt.MouseButton.LeftButton,
                     pos=tabs.tabBar().tabRect(0).center())

    # two rows left out: one with a click on its box, one with the keyboard
    _click_box(qtbot, dialog.table, _row_of(dialog, "3"))
    dialog.table.setFocus()
    dialog.table.setCurrentCell(_row_of(dialog, "13-2  ← 13"), 0)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)
    assert dialog.left_out == {2, 13}
    assert dialog.table.item(_row_of(dialog, "3"), 2).text() == "Laissé de côté"
    assert "2 ligne(s) décochée(s) : laissée(s) de côté" in dialog.summary.text()
    assert "11 nouveau(x), 1 mettent à jour" in dialog.summary.text()
    _click_box(qtbot, dialog.table, _row_of(dialog, "5"))  # and one back in
    _click_box(qtbot, dialog.table, _row_of(dialog, "5"))
    assert dialog.left_out == {2, 13}
    assert dialog.table.item(_row_of(dialog, "5"), 2).text() == "Nouveau"
    dialog.grab().save(str(tmp_path / "import-rows.png"))
    assert _stored(register) == {"2": before}  # the preview changed nothing
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)  # Enter in the preview imports nothing
    qtbot.keyClick(dialog, Qt.Key.Key_Enter)
    assert not dialog.running and dialog.imported is None
    assert _stored(register) == {"2": before}

    with qtbot.waitSignal(dialog.register_imported, timeout=30000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running)
    stored = _stored(register)
    assert sorted(stored, key=int) == [
        "1", "2", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13"]
    assert stored["2"].purpose != "Payer les agents"  # updated from the file
    assert dialog.summary.text() == \
        "Importé (tableau, un traitement par ligne) : 12 traitement(s). 2 laissé(s) de côté."
    assert dialog.undo_button.isVisible() and dialog.undo_button.isEnabled()
    assert window.undo_action.text() == \
        "Annuler l'import de « dastra_sample-datatreatments-shipbuilder.xlsx »"
    assert [dialog.table.item(r, 2).text() for r in range(3)] == [
        "Ajouté", "Mis à jour (2 champ(s))", "Laissé de côté"]  # in the file's order
    dialog.grab().save(str(tmp_path / "import-done.png"))

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # the dialog closes: the window has the keys
    assert not dialog.isVisible()
    with qtbot.waitActive(window):
        window.activateWindow()
    window.table.setFocus()
    with qtbot.waitSignal(window.register_changed, timeout=10000):
        qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    after_undo = _stored(register)
    assert sorted(after_undo) == ["2"]  # what it added is gone
    assert after_undo["2"].purpose == "Payer les agents"  # what it updated is as before
    assert after_undo["2"].name == before.name and after_undo["2"].notes == before.notes
    assert window.model.rowCount() == 1  # and the window shows it
    assert [e.action for e in register.audit_entries("activity", "1@1")][-1] == "delete"

    window.redo_action.trigger()  # Édition > Rétablir: the import's result again
    assert sorted(_stored(register)) == sorted(stored)
    assert _stored(register)["2"].purpose == stored["2"].purpose


def test_the_dialogs_undo_button_undoes_the_import(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, register: Register) -> None:
    window = MainWindow(register, "fr", today=TODAY)
    qtbot.addWidget(window)
    window.show()
    dialog = window.io.open_import()  # type: ignore[attr-defined]
    assert dialog is not None
    monkeypatch.setattr(io_dialogs, "choose_import_file", lambda parent, lang: SHIPBUILDER)
    with qtbot.waitSignal(dialog.task_finished, timeout=30000):
        qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.register_imported, timeout=30000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running)
    assert len(_stored(register)) == 14
    with qtbot.waitSignal(window.register_changed, timeout=10000):
        qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert _stored(register) == {}
    assert dialog.messages.text("undone") == \
        "Import annulé : 14 traitement(s) retiré(s), 0 restauré(s) comme avant l'import."
    assert not dialog.undo_button.isEnabled()  # undone: not twice
    assert dialog.summary.text().startswith("Import annulé : 14 traitement(s) retiré(s)")


def test_an_import_changed_since_is_not_undone_and_the_dpo_is_told(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, register: Register) -> None:
    shown: list[str] = []
    monkeypatch.setattr("gui.dialogs.show_error",
                        lambda parent, error, lang="fr": shown.append(describe(error, lang)))
    window = MainWindow(register, "fr", today=TODAY)
    qtbot.addWidget(window)
    window.show()
    dialog = window.io.open_import()  # type: ignore[attr-defined]
    assert dialog is not None
    monkeypatch.setattr(io_dialogs, "choose_import_file", lambda parent, lang: SHIPBUILDER)
    with qtbot.waitSignal(dialog.task_finished, timeout=30000):
        qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.register_imported, timeout=30000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running)
    one = _stored(register)["4"]  # another DPO edits it meanwhile
    services.edit_activity(register.uow(), one.entity_id, "4", {"notes": "Vu avec la DRH"},
                           TODAY)
    window.undo_action.trigger()
    assert len(shown) == 1
    assert len(_stored(register)) == 14  # nothing undone, their note kept
    assert _stored(register)["4"].notes == "Vu avec la DRH"


def test_the_blank_cnil_model_says_why_nothing_is_imported(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, register: Register) -> None:
    window = MainWindow(register, "fr", today=TODAY)
    qtbot.addWidget(window)
    window.show()
    dialog = window.io.open_import()  # type: ignore[attr-defined]
    assert dialog is not None
    monkeypatch.setattr(io_dialogs, "choose_import_file", lambda parent, lang: CNIL)
    with qtbot.waitSignal(dialog.task_finished, timeout=30000):
        qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    assert dialog.summary.text() == (
        "Aucun traitement à importer (modèle CNIL). Le fichier est le modèle de la CNIL sans "
        "aucune fiche remplie (son exemple et sa fiche vierge ne sont pas importés).")
    assert not dialog.import_button.isEnabled()
    window.set_language("en")
    assert dialog.summary.text().startswith("No activity to import (CNIL model). The file is "
                                            "the CNIL model with no fiche filled in")


def test_undoing_an_import_runs_off_the_gui_thread(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, register: Register) -> None:
    """A large import takes seconds to undo: the window keeps handling its events meanwhile
    (here a timer of the GUI thread lets the work go on; a frozen window never would)."""
    window = MainWindow(register, "fr", today=TODAY)
    qtbot.addWidget(window)
    window.show()
    dialog = window.io.open_import()  # type: ignore[attr-defined]
    assert dialog is not None
    monkeypatch.setattr(io_dialogs, "choose_import_file", lambda parent, lang: SHIPBUILDER)
    with qtbot.waitSignal(dialog.task_finished, timeout=30000):
        qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.register_imported, timeout=30000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running)
    ticked = threading.Event()
    on_worker: list[bool] = []
    real = import_command.restore_activities

    def held(*args: Any, **kwargs: Any) -> Any:
        on_worker.append(threading.current_thread() is not threading.main_thread())
        assert ticked.wait(10), "the GUI thread was blocked"
        return real(*args, **kwargs)

    monkeypatch.setattr(import_command, "restore_activities", held)
    QTimer.singleShot(0, ticked.set)
    with qtbot.waitSignal(window.register_changed, timeout=20000):
        qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert on_worker == [True] and ticked.is_set()
    assert _stored(register) == {}


def test_an_edit_after_the_import_is_undone_first_then_the_import(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, register: Register) -> None:
    window = MainWindow(register, "fr", today=TODAY)
    qtbot.addWidget(window)
    window.show()
    dialog = window.io.open_import()  # type: ignore[attr-defined]
    assert dialog is not None
    monkeypatch.setattr(io_dialogs, "choose_import_file", lambda parent, lang: SHIPBUILDER)
    with qtbot.waitSignal(dialog.task_finished, timeout=30000):
        qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.register_imported, timeout=30000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running)
    dialog.close()
    with qtbot.waitActive(window):
        window.activateWindow()
    _click_row(qtbot, window, "4")
    window.edit_selected()
    window.editor.name.selectAll()
    qtbot.keyClicks(window.editor.name, "Syndicat CSE")
    with qtbot.waitSignal(window.register_changed, timeout=10000):
        qtbot.keyClick(window.editor.name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert _stored(register)["4"].name == "Syndicat CSE"
    window.table.setFocus()
    with qtbot.waitSignal(window.register_changed, timeout=10000):  # the edit
        qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _stored(register)["4"].name == "Gestion des données du Syndicat"
    with qtbot.waitSignal(window.register_changed, timeout=10000):  # then the import
        qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _stored(register) == {}


def test_undoing_an_earlier_import_is_not_said_as_the_dialogs_latest(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, register: Register,
        tmp_path: Path) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("Ref;Nom du traitement;Finalité\nA-1;Paie;Payer\nA-2;Formation;Former\n",
                     encoding="utf-8")
    second.write_text("Ref;Nom du traitement;Finalité\nB-1;Astreintes;Organiser\n",
                      encoding="utf-8")
    window = MainWindow(register, "fr", today=TODAY)
    qtbot.addWidget(window)
    window.show()
    dialog = window.io.open_import()  # type: ignore[attr-defined]
    assert dialog is not None
    for path in (first, second):
        monkeypatch.setattr(io_dialogs, "choose_import_file", lambda parent, lang, p=path: p)
        with qtbot.waitSignal(dialog.task_finished, timeout=30000):
            qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
        with qtbot.waitSignal(dialog.register_imported, timeout=30000):
            qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.running)
    said: list[bool] = []
    monkeypatch.setattr(dialog, "import_applied", said.append)
    window.undo_action.trigger()  # the second file's import: the dialog's
    assert sorted(_stored(register)) == ["A-1", "A-2"]
    window.undo_action.trigger()  # the first one's: not the import the dialog shows
    assert _stored(register) == {}
    assert said == [True]
