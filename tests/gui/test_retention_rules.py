"""The retention rule editor: the library searched, syntax errors said inline at their
position as the DPO types, a live preview of both phases, applying undoable."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from domain import services
from domain.errors import RegistreError
from domain.model import DataCategoryUse, ProcessingActivity, RetentionRule
from domain.vocabulary import load_vocabularies
from gui.editor import ActivityEditor
from gui.main_window import MainWindow
from gui.retention import RetentionActions
from gui.retention.rule_editor import RuleEditorDialog
from gui.settings import Settings
from gui.undo import UndoContext
from gui.widgets import Texts
from storage.register import Register
from tests.builders import entity

TODAY = date(2026, 11, 29)


@pytest.fixture
def stored(register: Register) -> ProcessingActivity:
    owner = services.add_entity(register.uow(), entity())
    assert owner.id is not None
    return services.add_activity(register.uow(), ProcessingActivity(
        owner.id, "DPI-01", "Dossier patient informatisé", data_categories=(
            DataCategoryUse("health"),
            DataCategoryUse("identity", retention=RetentionRule("last_stay + 20 years")),
        )), TODAY)


@pytest.fixture
def changes() -> list[tuple[str, ProcessingActivity | None]]:
    return []


@pytest.fixture
def dialog(qtbot: QtBot, register: Register, stored: ProcessingActivity,
           changes: list[tuple[str, ProcessingActivity | None]]) -> RuleEditorDialog:
    errors: list[RegistreError] = []
    context = UndoContext(register, load_vocabularies(), lambda: TODAY,
                          lambda _e, ref, a: changes.append((ref, a)), errors.append)
    stack = QUndoStack()
    shown = RuleEditorDialog(context, stack, Texts("fr"), stored, "health")
    shown.stack = stack  # type: ignore[attr-defined]  # kept alive with the dialog
    qtbot.addWidget(shown)
    shown.show()
    return shown


def _rule(register: Register, stored: ProcessingActivity, code: str) -> RetentionRule | None:
    activity = services.get_activity(register.uow(), stored.entity_id, stored.ref)
    use = activity.category(code)
    return use.retention if use is not None else None


def test_the_library_is_searched_and_shows_the_legal_reference(qtbot: QtBot,
                                                               dialog: RuleEditorDialog) -> None:
    everything = dialog.templates.count()
    qtbot.keyClicks(dialog.search, "dossier medical")
    assert 0 < dialog.templates.count() < everything
    first = dialog.templates.item(0)
    assert "Dossier médical" in first.text() and "R1112-7" in first.text()
    dialog.templates.setCurrentItem(first)
    assert "R1112-7" in dialog.template_details.text()


def test_a_syntax_error_is_said_inline_at_its_position(qtbot: QtBot,
                                                       dialog: RuleEditorDialog) -> None:
    edit = dialog.delete_after.edit
    edit.clear()
    qtbot.keyClicks(edit, "last_stay + 20 yers")
    messages = dialog.delete_after.messages
    assert messages.isVisible()
    assert messages.texts() == ["Règle : unité « yers » inconnue à la position 15 "
                                "(ans, mois, semaines, jours)"]
    assert dialog.delete_after.pointer.text() == " " * 15 + "^"  # under the "y" of "yers"
    assert not dialog.apply_button.isEnabled()
    edit.setCursorPosition(17)
    qtbot.keyClicks(edit, "a")  # "yers" -> "years"
    assert edit.text() == "last_stay + 20 years"
    assert not messages.isVisible() and not dialog.delete_after.pointer.isVisible()
    assert dialog.apply_button.isEnabled()


def test_the_preview_computes_both_phases_from_example_dates(qtbot: QtBot,
                                                             dialog: RuleEditorDialog) -> None:
    dialog.delete_after.set_text("min(max(last_stay + 20 years, birth + 28 years), "
                                 "death? + 10 years)")
    dialog.active_until.set_text("last_stay + 5 years")
    assert set(dialog.event_edits) == {"last_stay", "birth", "death"}
    qtbot.keyClicks(dialog.event_edits["last_stay"], "2020-02-29")
    assert "indéterminé, il manque : date de naissance" in dialog.preview_result.text()
    qtbot.keyClicks(dialog.event_edits["birth"], "15/03/2010")
    assert dialog.preview_result.text().splitlines() == [
        "Fin de la phase active\u00a0: 2025-02-28",
        "Dernier jour de conservation\u00a0: 2040-02-29",
    ]
    qtbot.keyClicks(dialog.event_edits["death"], "2021-01-05")  # died: ten years after
    assert dialog.preview_result.text().splitlines()[-1] == \
        "Dernier jour de conservation\u00a0: 2031-01-05"


def test_a_template_applied_is_stored_and_undone(qtbot: QtBot, dialog: RuleEditorDialog,
                                                 register: Register,
                                                 stored: ProcessingActivity,
                                                 changes: list[tuple[str, object]]) -> None:
    dialog.use_template(dialog.library["SANTE-DM-01"])
    assert dialog.reference.text().startswith("CSP art. R1112-7")
    assert dialog.event_edits["last_stay"].text() == "2005-03-15"  # the template's example
    assert dialog.preview_result.text().endswith("2025-03-15")
    with qtbot.waitSignal(dialog.rule_applied, timeout=2000):
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    rule = _rule(register, stored, "health")
    assert rule is not None and rule.template_id == "SANTE-DM-01"
    assert rule.delete_after == dialog.library["SANTE-DM-01"].delete_after
    assert changes and changes[-1][0] == "DPI-01"
    assert dialog.messages.texts() == ["Règle enregistrée."]

    dialog.stack.undo()  # type: ignore[attr-defined]
    assert _rule(register, stored, "health") is None
    dialog.stack.redo()  # type: ignore[attr-defined]
    assert _rule(register, stored, "health") == rule


def test_an_unverified_template_is_flagged_and_a_public_one_eliminates_with_the_visa(
        qtbot: QtBot, dialog: RuleEditorDialog, register: Register,
        stored: ProcessingActivity) -> None:
    from domain.model import FinalAction

    qtbot.keyClicks(dialog.search, "SANTE-RECH-01")
    item = next(dialog.templates.item(i) for i in range(dialog.templates.count())
                if dialog.templates.item(i).data(Qt.ItemDataRole.UserRole) == "SANTE-RECH-01")
    assert item.text().startswith("⚠ ")  # flagged in the list
    dialog.templates.setCurrentItem(item)
    assert "ne repose pas sur un texte vérifié" in dialog.template_details.text()
    rect = dialog.templates.visualItemRect(item)
    qtbot.mouseClick(dialog.templates.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(dialog.templates.viewport(), Qt.MouseButton.LeftButton,
                      pos=rect.center())
    assert any("ne repose pas sur un texte vérifié" in text
               for text in dialog.messages.texts())
    # the establishment's status is not known: public, the stricter case
    assert dialog.final_action.currentText() == "Élimination soumise au visa des archives"
    with qtbot.waitSignal(dialog.rule_applied, timeout=2000):
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    rule = _rule(register, stored, "health")
    assert rule is not None and rule.final_action is FinalAction.ELIMINATE_WITH_VISA
    # a verified template clears the warning; a private clinic gets the plain action
    dialog.entity_status = "private"
    dialog.use_template(dialog.library["SANTE-DM-01"])
    assert not any("texte vérifié" in text for text in dialog.messages.texts())
    assert dialog.final_action.currentData() == \
        dialog.library["SANTE-DM-01"].final_action.value


def test_a_refused_rule_is_said_on_the_form_and_changes_nothing(
        qtbot: QtBot, dialog: RuleEditorDialog, register: Register,
        stored: ProcessingActivity) -> None:
    dialog.category_combo.setCurrentIndex(dialog.category_combo.findData("identity"))
    assert dialog.delete_after.text() == "last_stay + 20 years"
    dialog.delete_after.set_text("")
    dialog.apply_button.setEnabled(True)  # even forced, the service refuses it
    assert not dialog.apply()
    assert dialog.messages.texts() == ["Le champ « fin de conservation » est obligatoire"]
    assert _rule(register, stored, "identity") == RetentionRule("last_stay + 20 years")
    assert dialog.stack.count() == 0  # type: ignore[attr-defined]


def test_the_preview_keeps_one_row_per_event_of_the_rule(dialog: RuleEditorDialog) -> None:
    dialog.delete_after.set_text("birth + 80 years")
    dialog.active_until.set_text("departure + 2 years")
    dialog.active_until.set_text("")
    dialog.delete_after.set_text("last_stay + 20 years")
    assert list(dialog.event_edits) == ["last_stay"]
    assert dialog.preview_form.rowCount() == 1


def _categories(dialog: RuleEditorDialog) -> list[str]:
    combo = dialog.category_combo
    return [combo.itemText(i) for i in range(combo.count())]


def test_the_categories_say_which_have_a_rule(qtbot: QtBot, dialog: RuleEditorDialog,
                                             register: Register,
                                             stored: ProcessingActivity) -> None:
    assert _categories(dialog) == [
        "Données concernant la santé — ✘ sans règle",
        "État civil, identité, données d'identification, images… — ✔ règle définie",
    ]
    assert dialog.category == "health"  # the category it was opened on
    dialog.justification.setPlainText("Dossier médical")  # typed, not applied
    assert _categories(dialog)[0] == \
        "Données concernant la santé — ✎ modifiée, non appliquée"
    dialog.justification.setPlainText("")
    assert _categories(dialog)[0] == "Données concernant la santé — ✘ sans règle"
    identity = dialog.category_combo.findData("identity")
    assert dialog.category_combo.itemData(identity, Qt.ItemDataRole.ToolTipRole) == \
        "Conservation jusqu'à 20 ans après la date du dernier séjour."
    dialog.delete_after.set_text("last_stay + 20 years")
    with qtbot.waitSignal(dialog.rule_applied, timeout=2000):
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert _categories(dialog)[0] == "Données concernant la santé — ✔ règle définie"
    dialog.use_template(dialog.library["SANTE-DM-01"])
    assert _categories(dialog)[0] == \
        "Données concernant la santé — ✎ modifiée, non appliquée"
    dialog.delete_after.set_text("last_stay + 20 years")  # what is stored, by hand
    dialog.active_until.set_text("")
    dialog.reference.setText("")
    dialog.justification.setPlainText("")
    dialog.final_action.setCurrentIndex(0)
    assert _categories(dialog)[0] == "Données concernant la santé — ✔ règle définie"
    dialog.stack.undo()  # type: ignore[attr-defined]
    assert _rule(register, stored, "health") is None
    assert _categories(dialog)[0] == "Données concernant la santé — ✘ sans règle"
    assert dialog.delete_after.text() == ""  # the form follows the undo
    dialog.stack.redo()  # type: ignore[attr-defined]
    assert dialog.delete_after.text() == "last_stay + 20 years"
    dialog.stack.undo()  # type: ignore[attr-defined]
    dialog.texts.set_lang("en")
    assert _categories(dialog)[0] == "Data concerning health — ✘ no rule"


def test_another_category_is_picked_and_an_unapplied_rule_is_kept(
        qtbot: QtBot, dialog: RuleEditorDialog, register: Register,
        stored: ProcessingActivity) -> None:
    edit = dialog.delete_after.edit
    qtbot.keyClicks(edit, "birth + 28 years")
    dialog.reference.setText("CSP R1112-7")
    dialog.category_combo.setCurrentIndex(dialog.category_combo.findData("identity"))
    # the form shows the chosen category's stored rule...
    assert dialog.category == "identity"
    assert dialog.delete_after.text() == "last_stay + 20 years"
    assert dialog.reference.text() == ""
    # ...and the rule typed for health waits, said in the list
    assert _categories(dialog)[0] == \
        "Données concernant la santé — ✎ modifiée, non appliquée"
    dialog.delete_after.set_text("last_stay + 30 years")
    with qtbot.waitSignal(dialog.rule_applied, timeout=2000):
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    identity = _rule(register, stored, "identity")
    assert identity is not None and identity.delete_after == "last_stay + 30 years"
    assert _rule(register, stored, "health") is None  # not applied: not stored

    dialog.category_combo.setCurrentIndex(dialog.category_combo.findData("health"))
    assert dialog.delete_after.text() == "birth + 28 years"
    assert dialog.reference.text() == "CSP R1112-7"
    with qtbot.waitSignal(dialog.rule_applied, timeout=2000):
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    health = _rule(register, stored, "health")
    assert health is not None and health.delete_after == "birth + 28 years"
    assert health.legal_reference == "CSP R1112-7"
    assert dialog.stack.count() == 2  # type: ignore[attr-defined]  # one edit each
    assert all("règle définie" in text for text in _categories(dialog))
    dialog.stack.undo()  # type: ignore[attr-defined]
    dialog.stack.undo()  # type: ignore[attr-defined]
    assert _rule(register, stored, "health") is None
    assert _rule(register, stored, "identity") == RetentionRule("last_stay + 20 years")


def test_the_written_criteria_of_an_undetermined_period_are_kept(
        qtbot: QtBot, dialog: RuleEditorDialog, register: Register,
        stored: ProcessingActivity) -> None:
    activity = services.get_activity(register.uow(), stored.entity_id, stored.ref)
    services.set_retention_rule(register.uow(), stored.entity_id, stored.ref, "identity",
                                RetentionRule("last_stay + 20 years", undetermined_criteria=
                                              "jusqu'à la clôture du contentieux"),
                                TODAY, load_vocabularies())
    dialog.activity = services.get_activity(register.uow(), stored.entity_id, stored.ref)
    assert dialog.activity.version > activity.version
    dialog.category_combo.setCurrentIndex(dialog.category_combo.findData("identity"))
    dialog.reference.setText("Code civil 2224")
    with qtbot.waitSignal(dialog.rule_applied, timeout=2000):
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    rule = _rule(register, stored, "identity")
    assert rule is not None and rule.legal_reference == "Code civil 2224"
    assert rule.undetermined_criteria == "jusqu'à la clôture du contentieux"


def test_the_activity_editor_asks_for_the_rule_editor_of_a_category(
        qtbot: QtBot, stored: ProcessingActivity) -> None:
    editor = ActivityEditor(load_vocabularies(), Texts("fr"), TODAY)
    qtbot.addWidget(editor)
    editor.load(stored)
    editor.show()
    button = editor.categories["identity"].rule_button
    assert button.text() == "Règle de conservation…" and button.isVisible()
    assert not editor.categories["location"].rule_button.isVisible()  # not ticked
    with qtbot.waitSignal(editor.rule_editor_requested, timeout=1000) as asked:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert asked.args == ["identity"]


@pytest.fixture
def window(qtbot: QtBot, register: Register, stored: ProcessingActivity,
           settings: Settings) -> MainWindow:
    shown = MainWindow(register, "fr", today=TODAY, settings=settings)
    qtbot.addWidget(shown)
    shown.show()
    assert shown.select_activity(stored.entity_id, stored.ref)
    return shown


def test_the_menu_opens_on_the_first_category_without_a_rule(window: MainWindow) -> None:
    actions: RetentionActions = window.retention  # type: ignore[attr-defined]
    menu_action = actions.rule_action
    menu_action.trigger()
    opened = actions.screens["rule"]
    assert isinstance(opened, RuleEditorDialog) and opened.isVisible()
    assert opened.category == "health"  # identity, listed first, has its rule


def test_a_category_of_the_activity_editor_opens_its_rule(
        qtbot: QtBot, window: MainWindow, register: Register,
        stored: ProcessingActivity, monkeypatch: pytest.MonkeyPatch) -> None:
    actions: RetentionActions = window.retention  # type: ignore[attr-defined]
    window.edit_selected()
    qtbot.mouseClick(window.editor.categories["identity"].rule_button,
                     Qt.MouseButton.LeftButton)
    opened = actions.screens["rule"]
    assert isinstance(opened, RuleEditorDialog) and opened.isVisible()
    assert opened.category == "identity"
    assert opened.delete_after.text() == "last_stay + 20 years"

    # A category just ticked is saved first when the DPO answers Enregistrer (one undoable
    # edit), then its rule opens.
    monkeypatch.setattr("gui.dialogs.ask_save_changes", lambda parent, text, lang: "save")
    location = window.editor.categories["location"]
    location.box.setChecked(True)
    assert window.editor.is_dirty()
    depth = window.undo_stack.count()
    qtbot.mouseClick(location.rule_button, Qt.MouseButton.LeftButton)
    assert window.undo_stack.count() == depth + 1
    assert _rule(register, stored, "location") is None
    saved = services.get_activity(register.uow(), stored.entity_id, stored.ref)
    assert [c.code for c in saved.data_categories] == ["health", "identity", "location"]
    opened = actions.screens["rule"]
    assert isinstance(opened, RuleEditorDialog) and opened.category == "location"
    assert opened.category_combo.currentText().endswith("— ✘ sans règle")
    opened.delete_after.set_text("recording + 1 month")
    with qtbot.waitSignal(opened.rule_applied, timeout=2000):
        qtbot.mouseClick(opened.apply_button, Qt.MouseButton.LeftButton)
    rule = _rule(register, stored, "location")
    assert rule is not None and rule.delete_after == "recording + 1 month"
    # the window's form shows the rule applied, and Ctrl+Z takes it away again
    assert window.editor.categories["location"].rule.text() == "recording + 1 month"
    window.undo_stack.undo()
    assert _rule(register, stored, "location") is None
