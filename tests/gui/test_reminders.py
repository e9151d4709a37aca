"""Reminders in the main window: a bar above the activity table says that a review is due,
which legal holds are open for more than a year and which activities lack a required DPIA;
its links open the review, the hold, the activity; it closes, opens again from the menu,
and follows the register (a signed review, an ended hold)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from domain import services
from domain.model import DataCategoryUse, ProcessingActivity, RetentionRule
from gui.main_window import MainWindow
from gui.retention import RetentionActions
from gui.retention.holds_screen import HoldsScreen
from gui.retention.reminders import RemindersBar
from gui.retention.review_screen import ReviewScreen
from gui.settings import Settings
from storage.holds import HoldRequest, add_hold
from storage.register import Register
from storage.review import sign_off, start_review
from tests.builders import entity

TODAY = date(2026, 11, 29)
NOW = "2026-11-29T10:00:00+00:00"


def _window(qtbot: QtBot, register: Register, settings: Settings) -> MainWindow:
    window = MainWindow(register, "fr", today=TODAY, settings=settings)
    qtbot.addWidget(window)
    window.show()
    actions: RetentionActions = window.retention  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not actions.reminders.pending, timeout=5_000)
    return window


def _bar(window: MainWindow) -> RemindersBar:
    actions: RetentionActions = window.retention  # type: ignore[attr-defined]
    return actions.reminders.bar


def _click(bar: RemindersBar, line: int, link: str) -> None:
    """What a click on a link of a line does: the label emits the link."""
    label = bar.labels[line]
    assert isinstance(label, QLabel) and f"href='{link}'" in label.text()
    label.linkActivated.emit(link)


def test_the_demo_register_opens_with_its_reminders(qtbot: QtBot, demo: Register,
                                                    settings: Settings) -> None:
    window = _window(qtbot, demo, settings)
    bar = _bar(window)
    assert bar.isVisible() and bar.title.text() == "Rappels"
    assert bar.texts_shown() == [
        "↻ Aucune revue trimestrielle de conservation n'a encore été signée. "
        "Démarrer la revue",
        "⚖ Gels juridiques sans date de fin ouverts depuis plus d'un an : "
        "SOIN-01 — Données de santé (depuis 420 j)",
        "⚠ AIPD requise mais non réalisée (1 traitement(s)) : SOIN-09",
    ]
    layout = window.left.layout()  # above the table
    assert layout is not None and layout.indexOf(bar) == layout.indexOf(window.table) - 1

    window.texts.set_lang("en")
    assert bar.title.text() == "Reminders"
    assert bar.texts_shown()[2] == "⚠ DPIA required but not done (1 activity): SOIN-09"
    window.texts.set_lang("fr")

    # each link opens what it names
    actions: RetentionActions = window.retention  # type: ignore[attr-defined]
    _click(bar, 2, "activity:1:SOIN-09")
    row = window.selected_row()
    assert row is not None and row.activity.ref == "SOIN-09"
    hold_link = bar.labels[1].text().split("href='")[1].split("'")[0]
    _click(bar, 1, hold_link)
    holds = actions.screens["holds"]
    assert isinstance(holds, HoldsScreen) and holds.isVisible()
    selected = holds.selected_hold()
    assert selected is not None and (selected.activity, selected.category) == (
        "SOIN-01", "health")
    _click(bar, 0, "review")
    assert isinstance(actions.screens["review"], ReviewScreen)
    assert actions.screens["review"].isVisible()

    # closed by its ×, shown again from the Conservation menu
    qtbot.mouseClick(bar.close_button, Qt.MouseButton.LeftButton)
    assert not bar.isVisible()
    actions.reminders_action.trigger()
    assert bar.isVisible() and len(bar.texts_shown()) == 3


def test_reminders_follow_a_signed_review_and_an_ended_hold(
        qtbot: QtBot, demo: Register, settings: Settings,
        monkeypatch: pytest.MonkeyPatch) -> None:
    window = _window(qtbot, demo, settings)
    bar = _bar(window)
    actions: RetentionActions = window.retention  # type: ignore[attr-defined]
    actions.review_action.trigger()
    review = actions.screens["review"]
    assert isinstance(review, ReviewScreen)
    review.now = lambda: NOW
    with qtbot.waitSignal(review.review_finished, timeout=30_000):
        qtbot.mouseClick(review.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Reprendre la revue 2026-Q4" in bar.texts_shown()[0],
                    timeout=5_000)
    monkeypatch.setattr("gui.dialogs.confirm", lambda *_args: True)
    qtbot.mouseClick(review.sign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(bar.texts_shown()) == 2, timeout=5_000)
    assert bar.texts_shown()[0].startswith("⚖ Gels juridiques")

    actions.open_holds()
    holds = actions.screens["holds"]
    assert isinstance(holds, HoldsScreen)
    holds.select_hold(next(h.id for h in holds.holds if h.activity == "SOIN-01"))
    qtbot.mouseClick(holds.end_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(bar.texts_shown()) == 1, timeout=5_000)
    assert bar.texts_shown() == [
        "⚠ AIPD requise mais non réalisée (1 traitement(s)) : SOIN-09"]


# --- edge cases on a small register --------------------------------------------------------


@pytest.fixture
def small(register: Register) -> Register:
    owner = services.add_entity(register.uow(), entity())
    assert owner.id is not None
    for ref in ("RH-01", "RH-02"):
        services.add_activity(register.uow(), ProcessingActivity(
            owner.id, ref, ref, data_categories=(DataCategoryUse(
                "identity", retention=RetentionRule("last_contact + 2 years")),)), TODAY)
    return register


def test_no_review_ever_and_a_hold_of_366_days(qtbot: QtBot, small: Register,
                                               settings: Settings) -> None:
    add_hold(small.uow(), HoldRequest(1, "RH-01", TODAY - timedelta(days=366), "prud'hommes"),
             NOW)
    add_hold(small.uow(), HoldRequest(1, "RH-02", TODAY - timedelta(days=365), "recours"),
             NOW)
    window = _window(qtbot, small, settings)
    assert _bar(window).texts_shown() == [
        "↻ Aucune revue trimestrielle de conservation n'a encore été signée. "
        "Démarrer la revue",
        "⚖ Gels juridiques sans date de fin ouverts depuis plus d'un an : RH-01 "
        "(depuis 366 j)",
    ]


def test_nothing_to_remind_no_bar(qtbot: QtBot, small: Register, settings: Settings) -> None:
    review = start_review(small.uow(), date(2026, 11, 1), now=NOW)
    assert review.id is not None
    sign_off(small.uow(), review.id, "Élise Durand", now=NOW, next_review_on=TODAY +
             timedelta(days=1))
    window = _window(qtbot, small, settings)
    bar = _bar(window)
    assert bar.texts_shown() == [] and not bar.isVisible()


def test_a_review_due_since_its_next_date(qtbot: QtBot, small: Register,
                                          settings: Settings) -> None:
    review = start_review(small.uow(), date(2026, 8, 31), now=NOW)
    assert review.id is not None
    sign_off(small.uow(), review.id, "Élise Durand", now=NOW,
             next_review_on=date(2026, 11, 28))
    window = _window(qtbot, small, settings)
    assert _bar(window).texts_shown() == [
        "↻ La revue trimestrielle est due depuis le 2026-11-28 (dernière signée : 2026-Q3). "
        "Démarrer la revue"]
