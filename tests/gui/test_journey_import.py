"""Journeys through an import, as a DPO makes them with the mouse and the keyboard: a
vendor's file previewed (its columns, its rows), rows left out, the import, its undoing;
and what the register then shows of a retention the file gave only as text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from gui.main_window import MainWindow
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
    assert row.imported.isVisibleTo(window.editor)
    assert _plain(row.imported.text()).startswith(
        "Durée indiquée par l'import : Duration of respective contracts")
    window.set_language("en")
    assert row.imported.text().startswith(
        "Retention given by the import: Duration of respective contracts")
    assert "Retention given by the import: Duration of respective contracts" in \
        _plain(window.details.toPlainText())
    window.right.setCurrentIndex(1)
    window.editor.grab().save(str(tmp_path / "import-editor.png"))
    window.details.grab().save(str(tmp_path / "import-fiche.png"))
