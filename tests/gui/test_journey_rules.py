"""Journeys of a DPO with retention rules (issue 12, items 10 and 11): a rule built from its
shape with clicks and typed numbers in the rule editor opened from the Conservation menu,
stored, and read back into the builder; the rule said in words in the fiche, the editor,
the rule editor and the inventory wizard, in French and English, its expression kept for
whoever asks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QMenu, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

from domain import services
from domain.model import DataCategoryUse, LegalBasis, ProcessingActivity, RetentionRule
from domain.rules import parse
from gui.main_window import MainWindow
from gui.retention import RetentionActions
from gui.retention.rule_editor import RuleEditorDialog
from gui.settings import Settings
from storage.register import Register, open_register
from tests.builders import entity

TODAY = date(2026, 11, 29)
MEDICAL = ("if death? < last_stay + 10 years then death? + 10 years "
           "else max(last_stay + 20 years, birth + 28 years)")


@pytest.fixture
def stored(register: Register) -> ProcessingActivity:
    owner = services.add_entity(register.uow(), entity())
    assert owner.id is not None
    return services.add_activity(register.uow(), ProcessingActivity(
        owner.id, "DPI-01", "Dossier patient informatisé",
        legal_bases=(LegalBasis("A6-1-e"),), data_categories=(
            DataCategoryUse("health"),
            DataCategoryUse("identity", retention=RetentionRule("last_stay + 20 years")),
            DataCategoryUse("financial", retention=RetentionRule(
                undetermined_criteria="jusqu'à l'issue du contentieux")),
        )), TODAY)


@pytest.fixture
def window(qtbot: QtBot, register: Register, stored: ProcessingActivity,
           settings: Settings) -> MainWindow:
    shown = MainWindow(register, "fr", today=TODAY, settings=settings)
    qtbot.addWidget(shown)
    shown.show()
    assert shown.select_activity(stored.entity_id, stored.ref)
    return shown


def _stored_rule(path: str, stored: ProcessingActivity, code: str) -> RetentionRule | None:
    """The rule as the register file holds it, read by a fresh connection."""
    reopened = open_register(path, actor="lecteur")
    try:
        use = services.get_activity(reopened.uow(), stored.entity_id, stored.ref).category(code)
    finally:
        reopened.close()
    return use.retention if use is not None else None


def _open_rule_editor_from_the_menu(qtbot: QtBot, window: MainWindow) -> RuleEditorDialog:
    """Conservation ▸ Règle de conservation…, chosen with the keyboard as a DPO does."""
    actions: RetentionActions = window.retention  # type: ignore[attr-defined]
    menu = window.findChild(QMenu, "retention-menu")
    assert menu is not None and menu.title() == "&Conservation"
    menu.popup(window.mapToGlobal(window.rect().topLeft()))
    qtbot.waitUntil(menu.isVisible)
    with qtbot.waitSignal(actions.rule_action.triggered):
        qtbot.keyClick(menu, Qt.Key.Key_R)  # « &Règle de conservation… »
    dialog = actions.screens["rule"]
    assert isinstance(dialog, RuleEditorDialog) and dialog.isVisible()
    return dialog


def _pick(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    """Choose an item of a combo box as a DPO does: a click opens its list, the arrow keys
    go to the item that starts with ``text``, Enter takes it."""
    row = combo.findText(text, Qt.MatchFlag.MatchStartsWith)
    assert row >= 0, text
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    steps = row - view.currentIndex().row()
    for _step in range(abs(steps)):
        qtbot.keyClick(view, Qt.Key.Key_Down if steps > 0 else Qt.Key.Key_Up)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.isVisible())
    assert combo.currentText().startswith(text), (combo.currentText(), text)


def _type_number(qtbot: QtBot, spin: QSpinBox, value: int) -> None:
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(spin, str(value))
    qtbot.keyClick(spin, Qt.Key.Key_Tab)
    assert spin.value() == value


def test_a_death_clause_rule_is_built_with_clicks_and_numbers_and_stored(
        qtbot: QtBot, window: MainWindow, register: Register,
        stored: ProcessingActivity, tmp_path: Path) -> None:
    dialog = _open_rule_editor_from_the_menu(qtbot, window)
    assert dialog.category == "health"  # the first category without a rule
    builder = dialog.builder
    assert builder.shape == ""  # no rule yet: « Autre règle »
    _pick(qtbot, builder.shape_combo, "Avec une clause")
    _pick(qtbot, builder.event_combo, "Date du dernier s")
    _type_number(qtbot, builder.amount, 20)
    _type_number(qtbot, builder.age, 28)
    _type_number(qtbot, builder.death_years, 10)
    assert not builder.active_amount.isEnabled()  # not a shape with an active phase
    # Tab goes from the category to the builder, then through the controls of its shape
    dialog.activateWindow()
    dialog.category_combo.setFocus()
    qtbot.waitUntil(dialog.category_combo.hasFocus)
    visited = []
    for _step in range(7):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        visited.append(dialog.focusWidget().objectName())
    assert visited == ["shape", "event", "amount", "unit", "age", "death-years",
                       "show-expression"], visited  # the active phase: not this shape
    # the builder wrote the expression, hidden behind « Voir l'expression »
    assert dialog.delete_after.text() == MEDICAL
    assert not dialog.delete_after.isVisible()
    assert dialog.words.text() == (
        "Conservation : si la date du décès est connue et tombe moins de 10 ans après la "
        "date du dernier séjour, jusqu'à 10 ans après la date du décès ; sinon, jusqu'à la "
        "plus tardive entre 20 ans après la date du dernier séjour et 28 ans après la date "
        "de naissance.")
    # the live preview, with example dates typed: a minor who dies late (DESIGN.md)
    for name, day in (("birth", "01/06/2010"), ("last_stay", "2012-09-10"),
                      ("death", "2023-01-01")):
        qtbot.keyClicks(dialog.event_edits[name], day)
    label = dialog.preview_form.labelForField(dialog.event_edits["last_stay"])
    assert isinstance(label, QLabel) and label.text() == "Date du dernier séjour"
    assert dialog.preview_result.text() == "Dernier jour de conservation\u00a0: 2038-06-01"

    with qtbot.waitSignal(dialog.rule_applied):
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    rule = _stored_rule(str(tmp_path / "registre.db"), stored, "health")
    assert rule is not None and rule.delete_after == MEDICAL and rule.active_until == ""
    events = {"birth": date(2010, 6, 1), "last_stay": date(2012, 9, 10),
              "death": date(2023, 1, 1)}
    assert parse(rule.delete_after).deadline(events).date == date(2038, 6, 1)
    assert window.undo_stack.undoText() == "règle de DPI-01 (Données de santé)"


def test_an_active_phase_then_archive_is_stored_and_reopens_in_the_builder(
        qtbot: QtBot, window: MainWindow, stored: ProcessingActivity,
        tmp_path: Path) -> None:
    dialog = _open_rule_editor_from_the_menu(qtbot, window)
    _pick(qtbot, dialog.category_combo, "État civil")
    builder = dialog.builder
    # the stored rule, last_stay + 20 years, opens in its shape
    assert builder.shape == "after"
    assert builder.event_combo.currentData() == "last_stay"
    assert builder.amount.value() == 20 and builder.unit_combo.currentData() == "years"
    _pick(qtbot, builder.shape_combo, "Phase active")
    _pick(qtbot, builder.event_combo, "Date de fin du contrat")
    _type_number(qtbot, builder.amount, 5)
    _type_number(qtbot, builder.active_amount, 6)
    _pick(qtbot, builder.active_unit, "mois")
    assert dialog.words.text() == ("Base active jusqu'à 6 mois après la date de fin du "
                                   "contrat. Conservation jusqu'à 5 ans après la date de fin "
                                   "du contrat.")
    qtbot.keyClicks(dialog.event_edits["contract_end"], "2024-08-31")
    assert dialog.preview_result.text().splitlines() == [
        "Fin de la phase active\u00a0: 2025-02-28",
        "Dernier jour de conservation\u00a0: 2029-08-31",
    ]
    with qtbot.waitSignal(dialog.rule_applied):
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    rule = _stored_rule(str(tmp_path / "registre.db"), stored, "identity")
    assert rule is not None
    assert (rule.delete_after, rule.active_until) == ("contract_end + 5 years",
                                                      "contract_end + 6 months")
    dialog.close()

    # opened again, from the menu: the builder reads the stored rule back
    again = _open_rule_editor_from_the_menu(qtbot, window)
    _pick(qtbot, again.category_combo, "État civil")
    shaped = again.builder.shaped()
    assert shaped is not None and shaped.shape == "active"
    assert (shaped.event, shaped.amount, shaped.active_amount, shaped.active_unit) == \
        ("contract_end", 5, 6, "months")
    assert not again.delete_after.isVisible()  # a known shape: the words are enough

    # the language switched with the editor open (the first one closed and deleted)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    window.set_language("en")
    assert again.builder.shape_combo.currentText() == "Active phase, then archive"
    assert again.builder.event_combo.currentText() == "End of the contract"
    assert again.words.text() == ("Active until 6 months after the end of the contract. "
                                  "Kept until 5 years after the end of the contract.")


def test_the_expression_stays_for_the_expert_and_other_rules_keep_theirs(
        qtbot: QtBot, window: MainWindow, tmp_path: Path,
        stored: ProcessingActivity) -> None:
    dialog = _open_rule_editor_from_the_menu(qtbot, window)
    assert dialog.delete_after.isVisible()  # no rule: the expression can be typed
    qtbot.keyClicks(dialog.delete_after.edit, "min(last_visit + 40 years, death? + 10 years)")
    assert dialog.builder.shape == ""  # no shape of the builder: « Autre règle »
    assert dialog.words.text() == (
        "Conservation jusqu'à la plus précoce entre 40 ans après la date de la dernière "
        "visite et 10 ans après la date du décès (si elle est connue).")
    with qtbot.waitSignal(dialog.rule_applied):
        qtbot.keyClick(dialog.apply_button, Qt.Key.Key_Space)
    _pick(qtbot, dialog.category_combo, "État civil")
    assert not dialog.delete_after.isVisible()
    qtbot.mouseClick(dialog.show_expression, Qt.MouseButton.LeftButton)
    assert dialog.delete_after.isVisible()
    assert dialog.delete_after.text() == "last_stay + 20 years"
    # Enter in the form: the editor neither closes (losing what is typed) nor applies
    depth = window.undo_stack.count()
    _type_number(qtbot, dialog.builder.amount, 30)
    qtbot.keyClick(dialog.builder.amount, Qt.Key.Key_Return)
    assert dialog.isVisible() and window.undo_stack.count() == depth
    assert dialog.show_expression.isChecked() and dialog.delete_after.isVisible()
    assert dialog.delete_after.text() == "last_stay + 30 years"
    assert dialog.category_combo.currentText().endswith("✎ modifiée, non appliquée")
    _pick(qtbot, dialog.category_combo, "Données concernant la santé")
    assert dialog.delete_after.isVisible()  # a rule of no known shape shows its expression
    rule = _stored_rule(str(tmp_path / "registre.db"), stored, "health")
    assert rule is not None
    assert rule.delete_after == "min(last_visit + 40 years, death? + 10 years)"


def test_the_rule_is_said_in_words_in_the_fiche_and_the_editor(
        qtbot: QtBot, window: MainWindow) -> None:
    fiche = window.details.toPlainText()
    assert "Conservation jusqu'à 20 ans après la date du dernier séjour." in fiche
    assert "last_stay" not in fiche and "death?" not in fiche
    assert "art. 6.1.e Mission d'intérêt public" in fiche and "A6-1-e" not in fiche
    assert "Durée non déterminable : jusqu'à l'issue du contentieux" in fiche
    assert window.editor.categories["financial"].rule_words.text() == \
        "Durée non déterminable : jusqu'à l'issue du contentieux"
    row = window.editor.categories["identity"]
    assert row.rule_words.text() == "Jusqu'à 20 ans après la date du dernier séjour."
    assert not row.rule.isVisibleTo(window.editor)
    qtbot.mouseClick(row.expression_button, Qt.MouseButton.LeftButton)
    assert row.rule.isVisibleTo(window.editor) and row.rule.text() == "last_stay + 20 years"

    window.set_language("en")
    assert row.rule_words.text() == "Until 20 years after the date of the last stay."
    assert "Kept until 20 years after the date of the last stay." in \
        window.details.toPlainText()


def test_an_edit_is_named_by_its_fields_in_words(qtbot: QtBot, window: MainWindow) -> None:
    window.edit_selected()
    editor = window.editor
    editor.purpose.setFocus()
    qtbot.keyClicks(editor.purpose, "Tenue du dossier patient")
    with qtbot.waitSignal(window.undo_stack.indexChanged):
        qtbot.keyClick(editor.purpose, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.undo_stack.undoText() == "la modification de DPI-01 (Finalité principale)"


def test_the_inventory_wizard_names_the_events_of_the_rule(
        qtbot: QtBot, window: MainWindow) -> None:
    actions: RetentionActions = window.retention  # type: ignore[attr-defined]
    actions.inventory_action.trigger()
    wizard = actions.screens["inventory"]
    combo = wizard.findChild(QComboBox, "category")
    assert combo is not None
    _pick(qtbot, combo, "État civil")
    rule = wizard.findChild(QLabel, "rule")
    assert rule is not None
    assert rule.text() == "Conservation jusqu'à 20 ans après la date du dernier séjour."
    event = wizard.findChild(QComboBox, "event-last_stay")
    assert event is not None
    mapping = wizard.findChild(QWidget, "mapping")
    form = mapping.layout()
    label = form.labelForField(event)  # type: ignore[attr-defined]
    assert isinstance(label, QLabel) and label.text() == "Date du dernier séjour"
    QApplication.processEvents()
    wizard.close()
