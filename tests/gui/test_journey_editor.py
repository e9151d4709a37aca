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
from domain.vocabulary import Vocabularies
from gui import i18n
from gui.i18n import ts
from gui.main_window import EDITOR_TAB, MainWindow
from gui.retention import RetentionActions
from gui.retention.reminders import RemindersBar
from gui.retention.review_screen import ReviewScreen
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


def _french_words(voc: Vocabularies) -> set[str]:
    """Words that are French only: the window's (from the .ts) and the vocabularies'."""
    catalogue = ts.read(i18n.TS_FILE)
    english = {t for _c, m in catalogue.messages() if not m.vanished for t in m.translations}
    window = {m.source for _c, m in catalogue.messages()
              if not m.vanished and m.translated and m.translations[0] != m.source
              and "{" not in m.source and "%n" not in m.source}
    terms = {t.fr for name in ("recipient_kinds", "countries", "safeguards", "data_categories",
                               "legal_bases", "art9_conditions", "security_measures",
                               "dpia_criteria", "roles")
             for t in getattr(voc, name) if t.fr != t.en}
    return (window | terms) - english - {t.en for t in voc.countries}


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
    french = _french_words(voc)
    left = [w for w in _visible_words(editor) if w in french]
    assert left == [], f"French words left in English: {left}"
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


# --- item 6: the form does not move under the pointer --------------------------------------
def _settle(qtbot: QtBot) -> None:
    """Let the event loop lay the form out again (what a user's next move waits for)."""
    qtbot.wait(30)


def test_the_form_does_not_move_under_the_pointer(qtbot: QtBot, window: MainWindow,
                                                  demo: Register) -> None:
    _open_editor_tab(qtbot, window)
    _click_row(qtbot, window, "RH-04")  # identity, professional life: nothing sensitive
    editor = window.editor
    rows = editor.categories
    watched = [rows[c].box for c in ("location", "religious_beliefs", "health", "criminal")]
    editor.scroll.ensureWidgetVisible(rows["health"].box, 0, 200)
    _settle(qtbot)

    def places() -> list[QPoint]:
        return [w.mapToGlobal(QPoint(0, 0)) for w in watched]

    before = places()
    assert not any("article 9" in text for text in editor.findings.texts())
    qtbot.mouseClick(rows["health"].box, Qt.MouseButton.LeftButton)
    _settle(qtbot)
    # a finding at the top, the Art. 9 block, the category's details: all came, none moved
    assert any("article 9" in text for text in editor.findings.texts())
    assert editor.special_conditions.isVisibleTo(editor) and rows["health"].details.isVisible()
    assert places() == before
    qtbot.mouseClick(rows["location"].box, Qt.MouseButton.LeftButton)  # details of one above
    _settle(qtbot)
    assert places() == before
    qtbot.mouseClick(rows["religious_beliefs"].box, Qt.MouseButton.LeftButton)
    _settle(qtbot)
    assert places() == before
    qtbot.mouseClick(rows["health"].box, Qt.MouseButton.LeftButton)  # unticked again
    _settle(qtbot)
    assert places() == before
    ticked = {code for code, row in rows.items() if row.box.isChecked()}
    assert ticked == {"identity", "professional_life", "location", "religious_beliefs"}

    # the justification of a legal basis comes below every basis
    bases = editor.legal_bases
    editor.scroll.ensureWidgetVisible(bases, 0, 100)
    _settle(qtbot)
    codes = list(bases.boxes)
    chosen = next(c for c in codes if not bases.boxes[c].isChecked())
    others = [bases.boxes[c] for c in codes]
    seen = [w.mapToGlobal(QPoint(0, 0)) for w in others]
    qtbot.mouseClick(bases.boxes[chosen], Qt.MouseButton.LeftButton)
    _settle(qtbot)
    assert bases.details[chosen].isVisible()
    assert [w.mapToGlobal(QPoint(0, 0)) for w in others] == seen

    # a message about a field comes below the group's fields
    editor.scroll.ensureWidgetVisible(editor.name, 0, 100)
    _settle(qtbot)
    fields = [editor.name, editor.role, editor.department]
    seen = [w.mapToGlobal(QPoint(0, 0)) for w in fields]
    editor.name.setFocus()
    editor.name.selectAll()
    qtbot.keyClick(editor.name, Qt.Key.Key_Delete)
    _settle(qtbot)
    assert "obligatoire" in editor.group_messages["identification"].text("invalid")
    assert [w.mapToGlobal(QPoint(0, 0)) for w in fields] == seen
    qtbot.keyClicks(editor.name, "Formation continue des agents, des cadres et des "
                    "praticiens hospitaliers de tous les services")  # a title that would wrap
    _settle(qtbot)
    assert [w.mapToGlobal(QPoint(0, 0)) for w in fields] == seen
    with qtbot.waitSignal(window.register_changed, timeout=2_000):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    stored = _stored(demo, "RH-04")
    assert {c.code for c in stored.data_categories} == ticked
    assert stored.name.startswith("Formation continue des agents")


# --- item 13: criminal data is Art. 10; a sensitive category marks the DPIA criterion -------
def test_criminal_data_asks_for_its_art10_basis(qtbot: QtBot, window: MainWindow,
                                                demo: Register) -> None:
    _open_editor_tab(qtbot, window)
    _click_row(qtbot, window, "RH-04")
    editor = window.editor
    criminal = editor.categories["criminal"]
    assert criminal.label.text().endswith("— pénale (art. 10)")
    assert "art. 9" not in criminal.label.text()
    assert editor.categories["health"].label.text().endswith("— sensible (art. 9)")
    criterion = editor.dpia_criteria.boxes["sensitive_data"]
    assert not criterion.isChecked()
    editor.scroll.ensureWidgetVisible(criminal.box)
    qtbot.mouseClick(criminal.box, Qt.MouseButton.LeftButton)
    # the Art. 10 basis is asked, not an Art. 9(2) condition
    conditions = editor.special_conditions
    assert conditions.shown_codes() == ["A10"]
    assert editor.art9_label.text() == "Base de l'art. 10 (données pénales)"
    texts = editor.findings.texts()
    assert any("sans base de l'article 10" in text for text in texts), texts
    assert not any("article 9" in text for text in texts)
    # the EDPB criterion is ticked for the user, who is told so
    assert criterion.isChecked()
    assert any("Critère d'AIPD « données sensibles » coché" in text for text in texts)
    editor.scroll.ensureWidgetVisible(conditions.boxes["A10"])
    qtbot.mouseClick(conditions.boxes["A10"], Qt.MouseButton.LeftButton)
    assert any("sans base de l'article 10" in text for text in editor.findings.texts())
    qtbot.keyClicks(conditions.details["A10"], "Code de procedure penale, art. 40")
    assert not any("article 10" in text for text in editor.findings.texts())
    # health too: now the Art. 9(2) conditions are asked as well
    editor.scroll.ensureWidgetVisible(editor.categories["health"].box)
    qtbot.mouseClick(editor.categories["health"].box, Qt.MouseButton.LeftButton)
    assert any("article 9" in text for text in editor.findings.texts())
    assert set(conditions.shown_codes()) == set(conditions.boxes)
    assert editor.art9_label.text() == "Conditions de l'art. 9 et base de l'art. 10"
    editor.scroll.ensureWidgetVisible(conditions.boxes["A9-2-b"])
    qtbot.mouseClick(conditions.boxes["A9-2-b"], Qt.MouseButton.LeftButton)
    assert not any("article" in text for text in editor.findings.texts())
    with qtbot.waitSignal(window.register_changed, timeout=2_000):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    stored = _stored(demo, "RH-04")
    assert [(c.code, c.justification) for c in stored.special_conditions] == [
        ("A9-2-b", ""), ("A10", "Code de procedure penale, art. 40")]
    assert "sensitive_data" in stored.dpia.criteria

    # undoable: Ctrl+Z in the window takes the edit back, criterion included
    window.table.setFocus()
    with qtbot.waitSignal(window.register_changed, timeout=2_000):
        qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    stored = _stored(demo, "RH-04")
    assert stored.special_conditions == () and stored.dpia.criteria == ()
    assert {c.code for c in stored.data_categories} == {"identity", "professional_life"}


def test_unticking_the_category_unticks_the_criterion_it_ticked(
        qtbot: QtBot, window: MainWindow) -> None:
    _open_editor_tab(qtbot, window)
    _click_row(qtbot, window, "RH-06")
    editor = window.editor
    health = editor.categories["health"].box
    criterion = editor.dpia_criteria.boxes["sensitive_data"]
    editor.scroll.ensureWidgetVisible(health)
    qtbot.mouseClick(health, Qt.MouseButton.LeftButton)
    assert criterion.isChecked()
    qtbot.mouseClick(health, Qt.MouseButton.LeftButton)
    assert not criterion.isChecked() and not editor.is_dirty()
    assert not any("AIPD" in text for text in editor.findings.texts())
    # the DPO unticks it by hand: it stays unticked while no other category is ticked
    qtbot.mouseClick(health, Qt.MouseButton.LeftButton)
    editor.scroll.ensureWidgetVisible(criterion)
    qtbot.mouseClick(criterion, Qt.MouseButton.LeftButton)
    assert not criterion.isChecked()
    assert not any("AIPD « données" in text for text in editor.findings.texts())
    editor.revert()


def test_the_wheel_spares_the_controls_of_a_screen_too(qtbot: QtBot, window: MainWindow,
                                                       demo: Register) -> None:
    """The filter is the application's: the quarterly review's date, horizon and decision."""
    screen = ReviewScreen(demo, window.texts, TODAY, "Élise Durand",
                          now=lambda: "2026-11-29T10:00:00+00:00")
    qtbot.addWidget(screen)
    screen.show()
    screen.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is screen.as_of)  # the first control
    qtbot.mouseClick(screen.tree.viewport(), Qt.MouseButton.LeftButton)  # the focus there
    values = (screen.as_of.date(), screen.horizon.value(), screen.decision.currentIndex())
    for control in (screen.as_of, screen.horizon, screen.decision):
        assert QApplication.focusWidget() is screen.tree
        _wheel(qtbot, control, 1)
        _wheel(qtbot, control, -1)
        _wheel(qtbot, control, -1)
    assert (screen.as_of.date(), screen.horizon.value(), screen.decision.currentIndex()) \
        == values
