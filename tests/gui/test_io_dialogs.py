"""Import, export and PDF from the window: the preview is the importer's dry run, the work
runs off the GUI thread with progress and Cancel, the table is read again after an import."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from domain import services
from domain.model import ProcessingActivity
from gui import io_dialogs
from gui.io_dialogs import ExportDialog, ImportDialog
from gui.main_window import MainWindow
from gui.widgets import Level, Texts
from storage import importer
from storage.register import Register
from tests.builders import entity

TODAY = date(2026, 11, 1)
CSV = ("Ref;Nom du traitement;Finalité\n"
       "RH-01;Paie des agents;Payer les agents\n"
       "RH-02;Formation;Former les agents\n"
       "RH-02;Astreintes;Organiser les astreintes\n")


def _register_with_one(register: Register) -> int:
    owner = services.add_entity(register.uow(), entity())
    assert owner.id is not None
    services.add_activity(register.uow(), ProcessingActivity(
        owner.id, "RH-01", "Paie des agents", purpose="Payer"), TODAY)
    return owner.id


def _refs(register: Register) -> list[str]:
    return sorted(a.ref for a in services.list_activities(register.uow()))


def _table(dialog: ImportDialog) -> list[list[str]]:
    rows = []
    for r in range(dialog.table.rowCount()):
        items = [dialog.table.item(r, c) for c in range(dialog.table.columnCount())]
        rows.append([item.text() if item is not None else "" for item in items])
    return rows


def _choose(monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, dialog: ImportDialog,
            path: Path) -> None:
    monkeypatch.setattr(io_dialogs, "choose_import_file", lambda parent, lang: path)
    with qtbot.waitSignal(dialog.task_finished, timeout=20000):
        qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)


@pytest.fixture
def window(qtbot: QtBot, register: Register) -> MainWindow:
    _register_with_one(register)
    shown = MainWindow(register, "fr", today=TODAY)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def test_the_file_menu_has_import_export_and_pdf(window: MainWindow) -> None:
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    texts = [a.text() for a in file_menu.actions()]
    ours = ["&Importer un registre…", "E&xporter le registre…", "Imprimer en &PDF…"]
    assert [t for t in texts if t in ours] == ours
    assert texts.index("&Importer un registre…") < texts.index("&Quitter")
    window.set_language("en")
    assert "&Import a register…" in [a.text() for a in file_menu.actions()]
    io_dialogs.install_io(window)  # a second call adds nothing
    assert len([a for a in file_menu.actions() if "Import" in a.text()]) == 1


def test_the_preview_says_what_the_import_will_do_then_the_table_is_read_again(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, window: MainWindow,
        register: Register, tmp_path: Path) -> None:
    path = tmp_path / "autre-outil.csv"
    path.write_text(CSV, encoding="utf-8")
    dialog = window.io.open_import()  # type: ignore[attr-defined]
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled()  # nothing chosen yet
    _choose(monkeypatch, qtbot, dialog, path)
    assert _table(dialog) == [
        ["RH-01", "Paie des agents", "Met à jour l'existant (1 champ(s))", "ligne 2"],
        ["RH-02", "Formation", "Nouveau", "ligne 3"],
        ["RH-02-2  ← RH-02", "Astreintes", "Nouveau", "ligne 4"],
    ]
    assert "3 traitement(s) trouvé(s) ; 2 nouveau(x), 1 mettent à jour" in \
        dialog.summary.text()
    warnings = [dialog.warnings.item(i).text() for i in range(dialog.warnings.count())]
    assert "ligne 4 : la référence « RH-02 » figure deux fois dans le fichier : ce " \
        "traitement reçoit la référence « RH-02-2 »" in warnings
    assert _refs(register) == ["RH-01"]  # the preview changed nothing
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(window.register_loaded if window.read_in_background
                          else dialog.register_imported, timeout=20000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running)
    assert _refs(register) == ["RH-01", "RH-02", "RH-02-2"]
    shown = sorted(window.model.index(r, 0).data() for r in range(window.model.rowCount()))
    assert shown == ["RH-01", "RH-02", "RH-02-2"]  # the window's table was read again
    assert dialog.messages.level("imported") is Level.INFO
    assert "2 ajouté(s), 1 mis à jour" in dialog.messages.text("imported")
    assert not dialog.import_button.isEnabled()  # done: not twice
    assert dialog.progress.value() == dialog.progress.maximum()


def test_a_file_that_is_no_register_is_said_on_the_form(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, register: Register,
        tmp_path: Path) -> None:
    _register_with_one(register)
    path = tmp_path / "registre.xlsx"
    path.write_text("ceci n'est pas un classeur", encoding="utf-8")
    dialog = ImportDialog(register, Texts("fr"), TODAY, {})
    qtbot.addWidget(dialog)
    _choose(monkeypatch, qtbot, dialog, path)
    assert dialog.messages.level("file") is Level.ERROR
    assert "registre.xlsx" in dialog.messages.text("file")
    assert "n'est pas" in dialog.messages.text("file")
    assert dialog.table.rowCount() == 0 and not dialog.import_button.isEnabled()


def test_a_cancelled_import_changes_nothing(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, register: Register,
        tmp_path: Path) -> None:
    _register_with_one(register)
    path = tmp_path / "autre-outil.csv"
    path.write_text(CSV, encoding="utf-8")
    dialog = ImportDialog(register, Texts("fr"), TODAY, {})
    qtbot.addWidget(dialog)
    _choose(monkeypatch, qtbot, dialog, path)
    reached, go_on = threading.Event(), threading.Event()
    real = importer.import_register

    def held(*args: Any, **kwargs: Any) -> Any:
        progress: Callable[[int, int], None] = kwargs["progress"]

        def step(done: int, total: int) -> None:
            progress(done, total)
            if done == 1:  # one activity written: wait for the user's Cancel
                reached.set()
                go_on.wait(10)
        kwargs["progress"] = step
        return real(*args, **kwargs)

    monkeypatch.setattr(io_dialogs, "import_register", held)
    with qtbot.waitSignal(dialog.task_finished, timeout=20000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(reached.is_set)
        assert dialog.cancel_button.isEnabled() and not dialog.close_button.isEnabled()
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        go_on.set()
    assert dialog.messages.level("import") is Level.WARNING
    assert dialog.messages.text("import") == "Annulé : rien n'a été modifié."
    assert _refs(register) == ["RH-01"]
    stored = services.get_activity(register.uow(), 1, "RH-01")
    assert stored.purpose == "Payer"


def test_export_of_one_entity_of_a_group(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
                                         register: Register, tmp_path: Path) -> None:
    first = _register_with_one(register)
    other = services.add_entity(register.uow(), entity("EHPAD Les Tilleuls"))
    assert other.id is not None
    services.add_activity(register.uow(), ProcessingActivity(
        other.id, "EH-01", "Dossier de soins"), TODAY)
    entities = {first: "Centre hospitalier d'Essai", other.id: "EHPAD Les Tilleuls"}
    dialog = ExportDialog(register, Texts("fr"), TODAY, entities, "xlsx")
    qtbot.addWidget(dialog)
    assert dialog.entity_combo.currentText() == "Tout le groupe"
    dialog.entity_combo.setCurrentIndex(dialog.entity_combo.findData(other.id))
    assert Path(dialog.file_edit.text()).name == "registre-ehpad-les-tilleuls-2026-11-01.xlsx"
    target = tmp_path / "inspection"  # the suffix is added
    monkeypatch.setattr(io_dialogs, "choose_export_file", lambda *args: target)
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    assert dialog.file_edit.text() == str(tmp_path / "inspection.xlsx")
    with qtbot.waitSignal(dialog.written, timeout=30000):
        qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    written = tmp_path / "inspection.xlsx"
    assert dialog.messages.text("written") == f"Registre exporté : {written}"
    names = openpyxl.load_workbook(written, read_only=True).sheetnames
    assert [n for n in names if n.startswith(("EH-", "RH-"))] == ["EH-01 Dossier de soins"]
    qtbot.waitUntil(lambda: dialog.close_button.isEnabled())


def test_pdf_from_the_window(qtbot: QtBot, window: MainWindow, register: Register,
                             tmp_path: Path) -> None:
    dialog = window.io.open_pdf()  # type: ignore[attr-defined]
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Imprimer le registre en PDF"
    assert not dialog.entity_combo.isVisible()  # one entity: no choice to make
    dialog.file_edit.setText(str(tmp_path / "registre.pdf"))
    with qtbot.waitSignal(dialog.written, timeout=30000):
        qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    document = QPdfDocument()
    document.load(str(tmp_path / "registre.pdf"))
    assert document.pageCount() == 2  # the cover and the one fiche
    assert "Paie des agents" in document.getAllText(1).text()
    assert str(tmp_path / "registre.pdf") in dialog.messages.text("written")


def test_an_existing_file_is_replaced_only_when_the_user_agrees(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, register: Register,
        tmp_path: Path) -> None:
    first = _register_with_one(register)
    target = tmp_path / "inspection.xlsx"
    target.write_bytes(b"the export of last month")
    asked: list[str] = []
    answer = [False]

    def confirm(parent: object, text: str, lang: str = "fr") -> bool:
        asked.append(text)
        return answer[0]

    monkeypatch.setattr("gui.dialogs.confirm", confirm)
    dialog = ExportDialog(register, Texts("fr"), TODAY, {first: "Centre hospitalier d'Essai"},
                          "xlsx")
    qtbot.addWidget(dialog)
    dialog.file_edit.setText(str(target))
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    assert asked == [f"{target} existe déjà. Le remplacer ?"]
    assert not dialog.running and target.read_bytes() == b"the export of last month"
    answer[0] = True
    with qtbot.waitSignal(dialog.task_finished, timeout=30000):
        qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    assert dialog.messages.texts() == [f"Registre exporté : {target}"]
    assert openpyxl.load_workbook(target, read_only=True).sheetnames[0] == "Registre"


def test_an_unsaved_edit_is_saved_before_the_import_opens(
        qtbot: QtBot, window: MainWindow, register: Register,
        monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr("gui.dialogs.ask_save_changes",
                        lambda parent, text, lang: asked.append(text) or "save")
    row = window.model.row_at(0).activity
    assert window.select_activity(row.entity_id, row.ref)
    window.edit_selected()
    window.editor.notes.setPlainText("À revoir avec le service paie")
    assert window.editor.is_dirty()
    dialog = window.io.open_import()  # type: ignore[attr-defined]
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert not window.editor.is_dirty()
    stored = services.get_activity(register.uow(), row.entity_id, row.ref)
    assert stored.notes == "À revoir avec le service paie"
    assert window.undo_stack.canUndo()  # the save, like any other, can be undone
    assert len(asked) == 1  # when the DPO answered Enregistrer


def test_the_export_is_dated_the_day_it_is_written_not_the_day_the_dialog_opened(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, register: Register,
        tmp_path: Path) -> None:
    """A dialog opened before midnight and used after: the proposed file name and the
    workbook's "Établi le" carry the new day (the window's clock is read when it acts)."""
    _register_with_one(register)
    days = [date(2026, 11, 30)]
    window = MainWindow(register, "fr", today=lambda: days[0])
    qtbot.addWidget(window)
    window.show()
    monkeypatch.setattr(io_dialogs, "_documents", lambda: tmp_path)
    dialog = window.io.open_export()  # type: ignore[attr-defined]
    qtbot.addWidget(dialog)
    assert Path(dialog.file_edit.text()).name == \
        "registre-centre-hospitalier-d-essai-2026-11-30.xlsx"
    days[0] = date(2026, 12, 1)  # midnight passes while the dialog is open
    dialog.write_button.setFocus()
    with qtbot.waitSignal(dialog.written, timeout=30000):
        qtbot.keyClick(dialog, Qt.Key.Key_Return)
    written = tmp_path / "registre-centre-hospitalier-d-essai-2026-12-01.xlsx"
    assert dialog.file_edit.text() == str(written)
    assert not (tmp_path / "registre-centre-hospitalier-d-essai-2026-11-30.xlsx").exists()
    sheet = openpyxl.load_workbook(written, read_only=True)["Registre"]
    cells = [c for row in sheet.iter_rows(max_row=3, values_only=True) for c in row if c]
    assert "Établi le 01/12/2026" in cells
    qtbot.waitUntil(lambda: dialog.close_button.isEnabled())


def test_a_file_name_the_user_typed_is_kept_as_typed_after_midnight(
        qtbot: QtBot, register: Register, tmp_path: Path) -> None:
    first = _register_with_one(register)
    days = [date(2026, 11, 30)]
    dialog = ExportDialog(register, Texts("fr"), lambda: days[0],
                          {first: "Centre hospitalier d'Essai"}, "xlsx")
    qtbot.addWidget(dialog)
    typed = tmp_path / "inspection-du-30.xlsx"
    dialog.file_edit.setText(str(typed))
    days[0] = date(2026, 12, 1)
    with qtbot.waitSignal(dialog.written, timeout=30000):
        qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    assert typed.exists() and dialog.file_edit.text() == str(typed)
    qtbot.waitUntil(lambda: dialog.close_button.isEnabled())
