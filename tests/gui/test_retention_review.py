"""The quarterly review in the window: started off the GUI thread (and cancellable),
findings drilled down to records, decisions, sign-off; a signed review is read-only and
listed with its figures. The whole walk runs on the demo register through the window's
"Conservation" menu."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMenu, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from domain import services
from domain.check import Status
from domain.model import DataCategoryUse, ProcessingActivity, RetentionRule
from domain.review import Decision, FindingDecision, ReviewFrozenError
from gui.main_window import MainWindow
from gui.retention import RetentionActions, install_retention, inventory_wizard, review_screen
from gui.retention.review_screen import ReviewScreen
from gui.settings import Settings
from gui.widgets import Level, Texts
from storage.inventory import InventorySpec, load_inventory
from storage.register import Register
from storage.review import FindingScope, decide, findings, list_reviews
from tests.builders import entity

TODAY = date(2026, 11, 29)
NOW = "2026-11-29T10:00:00+00:00"


def _leaf(screen: ReviewScreen, *path: str) -> QTreeWidgetItem:
    items = [screen.tree.topLevelItem(i) for i in range(screen.tree.topLevelItemCount())]
    item: QTreeWidgetItem | None = None
    for name in path:
        # a category by its code (its words in the tree, its code in the tooltip)
        item = next(i for i in items if i is not None and name in (i.text(0), i.toolTip(0)))
        items = [item.child(i) for i in range(item.childCount())]
    assert item is not None
    return item


def _history(screen: ReviewScreen, row: int) -> list[str]:
    return [screen.history.item(row, c).text() for c in range(screen.history.columnCount())]


# --- a small register: the screen alone -------------------------------------------------


@pytest.fixture
def small(register: Register, tmp_path: Path) -> Register:
    owner = services.add_entity(register.uow(), entity())
    assert owner.id is not None
    stored = services.add_activity(register.uow(), ProcessingActivity(
        owner.id, "RH-01", "Recrutement", data_categories=(DataCategoryUse(
            "identity", retention=RetentionRule("last_contact + 2 years")),)), TODAY)
    assert stored.id is not None
    path = tmp_path / "candidats.csv"
    path.write_text("id;last_contact\nC1;2020-01-15\nC2;2021-06-30\nC3;2025-01-01\n"
                    "C4;2025-02-10\nC5;\n", encoding="utf-8")
    load_inventory(register.engine, path, InventorySpec(stored.id, "identity"), actor="dpo")
    return register


@pytest.fixture
def screen(qtbot: QtBot, small: Register) -> Iterator[ReviewScreen]:
    shown = ReviewScreen(small, Texts("fr"), TODAY, "Élise Durand", now=lambda: NOW)
    qtbot.addWidget(shown)
    shown.show()
    yield shown
    if shown.task is not None:
        shown.task.wait(10)


def _start(qtbot: QtBot, screen: ReviewScreen, day: date = TODAY) -> None:
    screen.as_of.setDate(QDate(day.year, day.month, day.day))
    with qtbot.waitSignal(screen.review_finished, timeout=20_000):
        qtbot.mouseClick(screen.start_button, Qt.MouseButton.LeftButton)


def test_a_review_is_started_and_drilled_down(qtbot: QtBot, screen: ReviewScreen) -> None:
    assert screen.title_label.text() == "Aucune revue pour l'instant"
    assert screen.records_label.text() == ""  # nothing to choose yet
    assert screen.start_button.text() == "Démarrer la revue 2026-Q4"
    _start(qtbot, screen)
    assert screen.messages.texts() == []
    assert _history(screen, 0) == ["2026-Q4", "2026-11-29", "2", "2", "0", "0", "1",
                                   "(en cours)"]
    assert screen.title_label.text() == "Revue 2026-Q4 au 2026-11-29"
    assert screen.comparison.text() == ("Première revue : 2 en retard, 2 à échéance (trimestre), "
                                         "1 indéterminés")
    overdue = _leaf(screen, "RH-01", "identity", "En retard")
    assert (overdue.text(1), overdue.text(2)) == ("2", "0")
    # the empty records table says how to fill it, then what it shows
    assert screen.records_label.text().startswith("Choisissez une ligne de l'arbre")
    screen.tree.setCurrentItem(overdue)
    assert screen.records.rowCount() == 2
    assert screen.records_label.text() == "2 enregistrement(s)"
    assert [screen.records.item(0, c).text() for c in range(4)] == [
        "C1", "En retard", "2022-01-15",
        f"{(TODAY - date(2022, 1, 15)).days:,}".replace(",", "\u202f")]  # 1 779 days


def test_decisions_are_recorded_and_refusals_said_inline(qtbot: QtBot, screen: ReviewScreen,
                                                         small: Register) -> None:
    _start(qtbot, screen)
    screen.tree.setCurrentItem(_leaf(screen, "RH-01", "identity", "Indéterminés"))
    screen.decision.setCurrentIndex(screen.decision.findData(Decision.ACCEPTED.value))
    assert screen.note.placeholderText() == "Justification"
    qtbot.mouseClick(screen.apply_group, Qt.MouseButton.LeftButton)
    assert screen.messages.texts() == ["Accepter un constat demande une justification"]

    qtbot.keyClicks(screen.note, "date de dernier contact a reprendre du logiciel RH")
    qtbot.mouseClick(screen.apply_group, Qt.MouseButton.LeftButton)
    assert screen.messages.texts() == ["Décision enregistrée pour 1 enregistrement(s)."]
    assert screen.tree.currentItem().text(2) == "1"  # the same group, now decided
    assert screen.records.item(0, 4).text() == "Accepté (justifié)"

    screen.tree.setCurrentItem(_leaf(screen, "RH-01", "identity", "En retard"))
    screen.decision.setCurrentIndex(screen.decision.findData(Decision.PURGE_PLANNED.value))
    screen.purge_on.setDate(QDate(2027, 1, 15))
    screen.records.selectRow(1)
    qtbot.mouseClick(screen.apply_selected, Qt.MouseButton.LeftButton)
    assert screen.current is not None and screen.current.id is not None
    stored = {f.record_id: f.decision for f in findings(small.uow(), screen.current.id)}
    assert stored["C1"] is None
    assert stored["C2"] is not None and stored["C2"].kind is Decision.PURGE_PLANNED
    assert stored["C2"].purge_on == date(2027, 1, 15)


def test_a_signed_review_is_read_only(qtbot: QtBot, screen: ReviewScreen, small: Register,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    _start(qtbot, screen)
    asked: list[str] = []
    monkeypatch.setattr("gui.dialogs.confirm",
                        lambda _parent, text, _lang="fr": asked.append(text) or True)
    assert screen.next_review.date() == QDate(2027, 2, 28)
    qtbot.mouseClick(screen.sign_button, Qt.MouseButton.LeftButton)
    assert asked and "5 constat(s) restent sans décision" in asked[0]
    assert screen.banner.texts() == [
        "Signée par Élise Durand le 2026-11-29 — lecture seule. Prochaine revue : 2027-02-28."]
    assert not screen.decision_box.isEnabled() and not screen.sign_box.isEnabled()
    assert _history(screen, 0)[-1] == "Élise Durand"
    assert screen.current is not None and screen.current.id is not None
    with pytest.raises(ReviewFrozenError):
        decide(small.uow(), screen.current.id, FindingDecision(Decision.LEGAL_HOLD, note="x"),
               FindingScope(), now=NOW)


def test_a_cancelled_start_stores_no_review(qtbot: QtBot, screen: ReviewScreen,
                                            small: Register,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    reached, clicked = threading.Event(), threading.Event()
    real = review_screen.start_review

    def held(*args: Any, progress: Callable[[int, int], None], **kwargs: Any) -> object:
        def hold(done: int, total: int) -> None:
            progress(done, total)
            reached.set()
            clicked.wait(10)
        return real(*args, progress=hold, **kwargs)

    monkeypatch.setattr(review_screen, "start_review", held)
    # a second inventory, so that the check stops between the two
    activity = services.add_activity(small.uow(), ProcessingActivity(
        1, "RH-02", "Dossier agent", data_categories=(DataCategoryUse(
            "identity", retention=RetentionRule("departure + 2 years")),)), TODAY)
    assert activity.id is not None
    staff = Path(small.location).with_name("agents.csv")
    staff.write_text("id;departure\nA1;2020-01-01\n", encoding="utf-8")
    load_inventory(small.engine, staff, InventorySpec(activity.id, "identity"), actor="dpo")

    qtbot.mouseClick(screen.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(reached.is_set, timeout=10_000)
    assert screen.cancel_button.isEnabled() and not screen.start_button.isEnabled()
    with qtbot.waitSignal(screen.review_finished, timeout=10_000):
        qtbot.mouseClick(screen.cancel_button, Qt.MouseButton.LeftButton)
        clicked.set()
    assert screen.messages.texts() == ["Contrôle annulé"]
    assert screen.messages.level("error") is Level.WARNING
    assert list_reviews(small.uow()) == []
    assert screen.start_button.isEnabled()


# --- the whole walk on the demo register, through the window ----------------------------


def test_a_whole_review_on_the_demo_register(qtbot: QtBot, demo: Register, settings: Settings,
                                             tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    window = MainWindow(demo, "fr", today=TODAY, settings=settings)
    qtbot.addWidget(window)
    install_retention(window)  # the window has installed it already: a second call adds nothing
    window.show()
    assert [m.title() for m in window.menuBar().findChildren(QMenu)].count("&Conservation") == 1
    actions: RetentionActions = window.retention  # type: ignore[attr-defined]
    assert actions.menu.title() == "&Conservation"
    assert [a.text() for a in actions.menu.actions() if not a.isSeparator()] == [
        "&Règle de conservation…", "Charger un &inventaire…", "Revue &trimestrielle…",
        "&Gels juridiques…", "Tableau de &bord…", "Afficher les ra&ppels"]

    # 1. an inventory for ADM-01's identity data, through the wizard
    (adm,) = [r.activity for r in window.model.rows() if r.activity.ref == "ADM-01"]
    assert window.select_activity(adm.entity_id, "ADM-01")
    extract = tmp_path / "pastel-identites.csv"
    extract.write_text("IPP;Date de sortie;Date de naissance;Date décès\n"
                       "900001;12/03/2001;1940-02-01;\n"
                       "900002;2004-07-19;1990-05-05;2010-01-01\n"
                       "900003;2019-10-01;1985-01-01;\n", encoding="utf-8")
    monkeypatch.setattr(inventory_wizard, "choose_inventory_file", lambda *_: extract)
    actions.inventory_action.trigger()
    wizard = actions.screens["inventory"]
    assert isinstance(wizard, inventory_wizard.InventoryWizard)
    assert wizard.category == "identity"
    with qtbot.waitSignal(wizard.file_previewed, timeout=20_000):
        qtbot.mouseClick(wizard.choose_button, Qt.MouseButton.LeftButton)
    assert wizard.load_button.isEnabled(), wizard.messages.texts()
    with qtbot.waitSignal(wizard.load_finished, timeout=20_000):
        qtbot.mouseClick(wizard.load_button, Qt.MouseButton.LeftButton)
    assert wizard.loaded is not None and wizard.loaded.records == 3

    # 2. the review, as of today
    actions.review_action.trigger()
    screen = actions.screens["review"]
    assert isinstance(screen, ReviewScreen)
    assert screen.signer.text() == "Claire Dubreuil"  # the demo entity's DPO
    screen.now = lambda: NOW
    _start(qtbot, screen)
    assert screen.current is not None and screen.current.id is not None
    totals = screen.current.totals
    assert totals[Status.OVERDUE] > 1000 and totals[Status.DUE_SOON] > 0
    adm_overdue = _leaf(screen, "ADM-01", "identity", "En retard")
    assert adm_overdue.text(1) == "2"  # 900001 (2021) and 900002 (died 2010: 2020)

    # 3. decisions
    screen.tree.setCurrentItem(adm_overdue)
    assert {screen.records.item(r, 0).text() for r in range(2)} == {"900001", "900002"}
    screen.decision.setCurrentIndex(screen.decision.findData(Decision.PURGE_DONE.value))
    qtbot.keyClicks(screen.note, "PV de destruction 2026-114")
    qtbot.mouseClick(screen.apply_group, Qt.MouseButton.LeftButton)
    assert _leaf(screen, "ADM-01", "identity", "En retard").text(2) == "2"
    screen.tree.setCurrentItem(_leaf(screen, "SOIN-01", "health", "En retard"))
    screen.decision.setCurrentIndex(screen.decision.findData(Decision.PURGE_PLANNED.value))
    screen.purge_on.setDate(QDate(2027, 1, 31))
    qtbot.mouseClick(screen.apply_group, Qt.MouseButton.LeftButton)
    assert screen.messages.level("decided") is Level.INFO

    # 4. sign-off: frozen, listed with its figures
    monkeypatch.setattr("gui.dialogs.confirm", lambda *_args: True)
    qtbot.mouseClick(screen.sign_button, Qt.MouseButton.LeftButton)
    assert screen.current is not None and screen.current.is_signed
    assert not screen.decision_box.isEnabled()
    row = _history(screen, 0)
    assert row[0] == "2026-Q4" and row[2] == f"{totals[Status.OVERDUE]:,}".replace(",", "\u202f")
    assert row[-1] == "Claire Dubreuil"
    with pytest.raises(ReviewFrozenError):
        decide(demo.uow(), screen.current.id, None, FindingScope(), now=NOW)

    # 5. next quarter: compared with the signed one
    _start(qtbot, screen, date(2027, 2, 28))
    assert [_history(screen, r)[0] for r in range(2)] == ["2027-Q1", "2026-Q4"]
    assert screen.comparison.text().splitlines()[0].startswith(
        "En retard : " + f"{totals[Status.OVERDUE]:,}".replace(",", "\u202f")
            + " à la revue 2026-Q4, ")
