"""The legal holds screen: holds listed (active first, filtered by state), a hold created on
an activity, a category or records pasted or read from a file column (off the GUI thread),
a hold ended on a date; refusals said inline, every change stored and audited. And the
review's legal-hold decision, which puts the hold in place and says so."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from domain import services
from domain.holds import HoldScope
from domain.model import DataCategoryUse, ProcessingActivity, RetentionRule
from domain.review import Decision
from domain.vocabulary import load_vocabularies
from gui.main_window import MainWindow
from gui.messages import category_words
from gui.retention import RetentionActions, holds_screen
from gui.retention.holds_screen import HoldsScreen
from gui.retention.review_screen import ReviewScreen
from gui.settings import Settings
from gui.widgets import Level, Texts
from storage.holds import HoldRequest, IdColumns, add_hold, end_hold, list_holds
from storage.inventory import InventorySpec, load_inventory
from storage.register import Register
from tests.builders import entity

TODAY = date(2026, 11, 29)
NOW = "2026-11-29T10:00:00+00:00"


def _cells(screen: HoldsScreen, row: int) -> list[str]:
    return [screen.table.item(row, c).text() for c in range(screen.table.columnCount())]


@pytest.fixture
def small(register: Register) -> Register:
    owner = services.add_entity(register.uow(), entity())
    assert owner.id is not None
    for ref, name, category in (("RH-01", "Recrutement", "identity"),
                                ("SOIN-01", "Dossier patient", "health")):
        services.add_activity(register.uow(), ProcessingActivity(
            owner.id, ref, name, data_categories=(DataCategoryUse(
                category, retention=RetentionRule("last_contact + 2 years")),)), TODAY)
    add_hold(register.uow(), HoldRequest(owner.id, "SOIN-01", date(2024, 1, 10),
                                         "Contrôle CRC", date(2025, 6, 1)), NOW)
    add_hold(register.uow(), HoldRequest(owner.id, "SOIN-01", date(2025, 3, 1),
                                         "Recours TA", category="health",
                                         record_ids=["P1", "P2", "P3"]), NOW)
    return register


@pytest.fixture
def screen(qtbot: QtBot, small: Register) -> Iterator[HoldsScreen]:
    activities = services.list_activities(small.uow())
    shown = HoldsScreen(small, load_vocabularies(), Texts("fr"), TODAY, activities, "RH-01",
                        now=lambda: NOW)
    qtbot.addWidget(shown)
    shown.show()
    yield shown
    if shown.task is not None:
        shown.task.wait(10)


def test_holds_are_listed_active_first_and_filtered(screen: HoldsScreen) -> None:
    assert screen.windowTitle() == "Gels juridiques"
    assert screen.table.rowCount() == 2
    assert _cells(screen, 0) == ["SOIN-01", "3 enregistrement(s) (Données de santé)",
                                 "2025-03-01", "—", "Recours TA", "dpo (2026-11-29)",
                                 "Actif depuis 638 jours"]
    assert _cells(screen, 1) == ["SOIN-01", "Tout le traitement", "2024-01-10", "2025-06-01",
                                 "Contrôle CRC", "dpo (2026-11-29)", "Terminé le 2025-06-01"]
    assert screen.table.item(0, 1).toolTip() == "P1, P2, P3"
    assert screen.count_label.text() == "1 actif(s), 1 terminé(s)"
    screen.state_filter.setCurrentIndex(screen.state_filter.findData("ended"))
    assert screen.table.rowCount() == 1 and _cells(screen, 0)[4] == "Contrôle CRC"
    screen.state_filter.setCurrentIndex(screen.state_filter.findData("active"))
    assert [_cells(screen, r)[4] for r in range(screen.table.rowCount())] == ["Recours TA"]


def test_a_hold_on_a_category_is_created(qtbot: QtBot, screen: HoldsScreen,
                                         small: Register) -> None:
    assert screen.activity().ref == "RH-01"  # the activity chosen in the window
    assert not screen.category_combo.isEnabled() and not screen.records_widget.isEnabled()
    screen.scope_buttons[HoldScope.CATEGORY].setChecked(True)
    assert screen.category_combo.isEnabled()
    assert screen.category_combo.currentData() == "identity"
    screen.starts_on.setDate(QDate(2026, 11, 2))
    screen.reason.setText("Prud'hommes — RG 26/00123")  # keyClicks types ASCII only
    with qtbot.waitSignal(screen.create_finished, timeout=10_000):
        qtbot.mouseClick(screen.create_button, Qt.MouseButton.LeftButton)
    assert screen.messages.texts() == [
        "Gel juridique créé : RH-01 (Catégorie État civil) à partir du 2026-11-02."]
    stored = list_holds(small.uow())[0]
    assert (stored.activity, stored.category, stored.starts_on, stored.ends_on,
            stored.reason) == ("RH-01", "identity", date(2026, 11, 2), None,
                               "Prud'hommes — RG 26/00123")
    assert screen.selected_hold_id() == stored.id
    assert _cells(screen, 0)[:2] == ["RH-01", "Catégorie État civil"]
    assert screen.reason.text() == ""
    assert small.audit_entries("legal_hold", f"RH-01/identity#{stored.id}")


def test_records_pasted_as_a_column_are_held(qtbot: QtBot, screen: HoldsScreen,
                                             small: Register) -> None:
    screen.activity_combo.setCurrentIndex(1)  # SOIN-01
    screen.scope_buttons[HoldScope.RECORDS].setChecked(True)
    assert screen.category_combo.itemText(0) == "(toutes les catégories)"
    screen.ids_edit.setPlainText("900001\r\n900002\t12/03/2001\n\n  900003 \n900001\n"
                                 "900004\n900005\n900006\n")
    assert screen.ids_label.text() == ("7 identifiant(s) : 900001, 900002, 12/03/2001, "
                                       "900003, 900004, …")
    screen.ids_edit.setPlainText("900001\n900002\n\n  900003 \n900001\n")
    assert screen.ids_label.text() == "3 identifiant(s) : 900001, 900002, 900003"
    screen.category_combo.setCurrentIndex(screen.category_combo.findData("health"))
    screen.has_end.setChecked(True)
    screen.ends_on.setDate(QDate(2027, 6, 30))
    screen.reason.setText("Réquisition OPJ")
    with qtbot.waitSignal(screen.create_finished, timeout=10_000):
        qtbot.mouseClick(screen.create_button, Qt.MouseButton.LeftButton)
    new = next(h for h in list_holds(small.uow()) if h.reason == "Réquisition OPJ")
    assert (new.scope, new.category, new.record_ids, new.ends_on) == (
        HoldScope.RECORDS, "health", ("900001", "900002", "900003"), date(2027, 6, 30))
    assert _cells(screen, screen.table.currentRow())[6] == "Actif — fin le 2027-06-30"
    assert screen.messages.text("unknown") == (
        "Aucun inventaire n'est chargé pour SOIN-01 — Données de santé "
        ": les identifiants n'ont pas pu "
        "être vérifiés.")
    assert screen.messages.level("unknown") is Level.WARNING


def test_held_ids_missing_from_the_inventory_are_said(qtbot: QtBot, screen: HoldsScreen,
                                                      small: Register,
                                                      tmp_path: Path) -> None:
    (soin,) = [a for a in screen.activities if a.ref == "SOIN-01"]
    assert soin.id is not None
    path = tmp_path / "dpi.csv"
    path.write_text("id;last_contact\n900001;2020-01-01\n900002;2021-01-01\n",
                    encoding="utf-8")
    load_inventory(small.engine, path, InventorySpec(soin.id, "health"), actor="dpo")
    screen.activity_combo.setCurrentIndex(1)
    screen.scope_buttons[HoldScope.RECORDS].setChecked(True)
    assert screen.category_combo.currentData() == ""  # listed records: every category
    screen.category_combo.setCurrentIndex(screen.category_combo.findData("health"))
    screen.ids_edit.setPlainText("900001\n900002\n900O03\n")  # a letter O typed for a 0
    screen.reason.setText("recours")
    with qtbot.waitSignal(screen.create_finished, timeout=10_000):
        qtbot.mouseClick(screen.create_button, Qt.MouseButton.LeftButton)
    assert screen.messages.text("unknown") == (
        "1 identifiant(s) absent(s) des inventaires de SOIN-01 — Données de santé : 900O03. "
        "Le gel les "
        "couvre tout de même ; vérifiez-les.")
    held = next(h for h in list_holds(small.uow()) if h.reason == "recours")
    assert held.record_ids == ("900001", "900002", "900O03")


def test_record_ids_are_read_from_a_file_column(qtbot: QtBot, screen: HoldsScreen,
                                                tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    extract = tmp_path / "requisition.csv"
    extract.write_text("Nom;IPP;Séjour\nDupont;900001;S1\nMartin;900002;S2\n;;\n",
                       encoding="cp1252")
    monkeypatch.setattr(holds_screen, "choose_ids_file", lambda *_: extract)
    assert screen.column_combo.isHidden() and not screen.file_button.isEnabled()
    screen.scope_buttons[HoldScope.RECORDS].setChecked(True)
    with qtbot.waitSignal(screen.ids_read, timeout=10_000):
        qtbot.mouseClick(screen.file_button, Qt.MouseButton.LeftButton)
    assert screen.scope() is HoldScope.RECORDS
    assert screen.column_combo.isVisible() and screen.column_combo.currentText() == "IPP"
    assert screen.record_ids() == ["900001", "900002"]
    assert screen.messages.texts() == ["requisition.csv : colonne « IPP » lue."]
    screen.column_combo.setCurrentIndex(2)
    assert screen.record_ids() == ["S1", "S2"]

    empty = tmp_path / "vide.csv"
    empty.write_text("", encoding="utf-8")
    with qtbot.waitSignal(screen.ids_read, timeout=10_000):
        screen.read_file(empty)
    assert screen.messages.texts() == ["vide.csv : le fichier est vide"]
    assert screen.record_ids() == ["S1", "S2"]  # the ids read before are kept


def test_reading_a_file_can_be_cancelled(qtbot: QtBot, screen: HoldsScreen, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    reached, release = threading.Event(), threading.Event()
    real = holds_screen.read_id_columns

    def slow(path: Path) -> IdColumns:
        reached.set()
        release.wait(10)
        return real(path)

    monkeypatch.setattr(holds_screen, "read_id_columns", slow)
    extract = tmp_path / "gros-extrait.csv"
    extract.write_text("IPP\n900001\n900002\n", encoding="utf-8")
    screen.scope_buttons[HoldScope.RECORDS].setChecked(True)
    screen.ids_edit.setPlainText("P1")
    screen.read_file(extract)
    qtbot.waitUntil(reached.is_set, timeout=5_000)
    assert screen.read_cancel.isVisible() and not screen.file_button.isEnabled()
    with qtbot.waitSignal(screen.ids_read, timeout=10_000):
        qtbot.mouseClick(screen.read_cancel, Qt.MouseButton.LeftButton)
        release.set()
    assert screen.record_ids() == ["P1"]  # the file read after Cancel is dropped
    assert screen.file_button.isEnabled() and not screen.read_cancel.isVisible()
    assert screen.messages.texts() == []


def test_refusals_are_said_inline_and_change_nothing(qtbot: QtBot, screen: HoldsScreen,
                                                     small: Register) -> None:
    before = list_holds(small.uow())
    with qtbot.waitSignal(screen.create_finished, timeout=10_000):
        qtbot.mouseClick(screen.create_button, Qt.MouseButton.LeftButton)
    assert screen.messages.texts() == ["Un gel juridique a besoin de son motif"]
    qtbot.keyClicks(screen.reason, "recours")
    screen.has_end.setChecked(True)
    screen.ends_on.setDate(QDate(2026, 1, 1))
    with qtbot.waitSignal(screen.create_finished, timeout=10_000):
        qtbot.mouseClick(screen.create_button, Qt.MouseButton.LeftButton)
    assert screen.messages.texts() == [
        "Un gel juridique se termine après son début (2026-11-29 → 2026-01-01)"]
    screen.has_end.setChecked(False)
    screen.scope_buttons[HoldScope.RECORDS].setChecked(True)
    with qtbot.waitSignal(screen.create_finished, timeout=10_000):
        qtbot.mouseClick(screen.create_button, Qt.MouseButton.LeftButton)
    assert screen.messages.texts() == [
        "Collez les identifiants des enregistrements à geler, ou lisez-les d'un fichier."]
    assert screen.messages.level("error") is Level.ERROR
    assert list_holds(small.uow()) == before


def test_a_hold_is_ended_on_a_date(qtbot: QtBot, screen: HoldsScreen,
                                   small: Register) -> None:
    assert not screen.end_button.isEnabled()
    assert screen.selected_label.text() == "Choisissez un gel dans la liste."
    screen.table.selectRow(1)  # the ended one
    assert not screen.end_button.isEnabled()
    screen.table.selectRow(0)
    assert screen.end_button.isEnabled()
    assert screen.selected_label.text() == (
        "SOIN-01 — 3 enregistrement(s) (Données de santé), depuis le 2025-03-01 : Recours TA")
    assert screen.end_on.date() == QDate(2026, 11, 29)
    screen.end_on.setDate(QDate(2026, 10, 31))
    with qtbot.waitSignal(screen.holds_changed):
        qtbot.mouseClick(screen.end_button, Qt.MouseButton.LeftButton)
    assert screen.messages.texts() == [
        "Gel juridique SOIN-01 (3 enregistrement(s) (Données de santé)) terminé le 2026-10-31."]
    ended = next(h for h in list_holds(small.uow()) if h.reason == "Recours TA")
    assert ended.ends_on == date(2026, 10, 31)
    assert _cells(screen, screen.table.currentRow())[3:] == [
        "2026-10-31", "Recours TA", "dpo (2026-11-29)", "Terminé le 2026-10-31"]
    assert screen.count_label.text() == "0 actif(s), 2 terminé(s)"
    assert not screen.end_button.isEnabled()
    entries = small.audit_entries("legal_hold", ended.key())
    assert [e.field for e in entries if e.action == "update"] == ["ended_at", "to"]


def test_a_hold_ended_meanwhile_by_someone_else(qtbot: QtBot, screen: HoldsScreen,
                                                small: Register) -> None:
    screen.table.selectRow(0)
    hold = screen.selected_hold()
    assert hold is not None and screen.end_button.isEnabled()
    end_hold(small.uow(), hold.id, date(2026, 11, 1), "2026-11-29T09:00:00+00:00")
    qtbot.mouseClick(screen.end_button, Qt.MouseButton.LeftButton)
    assert screen.messages.texts() == [
        "Ce gel juridique est déjà terminé (le 2026-11-01) : il ne peut pas être terminé de "
        "nouveau"]
    assert _cells(screen, screen.table.currentRow())[6] == "Terminé le 2026-11-01"
    assert not screen.end_button.isEnabled()
    assert [h.ends_on for h in list_holds(small.uow()) if h.id == hold.id] == [
        date(2026, 11, 1)]


def test_a_hold_put_by_mistake_is_withdrawn_after_saying_why(
        qtbot: QtBot, screen: HoldsScreen, small: Register,
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert not screen.withdraw_button.isEnabled()
    screen.table.selectRow(1)  # the ended hold: an ended hold can be withdrawn too
    assert screen.withdraw_button.isEnabled() and not screen.end_button.isEnabled()
    answers = iter([None, "   ", "saisi sur le mauvais traitement"])
    asked: list[str] = []

    def ask(parent: object, texts: Texts, hold: str) -> str | None:
        asked.append(hold)
        return next(answers)

    monkeypatch.setattr(holds_screen, "ask_why_withdrawn", ask)
    qtbot.mouseClick(screen.withdraw_button, Qt.MouseButton.LeftButton)  # the DPO cancels
    assert asked == ["SOIN-01 (Tout le traitement, depuis le 2024-01-10)"]
    assert len(list_holds(small.uow())) == 2 and screen.messages.texts() == []
    qtbot.mouseClick(screen.withdraw_button, Qt.MouseButton.LeftButton)  # no reason given
    assert screen.messages.texts() == ["Dites pourquoi ce gel est retiré"]
    assert len(list_holds(small.uow())) == 2
    screen.table.selectRow(1)
    with qtbot.waitSignal(screen.holds_changed):
        qtbot.mouseClick(screen.withdraw_button, Qt.MouseButton.LeftButton)
    assert screen.messages.texts() == [
        "Gel juridique SOIN-01 (Tout le traitement, depuis le 2024-01-10) retiré : ses jours "
        "ne reportent plus aucune échéance."]
    assert [h.reason for h in list_holds(small.uow())] == ["Recours TA"]
    assert screen.table.rowCount() == 1 and _cells(screen, 0)[4] == "Recours TA"
    assert screen.count_label.text() == "1 actif(s), 0 terminé(s)"
    selected = screen.selected_hold()
    assert screen.withdraw_button.isEnabled() == (selected is not None)
    assert selected is None or selected.reason == "Recours TA"


def test_the_withdrawal_asks_why_in_a_paragraph(qtbot: QtBot, screen: HoldsScreen) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QInputDialog, QLabel

    seen: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QInputDialog)
        seen.extend(label.text() for label in dialog.findChildren(QLabel)
                    if label.wordWrap())
        dialog.setTextValue("doublon du gel n° 4")
        dialog.accept()

    QTimer.singleShot(50, answer)
    why = holds_screen.ask_why_withdrawn(screen, screen.texts, "SOIN-01 (Tout le traitement)")
    assert why == "doublon du gel n° 4"
    assert seen and seen[0].startswith("Retirer le gel SOIN-01 (Tout le traitement) ?")
    assert seen[0].endswith("Pourquoi le retirer ?")


def test_the_screen_speaks_english(screen: HoldsScreen) -> None:
    screen.texts.set_lang("en")
    assert screen.windowTitle() == "Legal holds"
    assert screen.create_button.text() == "Create the hold"
    assert screen.withdraw_button.text() == "Withdraw this hold…"
    assert _cells(screen, 1)[1] == "Whole activity" and _cells(screen, 1)[6] == \
        "Ended on 2025-06-01"
    assert screen.table.horizontalHeaderItem(5).text() == "Created by"


# --- through the window, on the demo register ---------------------------------------------


def test_the_demo_holds_and_a_review_decision_that_puts_a_hold(
        qtbot: QtBot, demo: Register, settings: Settings, tmp_path: Path) -> None:
    window = MainWindow(demo, "fr", today=TODAY, settings=settings)
    qtbot.addWidget(window)
    window.show()
    actions: RetentionActions = window.retention  # type: ignore[attr-defined]
    assert actions.holds_action.text() == "&Gels juridiques…"
    actions.holds_action.trigger()
    screen = actions.screens["holds"]
    assert isinstance(screen, HoldsScreen)
    assert screen.count_label.text() == "1 actif(s), 2 terminé(s)"
    assert [_cells(screen, r)[0] for r in range(3)] == ["SOIN-01", "SEC-01", "FIN-01"]
    assert _cells(screen, 0)[6] == "Actif depuis 420 jours"
    assert _cells(screen, 1)[6] == f"Terminé le {TODAY - timedelta(days=9)}"

    # a legal-hold decision in the review puts a hold on the group's activity and category
    (hr,) = [r.activity for r in window.model.all_rows() if r.activity.ref == "RH-01"]
    path = tmp_path / "candidats.csv"
    path.write_text("id;last_contact\nC1;2020-01-15\n", encoding="utf-8")
    category = hr.data_categories[0].code
    assert hr.id is not None
    load_inventory(demo.engine, path, InventorySpec(hr.id, category), actor="dpo")
    actions.review_action.trigger()
    review = actions.screens["review"]
    assert isinstance(review, ReviewScreen)
    review.now = lambda: NOW
    with qtbot.waitSignal(review.review_finished, timeout=30_000):
        qtbot.mouseClick(review.start_button, Qt.MouseButton.LeftButton)
    top = next(review.tree.topLevelItem(i) for i in range(review.tree.topLevelItemCount())
               if review.tree.topLevelItem(i).text(0) == "RH-01")
    group = next(top.child(i) for i in range(top.childCount())
                 if top.child(i).toolTip(0) == category)  # its words shown
    review.tree.setCurrentItem(group)
    review.decision.setCurrentIndex(review.decision.findData(Decision.LEGAL_HOLD.value))
    assert review.note.placeholderText() == "Motif du gel (le gel juridique est créé)"
    review.note.setText("Recours candidat — TA Valmont")
    with qtbot.waitSignal(review.holds_changed):
        qtbot.mouseClick(review.apply_group, Qt.MouseButton.LeftButton)
    assert review.messages.text("hold") == (
        f"Gel juridique créé sur RH-01 — {category_words(category)} à compter du 2026-11-29 "
        "(motif : "
        "Recours candidat — TA Valmont). Il se termine dans l'écran Gels juridiques.")
    held = [h for h in list_holds(demo.uow()) if h.activity == "RH-01"]
    assert [(h.category, h.starts_on, h.reason) for h in held] == [
        (category, TODAY, "Recours candidat — TA Valmont")]
    screen.reload()
    assert _cells(screen, 0)[:2] == ["RH-01", "Catégorie État civil"]  # identity, in words
