"""Journeys through the quarterly review and the legal holds, as a DPO walks them: the real
window on the demo register, the screens opened from the "Conservation" menu, keys and
mouse clicks (Enter, typed dates, clicks on the tree and the tables), and what the
register stores checked after each step."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QDateEdit, QPushButton, QTreeWidgetItem, QWidget
from pytestqt.qtbot import QtBot

from domain.check import Status
from domain.holds import HoldScope
from domain.review import Decision
from gui.main_window import MainWindow
from gui.retention import RetentionActions, review_screen
from gui.retention.dashboard import DashboardScreen
from gui.retention.holds_screen import HoldsScreen
from gui.retention.review_screen import ReviewScreen
from gui.retention.rule_editor import RuleEditorDialog
from gui.settings import Settings
from storage.holds import list_holds
from storage.register import Register
from storage.review import FindingScope, findings, list_reviews
from storage.tables import ReviewRow

TODAY = date(2026, 11, 29)  # the day the demo register was written for


class MovableClock:
    """The window's clock, moved by the test (a screen left open over midnight)."""

    def __init__(self, day: date) -> None:
        self.day = day

    def __call__(self) -> date:
        return self.day


@pytest.fixture
def window(qtbot: QtBot, demo: Register, settings: Settings) -> Iterator[MainWindow]:
    shown = MainWindow(demo, "fr", today=MovableClock(TODAY), settings=settings)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    for screen in _actions(shown).screens.values():
        task = getattr(screen, "task", None)
        if task is not None:
            task.wait(30)


def _actions(window: MainWindow) -> RetentionActions:
    actions = window.retention  # type: ignore[attr-defined]
    assert isinstance(actions, RetentionActions)
    return actions


def _from_menu(qtbot: QtBot, window: MainWindow, mnemonic: Qt.Key) -> QWidget:
    """Open the "Conservation" menu with a click on the menu bar, then choose an entry by
    its underlined letter; the screen it opened."""
    actions = _actions(window)
    bar = window.menuBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton,
                     pos=bar.actionGeometry(actions.menu.menuAction()).center())
    qtbot.waitUntil(actions.menu.isVisible)
    before = dict(actions.screens)
    QTest.keyClick(actions.menu, mnemonic)
    qtbot.waitUntil(lambda: any(before.get(k) is not v for k, v in actions.screens.items()))
    opened = next(v for k, v in actions.screens.items() if before.get(k) is not v)
    qtbot.waitExposed(opened)
    return opened


def _open_review(qtbot: QtBot, window: MainWindow) -> ReviewScreen:
    screen = _from_menu(qtbot, window, Qt.Key.Key_T)  # Revue &trimestrielle…
    assert isinstance(screen, ReviewScreen)
    return screen


def _click(qtbot: QtBot, button: QAbstractButton) -> None:
    assert button.isEnabled() and button.isVisible(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _start(qtbot: QtBot, screen: ReviewScreen) -> None:
    with qtbot.waitSignal(screen.review_finished, timeout=120_000):
        _click(qtbot, screen.start_button)


def _item(screen: ReviewScreen, *path: str) -> QTreeWidgetItem:
    """A row of the findings tree by activity, category code, status words."""
    items = [screen.tree.topLevelItem(i) for i in range(screen.tree.topLevelItemCount())]
    item: QTreeWidgetItem | None = None
    for name in path:
        item = next(i for i in items if i is not None and name in (i.text(0), i.toolTip(0)))
        items = [item.child(i) for i in range(item.childCount())]
    assert item is not None
    return item


def _click_item(qtbot: QtBot, screen: ReviewScreen, item: QTreeWidgetItem) -> None:
    screen.tree.scrollToItem(item)
    rect = screen.tree.visualItemRect(item)
    qtbot.mouseClick(screen.tree.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(rect.left() + 40, rect.center().y()))
    assert screen.tree.currentItem() is item


def _click_record(qtbot: QtBot, screen: ReviewScreen, row: int,
                  modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    table = screen.records
    item = table.item(row, 0)
    table.scrollToItem(item)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier,
                     table.visualItemRect(item).center())


def _choose(qtbot: QtBot, screen: ReviewScreen, kind: Decision) -> None:
    """Choose a decision with the keyboard in the combo box, focused as by Tab (a click
    would open its list, which the offscreen platform cannot show): Home, then Down."""
    screen.decision.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(screen.decision, Qt.Key.Key_Home)
    for _step in range(screen.decision.count()):
        if screen.decision.currentData() == kind.value:
            break
        QTest.keyClick(screen.decision, Qt.Key.Key_Down)
    assert screen.decision.currentData() == kind.value


def _type_date(qtbot: QtBot, edit: QDateEdit, day: date) -> None:
    """Type a date section by section, each after a click on it, as a DPO does."""
    line = edit.lineEdit()
    for position, text in ((1, f"{day.year:04d}"), (6, f"{day.month:02d}"),
                           (9, f"{day.day:02d}")):
        line.setCursorPosition(position)
        x = line.cursorRect().center().x()
        line.setCursorPosition(len(line.text()))  # the click, not this, places the cursor
        qtbot.mouseClick(line, Qt.MouseButton.LeftButton, pos=QPoint(x, line.height() // 2))
        QTest.keyClicks(line, text)
    assert edit.date().toPython() == day, edit.text()


# --- Enter, one open review per quarter, abandon, sign-off -------------------------------


def test_enter_never_starts_a_review_and_a_quarter_has_one_open_review(
        qtbot: QtBot, window: MainWindow, demo: Register,
        monkeypatch: pytest.MonkeyPatch) -> None:
    screen = _open_review(qtbot, window)
    assert all(not b.autoDefault() and not b.isDefault()
               for b in screen.findChildren(QPushButton))
    for widget in (screen.as_of, screen.horizon, screen.start_button, screen.history):
        widget.setFocus()
        QTest.keyClick(widget, Qt.Key.Key_Return)
        QTest.keyClick(widget, Qt.Key.Key_Enter)
    assert screen.task is None and list_reviews(demo.uow()) == []
    assert screen.isVisible()  # Enter did not close it either

    _start(qtbot, screen)
    (stored,) = list_reviews(demo.uow())
    assert (stored.title, stored.as_of) == ("2026-Q4", TODAY)
    task = screen.task
    for widget in (screen, screen.as_of, screen.tree, screen.note, screen.signer):
        widget.setFocus()
        QTest.keyClick(widget, Qt.Key.Key_Return)
    assert screen.task is task and not task.is_running
    assert [r.id for r in list_reviews(demo.uow())] == [stored.id]
    # the window says why Start is off, in words
    assert not screen.start_button.isEnabled()
    assert screen.start_hint.text() == ("La revue 2026-Q4 est en cours : poursuivez-la, ou "
                                        "abandonnez-la pour la recommencer.")
    assert screen.comparison.text().startswith("Première revue : ")  # none was signed

    # abandoned, with a reason: its quarter can be reviewed again
    asked: list[tuple[str, int]] = []

    def reason(_parent: QWidget, _texts: object, title: str, decided: int) -> str:
        asked.append((title, decided))
        return "démarrée avant le chargement de l'inventaire RH"

    monkeypatch.setattr(review_screen, "ask_abandon_reason", reason)
    _click(qtbot, screen.abandon_button)
    assert asked == [("2026-Q4", 0)]
    assert list_reviews(demo.uow()) == []
    entries = demo.audit_entries("review", f"2026-Q4#{stored.id}")
    (why,) = [e for e in entries if e.field == "abandoned"]
    assert json.loads(why.new_value or "")["why"] == \
        "démarrée avant le chargement de l'inventaire RH"
    assert screen.start_button.isEnabled() and screen.start_hint.text() == ""

    _start(qtbot, screen)
    (again,) = list_reviews(demo.uow())
    assert again.id != stored.id and again.title == "2026-Q4"

    # signed: the quarter may be reviewed again, compared with the signed review
    monkeypatch.setattr("gui.dialogs.confirm", lambda *_args: True)
    _click(qtbot, screen.sign_button)
    assert list_reviews(demo.uow())[0].is_signed
    _start(qtbot, screen)
    third, signed = list_reviews(demo.uow())
    assert signed.id == again.id and not third.is_signed
    assert screen.current is not None and screen.current.id == third.id
    assert "Première revue" not in screen.comparison.text()
    assert screen.comparison.text().startswith("En retard : ")


def test_the_screen_reopens_on_the_review_worked_on_and_duplicates_are_abandoned(
        qtbot: QtBot, window: MainWindow, demo: Register,
        monkeypatch: pytest.MonkeyPatch) -> None:
    screen = _open_review(qtbot, window)
    _start(qtbot, screen)
    assert screen.current is not None and screen.current.id is not None
    worked = screen.current.id
    _click_item(qtbot, screen, _item(screen, "SEC-01"))
    _choose(qtbot, screen, Decision.ACCEPTED)
    qtbot.mouseClick(screen.note, Qt.MouseButton.LeftButton)
    QTest.keyClicks(screen.note, "images deja effacees par l'enregistreur")
    _click(qtbot, screen.apply_group)
    with demo.uow() as uow:  # a register written before: a second open 2026-Q4, later
        row = ReviewRow(title="2026-Q4", as_of=TODAY, horizon_days=92, started_by="dpo",
                        started_at="2026-11-29T16:00:00+00:00")
        uow.session.add(row)
        uow.commit()
        duplicate = row.id
    QTest.keyClick(screen, Qt.Key.Key_Escape)
    assert not screen.isVisible()

    screen = _open_review(qtbot, window)
    assert screen.current is not None and screen.current.id == worked
    rows = {screen.history.item(r, 0).text(): r for r in range(screen.history.rowCount())}
    assert len(rows) == 1  # both are 2026-Q4
    marks = [screen.history.item(r, screen.history.columnCount() - 1).text()
             for r in range(screen.history.rowCount())]
    assert sorted(marks) == ["(en cours)", "(en double : à abandonner)"]
    double = marks.index("(en double : à abandonner)")
    qtbot.mouseClick(screen.history.viewport(), Qt.MouseButton.LeftButton,
                     pos=screen.history.visualItemRect(screen.history.item(double, 0)).center())
    assert screen.current is not None and screen.current.id == duplicate
    assert "celle-ci est en double" in screen.banner.texts()[0]
    monkeypatch.setattr(review_screen, "ask_abandon_reason", lambda *_args: "doublon")
    _click(qtbot, screen.abandon_button)
    assert [r.id for r in list_reviews(demo.uow())] == [worked]
    assert screen.current is not None and screen.current.id == worked


# --- decisions: typed dates, lawful purges, notes, focus, the rule -----------------------


def test_a_planned_purge_is_lawful_and_dates_are_typed(
        qtbot: QtBot, window: MainWindow, demo: Register) -> None:
    screen = _open_review(qtbot, window)
    _start(qtbot, screen)
    assert screen.current is not None and screen.current.id is not None
    review = screen.current.id
    health = _item(screen, "SOIN-01", "health")
    _click_item(qtbot, screen, health)
    _choose(qtbot, screen, Decision.PURGE_PLANNED)

    # a day before the review: refused, in words, nothing stored
    _type_date(qtbot, screen.purge_on, date(2026, 1, 31))
    _click(qtbot, screen.apply_group)
    assert screen.messages.texts() == [
        "Une purge ne peut pas être planifiée le 2026-01-31, avant la date de la revue "
        "(2026-11-29) : choisissez le 2026-11-29 ou plus tard"]
    scope = FindingScope(activity="SOIN-01", category="health")
    assert all(f.decision is None for f in findings(demo.uow(), review, scope))

    # a day after the review: only the records whose last day of retention is past by then
    day = date(2027, 1, 31)
    _type_date(qtbot, screen.purge_on, day)
    _click(qtbot, screen.apply_group)
    stored = findings(demo.uow(), review, scope)
    planned = [f for f in stored if f.decision is not None]
    left = [f for f in stored if f.decision is None]
    assert planned and left
    assert all(f.deadline is not None and f.deadline < day and f.decision is not None
               and f.decision.kind is Decision.PURGE_PLANNED and f.decision.purge_on == day
               for f in planned)
    assert all(f.deadline is None or f.deadline >= day or f.status.value == "on_hold"
               for f in left)
    said = screen.messages.text("left-out")
    assert said.startswith(f"{len(left)} enregistrement(s) ne sont pas dans cette purge : ")
    kept = [f for f in left if f.deadline is not None and f.status.value != "on_hold"]
    if kept:
        latest = max(f.deadline for f in kept if f.deadline is not None)
        assert f"jusqu'au {latest.isoformat()} au plus tard" in said
    assert "health" not in said and "due_soon" not in said  # words, not codes

    # records not due yet on the day chosen: nothing planned, and the DPO is told why
    due = _item(screen, "SOIN-01", "health", "À échéance (trimestre)")  # the tree was redrawn
    _click_item(qtbot, screen, due)
    _type_date(qtbot, screen.purge_on, TODAY)
    due_scope = FindingScope(activity="SOIN-01", category="health", status=Status.DUE_SOON)
    decided = findings(demo.uow(), review, due_scope)
    _click(qtbot, screen.apply_group)
    (refused,) = screen.messages.texts()
    assert refused.startswith("Purge non planifiée : aucun de ces enregistrements ne peut "
                              "être purgé le 2026-11-29 : ")
    assert "encore conservé(s) à cette date" in refused
    assert findings(demo.uow(), review, due_scope) == decided  # nothing changed


def test_a_note_stays_with_its_group_and_focus_stays_where_the_dpo_works(
        qtbot: QtBot, window: MainWindow, demo: Register) -> None:
    screen = _open_review(qtbot, window)
    _start(qtbot, screen)
    _click_item(qtbot, screen, _item(screen, "SOIN-01", "health"))
    _choose(qtbot, screen, Decision.ACCEPTED)
    qtbot.mouseClick(screen.note, Qt.MouseButton.LeftButton)
    QTest.keyClicks(screen.note, "dossiers en cours de contentieux")
    _click_item(qtbot, screen, _item(screen, "SEC-01"))
    assert screen.note.text() == ""  # the note does not follow to another group

    overdue = _item(screen, "SEC-01")
    overdue = next(overdue.child(0).child(i) for i in range(overdue.child(0).childCount())
                   if overdue.child(0).child(i).text(0) == "En retard")
    _click_item(qtbot, screen, overdue)
    assert screen.records.rowCount() >= 2
    _click_record(qtbot, screen, 0)
    _click_record(qtbot, screen, 1, Qt.KeyboardModifier.ControlModifier)
    qtbot.mouseClick(screen.note, Qt.MouseButton.LeftButton)
    QTest.keyClicks(screen.note, "copie remise a la police")
    chosen = [screen.records.item(r, 0).text() for r in (0, 1)]
    _click(qtbot, screen.apply_selected)
    assert screen.focusWidget() is not screen.signer
    assert screen.focusWidget() in (screen.records, screen.tree, screen.apply_selected)
    assert screen.current is not None and screen.current.id is not None
    decided = {f.record_id: f.decision for f in findings(demo.uow(), screen.current.id,
                                                          FindingScope(activity="SEC-01"))
               if f.decision is not None}
    assert set(decided) == set(chosen)
    assert {d.note for d in decided.values()} == {"copie remise a la police"}
    assert screen.note.text() == "copie remise a la police"  # the same group: kept


def test_rule_revised_opens_the_rule_of_that_activity_and_category(
        qtbot: QtBot, window: MainWindow) -> None:
    screen = _open_review(qtbot, window)
    _start(qtbot, screen)
    assert not screen.open_rule.isEnabled()
    _click_item(qtbot, screen, _item(screen, "SOIN-01", "health"))
    _choose(qtbot, screen, Decision.RULE_REVISED)
    assert screen.open_rule.isEnabled()
    with qtbot.waitSignal(screen.rule_requested):
        _click(qtbot, screen.open_rule)
    editor = _actions(window).screens["rule"]
    assert isinstance(editor, RuleEditorDialog) and editor.isVisible()
    assert (editor.activity.ref, editor.category) == ("SOIN-01", "health")


def test_a_hold_decided_on_chosen_rows_covers_every_category_of_the_activity(
        qtbot: QtBot, window: MainWindow, demo: Register) -> None:
    screen = _open_review(qtbot, window)
    _start(qtbot, screen)
    before = {h.id for h in list_holds(demo.uow())}
    health = _item(screen, "SOIN-01", "health")
    overdue = next(health.child(i) for i in range(health.childCount())
                   if health.child(i).text(0) == "En retard")
    _click_item(qtbot, screen, overdue)
    _click_record(qtbot, screen, 0)
    chosen = screen.records.item(0, 0).text()
    _choose(qtbot, screen, Decision.LEGAL_HOLD)
    assert screen.hold_every_category.isEnabled() and screen.hold_every_category.isChecked()
    qtbot.mouseClick(screen.note, Qt.MouseButton.LeftButton)
    QTest.keyClicks(screen.note, "recours TA 2026-0412")
    with qtbot.waitSignal(screen.holds_changed):
        _click(qtbot, screen.apply_selected)
    (hold,) = [h for h in list_holds(demo.uow()) if h.id not in before]
    assert (hold.activity, hold.category, hold.record_ids) == ("SOIN-01", "", (chosen,))
    assert hold.starts_on == TODAY and hold.reason == "recours TA 2026-0412"


# --- after midnight -----------------------------------------------------------------------


def test_a_screen_open_over_midnight_acts_on_the_new_day(
        qtbot: QtBot, demo: Register, settings: Settings) -> None:
    clock = MovableClock(date(2026, 12, 31))
    window = MainWindow(demo, "fr", today=clock, settings=settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    screen = _open_review(qtbot, window)
    assert screen.as_of.date().toPython() == date(2026, 12, 31)
    holds = _from_menu(qtbot, window, Qt.Key.Key_G)  # &Gels juridiques…
    assert isinstance(holds, HoldsScreen)
    assert holds.starts_on.date().toPython() == date(2026, 12, 31)

    assert screen.start_button.text() == "Démarrer la revue 2026-Q4"
    clock.day = date(2027, 1, 1)  # midnight passes, both screens open
    screen.day_timer.timeout.emit()  # the screen's minute tick
    assert screen.as_of.date().toPython() == date(2027, 1, 1)
    assert screen.start_button.text() == "Démarrer la revue 2027-Q1"
    holds.day_timer.timeout.emit()
    assert holds.starts_on.date().toPython() == date(2027, 1, 1)
    _start(qtbot, screen)
    (review,) = list_reviews(demo.uow())
    assert (review.as_of, review.title) == (date(2027, 1, 1), "2027-Q1")
    assert screen.as_of.date().toPython() == date(2027, 1, 1)

    before = {h.id for h in list_holds(demo.uow())}
    qtbot.mouseClick(holds.reason, Qt.MouseButton.LeftButton)
    QTest.keyClicks(holds.reason, "requisition judiciaire 2027-001")
    QTest.keyClick(holds.reason, Qt.Key.Key_Return)  # Enter creates nothing
    assert holds.create_task is None
    with qtbot.waitSignal(holds.create_finished, timeout=20_000):
        _click(qtbot, holds.create_button)
    (hold,) = [h for h in list_holds(demo.uow()) if h.id not in before]
    assert hold.starts_on == date(2027, 1, 1)
    assert holds.state_words(hold) == "Actif depuis aujourd'hui"
    clock.day = date(2027, 1, 2)
    holds.day_timer.timeout.emit()
    row = next(r for r in range(holds.table.rowCount())
               if holds.table.item(r, 0).data(Qt.ItemDataRole.UserRole) == hold.id)
    assert holds.table.item(row, 6).text() == "Actif depuis hier"
    if holds.create_task is not None:
        holds.create_task.wait(10)


# --- the dashboard after decisions; holds on listed records ------------------------------


def test_the_dashboard_counts_planned_purges_apart_from_plain_overdue(
        qtbot: QtBot, window: MainWindow, demo: Register) -> None:
    screen = _open_review(qtbot, window)
    _start(qtbot, screen)
    assert screen.current is not None and screen.current.id is not None
    sec = _item(screen, "SEC-01")
    overdue = next(sec.child(0).child(i) for i in range(sec.child(0).childCount())
                   if sec.child(0).child(i).text(0) == "En retard")
    _click_item(qtbot, screen, overdue)
    _choose(qtbot, screen, Decision.PURGE_PLANNED)
    _type_date(qtbot, screen.purge_on, date(2026, 12, 15))
    _click(qtbot, screen.apply_group)
    planned = [f for f in findings(demo.uow(), screen.current.id,
                                   FindingScope(activity="SEC-01", status=Status.OVERDUE))
               if f.decision is not None and f.decision.kind is Decision.PURGE_PLANNED]
    assert planned
    total_overdue = screen.current.totals[Status.OVERDUE]

    dashboard = _from_menu(qtbot, window, Qt.Key.Key_B)  # Tableau de &bord…
    assert isinstance(dashboard, DashboardScreen)
    qtbot.waitUntil(lambda: dashboard.figures is not None, timeout=120_000)  # opened: computing
    figures = dashboard.figures
    assert figures is not None and figures.planned_total == len(planned)
    words = {s: t.text() for s, t in dashboard.status_tiles.items()}
    plain = f"{total_overdue - len(planned):,}".replace(",", "\u202f")
    assert words[Status.OVERDUE].startswith("En retard<br>") and plain in words[Status.OVERDUE]
    assert dashboard.planned_tile.text().startswith("Purge planifiée<br>")
    assert f"{len(planned):,}".replace(",", "\u202f") in dashboard.planned_tile.text()
    assert f"dont {plain} en retard" in dashboard.shown_as_of.text()


def test_a_hold_on_listed_records_from_the_holds_screen_covers_every_category(
        qtbot: QtBot, window: MainWindow, demo: Register) -> None:
    holds = _from_menu(qtbot, window, Qt.Key.Key_G)  # &Gels juridiques…
    assert isinstance(holds, HoldsScreen)
    soin = next(i for i in range(holds.activity_combo.count())
                if holds.activity_combo.itemData(i)[1] == "SOIN-01")
    holds.activity_combo.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(holds.activity_combo, Qt.Key.Key_Home)
    for _step in range(soin):
        QTest.keyClick(holds.activity_combo, Qt.Key.Key_Down)
    _click(qtbot, holds.scope_buttons[HoldScope.RECORDS])
    assert holds.category_combo.currentText() == "(toutes les catégories)"
    qtbot.mouseClick(holds.ids_edit.viewport(), Qt.MouseButton.LeftButton)
    for record in ("IPP-0000001", "IPP-0000002"):  # one a line, as pasted from a column
        QTest.keyClicks(holds.ids_edit, record)
        QTest.keyClick(holds.ids_edit, Qt.Key.Key_Return)
    qtbot.mouseClick(holds.reason, Qt.MouseButton.LeftButton)
    QTest.keyClicks(holds.reason, "recours TA 2026-0412")
    before = {h.id for h in list_holds(demo.uow())}
    QTest.keyClick(holds.reason, Qt.Key.Key_Return)  # Enter creates nothing
    assert holds.create_task is None and {h.id for h in list_holds(demo.uow())} == before
    with qtbot.waitSignal(holds.create_finished, timeout=20_000):
        _click(qtbot, holds.create_button)
    (hold,) = [h for h in list_holds(demo.uow()) if h.id not in before]
    assert (hold.activity, hold.category, hold.record_count) == ("SOIN-01", "", 2)
    assert hold.starts_on == TODAY
    # its state is said in words, whole
    row = next(r for r in range(holds.table.rowCount())
               if holds.table.item(r, 0).data(Qt.ItemDataRole.UserRole) == hold.id)
    state = holds.table.item(row, 6).text()
    assert state == "Actif depuis aujourd'hui"
    header = holds.table.horizontalHeader()
    assert holds.table.columnWidth(6) >= holds.table.fontMetrics().horizontalAdvance(state)
    assert header.sectionViewportPosition(6) + header.sectionSize(6) <= \
        holds.table.viewport().width()
