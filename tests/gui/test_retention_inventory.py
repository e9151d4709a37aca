"""The inventory wizard: the file chosen, its first rows shown, columns suggested for the
rule's events, the load off the GUI thread; a cancelled load keeps the previous inventory."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from domain import services
from domain.model import DataCategoryUse, ProcessingActivity, RetentionRule
from domain.vocabulary import load_vocabularies
from gui.retention import inventory_wizard
from gui.retention.inventory_wizard import InventoryWizard, suggest_column
from gui.widgets import Level, Texts
from storage.inventory import InventorySpec, load_inventory
from storage.register import Register
from tests.builders import R1112_7, entity

TODAY = date(2026, 11, 29)


def _csv(path: Path, rows: int, first: int = 0) -> Path:
    lines = ["IPP;Date de sortie;Date de naissance;Date décès;Etape"]
    lines += [f"P{first + i:06d};{1990 + i % 30}-0{1 + i % 9}-1{i % 9};"
              f"1950-01-0{1 + i % 9};;archive" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def stored(register: Register) -> ProcessingActivity:
    owner = services.add_entity(register.uow(), entity())
    assert owner.id is not None
    return services.add_activity(register.uow(), ProcessingActivity(
        owner.id, "DPI-01", "Dossier patient informatisé", data_categories=(
            DataCategoryUse("health", retention=RetentionRule(R1112_7)),)), TODAY)


@pytest.fixture
def wizard(qtbot: QtBot, register: Register, stored: ProcessingActivity) -> InventoryWizard:
    shown = InventoryWizard(register, load_vocabularies(), Texts("fr"), [stored], "DPI-01",
                            "health")
    qtbot.addWidget(shown)
    shown.show()
    return shown


def _choose(monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, wizard: InventoryWizard,
            path: Path) -> None:
    asked: list[object] = []

    def choose(parent: object, lang: str) -> Path:
        asked.append(parent)
        return path

    monkeypatch.setattr(inventory_wizard, "choose_inventory_file", choose)
    with qtbot.waitSignal(wizard.file_previewed, timeout=10_000):
        qtbot.mouseClick(wizard.choose_button, Qt.MouseButton.LeftButton)
    assert asked == [wizard]


def _records(register: Register) -> list[str]:
    with register.engine.connect() as connection:
        return [r for (r,) in connection.exec_driver_sql(
            "SELECT record_id FROM inventory_record ORDER BY record_id")]


@pytest.mark.parametrize(("event", "expected"), [
    ("last_stay", "Date de sortie"), ("birth", "Date de naissance"), ("death", "Date décès"),
    ("contract_end", ""),
])
def test_columns_are_suggested_by_name(event: str, expected: str) -> None:
    headers = ["IPP", "Date de sortie", "Date de naissance", "Date décès", "Etape"]
    assert suggest_column(event, headers) == expected
    assert suggest_column("last_stay", ["id", "last_stay"]) == "last_stay"


def test_the_file_is_previewed_and_its_columns_mapped_to_the_rule(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, wizard: InventoryWizard,
        tmp_path: Path) -> None:
    assert not wizard.load_button.isEnabled()
    assert list(wizard.event_combos) == ["last_stay", "birth", "death"]
    _choose(monkeypatch, qtbot, wizard, _csv(tmp_path / "dpi.csv", 25))
    assert wizard.preview.rowCount() == 10 and wizard.preview.columnCount() == 5
    assert wizard.preview.horizontalHeaderItem(1).text() == "Date de sortie"
    assert wizard.preview.item(0, 0).text() == "P000000"
    assert wizard.preview_label.text() == "environ 25 lignes ; aperçu des 10 premières"
    assert wizard.mapping() == {"last_stay": "Date de sortie", "birth": "Date de naissance",
                                "death": "Date décès"}
    assert wizard.id_combo.currentText() == "IPP"
    assert wizard.stage_combo.currentData() == "Etape"
    assert wizard.load_button.isEnabled()
    wizard.event_combos["birth"].setCurrentIndex(0)  # unmapped: the DPO is told which
    assert not wizard.load_button.isEnabled()
    assert wizard.messages.texts() == ["Choisissez la colonne de : date de naissance"]


def test_the_load_runs_in_the_background_and_says_how_many(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, wizard: InventoryWizard,
        register: Register, tmp_path: Path) -> None:
    _choose(monkeypatch, qtbot, wizard, _csv(tmp_path / "dpi.csv", 25))
    loaded: list[object] = []
    wizard.inventory_loaded.connect(loaded.append)
    with qtbot.waitSignal(wizard.load_finished, timeout=10_000):
        qtbot.mouseClick(wizard.load_button, Qt.MouseButton.LeftButton)
    assert len(loaded) == 1 and wizard.loaded is not None and wizard.loaded.records == 25
    assert wizard.messages.texts() == ["25 enregistrements chargés."]
    assert not wizard.refused.isVisible()
    assert wizard.progress.value() == wizard.progress.maximum() == 25
    assert len(_records(register)) == 25


def test_a_cancelled_load_keeps_the_previous_inventory(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, wizard: InventoryWizard,
        register: Register, stored: ProcessingActivity, tmp_path: Path) -> None:
    assert stored.id is not None
    previous = _csv(tmp_path / "previous.csv", 3, first=900_000)
    load_inventory(register.engine, previous, InventorySpec(stored.id, "health", mapping={
        "last_stay": "Date de sortie", "birth": "Date de naissance", "death": "Date décès",
    }, stage_column="Etape"), actor="dpo")
    before = _records(register)
    assert before == ["P900000", "P900001", "P900002"]

    # The worker stops after its first batch until the DPO has clicked Cancel.
    reached, clicked = threading.Event(), threading.Event()

    def held_load(*args: Any, progress: Callable[[int], None], **kwargs: Any) -> object:
        def hold(rows: int) -> None:
            progress(rows)
            if rows and not reached.is_set():
                reached.set()
                clicked.wait(10)
        return load_inventory(*args, progress=hold, **kwargs)

    monkeypatch.setattr(inventory_wizard, "load_inventory", held_load)
    _choose(monkeypatch, qtbot, wizard, _csv(tmp_path / "big.csv", 25_000))
    with qtbot.waitSignal(wizard.load_finished, timeout=20_000):
        qtbot.mouseClick(wizard.verify_button, Qt.MouseButton.LeftButton)
    assert wizard.messages.texts() == [
        "Aucune ligne refusée : 25\u202f000 enregistrements prêts à charger."]
    qtbot.mouseClick(wizard.load_button, Qt.MouseButton.LeftButton)  # checked: loads at once
    qtbot.waitUntil(reached.is_set, timeout=10_000)
    assert wizard.cancel_button.isEnabled() and not wizard.load_button.isEnabled()
    assert not wizard.close_button.isEnabled()
    with qtbot.waitSignal(wizard.load_finished, timeout=10_000):
        qtbot.mouseClick(wizard.cancel_button, Qt.MouseButton.LeftButton)
        clicked.set()
    assert wizard.loaded is None
    assert wizard.messages.texts() == [
        "big.csv, ligne 10001 : chargement annulé ; rien n'a été modifié"]
    assert wizard.messages.level("load") is Level.WARNING
    assert _records(register) == before
    assert wizard.load_button.isEnabled() and wizard.close_button.isEnabled()


def test_one_mapping_row_per_event_even_when_the_rule_repeats_it(
        qtbot: QtBot, register: Register, stored: ProcessingActivity) -> None:
    repeated = services.set_retention_rule(
        register.uow(), stored.entity_id, stored.ref, "identity", RetentionRule(
            "if death? < last_stay + 10 years then death? + 10 years "
            "else max(last_stay + 20 years, birth + 28 years)"), TODAY)
    shown = InventoryWizard(register, load_vocabularies(), Texts("fr"), [repeated], "DPI-01",
                            "identity")
    qtbot.addWidget(shown)
    for _ in range(2):
        shown._on_category_changed()
    assert list(shown.event_combos) == ["death", "last_stay", "birth"]
    assert shown.mapping_form.rowCount() == 2 + 3  # id, stage, and the rule's 3 events


def _bad_csv(path: Path) -> Path:
    path.write_text(
        "IPP;Date de sortie;Date de naissance;Date décès;Etape\n"
        "P1;2020-01-15;1950-01-01;;actif\n"
        "P2;29/02/2023;1951-01-01;;actif\n"
        ";2020-01-15;1952-01-01;;actif\n"
        "P4;2020-01-15;1953-01-01;;détruit\n"
        "P5;15/01/2020;1954-01-01;;archivé\n", encoding="utf-8")
    return path


def test_the_check_lists_the_refused_rows_and_nothing_is_loaded(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, wizard: InventoryWizard,
        register: Register, tmp_path: Path) -> None:
    _choose(monkeypatch, qtbot, wizard, _bad_csv(tmp_path / "séjours.csv"))
    with qtbot.waitSignal(wizard.load_finished, timeout=10_000):
        qtbot.mouseClick(wizard.verify_button, Qt.MouseButton.LeftButton)
    assert wizard.refused.isVisible()
    rows = [[wizard.refused.item(r, c).text() for c in range(4)]
            for r in range(wizard.refused.rowCount())]
    assert [row[:3] for row in rows] == [
        ["3", "Date de sortie", "29/02/2023"], ["4", "IPP", ""], ["5", "Etape", "détruit"]]
    assert rows[0][3] == "« 29/02/2023 » n'est pas une date valide"
    assert wizard.messages.texts() == [
        "3 ligne(s) seraient refusées ; rien n'est chargé tant qu'il en reste : corrigez le "
        "fichier puis choisissez-le à nouveau."]
    assert wizard.messages.level("check") is Level.ERROR

    # Loading anyway checks again and stops before writing anything.
    loads: list[object] = []
    monkeypatch.setattr(inventory_wizard, "load_inventory",
                        lambda *a, **k: loads.append(a) or load_inventory(*a, **k))
    with qtbot.waitSignal(wizard.load_finished, timeout=10_000):
        qtbot.mouseClick(wizard.load_button, Qt.MouseButton.LeftButton)
    assert loads == [] and wizard.loaded is None and _records(register) == []
    assert wizard.refused.rowCount() == 3

    # Another column for the events: the list found with the old one goes.
    wizard.stage_combo.setCurrentIndex(0)
    assert not wizard.refused.isVisible() and wizard.messages.texts() == []


def test_load_checks_the_file_first_when_it_was_not_checked(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, wizard: InventoryWizard,
        register: Register, tmp_path: Path) -> None:
    checks: list[object] = []
    real_check = inventory_wizard.check_inventory
    monkeypatch.setattr(inventory_wizard, "check_inventory",
                        lambda *a, **k: checks.append(a) or real_check(*a, **k))
    _choose(monkeypatch, qtbot, wizard, _csv(tmp_path / "dpi.csv", 40))
    with qtbot.waitSignal(wizard.load_finished, timeout=10_000):
        qtbot.mouseClick(wizard.load_button, Qt.MouseButton.LeftButton)
    assert len(checks) == 1 and wizard.loaded is not None and wizard.loaded.records == 40
    assert wizard.row_count == 40  # the estimate replaced by the checked count


def test_a_file_that_is_not_an_inventory_is_said_and_nothing_can_be_loaded(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, wizard: InventoryWizard,
        tmp_path: Path) -> None:
    fake = tmp_path / "dpi.xlsx"
    fake.write_text("pas un classeur", encoding="utf-8")
    _choose(monkeypatch, qtbot, wizard, fake)
    assert wizard.path is None and wizard.preview.rowCount() == 0
    assert not wizard.load_button.isEnabled() and not wizard.verify_button.isEnabled()
    [said] = wizard.messages.texts()
    assert said.startswith("dpi.xlsx : ce n'est pas un classeur Excel ou OpenDocument lisible")


def test_the_check_of_a_big_workbook_can_be_cancelled(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, wizard: InventoryWizard,
        tmp_path: Path) -> None:
    from openpyxl import Workbook

    from storage import safe_zip

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["IPP", "Date de sortie"])
    sheet.append(["P1", "2020-01-01"])
    path = tmp_path / "dpi.xlsx"
    book.save(path)
    # The workbook is read once in a child process before the preview: make it last.
    monkeypatch.setattr(safe_zip, "_PREFLIGHT", "import time; time.sleep(60)")
    monkeypatch.setattr(inventory_wizard, "choose_inventory_file", lambda *_args: path)
    qtbot.mouseClick(wizard.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(wizard.cancel_button.isEnabled, timeout=5_000)
    assert not wizard.close_button.isEnabled()  # busy: Annuler is the way out
    with qtbot.waitSignal(wizard.file_previewed, timeout=5_000) as previewed:
        qtbot.mouseClick(wizard.cancel_button, Qt.MouseButton.LeftButton)
    assert previewed.args == [False]
    assert wizard.path is None and wizard.close_button.isEnabled()
    assert wizard.choose_button.isEnabled() and not wizard.cancel_button.isEnabled()
    [said] = wizard.messages.texts()
    assert said == "dpi.xlsx : chargement annulé ; rien n'a été modifié", said
