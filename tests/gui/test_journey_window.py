"""Journeys through the main window as a DPO makes them, with real keys and clicks: undo
and redo, saving, the demo, the history, the first start. Each asserts what is stored."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QToolBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from domain import services
from domain.model import EstablishmentStatus, ProcessingActivity, Status
from gui import dialogs, i18n
from gui.activity_model import COMPLETENESS_COLUMN, NAME_COLUMN, ROLE_COLUMN, STATUS_COLUMN
from gui.main_window import EDITOR_TAB, HISTORY_TAB, MainWindow
from gui.settings import Settings
from storage.register import Register, open_register
from tests.builders import entity, full_activity

TODAY = date(2026, 11, 1)
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(qtbot: QtBot, register: Register, settings: Settings) -> MainWindow:
    owner = services.add_entity(register.uow(), entity())
    assert owner.id is not None
    services.add_activity(register.uow(), full_activity(owner.id), TODAY)
    services.add_activity(register.uow(), ProcessingActivity(
        owner.id, "RH-01", "Paie des agents", department="DRH"), TODAY)
    shown = MainWindow(register, "fr", today=TODAY, settings=settings)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def _stored(register: Register, ref: str) -> ProcessingActivity:
    with register.uow() as uow:
        owner = uow.entities.list()[0]
    assert owner.id is not None
    return services.get_activity(register.uow(), owner.id, ref)


def _select(window: MainWindow, ref: str) -> None:
    owner = window.model.row_at(0).activity.entity_id
    assert window.select_activity(owner, ref)
    assert window.editor.original is not None and window.editor.original.ref == ref


def _key(qtbot: QtBot, window: MainWindow, key: Qt.Key,
         modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed where the DPO's focus is (the table), through the window's shortcuts."""
    with qtbot.waitSignal(window.register_changed, timeout=2000):
        qtbot.keyClick(window.table, key, modifiers)


# --- undo and redo (issue 12, items 4 and 5) -----------------------------------------------
def test_undo_then_redo_an_edit_and_a_validation_with_the_keyboard(
        qtbot: QtBot, window: MainWindow, register: Register) -> None:
    _select(window, "SOIN-01")
    qtbot.keyClick(window.table, Qt.Key.Key_E, CTRL)  # Modifier
    assert window.right.currentIndex() == EDITOR_TAB
    window.editor.department.setFocus()
    qtbot.keyClick(window.editor.department, Qt.Key.Key_End)
    qtbot.keyClicks(window.editor.department, " et DIM")
    with qtbot.waitSignal(window.register_changed, timeout=2000):  # Valider saves first
        qtbot.mouseClick(window.editor.validate_button, Qt.MouseButton.LeftButton)
    stored = _stored(register, "SOIN-01")
    assert (stored.department, stored.status) == ("Direction des soins et DIM",
                                                  Status.VALIDATED)
    window.table.setFocus()
    _key(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert _stored(register, "SOIN-01").status is Status.DRAFT
    _key(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert _stored(register, "SOIN-01").department == "Direction des soins"
    _key(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert _stored(register, "SOIN-01").department == "Direction des soins et DIM"
    _key(qtbot, window, Qt.Key.Key_Y, CTRL)
    redone = _stored(register, "SOIN-01")
    assert (redone.department, redone.status) == ("Direction des soins et DIM",
                                                  Status.VALIDATED)
    assert redone.version > stored.version
    assert (window.undo_stack.count(), window.undo_stack.index()) == (2, 2)  # nothing lost
    _key(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert _stored(register, "SOIN-01").status is Status.DRAFT
    assert not window.isWindowModified() or window.undo_stack.index() != 0


def test_redo_keys_are_bound_once_on_every_platform() -> None:
    """On X11 the platform's first Redo key is Ctrl+Shift+Z: bound twice, Qt found the
    shortcut ambiguous and redid nothing."""
    from PySide6.QtGui import QKeySequence

    from gui.undo import redo_shortcuts

    x11 = [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")]
    keys = [k.toString() for k in redo_shortcuts(x11)]
    assert keys == ["Ctrl+Shift+Z", "Ctrl+Y"]
    windows = [QKeySequence("Ctrl+Y"), QKeySequence("Alt+Shift+Backspace")]
    assert [k.toString() for k in redo_shortcuts(windows)] == [
        "Ctrl+Shift+Z", "Ctrl+Y", "Alt+Shift+Backspace"]


def test_no_two_actions_of_the_window_share_a_key(window: MainWindow) -> None:
    from PySide6.QtGui import QAction

    seen: dict[str, str] = {}
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            name = key.toString()
            assert name not in seen or seen[name] == action.objectName(), (
                f"{name}: {seen.get(name)} and {action.objectName()}")
            assert action.shortcuts().count(key) == 1, (name, action.objectName())
            seen[name] = action.objectName()


def test_undo_words_follow_a_language_switch(qtbot: QtBot, window: MainWindow,
                                             register: Register) -> None:
    _select(window, "SOIN-01")
    with qtbot.waitSignal(window.register_changed, timeout=2000):
        qtbot.mouseClick(window.editor.validate_button, Qt.MouseButton.LeftButton)
    assert window.undo_action.text() == "Annuler la validation de SOIN-01"
    _key(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert window.redo_action.text() == "Rétablir la validation de SOIN-01"
    window.set_language("en")
    assert window.redo_action.text() == "Redo validating SOIN-01"
    assert window.redo_action.toolTip() == "Redo validating SOIN-01"
    _key(qtbot, window, Qt.Key.Key_Y, CTRL)
    assert window.undo_action.text() == "Undo validating SOIN-01"
    assert _stored(register, "SOIN-01").status is Status.VALIDATED
    window.set_language("fr")
    assert window.undo_action.text() == "Annuler la validation de SOIN-01"


def test_an_edit_is_named_by_its_fields_as_the_form_says_them(
        qtbot: QtBot, window: MainWindow) -> None:
    _select(window, "RH-01")
    window.edit_selected()
    qtbot.keyClicks(window.editor.department, " et paie")
    with qtbot.waitSignal(window.register_changed, timeout=2000):
        qtbot.keyClick(window.editor.department, Qt.Key.Key_S, CTRL)
    assert window.undo_action.text() == "Annuler la modification de RH-01 (Service)"


def test_the_toolbar_does_not_move_as_the_undo_words_change(
        qtbot: QtBot, window: MainWindow) -> None:
    toolbar = window.findChild(QToolBar, "toolbar")
    assert toolbar is not None
    buttons = [toolbar.widgetForAction(a) for a in toolbar.actions() if not a.isSeparator()]
    before = [(b.text(), b.x(), b.width()) for b in buttons]
    _select(window, "SOIN-01")
    with qtbot.waitSignal(window.register_changed, timeout=2000):
        qtbot.mouseClick(window.editor.validate_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert [(b.text(), b.x(), b.width()) for b in buttons] == before
    undo = toolbar.widgetForAction(window.undo_action)
    assert undo.text() == "Annuler"
    assert undo.toolTip() == "Annuler la validation de SOIN-01"  # the detail
    window.grab().save("/tmp/window-toolbar.png")


# --- saving (issue 12, item 8) -------------------------------------------------------------
REAL_ASK_SAVE_CHANGES = dialogs.ask_save_changes  # before the autouse fixture replaces it


def _answer(qtbot: QtBot, key: Qt.Key | str, seen: list[str]) -> None:
    """Press ``key`` in the question box once it is open (it runs its own event loop), or
    click the button that says ``key``."""

    def press() -> None:
        box = next((w for w in QApplication.topLevelWidgets()
                    if w.objectName() == "save-changes" and w.isVisible()), None)
        if box is None:  # not open yet
            QTimer.singleShot(10, press)
            return
        seen.append(box.findChild(QLabel, "qt_msgbox_label").text())
        if isinstance(key, str):
            button = next(b for b in box.findChildren(QPushButton) if b.text() == key)
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        else:
            qtbot.keyClick(box.focusWidget() or box, key)

    QTimer.singleShot(0, press)


def _click_row(qtbot: QtBot, window: MainWindow, ref: str) -> None:
    number = window.model.find(window.model.row_at(0).activity.entity_id, ref)
    rect = window.table.visualRect(window.model.index(number, 1))
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_saving_is_explicit_and_the_title_says_when_edits_are_unsaved(
        qtbot: QtBot, window: MainWindow, register: Register,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("gui.dialogs.ask_save_changes", REAL_ASK_SAVE_CHANGES)
    _click_row(qtbot, window, "RH-01")
    qtbot.keyClick(window.table, Qt.Key.Key_E, CTRL)
    assert not window.isWindowModified()
    qtbot.keyClick(window.editor.department, Qt.Key.Key_End)
    qtbot.keyClicks(window.editor.department, " et paie")
    assert window.isWindowModified() and window.save_action.isEnabled()
    with qtbot.waitSignal(window.register_changed, timeout=2000):
        qtbot.keyClick(window.editor.department, Qt.Key.Key_S, CTRL)
    assert _stored(register, "RH-01").department == "DRH et paie"
    assert not window.isWindowModified() and not window.save_action.isEnabled()
    assert "RH-01 enregistré" in window.statusBar().currentMessage()

    # leaving an edited activity asks; Enter saves (the default)
    qtbot.keyClick(window.editor.department, Qt.Key.Key_End)
    qtbot.keyClicks(window.editor.department, " (agents)")
    assert window.isWindowModified()
    seen: list[str] = []
    _answer(qtbot, Qt.Key.Key_Return, seen)
    with qtbot.waitSignal(window.register_changed, timeout=2000):
        _click_row(qtbot, window, "SOIN-01")
    assert seen == ["Enregistrer les modifications de « RH-01 — Paie des agents » ?"]
    assert _stored(register, "RH-01").department == "DRH et paie (agents)"
    assert window.editor.original is not None and window.editor.original.ref == "SOIN-01"
    assert not window.isWindowModified()

    # Escape: stay on the form, nothing stored, still marked
    window.editor.department.setFocus()
    qtbot.keyClick(window.editor.department, Qt.Key.Key_End)
    qtbot.keyClicks(window.editor.department, " et DIM")
    _answer(qtbot, Qt.Key.Key_Escape, seen)
    _click_row(qtbot, window, "RH-01")
    assert len(seen) == 2
    assert window.editor.original is not None and window.editor.original.ref == "SOIN-01"
    assert window.selected_row().activity.ref == "SOIN-01"  # type: ignore[union-attr]
    assert window.editor.department.text() == "Direction des soins et DIM"
    assert window.isWindowModified()
    assert _stored(register, "SOIN-01").department == "Direction des soins"

    # Ne pas enregistrer: the edit is dropped
    _answer(qtbot, "&Ne pas enregistrer", seen)
    _click_row(qtbot, window, "RH-01")
    assert len(seen) == 3
    assert window.editor.original is not None and window.editor.original.ref == "RH-01"
    assert _stored(register, "SOIN-01").department == "Direction des soins"
    assert not window.isWindowModified()


def test_the_rule_editor_does_not_save_the_form_unasked(
        qtbot: QtBot, window: MainWindow, register: Register,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("gui.dialogs.ask_save_changes", REAL_ASK_SAVE_CHANGES)
    _click_row(qtbot, window, "SOIN-01")
    window.edit_selected()
    qtbot.keyClick(window.editor.department, Qt.Key.Key_End)
    qtbot.keyClicks(window.editor.department, " et DIM")
    seen: list[str] = []
    _answer(qtbot, Qt.Key.Key_Escape, seen)
    qtbot.mouseClick(window.editor.categories["identity"].rule_button,
                     Qt.MouseButton.LeftButton)
    assert len(seen) == 1
    assert "rule" not in window.retention.screens  # type: ignore[attr-defined]
    assert _stored(register, "SOIN-01").department == "Direction des soins"
    assert window.isWindowModified()
    window.editor.revert()


# --- the demo (issue 12, item 9) -----------------------------------------------------------
def _run_gui(monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, argv: list[str],
             seen: dict[str, object]) -> int:
    """``registre gui …`` as typed; the window's event loop replaced by what the DPO sees,
    then Ctrl+Q."""
    from gui import cli

    before = set(QApplication.topLevelWidgets())  # windows other tests may have left open

    def look_then_quit(_app: object) -> int:
        window = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, MainWindow) and w.isVisible() and w not in before)
        qtbot.waitUntil(lambda: window.model.count() > 0, timeout=10_000)
        banner = window.findChild(QLabel, "demo-banner")
        seen.update(title=window.windowTitle(), location=window.register.location,
                    banner=banner.text() if banner is not None and banner.isVisible() else "",
                    rows=window.model.count())
        qtbot.keyClick(window, Qt.Key.Key_Q, CTRL)
        seen["closed"] = not window.isVisible()
        return 0

    monkeypatch.setattr(QApplication, "exec", look_then_quit)
    return cli.main(argv)


def test_the_demo_says_so_and_its_copy_is_removed_on_quit(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, object] = {}
    assert _run_gui(monkeypatch, qtbot, ["--lang", "fr", "gui", "--demo"], seen) == 0
    assert "Registre de démonstration" in str(seen["banner"])
    assert "DÉMONSTRATION" in str(seen["title"])
    assert seen["closed"] and int(str(seen["rows"])) > 10
    copy = Path(str(seen["location"]))
    assert copy.name == "demo-registre.db"
    assert not copy.exists() and not copy.parent.exists()  # nothing left behind


def test_the_demo_is_written_where_db_says_and_kept(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    target = tmp_path / "essai-demo.db"
    seen: dict[str, object] = {}
    argv = ["--db", str(target), "--lang", "fr", "gui", "--demo"]
    assert _run_gui(monkeypatch, qtbot, argv, seen) == 0
    assert Path(str(seen["location"])) == target
    assert "DÉMONSTRATION" in str(seen["title"]) and seen["banner"]
    assert target.exists()  # the DPO chose where: it stays
    kept = open_register(str(target))
    try:
        assert len(services.list_activities(kept.uow())) == seen["rows"]
    finally:
        kept.close()


def test_the_demo_never_overwrites_a_register(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    from gui import cli

    target = tmp_path / "registre.db"
    open_register(str(target)).close()
    before = target.read_bytes()
    windows = len([w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)])
    err = io.StringIO()
    assert cli.main(["--db", str(target), "gui", "--demo"], stderr=err) == 2
    line = err.getvalue()
    assert line.count("\n") == 1 and "existe déjà" in line and str(target) in line
    assert target.read_bytes() == before
    assert len([w for w in QApplication.topLevelWidgets()
                if isinstance(w, MainWindow)]) == windows  # no window opened


# --- words a DPO reads (issue 12, item 12) -------------------------------------------------
def test_the_history_says_old_and_new_in_words(qtbot: QtBot, window: MainWindow) -> None:
    _select(window, "RH-01")
    window.edit_selected()
    editor = window.editor
    for box in (editor.legal_bases.boxes["A6-1-c"],
                editor.dpia_criteria.boxes["sensitive_data"]):
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Space)
        assert box.isChecked()
    with qtbot.waitSignal(window.register_changed, timeout=2000):
        qtbot.keyClick(editor.department, Qt.Key.Key_S, CTRL)
    window.right.setCurrentIndex(HISTORY_TAB)
    model = window.history_model
    rows = {model.index(r, 3).data(): (model.index(r, 4).data(), model.index(r, 5).data())
            for r in range(model.rowCount()) if model.index(r, 2).data() == "modification"}
    assert rows["Bases légales (art. 6)"] == ("—", "Obligation légale")
    before, after = rows["Analyse d'impact (AIPD)"]
    assert before == "aucun critère"
    assert after == ("critères : Données sensibles ou données à caractère hautement "
                     "personnel")
    created = [model.index(r, 5).data() for r in range(model.rowCount())
               if model.index(r, 2).data() == "création"]
    shown = " ".join(created)
    assert "{" not in shown and '"' not in shown and "A6-1" not in shown
    assert "01/11/2026" in shown  # a date as the DPO writes it
    window.grab().save("/tmp/window-history.png")


def test_a_change_of_email_alone_shows_in_the_history(qtbot: QtBot,
                                                     window: MainWindow) -> None:
    _select(window, "RH-01")
    window.edit_selected()
    for line, text in ((window.editor.owner_name, "Marie Durand"),
                       (window.editor.owner_email, "drh@ch-valmont.fr")):
        line.setFocus()  # the name first, saved; then the email alone, saved
        line.selectAll()
        qtbot.keyClicks(line, text)
        with qtbot.waitSignal(window.register_changed, timeout=2000):
            qtbot.keyClick(line, Qt.Key.Key_S, CTRL)
    window.right.setCurrentIndex(HISTORY_TAB)
    model = window.history_model
    old, new = next((model.index(r, 4).data(), model.index(r, 5).data())  # the newest
                    for r in range(model.rowCount())
                    if model.index(r, 3).data() == "Responsable opérationnel")
    assert "drh@ch-valmont.fr" not in old and old != new
    assert "drh@ch-valmont.fr" in new  # not the unchanged name on both sides


def test_references_sort_by_their_numbers(qtbot: QtBot, register: Register,
                                          settings: Settings) -> None:
    owner = services.add_entity(register.uow(), entity())
    assert owner.id is not None
    for ref in ("T-10", "T-2", "T-1", "T-11", "RH-9", "RH-10"):
        services.add_activity(register.uow(), ProcessingActivity(owner.id, ref, f"Act {ref}"),
                              TODAY)
    window = MainWindow(register, "fr", today=TODAY, settings=settings)
    qtbot.addWidget(window, before_close_func=lambda w: w.editor.revert())
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)

    def refs() -> list[str]:
        return [window.model.index(r, 0).data() for r in range(window.model.rowCount())]

    assert refs() == ["RH-9", "RH-10", "T-1", "T-2", "T-10", "T-11"]
    header = window.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(0) + 10, header.height() // 2))
    assert refs() == ["T-11", "T-10", "T-2", "T-1", "RH-10", "RH-9"]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(0) + 10, header.height() // 2))
    toolbar = window.findChild(QToolBar, "toolbar")  # Nouveau: T-3 lands after T-2
    qtbot.mouseClick(toolbar.widgetForAction(window.new_action), Qt.MouseButton.LeftButton)
    window.editor.ref.selectAll()
    qtbot.keyClicks(window.editor.ref, "T-3")
    qtbot.keyClicks(window.editor.name, "Nouvelle activite")
    with qtbot.waitSignal(window.register_changed, timeout=2000):  # Enregistrer
        qtbot.mouseClick(toolbar.widgetForAction(window.save_action),
                         Qt.MouseButton.LeftButton)
    assert refs() == ["RH-9", "RH-10", "T-1", "T-2", "T-3", "T-10", "T-11"]
    assert _stored(register, "T-3").name == "Nouvelle activite"


def test_short_columns_are_shown_whole(qtbot: QtBot, demo: Register,
                                       settings: Settings) -> None:
    window = MainWindow(demo, "fr", today=date(2026, 11, 29), settings=settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.table.columnWidth(ROLE_COLUMN)
                    >= window.table.sizeHintForColumn(ROLE_COLUMN))
    table = window.table
    for column in (0, ROLE_COLUMN, STATUS_COLUMN, COMPLETENESS_COLUMN):
        assert table.columnWidth(column) >= table.sizeHintForColumn(column), column
    assert table.columnWidth(NAME_COLUMN) >= 200
    window.grab().save("/tmp/window-columns.png")


def test_qt_s_own_words_and_calendars_follow_the_window_s_language(
        qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtWidgets import QCalendarWidget, QFileDialog

    dialog = QFileDialog(window, "Exporter")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    assert {"&Voir dans\u00a0:", "&Nom de fichier\u00a0:", "&Type de fichier\u00a0:"} <= labels
    calendar = window.editor.dpia_date.calendarWidget()
    assert isinstance(calendar, QCalendarWidget)
    assert calendar.locale().monthName(1) == "janvier"
    assert window.editor.dpia_date.locale().dayName(1) == "lundi"
    system = QApplication.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    assert system == (i18n.system_language() != "fr")  # a native dialog speaks the system's
    window.set_language("en")
    assert QApplication.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs) == (
        i18n.system_language() != "en")
    assert calendar.locale().monthName(1) == "January"
    window.set_language("fr")
    assert calendar.locale().monthName(1) == "janvier"


# --- the first start (issue 12, item 14) ---------------------------------------------------
def _typed(qtbot: QtBot, dialog: QWidget, text: str = "", key: Qt.Key | None = None) -> None:
    """Type where the dialog's focus is (then a key): Tab moves it as for the DPO."""
    widget = dialog.focusWidget()
    assert widget is not None
    if text:
        qtbot.keyClicks(widget, text)
    if key is not None:
        qtbot.keyClick(widget, key)


def test_a_first_start_asks_for_the_establishment_and_its_dpo(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from gui import cli
    from gui.entity_dialog import SetupDialog
    from gui.retention import RetentionActions

    fresh = tmp_path / "nouveau.db"
    seen: dict[str, object] = {}
    before = set(QApplication.topLevelWidgets())  # windows other tests may have left open

    def first_start(_app: object) -> int:
        window = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, MainWindow) and w.isVisible() and w not in before)
        qtbot.waitUntil(lambda: window.setup_dialog is not None
                        and window.setup_dialog.isVisible(), timeout=10_000)
        dialog = window.setup_dialog
        assert isinstance(dialog, SetupDialog)
        assert dialog.focusWidget() is dialog.name
        _typed(qtbot, dialog, "Centre hospitalier de Brive", Qt.Key.Key_Tab)
        _typed(qtbot, dialog, "", Qt.Key.Key_Down)  # the status: Public, then ESPIC
        _typed(qtbot, dialog, "", Qt.Key.Key_Tab)
        _typed(qtbot, dialog, "190000042", Qt.Key.Key_Tab)
        _typed(qtbot, dialog, "Jeanne Martin", Qt.Key.Key_Tab)
        _typed(qtbot, dialog, "dpo@ch-brive.fr", Qt.Key.Key_Tab)
        _typed(qtbot, dialog, "05 55 00 00 00")
        with qtbot.waitSignal(dialog.saved, timeout=2000):
            _typed(qtbot, dialog, "", Qt.Key.Key_Return)
        assert not dialog.isVisible()
        actions: RetentionActions = window.retention  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: not actions.reminders.pending, timeout=5_000)
        seen.update(
            reminders=actions.reminders.bar.texts_shown()
            if actions.reminders.bar.isVisible() else [],
            hint=window.empty_hint.text() if window.empty_hint.isVisible() else "",
            enabled={a.objectName(): a.isEnabled() for a in (
                window.edit_action, window.validate_action, window.delete_action,
                window.duplicate_action, window.archive_action, window.save_action)},
            entities=window.entity_combo.count())
        window.new_activity()  # a new activity: not "last reviewed over 12 months ago"
        seen["findings"] = [f.code for f in window.editor.completeness.findings] \
            if window.editor.completeness else None
        window.editor.revert()
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", first_start)
    assert cli.main(["--db", str(fresh), "--lang", "fr", "gui"]) == 0
    kept = open_register(str(fresh))
    try:
        with kept.uow() as uow:
            (stored,) = uow.entities.list()
    finally:
        kept.close()
    assert (stored.name, stored.status, stored.finess) == (
        "Centre hospitalier de Brive", EstablishmentStatus.ESPIC, "190000042")
    assert (stored.dpo.name, stored.dpo.email, stored.dpo.phone) == (
        "Jeanne Martin", "dpo@ch-brive.fr", "05 55 00 00 00")
    assert seen["reminders"] == []  # nothing to review in an empty register
    assert "Le registre est vide" in str(seen["hint"])
    assert seen["enabled"] == dict.fromkeys(
        ("edit", "validate", "delete", "duplicate", "archive", "save"), False)
    assert seen["findings"] is not None and "review_overdue" not in seen["findings"]


def test_escape_leaves_the_setup_for_later_and_nothing_is_invented(
        qtbot: QtBot, register: Register, settings: Settings) -> None:
    window = MainWindow(register, "fr", today=TODAY, settings=settings)
    qtbot.addWidget(window)
    window.show()
    dialog = window.offer_setup()
    assert dialog is not None and dialog.isVisible()
    _typed(qtbot, dialog, "CH", Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    with register.uow() as uow:
        assert uow.entities.list() == []
    assert window.empty_hint.isVisible()
    assert "Aucun établissement" in window.empty_hint.text()
    assert window.offer_setup() is None  # not asked twice in one start…
    window.set_language("en")
    assert window.empty_hint.text().startswith("No establishment is described yet.")
    window.set_language("fr")
    toolbar = window.findChild(QToolBar, "toolbar")  # …unless the DPO asks: Nouveau
    qtbot.mouseClick(toolbar.widgetForAction(window.new_action), Qt.MouseButton.LeftButton)
    again = window.setup_dialog
    assert again is not None and again is not dialog and again.isVisible()
    assert window.editor.original is None  # no activity under "Mon établissement"
    save = again.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled()  # no establishment without a name
    _typed(qtbot, again, "", Qt.Key.Key_Return)
    assert again.isVisible()
    again.reject()
    with register.uow() as uow:
        assert uow.entities.list() == []
    window.grab().save("/tmp/window-empty.png")


def test_the_placeholder_establishment_is_described_in_place(
        qtbot: QtBot, register: Register, settings: Settings) -> None:
    placeholder = services.default_entity(register.uow())  # what a command line run made
    services.add_activity(register.uow(), ProcessingActivity(
        int(placeholder.id or 0), "RH-01", "Paie"), TODAY)
    window = MainWindow(register, "fr", today=TODAY, settings=settings)
    qtbot.addWidget(window)
    window.show()
    dialog = window.offer_setup()
    assert dialog is not None and dialog.name.text() == ""  # not "Mon établissement"
    _typed(qtbot, dialog, "EHPAD Les Tilleuls")
    with qtbot.waitSignal(dialog.saved, timeout=2000):
        _typed(qtbot, dialog, "", Qt.Key.Key_Return)
    with register.uow() as uow:
        (stored,) = uow.entities.list()
    assert (stored.id, stored.name, stored.status) == (
        placeholder.id, "EHPAD Les Tilleuls", EstablishmentStatus.PUBLIC)
    assert window.entities == {stored.id: "EHPAD Les Tilleuls"}


def test_the_establishment_dialog_edits_the_status(
        qtbot: QtBot, window: MainWindow, register: Register) -> None:
    from gui.entity_dialog import EntityActions

    actions = window.findChild(EntityActions)
    assert actions is not None
    dialog = actions.edit_entity()
    assert dialog is not None
    assert dialog.status.currentData() == "public"
    dialog.status.setFocus()
    qtbot.keyClick(dialog.status, Qt.Key.Key_End)  # the last: Privé
    assert dialog.status.currentText() == "Privé"
    with qtbot.waitSignal(dialog.saved, timeout=2000):
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save),
                         Qt.MouseButton.LeftButton)
    with register.uow() as uow:
        (stored,) = uow.entities.list()
    assert stored.status is EstablishmentStatus.PRIVATE
    dialog.grab().save("/tmp/entity-dialog.png")


def test_quitting_with_an_edited_form_asks_first(
        qtbot: QtBot, window: MainWindow, register: Register,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("gui.dialogs.ask_save_changes", REAL_ASK_SAVE_CHANGES)
    _click_row(qtbot, window, "RH-01")
    window.edit_selected()
    qtbot.keyClick(window.editor.department, Qt.Key.Key_End)
    qtbot.keyClicks(window.editor.department, " et paie")
    seen: list[str] = []
    _answer(qtbot, Qt.Key.Key_Escape, seen)
    qtbot.keyClick(window, Qt.Key.Key_Q, CTRL)  # Quitter
    assert len(seen) == 1 and window.isVisible()  # Escape: stay, nothing lost
    assert window.editor.department.text() == "DRH et paie"
    # the title bar's ×, as Quitter does (offscreen the window is not made active again
    # after the box, so its Ctrl+Q would not reach it): Enter saves, then it closes
    _answer(qtbot, Qt.Key.Key_Return, seen)
    window.close()
    assert len(seen) == 2 and not window.isVisible()
    assert _stored(register, "RH-01").department == "DRH et paie"
