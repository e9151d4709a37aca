"""Journey of a DPO after a correction of the template library (issue 14, item 3): the
reminders bar says how many rules differ from the corrected library, its link opens the
dialog that shows the current and the corrected rule side by side with the reason; the DPO
adopts one (Ctrl+Z puts the old rule back), keeps another with a justification; the rule
editor says when a rule comes from an older version of its template."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from domain import services
from domain.model import DataCategoryUse, LegalBasis, ProcessingActivity, RetentionRule
from domain.templates import load_templates
from gui.main_window import MainWindow
from gui.retention import RetentionActions
from gui.retention.library_updates import LibraryUpdatesDialog
from gui.retention.reminders import RemindersBar
from gui.settings import Settings
from gui.widgets import Level
from storage.register import Register, open_register
from tests.builders import entity

TODAY = date(2026, 11, 29)
LIBRARY = load_templates()
FSE = LIBRARY["SANTE-LIB-02"]  # version 2: ninety days, not three months
COMPTA = LIBRARY["GEN-COMPTA-01"]  # version 2: the Code de commerce binds no public hospital
# both as copied from the first version of the library
OLD_FSE = RetentionRule(delete_after="transmission + 3 months",
                        legal_reference="CSS art. R161-47", template_id=FSE.id)
OLD_COMPTA = RetentionRule(delete_after="fiscal_year_end + 10 years",
                           legal_reference="C. com. art. L123-22", template_id=COMPTA.id)


@pytest.fixture
def stored(register: Register) -> ProcessingActivity:
    owner = services.add_entity(register.uow(), entity())
    assert owner.id is not None
    return services.add_activity(register.uow(), ProcessingActivity(
        owner.id, "FACT-01", "Facturation des soins", legal_bases=(LegalBasis("A6-1-c"),),
        data_categories=(
            DataCategoryUse("health", retention=OLD_FSE),
            DataCategoryUse("financial", retention=OLD_COMPTA),
            DataCategoryUse("identity", retention=RetentionRule("transmission + 1 year")),
        )), TODAY)


@pytest.fixture
def window(qtbot: QtBot, register: Register, stored: ProcessingActivity,
           settings: Settings) -> MainWindow:
    shown = MainWindow(register, "fr", today=TODAY, settings=settings)
    qtbot.addWidget(shown)
    shown.show()
    actions: RetentionActions = shown.retention  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not actions.reminders.pending, timeout=5_000)
    return shown


def _bar(window: MainWindow) -> RemindersBar:
    actions: RetentionActions = window.retention  # type: ignore[attr-defined]
    return actions.reminders.bar


def _stored_rule(register: Register, stored: ProcessingActivity, code: str) -> RetentionRule:
    """The rule as the register file holds it, read by a fresh connection."""
    reopened = open_register(str(register.engine.url.database), actor="lecteur")
    try:
        use = services.get_activity(reopened.uow(), stored.entity_id, stored.ref).category(code)
    finally:
        reopened.close()
    assert use is not None and use.retention is not None
    return use.retention


def _library_line(bar: RemindersBar) -> QLabel:
    return next(label for label in bar.labels if "href='library'" in label.text())


def _click_link(qtbot: QtBot, label: QLabel) -> None:
    """A click on the link that ends the line: the position of its middle is where the
    label's own layout puts it (a text document of the same width, font and words)."""
    document = QTextDocument()
    document.setDefaultFont(label.font())
    document.setDocumentMargin(0)
    document.setHtml(label.text())
    document.setTextWidth(label.contentsRect().width())
    words = label.text().split("<a href='library'>")[1].split("</a>")[0]
    cursor = document.find(words[: len(words) // 2 + 1])
    assert not cursor.isNull()
    document.size()  # laid out now
    block = document.findBlock(cursor.position())
    position = cursor.position() - block.position()
    layout = block.layout()
    line = layout.lineForTextPosition(position)
    x = line.cursorToX(position)[0]
    y = line.y() + line.height() / 2
    origin = label.contentsRect().topLeft()
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton,
                     pos=QPoint(origin.x() + int(x), origin.y() + int(y)))


def _open_from_the_bar(qtbot: QtBot, window: MainWindow) -> LibraryUpdatesDialog:
    bar = _bar(window)
    assert bar.isVisible()
    with qtbot.waitSignal(bar.library_requested):
        _click_link(qtbot, _library_line(bar))
    actions: RetentionActions = window.retention  # type: ignore[attr-defined]
    dialog = actions.reminders.library_dialog
    assert isinstance(dialog, LibraryUpdatesDialog) and dialog.isVisible()
    return dialog


def _items(dialog: LibraryUpdatesDialog) -> list[str]:
    return [dialog.list.item(row).text() for row in range(dialog.list.count())]


def test_adopting_from_the_reminders_and_undoing_it(qtbot: QtBot, window: MainWindow,
                                                   register: Register,
                                                   stored: ProcessingActivity) -> None:
    bar = _bar(window)
    assert bar.texts_shown()[-1] == ("✎ 2 règles diffèrent de la bibliothèque corrigée. "
                                     "Voir les différences")
    window.grab().save("/tmp/versions-window.png")
    dialog = _open_from_the_bar(qtbot, window)
    assert _items(dialog) == [
        f"FACT-01 — Données de santé\n{FSE.title_fr}\nversion 1 → 2",
        f"FACT-01 — Informations d'ordre économique et financier\n{COMPTA.title_fr}\n"
        "version 1 → 2"]

    # the first is shown: old and new side by side, in words, with the reason
    assert dialog.current_box.title() == "Règle actuelle (modèle version 1)"
    assert dialog.new_box.title() == "Version corrigée (version 2)"
    assert "3 mois" in dialog.current_words.text()
    assert "90 jours" in dialog.new_words.text()
    assert "months" not in dialog.current_words.text()  # words, not the expression
    assert dialog.reason.text() == FSE.changes_fr
    dialog.grab().save("/tmp/versions-dialog.png")

    # Enter does not adopt: only the button does
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    assert _stored_rule(register, stored, "health") == OLD_FSE
    assert dialog.isVisible()  # nor closes it

    with qtbot.waitSignal(window.undo_stack.indexChanged):
        qtbot.mouseClick(dialog.adopt_button, Qt.MouseButton.LeftButton)
    adopted = _stored_rule(register, stored, "health")
    assert adopted == FSE.to_rule()
    assert (adopted.delete_after, adopted.template_version) == ("transmission + 90 days", 2)
    assert [item.split("\n")[0] for item in _items(dialog)] == [
        "FACT-01 — Informations d'ordre économique et financier"]
    qtbot.waitUntil(lambda: bar.texts_shown()[-1].startswith(
        "✎ 1 règle diffère de la bibliothèque corrigée."), timeout=5_000)

    # Ctrl+Z, in the dialog, puts the old rule back, and it is listed again
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    with qtbot.waitSignal(window.undo_stack.indexChanged):
        qtbot.keyClick(dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _stored_rule(register, stored, "health") == OLD_FSE
    assert len(_items(dialog)) == 2
    qtbot.waitUntil(lambda: bar.texts_shown()[-1].startswith("✎ 2 règles"), timeout=5_000)


def test_keeping_a_rule_asks_why_and_remembers_it(qtbot: QtBot, window: MainWindow,
                                                  register: Register,
                                                  stored: ProcessingActivity) -> None:
    dialog = _open_from_the_bar(qtbot, window)
    second = dialog.list.visualItemRect(dialog.list.item(1)).center()
    qtbot.mouseClick(dialog.list.viewport(), Qt.MouseButton.LeftButton, pos=second)
    current = dialog.current()
    assert current is not None and current.category == "financial"
    assert dialog.reason.text() == COMPTA.changes_fr
    assert "Élimination soumise au visa des Archives" in dialog.new_words.text()
    assert "Suppression" in dialog.current_words.text()

    # no justification: said on the dialog, nothing stored
    depth = window.undo_stack.count()
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    assert dialog.messages.level("keep") is not None
    assert "Dites pourquoi" in dialog.messages.text("keep")
    assert window.undo_stack.count() == depth
    assert _stored_rule(register, stored, "financial") == OLD_COMPTA

    qtbot.keyClicks(dialog.justification, "Clinique a but lucratif : Code de commerce")
    with qtbot.waitSignal(window.undo_stack.indexChanged):
        qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    kept = _stored_rule(register, stored, "financial")
    assert (kept.delete_after, kept.final_action, kept.template_version) == (
        OLD_COMPTA.delete_after, OLD_COMPTA.final_action, 1)
    assert (kept.kept_template_version, kept.kept_reason) == (
        2, "Clinique a but lucratif : Code de commerce")
    assert [item.split("\n")[0] for item in _items(dialog)] == ["FACT-01 — Données de santé"]
    assert window.undo_stack.undoText() == (
        "règle gardée malgré la correction pour FACT-01 (Informations d'ordre économique et "
        "financier)")
    actions: RetentionActions = window.retention  # type: ignore[attr-defined]
    editor = actions.open_rule_editor("financial")  # on the activity selected
    assert editor is not None and editor.messages.level("library") is Level.INFO
    assert editor.messages.text("library") == (
        f"Règle gardée malgré la version 2 du modèle « {COMPTA.title_fr} » : "
        "Clinique a but lucratif : Code de commerce")
    editor.close()

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    with qtbot.waitSignal(window.undo_stack.indexChanged):  # Ctrl+Z in the window
        qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _stored_rule(register, stored, "financial") == OLD_COMPTA


def test_the_rule_editor_says_the_rule_comes_from_an_older_version(
        qtbot: QtBot, window: MainWindow, stored: ProcessingActivity) -> None:
    actions: RetentionActions = window.retention  # type: ignore[attr-defined]
    dialog = actions.open_rule_editor("health", stored)
    assert dialog is not None
    notice = dialog.messages.text("library")
    assert notice.startswith(f"Cette règle vient de la version 1 du modèle « {FSE.title_fr} », "
                             "corrigé depuis (version 2) : ")
    assert FSE.changes_fr in notice
    dialog.grab().save("/tmp/versions-rule-editor.png")

    # a rule with no template, or up to date, says nothing of the library
    dialog.category_combo.setCurrentIndex(dialog.category_combo.findData("identity"))
    assert dialog.messages.level("library") is None
    # choosing the corrected template and applying it ends the notice
    dialog.category_combo.setCurrentIndex(dialog.category_combo.findData("health"))
    assert dialog.messages.level("library") is Level.WARNING
    dialog.use_template(FSE)
    with qtbot.waitSignal(dialog.rule_applied):
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert dialog.messages.level("library") is None
    use = services.get_activity(window.register.uow(), stored.entity_id,
                                stored.ref).category("health")
    assert use is not None and use.retention is not None
    assert use.retention.template_version == 2
