"""The retention dashboard: figures computed off the GUI thread as of a day the DPO picks
(progress, Cancel keeps what was shown), drawn in the statuses' colours and words, in the
window's language; an activity not reviewed, or a bar of the status chart, selects the
activity in the register."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QMenu, QToolBar
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from domain import services
from domain.check import STATUS_ORDER
from domain.completeness import assess
from domain.model import DataCategoryUse, ProcessingActivity, RetentionRule
from domain.vocabulary import load_vocabularies
from gui.main_window import MainWindow
from gui.retention import RetentionActions, dashboard
from gui.retention.dashboard import COMPLETENESS_BINS, DashboardScreen, completeness_bin
from gui.settings import Settings
from gui.undo import EditActivityCommand
from gui.widgets import Level, Texts
from storage.dashboard import deadlines_by_quarter
from storage.inventory import InventorySpec, load_inventory
from storage.register import Register
from tests.builders import entity

TODAY = date(2026, 11, 29)


@pytest.fixture
def small(register: Register, tmp_path: Path) -> Register:
    """Two activities with an inventory; a third, with no category, created long ago."""
    owner = services.add_entity(register.uow(), entity())
    assert owner.id is not None
    for ref, name, code, rule, rows in (
        ("RH-01", "Recrutement", "identity", "last_contact + 2 years",
         "id;last_contact\nC1;2020-01-15\nC2;2021-06-30\nC3;2025-01-01\nC4;2025-02-10\nC5;\n"),
        ("SEC-01", "Vidéoprotection", "location", "recording + 1 month",
         "id;recording\nV1;2026-11-20\nV2;2026-10-01\n"),
    ):
        stored = services.add_activity(register.uow(), ProcessingActivity(
            owner.id, ref, name, data_categories=(DataCategoryUse(
                code, retention=RetentionRule(rule)),)), TODAY)
        assert stored.id is not None
        path = tmp_path / f"{ref}.csv"
        path.write_text(rows, encoding="utf-8")
        load_inventory(register.engine, path, InventorySpec(stored.id, code), actor="dpo")
    services.add_activity(register.uow(), ProcessingActivity(
        owner.id, "QUAL-01", "Déclaration des événements indésirables"), date(2025, 1, 10))
    return register


@pytest.fixture
def screen(qtbot: QtBot, small: Register) -> Iterator[DashboardScreen]:
    shown = DashboardScreen(small, Texts("fr"), load_vocabularies(), TODAY)
    qtbot.addWidget(shown)
    shown.show()
    yield shown
    if shown.task is not None:
        shown.task.wait(10)


def _compute(qtbot: QtBot, screen: DashboardScreen) -> None:
    with qtbot.waitSignals([screen.figures_shown, screen.computation_ended], timeout=20_000):
        qtbot.mouseClick(screen.refresh_button, Qt.MouseButton.LeftButton)


def _sets(chart: QChart) -> list[QBarSet]:
    (series,) = chart.series()
    return list(series.barSets())  # type: ignore[attr-defined]


def _categories(chart: QChart) -> list[str]:
    axis = next(a for a in chart.axes() if isinstance(a, QBarCategoryAxis))
    return list(axis.categories())


def _axis_titles(chart: QChart) -> list[str]:
    return sorted(a.titleText() for a in chart.axes())


def test_the_figures_are_drawn_as_of_the_day(qtbot: QtBot, screen: DashboardScreen,
                                            small: Register) -> None:
    assert screen.shown_as_of.text() == "Calcul des chiffres…"
    _compute(qtbot, screen)
    assert screen.shown_as_of.text() == (
        "Chiffres au 2026-11-29 : 7 enregistrements dans 2 inventaires, dont 3 en retard")
    assert not screen.progress.isVisible() and not screen.cancel_button.isEnabled()
    assert [screen.status_tiles[s].text() for s in STATUS_ORDER] == [
        "En retard<br><b style='font-size:14pt'>3</b>",
        "À échéance<br><b style='font-size:14pt'>3</b>",
        "À archiver<br><b style='font-size:14pt'>0</b>",
        "Gel juridique<br><b style='font-size:14pt'>0</b>",
        "Indéterminés<br><b style='font-size:14pt'>1</b>",
        "Conformes<br><b style='font-size:14pt'>0</b>",
    ]

    # Records by status per activity: the statuses' words and colours, most overdue on top.
    status = screen.status_chart
    assert status.title() == "Enregistrements par statut et par traitement"
    assert _categories(status) == ["SEC-01  Vidéoprotection", "RH-01  Recrutement"]
    assert _axis_titles(status) == ["Enregistrements", "Traitement (le plus en retard en haut)"]
    voc = load_vocabularies()
    bars = {b.label(): b for b in _sets(status)}
    assert list(bars) == [voc.retention_statuses[s.value].label("fr") for s in STATUS_ORDER]
    for code in ("overdue", "ok"):
        term = voc.retention_statuses[code]
        assert bars[term.label("fr")].color() == QColor(str(term.extra["colour"]))
    assert [bars["En retard"].at(i) for i in range(2)] == [1.0, 2.0]
    assert [bars["À échéance"].at(i) for i in range(2)] == [1.0, 2.0]
    assert [bars["Indéterminés"].at(i) for i in range(2)] == [0.0, 1.0]

    # Deadlines per quarter: the engine's figures, the quarters named in French.
    deadline = screen.deadline_chart
    (counts,) = _sets(deadline)
    calendar = deadlines_by_quarter(small.engine, TODAY)
    assert [counts.at(i) for i in range(counts.count())] == [1.0, 2.0] + [0.0] * 7
    assert calendar.totals == (1, 2, 0, 0, 0, 0, 0, 0, 0)
    assert _categories(deadline)[:3] == ["T4<br>2026", "T1<br>2027", "T2<br>2027"]
    assert _categories(deadline)[-1] == "T4<br>2028"
    assert _axis_titles(deadline) == [
        "Enregistrements",
        "Trimestre de la fin de conservation (le premier à partir du 2026-11-29)"]
    assert screen.deadline_tooltip(1).splitlines() == [
        "T1 2027 (du 2027-01-01 au 2027-03-31) : 2 enregistrement(s)",
        "  RH-01  Recrutement : 2"]
    assert deadline.legend().isVisible()

    # Completeness: every live activity in the bin of its percentage.
    activities = services.list_activities(small.uow())
    expected = [0] * len(COMPLETENESS_BINS)
    for activity in activities:
        expected[completeness_bin(assess(activity, voc, TODAY).percent)] += 1
    drawn = [c.rsplit(" (", 1) for c in _categories(screen.completeness_chart)]
    assert [(label, int(n.rstrip(")"))) for label, n in reversed(drawn)] == [
        (fr, count) for (_low, fr, _en, _c), count in zip(COMPLETENESS_BINS, expected,
                                                            strict=True)]
    assert sum(expected) == 3
    assert screen.completeness_chart.title() == \
        f"Complétude : {expected[0]} complets sur 3"

    # Not reviewed for twelve months: QUAL-01, created in January 2025, never validated.
    assert screen.review_box.title() == "Non revus depuis 12 mois : 1 traitement(s) sur 3"
    assert [screen.not_reviewed.item(0, c).text() for c in range(3)] == [
        "QUAL-01", "Déclaration des événements indésirables", "jamais"]


def test_another_day_is_computed_when_chosen(qtbot: QtBot, screen: DashboardScreen) -> None:
    _compute(qtbot, screen)
    with qtbot.waitSignal(screen.figures_shown, timeout=20_000) as shown:
        screen.as_of.setDate(QDate(2026, 12, 31))
    assert shown.args is not None and shown.args[0].as_of == date(2026, 12, 31)
    # V1's last day (2026-12-20) has passed: overdue, and no longer due in 2026-Q4
    assert screen.shown_as_of.text() == (
        "Chiffres au 2026-12-31 : 7 enregistrements dans 2 inventaires, dont 4 en retard")
    (counts,) = _sets(screen.deadline_chart)
    assert [counts.at(i) for i in range(3)] == [0.0, 2.0, 0.0]
    assert screen.deadline_tooltip(0).splitlines() == [
        "T4 2026 (du 2026-12-31 au 2026-12-31) : 0 enregistrement(s)"]


def test_the_language_switch_redraws_the_charts(qtbot: QtBot, screen: DashboardScreen) -> None:
    _compute(qtbot, screen)
    screen.texts.set_lang("en")
    assert screen.windowTitle() == "Retention dashboard"
    assert screen.status_chart.title() == "Records by status and activity"
    assert [b.label() for b in _sets(screen.status_chart)][:2] == ["Overdue", "Due soon"]
    assert _categories(screen.deadline_chart)[1] == "Q1<br>2027"
    assert screen.not_reviewed.item(0, 2).text() == "never"
    assert screen.shown_as_of.text() == (
        "Figures as of 2026-11-29: 7 records in 2 inventories, 3 of them overdue")


def test_the_records_within_their_period_can_be_left_out(qtbot: QtBot,
                                                         screen: DashboardScreen) -> None:
    _compute(qtbot, screen)
    assert len(_sets(screen.status_chart)) == 6
    screen.include_ok.setChecked(False)
    assert "Conformes" not in [b.label() for b in _sets(screen.status_chart)]
    assert len(_sets(screen.status_chart)) == 5


def test_an_activity_is_chosen_from_the_list_or_a_bar(qtbot: QtBot, screen: DashboardScreen,
                                                      small: Register) -> None:
    _compute(qtbot, screen)
    owner = services.default_entity(small.uow())
    item = screen.not_reviewed.item(0, 1)
    rect = screen.not_reviewed.visualItemRect(item)
    with qtbot.waitSignal(screen.activity_chosen, timeout=2000) as chosen:
        qtbot.mouseClick(screen.not_reviewed.viewport(), Qt.MouseButton.LeftButton,
                         pos=rect.center())
    assert chosen.args == [owner.id, "QUAL-01"]
    overdue = next(b for b in _sets(screen.status_chart) if b.label() == "En retard")
    with qtbot.waitSignal(screen.activity_chosen, timeout=2000) as chosen:
        overdue.clicked.emit(1)  # what QtCharts sends for a click on RH-01's bar
    assert chosen.args == [owner.id, "RH-01"]


def test_cancel_keeps_the_figures_shown(qtbot: QtBot, screen: DashboardScreen,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    _compute(qtbot, screen)
    reached, clicked = threading.Event(), threading.Event()
    real = dashboard.dashboard_figures

    def held(*args: Any, progress: Callable[[int, int], None], **kwargs: Any) -> object:
        def hold(done: int, total: int) -> None:
            progress(done, total)
            if not reached.is_set():
                reached.set()
                clicked.wait(10)
        return real(*args, progress=hold, **kwargs)

    monkeypatch.setattr(dashboard, "dashboard_figures", held)
    qtbot.mouseClick(screen.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(reached.is_set, timeout=10_000)
    # The worker's first step reaches the progress bar through the GUI thread's queue.
    # 2 inventories, twice, and the register:
    qtbot.waitUntil(lambda: screen.progress.maximum() == 5, timeout=5_000)
    assert screen.cancel_button.isEnabled() and screen.progress.isVisible()
    with qtbot.waitSignal(screen.computation_ended, timeout=10_000):
        qtbot.mouseClick(screen.cancel_button, Qt.MouseButton.LeftButton)
        clicked.set()
    assert screen.messages.texts() == [
        "Calcul annulé. Les chiffres affichés restent ceux du 2026-11-29."]
    assert screen.messages.level("cancelled") is Level.WARNING
    assert screen.figures is not None and screen.figures.as_of == TODAY
    assert not screen.cancel_button.isEnabled() and not screen.progress.isVisible()


def test_a_rule_that_cannot_be_read_is_said_on_the_screen(qtbot: QtBot,
                                                          screen: DashboardScreen,
                                                          small: Register) -> None:
    with small.engine.begin() as connection:
        connection.execute(text("UPDATE activity_data_category SET retention_delete_after = "
                                "'recording + 1 moth' WHERE code = 'location'"))
    with qtbot.waitSignal(screen.computation_ended, timeout=20_000):
        qtbot.mouseClick(screen.refresh_button, Qt.MouseButton.LeftButton)
    (message,) = screen.messages.texts()
    assert message == ("Règle invalide pour SEC-01, Données de localisation : unité « moth » "
                       "inconnue à la position 14 (ans, mois, semaines, jours)")
    assert screen.figures is None


# --- in the window ------------------------------------------------------------------------


@pytest.fixture
def window(qtbot: QtBot, small: Register, settings: Settings) -> Iterator[MainWindow]:
    shown = MainWindow(small, "fr", today=TODAY, settings=settings)
    qtbot.addWidget(shown)
    shown.show()
    yield shown
    actions: RetentionActions = shown.retention  # type: ignore[attr-defined]
    for screen in actions.screens.values():
        task = getattr(screen, "task", None)
        if task is not None:
            task.wait(10)


def test_the_dashboard_opens_from_the_menu_and_selects_an_activity(
        qtbot: QtBot, window: MainWindow) -> None:
    menu = window.findChild(QMenu, "retention-menu")
    action = next(a for a in menu.actions() if a.objectName() == "retention-dashboard")
    assert action.text() == "Tableau de &bord…"
    toolbar = window.findChild(QToolBar, "retention-toolbar")
    assert action in toolbar.actions()
    owner = services.default_entity(window.register.uow())
    assert owner.id is not None and window.select_activity(owner.id, "RH-01")
    action.trigger()
    actions: RetentionActions = window.retention  # type: ignore[attr-defined]
    screen = actions.screens["dashboard"]
    assert isinstance(screen, DashboardScreen) and screen.isVisible()
    qtbot.waitUntil(lambda: screen.figures is not None, timeout=20_000)
    assert screen.review_box.title() == "Non revus depuis 12 mois : 1 traitement(s) sur 3"
    item = screen.not_reviewed.item(0, 0)
    qtbot.mouseClick(screen.not_reviewed.viewport(), Qt.MouseButton.LeftButton,
                     pos=screen.not_reviewed.visualItemRect(item).center())
    selected = window.selected_row()
    assert selected is not None and selected.activity.ref == "QUAL-01"
    # an edit in the register: the open dashboard computes again
    with qtbot.waitSignal(screen.figures_shown, timeout=20_000):
        window.undo_stack.push(_rename(window, "QUAL-01", "Événements indésirables graves"))
    assert screen.not_reviewed.item(0, 1).text() == "Événements indésirables graves"


def _rename(window: MainWindow, ref: str, name: str) -> EditActivityCommand:
    row = window.model.stored(services.default_entity(window.register.uow()).id or 0, ref)
    assert row is not None
    return EditActivityCommand(window.undo_context, row.activity, {"name": name}, "renommer")


def test_the_dashboard_opened_again_while_computing(qtbot: QtBot, window: MainWindow) -> None:
    actions: RetentionActions = window.retention  # type: ignore[attr-defined]
    first = actions.open_dashboard()
    assert first.task is not None
    task = first.task
    second = actions.open_dashboard()  # the first one is deleted while it computes
    qtbot.waitUntil(lambda: second.figures is not None, timeout=20_000)
    assert task.wait(10)
    assert actions.screens["dashboard"] is second
    assert second.shown_as_of.text().startswith("Chiffres au 2026-11-29")


def test_an_inventory_loaded_or_a_hold_changed_computes_the_dashboard_again(
        qtbot: QtBot, window: MainWindow) -> None:
    actions: RetentionActions = window.retention  # type: ignore[attr-defined]
    screen = actions.open_dashboard()
    qtbot.waitUntil(lambda: screen.figures is not None and not screen.running, timeout=20_000)
    wizard = actions.open_inventory_wizard()
    with qtbot.waitSignal(screen.figures_shown, timeout=20_000):
        wizard.inventory_loaded.emit(None)  # what the wizard says after a load
    holds = actions.open_holds()
    with qtbot.waitSignal(screen.figures_shown, timeout=20_000):
        holds.holds_changed.emit()  # what the holds screen says after a hold is created
