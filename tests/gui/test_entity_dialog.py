"""The establishment dialog (Édition › Établissement…, Nouvel établissement…): its identity
and the people the register names, refused values said in the dialog, every save stored and
audited, the window's list of establishments up to date."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from domain import services
from domain.model import Contact, ProcessingActivity
from gui.entity_dialog import EntityActions, EntityDialog
from gui.main_window import MainWindow
from gui.settings import Settings
from storage.register import Register
from tests.builders import entity

TODAY = date(2026, 11, 29)


@pytest.fixture
def window(qtbot: QtBot, register: Register, settings: Settings) -> MainWindow:
    owner = services.add_entity(register.uow(), entity())
    assert owner.id is not None
    services.add_activity(register.uow(), ProcessingActivity(owner.id, "RH-01", "Paie"), TODAY)
    shown = MainWindow(register, "fr", today=TODAY, settings=settings)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def _actions(window: MainWindow) -> EntityActions:
    actions = window.findChild(EntityActions)
    assert actions is not None
    return actions


def _save(qtbot: QtBot, dialog: EntityDialog) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _stored(register: Register) -> dict[str, object]:
    with register.uow() as uow:
        return {e.name: e for e in uow.entities.list()}


def test_the_establishment_is_edited_from_the_edit_menu(qtbot: QtBot, window: MainWindow,
                                                        register: Register) -> None:
    menus = {a.text(): [x.text() for x in a.menu().actions()]
             for a in window.menuBar().actions()}
    assert menus["É&dition"][-2:] == ["Éta&blissement…", "&Nouvel établissement…"]
    _actions(window).edit_action.trigger()
    dialog = _actions(window).dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "Établissement"
    fields = dialog.fields
    assert fields["name"].text() == "Centre hospitalier d'Essai"
    assert fields["dpo.name"].text() == "Élise Durand" and fields["controller.name"].text() == ""
    fields["siren"].setText("12345")
    fields["controller.name"].setText("Jeanne Roux, directrice")
    fields["controller.email"].setText("direction@ch-essai.fr")
    _save(qtbot, dialog)
    assert dialog.isVisible()  # refused: said in the dialog, what was typed kept
    assert dialog.messages.texts() == ["Un numéro SIREN a 9 chiffres : « 12345 »"]
    stored = _stored(register)["Centre hospitalier d'Essai"]
    assert stored.siren == "261300000" and stored.controller == Contact()  # type: ignore[attr-defined]
    fields["siren"].setText("261 300 001")
    _save(qtbot, dialog)
    assert not dialog.isVisible()
    stored = _stored(register)["Centre hospitalier d'Essai"]
    assert stored.siren == "261 300 001"  # type: ignore[attr-defined]
    assert stored.controller == Contact(  # type: ignore[attr-defined]
        name="Jeanne Roux, directrice", email="direction@ch-essai.fr")
    assert stored.dpo.phone == "04 00 00 00 00"  # type: ignore[attr-defined]
    audited = register.audit_entries("entity", "Centre hospitalier d'Essai")
    assert any(e.field == "controller" and "Jeanne Roux" in str(e.new_value) for e in audited)


def test_a_new_establishment_joins_the_group(qtbot: QtBot, window: MainWindow,
                                             register: Register) -> None:
    assert not window.entity_combo.isVisible()  # one establishment: no choice to make
    dialog = _actions(window).add_entity()
    assert dialog.windowTitle() == "Nouvel établissement" and dialog.fields["name"].text() == ""
    _save(qtbot, dialog)
    assert dialog.messages.texts() == ["Le champ « nom » est obligatoire"]
    dialog.fields["name"].setText("Centre hospitalier d'Essai")
    _save(qtbot, dialog)
    assert dialog.isVisible() and len(dialog.messages.texts()) == 1
    assert "existe déjà" in dialog.messages.texts()[0]
    dialog.fields["name"].setText("EHPAD Les Tilleuls")
    dialog.fields["group"].setText("GHT d'Essai")
    _save(qtbot, dialog)
    assert set(_stored(register)) == {"Centre hospitalier d'Essai", "EHPAD Les Tilleuls"}

    def names() -> list[str]:
        return [window.entity_combo.itemText(i) for i in range(window.entity_combo.count())]

    qtbot.waitUntil(lambda: len(names()) == 3, timeout=10_000)  # the window read it again
    assert names() == ["Tout le groupe", "Centre hospitalier d'Essai", "EHPAD Les Tilleuls"]
    assert window.entity_combo.isVisible()


def test_the_dialog_speaks_english(window: MainWindow) -> None:
    from PySide6.QtWidgets import QGroupBox

    window.set_language("en")
    dialog = _actions(window).edit_entity()
    assert dialog is not None
    assert dialog.windowTitle() == "Establishment"
    assert [box.title() for box in dialog.findChildren(QGroupBox)] == [
        "Identity", "Controller (management)", "Data protection officer (DPO)",
        "Representative (outside the EU)"]
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Save).text() == "&Save"
