"""Journeys through the activity editor, driven with the mouse and the keyboard as a DPO
does: the language switched through the menu after visiting activities (no error, every
word of the form and of the reminders in the new language, the bar drawn once), the mouse
wheel over a form (it scrolls; a control changes only when it has focus), a form that
does not move under the pointer, countries in the order a French reader expects, and the
Art. 9 / Art. 10 categories with the DPIA criterion they imply. Each asserts what the
register stores, not only what is shown."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QMenu,
    QWidget,
)
from pytestqt.qtbot import QtBot

from domain import services
from domain.model import ProcessingActivity, Transfer
from gui import i18n
from gui.main_window import EDITOR_TAB, MainWindow
from gui.retention import RetentionActions
from gui.retention.reminders import RemindersBar
from gui.settings import Settings
from storage.register import Register

TODAY = date(2026, 11, 29)


@pytest.fixture(autouse=True)
def _french_afterwards() -> object:
    """The translator is the application's: leave it French for the next test."""
    yield
    i18n.use_language("fr")


@pytest.fixture
def window(qtbot: QtBot, demo: Register, settings: Settings) -> MainWindow:
    shown = MainWindow(demo, "fr", today=TODAY, settings=settings)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    qtbot.waitUntil(lambda: not _retention(shown).reminders.pending, timeout=5_000)
    return shown


def _retention(window: MainWindow) -> RetentionActions:
    actions: RetentionActions = window.retention  # type: ignore[attr-defined]
    return actions


def _bar(window: MainWindow) -> RemindersBar:
    return _retention(window).reminders.bar


def _click_row(qtbot: QtBot, window: MainWindow, ref: str) -> None:
    """A click on the activity's row in the table."""
    number = window.model.find(window.model.row_at(0).activity.entity_id, ref)
    assert number >= 0, ref
    index = window.model.index(number, 1)
    window.table.scrollTo(index)
    rect = window.table.visualRect(index)
    with qtbot.waitSignal(window.activity_selected):
        qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton,
                         pos=rect.center())
    assert window.editor.original is not None and window.editor.original.ref == ref


def _open_editor_tab(qtbot: QtBot, window: MainWindow) -> None:
    tabs = window.right.tabBar()
    qtbot.mouseClick(tabs, Qt.MouseButton.LeftButton,
                     pos=tabs.tabRect(EDITOR_TAB).center())
    assert window.right.currentIndex() == EDITOR_TAB


def _menu_titled(window: MainWindow, *titles: str) -> QMenu:
    for action in window.menuBar().actions():
        if action.text() in titles and isinstance(action.menu(), QMenu):
            return action.menu()  # type: ignore[return-value]
    raise AssertionError(f"no menu {titles}")


def _choose_language(qtbot: QtBot, window: MainWindow, lang: str) -> None:
    """Langue › English (or Language › Français) with the mouse: the menu bar's title,
    then the item in the menu it opens."""
    menu = _menu_titled(window, "&Langue", "&Language")
    bar = window.menuBar()
    title = next(a for a in bar.actions() if a.menu() is menu)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(title).center())
    qtbot.waitUntil(menu.isVisible, timeout=2_000)
    item = window.language_actions[lang]
    with qtbot.waitSignal(window.language_changed, timeout=2_000):
        qtbot.mouseClick(menu, Qt.MouseButton.LeftButton,
                         pos=menu.actionGeometry(item).center())
    assert window.lang == lang


def _combo_items(root: QWidget) -> list[str]:
    return [combo.itemText(i) for combo in root.findChildren(QComboBox)
            if combo.isVisibleTo(root) for i in range(combo.count())]


def _visible_words(root: QWidget) -> list[str]:
    words = [w.text() for w in root.findChildren(QLabel) if w.isVisibleTo(root)]
    words += [w.text() for w in root.findChildren(QAbstractButton) if w.isVisibleTo(root)]
    return [w for w in words if w]


def _reminders_drawn(qtbot: QtBot, bar: RemindersBar) -> int:
    """How many reminder lines are drawn, once the new ones are shown."""
    qtbot.waitUntil(lambda: all(label.isVisible() for label in bar.labels), timeout=2_000)
    return len([label for label in bar.findChildren(QLabel, "reminder") if label.isVisible()])


def _stored(register: Register, ref: str) -> ProcessingActivity:
    return next(a for a in services.list_activities(register.uow()) if a.ref == ref)


# --- item 4: the language switched after visiting activities -------------------------------
def test_switching_language_after_visiting_activities(qtbot: QtBot, window: MainWindow,
                                                      demo: Register) -> None:
    _open_editor_tab(qtbot, window)
    for ref in ("NUM-02", "RECH-01", "SOIN-10", "ADM-03", "NUM-02"):
        _click_row(qtbot, window, ref)
    qtbot.wait(10)  # the rows of the activities left behind are deleted by the event loop
    editor = window.editor
    assert editor.transfers.rows and editor.recipients.rows
    bar = _bar(window)
    assert bar.isVisible() and bar.labels
    french_lines = bar.texts_shown()

    _choose_language(qtbot, window, "en")
    recipient = editor.recipients.rows[0]
    kinds = [recipient.kind.itemText(i) for i in range(recipient.kind.count())]
    assert demo is not None
    voc = window.voc
    assert kinds == [term.en for term in voc.recipient_kinds]
    assert recipient.country.itemText(0) == "France / EU"
    transfer = editor.transfers.rows[0]
    assert transfer.country.currentText() == voc.countries["US"].en
    assert transfer.safeguard.currentText() == voc.safeguards["adequacy"].en
    french_terms = {t.fr for v in (voc.recipient_kinds, voc.countries, voc.safeguards)
                    for t in v if t.fr != t.en}
    left = [w for w in _combo_items(editor) if w in french_terms]
    assert left == [], f"French items left in English: {left}"
    assert editor.groups["recipients"].title() == "Recipients and transfers"
    # the bar: drawn once, in English
    assert _reminders_drawn(qtbot, bar) == len(french_lines)
    assert bar.title.text() == "Reminders"
    assert not set(bar.texts_shown()) & set(french_lines)

    _choose_language(qtbot, window, "fr")
    kinds = [recipient.kind.itemText(i) for i in range(recipient.kind.count())]
    assert kinds == [term.fr for term in voc.recipient_kinds]
    assert transfer.safeguard.currentText() == voc.safeguards["adequacy"].fr
    assert bar.texts_shown() == french_lines
    assert _reminders_drawn(qtbot, bar) == len(french_lines)
    # the form still edits and stores: nothing of the switch leaked into the activity
    assert not editor.is_dirty()
    name = editor.recipients.rows[0].name
    name.selectAll()
    qtbot.keyClicks(name, "Prestataire web")
    with qtbot.waitSignal(window.register_changed, timeout=2_000):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert _stored(demo, "NUM-02").recipients[0].name == "Prestataire web"


# --- item 3: the mouse wheel over a form ---------------------------------------------------
def _wheel(qtbot: QtBot, widget: QWidget, steps: int = -1) -> None:
    """The wheel turned over the middle of ``widget`` (negative: towards the user, down)."""
    where = QPointF(widget.rect().center())
    event = QWheelEvent(where, QPointF(widget.mapToGlobal(where.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * steps), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)
    qtbot.wait(1)


def test_the_wheel_over_an_unfocused_combo_scrolls_the_form(qtbot: QtBot, window: MainWindow,
                                                             demo: Register) -> None:
    _open_editor_tab(qtbot, window)
    _click_row(qtbot, window, "NUM-02")
    editor = window.editor
    safeguard = editor.transfers.rows[0].safeguard
    assert safeguard.currentData() == "adequacy"
    editor.scroll.ensureWidgetVisible(safeguard)
    scrollbar = editor.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: scrollbar.maximum() > 0)
    scrollbar.setValue(scrollbar.maximum() // 3)
    before = scrollbar.value()
    qtbot.mouseClick(editor.transfers.rows[0].recipient, Qt.MouseButton.LeftButton)
    assert not safeguard.hasFocus()

    _wheel(qtbot, safeguard, -1)
    assert safeguard.currentData() == "adequacy"  # the value stayed
    assert scrollbar.value() > before  # the form scrolled down instead
    assert not safeguard.hasFocus() and not editor.is_dirty()
    _wheel(qtbot, safeguard, 1)
    assert scrollbar.value() < scrollbar.maximum() and safeguard.currentData() == "adequacy"
    assert _stored(demo, "NUM-02").transfers[0].safeguard.value == "adequacy"  # type: ignore[union-attr]


def test_the_wheel_changes_a_combo_that_has_the_focus(qtbot: QtBot, window: MainWindow,
                                                      demo: Register) -> None:
    _open_editor_tab(qtbot, window)
    _click_row(qtbot, window, "NUM-02")
    editor = window.editor
    transfer = editor.transfers.rows[0]
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.mouseClick(transfer.recipient, Qt.MouseButton.LeftButton)
    for _ in range(4):  # Tab from the recipient: the country, then the safeguard
        if QApplication.focusWidget() is transfer.safeguard:
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert transfer.safeguard.hasFocus()
    scrollbar = editor.scroll.verticalScrollBar()
    before = scrollbar.value()
    _wheel(qtbot, transfer.safeguard, -1)
    assert transfer.safeguard.currentData() != "adequacy"
    chosen = transfer.safeguard.currentData()
    assert scrollbar.value() == before
    with qtbot.waitSignal(window.register_changed, timeout=2_000):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert _stored(demo, "NUM-02").transfers[0].safeguard.value == chosen  # type: ignore[union-attr]


def test_spin_boxes_and_date_edits_take_no_focus_from_the_wheel(qtbot: QtBot,
                                                               window: MainWindow) -> None:
    _open_editor_tab(qtbot, window)
    date_edit = window.editor.dpia_date
    combo = window.editor.role
    for control in (date_edit, combo):
        control.ensurePolished()
        assert control.focusPolicy() == Qt.FocusPolicy.StrongFocus
    shown = date_edit.date()
    _wheel(qtbot, date_edit, 1)
    assert date_edit.date() == shown


# --- item 12: countries ----------------------------------------------------------------------
def test_countries_of_a_transfer(qtbot: QtBot, window: MainWindow, demo: Register) -> None:
    _open_editor_tab(qtbot, window)
    _click_row(qtbot, window, "SOIN-10")
    editor = window.editor
    qtbot.mouseClick(editor.transfers.add_button, Qt.MouseButton.LeftButton)
    transfer = editor.transfers.rows[-1]
    qtbot.keyClicks(transfer.recipient, "Hebergeur")  # keyClicks: ASCII only
    # an empty country, said in words: no code, no list of codes
    said = editor.group_messages["recipients"].text("invalid")
    assert said == "Le champ « pays du transfert » est obligatoire"
    assert not editor.save_button.isEnabled()
    # outside the EU only, in the order of a French reader
    names = [transfer.country.itemText(i) for i in range(1, transfer.country.count())]
    codes = [transfer.country.itemData(i) for i in range(1, transfer.country.count())]
    assert "DE" not in codes and "FR" not in codes and "IS" not in codes  # EU, EEA
    assert {"US", "CH", "GB", "MG"} <= set(codes)
    first_f = next(i for i, n in enumerate(names) if n.startswith("F"))
    assert names.index("États-Unis") < first_f  # among the E's, not after Zimbabwe
    assert names.index("Équateur") < names.index("Érythrée") < names.index("États-Unis")
    assert names.index("Zimbabwe") == len(names) - 1
    # the recipients' countries too
    recipient = editor.recipients.rows[0]
    shown = [recipient.country.itemText(i) for i in range(1, recipient.country.count())]
    assert shown.index("États-Unis") < shown.index("Finlande")
    # chosen with the keyboard, saved
    transfer.country.setFocus()
    qtbot.keyClicks(transfer.country, "Suisse")
    assert transfer.country.currentData() == "CH"
    assert editor.group_messages["recipients"].keys() == []
    with qtbot.waitSignal(window.register_changed, timeout=2_000):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    stored = _stored(demo, "SOIN-10").transfers[-1]
    assert (stored.recipient, stored.country) == ("Hebergeur", "CH")


def test_a_transfer_read_with_an_eu_country_keeps_it(qtbot: QtBot, window: MainWindow,
                                                     demo: Register) -> None:
    """An EU country read from an import is shown (to be corrected), never silently lost."""
    activity = _stored(demo, "SOIN-10")
    services.edit_activity(demo.uow(), activity.entity_id, "SOIN-10", {
        "transfers": (Transfer("Labo", "DE"),)}, TODAY)
    window.reload()
    _open_editor_tab(qtbot, window)
    _click_row(qtbot, window, "SOIN-10")
    transfer = window.editor.transfers.rows[0]
    assert transfer.country.currentData() == "DE"
    assert transfer.country.currentText() == "Allemagne"
    assert not window.editor.is_dirty()
