"""The activity editor in the main window: create, edit each group, inline checks, undo,
validate, delete — each asserted on what the user sees and what the register stores."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from domain import services
from domain.errors import ConflictError, RegistreError
from domain.model import ProcessingActivity, RecipientKind, Role, Safeguard, Status
from gui.main_window import EDITOR_TAB, MainWindow
from gui.settings import Settings
from storage.register import Register
from tests.builders import entity, full_activity

TODAY = date(2026, 11, 1)


@pytest.fixture
def window(qtbot: QtBot, register: Register, settings: Settings) -> MainWindow:
    owner = services.add_entity(register.uow(), entity())
    assert owner.id is not None
    services.add_activity(register.uow(), full_activity(owner.id), TODAY)
    services.add_activity(register.uow(), ProcessingActivity(
        owner.id, "RH-01", "Paie des agents", department="DRH"), TODAY)
    shown = MainWindow(register, "fr", today=TODAY, settings=settings)
    # closing would ask whether to save what a test left in the form: drop it first
    qtbot.addWidget(shown, before_close_func=lambda w: w.editor.revert())
    shown.show()
    return shown


def _stored(register: Register, ref: str) -> ProcessingActivity:
    with register.uow() as uow:
        owner = uow.entities.list()[0]
    assert owner.id is not None
    return services.get_activity(register.uow(), owner.id, ref)


def _open(window: MainWindow, ref: str) -> None:
    number = window.model.find(window.model.row_at(0).activity.entity_id, ref)
    assert window.select_activity(window.model.row_at(number).activity.entity_id, ref)
    window.edit_selected()
    assert window.right.currentIndex() == EDITOR_TAB
    assert window.editor.original is not None and window.editor.original.ref == ref


def _save(qtbot: QtBot, window: MainWindow) -> None:
    assert window.editor.save_button.isEnabled(), window.editor.findings.texts()
    with qtbot.waitSignal(window.register_changed, timeout=2000):
        qtbot.mouseClick(window.editor.save_button, Qt.MouseButton.LeftButton)


def test_creating_an_activity_through_the_form(qtbot: QtBot, window: MainWindow,
                                               register: Register) -> None:
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = window.editor
    assert window.right.currentIndex() == EDITOR_TAB
    assert editor.ref.text() == "T-003"
    assert "nom" in editor.group_messages["identification"].text("invalid")  # name required
    assert not editor.save_button.isEnabled()
    editor.name.setText("Gestion des plaintes et réclamations")  # accents: paste, not type
    editor.name.textEdited.emit(editor.name.text())
    editor.purpose.setPlainText("Traiter les réclamations des usagers")
    assert editor.group_messages["identification"].keys() == []
    _save(qtbot, window)
    stored = _stored(register, "T-003")
    assert stored.name == "Gestion des plaintes et réclamations"
    assert stored.purpose == "Traiter les réclamations des usagers"
    assert stored.status is Status.DRAFT
    assert window.selected_row() is not None
    assert window.selected_row().activity.ref == "T-003"  # type: ignore[union-attr]
    assert window.count_label.text() == "3 traitement(s) sur 3"
    with qtbot.waitSignal(window.register_changed):
        window.undo_action.trigger()  # undo the creation
    assert window.model.find(stored.entity_id, "T-003") == -1


def _identification(window: MainWindow) -> None:
    e = window.editor
    e.department.setText("Direction des soins infirmiers")
    e.department.textEdited.emit("")
    e.role.setCurrentIndex(e.role.findData("joint"))
    e.joint_controllers.setPlainText("GHT Vallée\nCHU de Poitiers")


def _check_identification(a: ProcessingActivity) -> None:
    assert a.department == "Direction des soins infirmiers"
    assert a.role is Role.JOINT
    assert a.joint_controllers == ("GHT Vallée", "CHU de Poitiers")


def _purposes(window: MainWindow) -> None:
    e = window.editor
    e.sub_purposes.setPlainText("Tenue du dossier")
    e.legal_bases.boxes["A6-1-c"].setChecked(True)
    e.legal_bases.details["A6-1-c"].setText("CSP R1112-2")
    e.legal_bases.details["A6-1-c"].textEdited.emit("")


def _check_purposes(a: ProcessingActivity) -> None:
    assert a.sub_purposes == ("Tenue du dossier",)
    assert [(b.code, b.justification) for b in a.legal_bases] == [
        ("A6-1-e", "Mission de service public hospitalier"), ("A6-1-c", "CSP R1112-2")]


def _data(window: MainWindow) -> None:
    e = window.editor
    e.data_subjects.setPlainText("Patients")
    row = e.categories["financial"]
    row.box.setChecked(True)
    row.description.setText("Mutuelle")
    row.rule.setText("last_stay + 10 years")
    row.rule.textEdited.emit("")


def _check_data(a: ProcessingActivity) -> None:
    assert a.data_subjects == ("Patients",)
    financial = a.category("financial")
    assert financial is not None and financial.description == "Mutuelle"
    assert financial.retention is not None
    assert financial.retention.delete_after == "last_stay + 10 years"
    assert a.category("imaging_metadata") is not None  # an own category is kept
    assert [c.code for c in a.data_categories][:2] == ["identity", "health"]


def _recipients(window: MainWindow) -> None:
    e = window.editor
    row = e.recipients.add_row()
    row.kind.setCurrentIndex(row.kind.findData("processor"))
    row.name.setText("Éditeur du DPI")
    row.contract.setText("Contrat 2025-07")
    row.name.textEdited.emit("")
    transfer = e.transfers.rows[0]
    transfer.country.setCurrentIndex(transfer.country.findData("IN"))
    transfer.safeguard.setCurrentIndex(transfer.safeguard.findData("scc"))


def _check_recipients(a: ProcessingActivity) -> None:
    added = a.recipients[-1]
    assert (added.kind, added.name, added.contract_reference) == (
        RecipientKind.PROCESSOR, "Éditeur du DPI", "Contrat 2025-07")
    assert (a.transfers[0].country, a.transfers[0].safeguard) == ("IN", Safeguard.SCC)


def _security(window: MainWindow) -> None:
    e = window.editor.security_measures
    e.boxes["traceability"].setChecked(False)
    e.boxes["encryption"].setChecked(True) if "encryption" in e.boxes else \
        list(e.boxes.values())[-1].setChecked(True)


def _check_security(a: ProcessingActivity) -> None:
    codes = [m.code for m in a.security_measures]
    assert "traceability" not in codes and codes[0] == "access_control" and len(codes) == 2


def _dpia(window: MainWindow) -> None:
    e = window.editor
    e.dpia_criteria.boxes["large_scale"].setChecked(False)
    e.dpia_reference.setText("AIPD-2026-01")
    e.dpia_reference.textEdited.emit("")
    e.dpia_date.setDate(date(2026, 2, 3))


def _check_dpia(a: ProcessingActivity) -> None:
    assert a.dpia.criteria == ("sensitive_data", "vulnerable_subjects")
    assert a.dpia.reference == "AIPD-2026-01"
    assert a.dpia.done_on == date(2026, 2, 3)


def _notes(window: MainWindow) -> None:
    window.editor.dpia_notes.setPlainText("Revue annuelle avec le DIM")
    window.editor.notes.setPlainText("À revoir avec le service facturation")


def _check_notes(a: ProcessingActivity) -> None:
    assert a.dpia.notes == "Revue annuelle avec le DIM"
    assert a.notes == "À revoir avec le service facturation"


@pytest.mark.parametrize(("edit", "check"), [
    (_identification, _check_identification), (_purposes, _check_purposes),
    (_data, _check_data), (_recipients, _check_recipients), (_security, _check_security),
    (_dpia, _check_dpia), (_notes, _check_notes),
], ids=["identification", "purposes", "data", "recipients", "security", "dpia", "notes"])
def test_editing_each_group_of_fields(qtbot: QtBot, window: MainWindow, register: Register,
                                      edit, check) -> None:  # type: ignore[no-untyped-def]
    _open(window, "SOIN-01")
    edit(window)
    assert window.editor.is_dirty() and window.isWindowModified()
    _save(qtbot, window)
    stored = _stored(register, "SOIN-01")
    check(stored)
    assert stored.status is Status.DRAFT  # an edit returns the activity to draft
    assert not window.editor.is_dirty()
    assert not window.isWindowModified()  # saved: the title's "*" went away


def test_inline_validation_appears_and_clears(qtbot: QtBot, window: MainWindow) -> None:
    _open(window, "SOIN-01")
    e = window.editor
    e.name.clear()
    e.name.textEdited.emit("")
    assert "obligatoire" in e.group_messages["identification"].text("invalid")
    assert not e.save_button.isEnabled()
    qtbot.keyClicks(e.name, "DPI")
    assert e.group_messages["identification"].keys() == []
    assert e.save_button.isEnabled()

    row = e.categories["identity"]
    row.rule.setText("last_stay + 20 yaers")
    row.rule.textEdited.emit("")
    assert "yaers" in row.rule_message.texts()[0]
    assert not e.save_button.isEnabled()
    row.rule.setText("last_stay + 20 years")
    row.rule.textEdited.emit("")
    assert row.rule_message.keys() == []

    e.legal_bases.boxes["A6-1-f"].setChecked(True)
    assert "Intérêt légitime" in e.group_messages["purposes"].text("legitimate_interest")
    assert e.legal_bases.details["A6-1-f"].isVisibleTo(e)
    qtbot.keyClicks(e.legal_bases.details["A6-1-f"], "Securite des locaux")
    assert e.group_messages["purposes"].text("legitimate_interest") == ""


def test_completeness_is_live_and_conditional_fields_follow(window: MainWindow) -> None:
    _open(window, "RH-01")
    e = window.editor
    start = e.score.value()
    assert not e.special_conditions.isVisibleTo(e)  # no sensitive category yet
    e.purpose.setPlainText("Payer les agents")
    assert e.score.value() > start
    e.categories["health"].box.setChecked(True)
    assert e.special_conditions.isVisibleTo(e)
    assert any("article 9" in text for text in e.findings.texts())
    e.special_conditions.boxes["A9-2-b"].setChecked(True)
    assert not any("article 9" in text for text in e.findings.texts())

    transfer = e.transfers.add_row()
    transfer.country.setCurrentIndex(transfer.country.findData("CH"))  # adequate
    assert not transfer.safeguard.isVisibleTo(e)
    transfer.country.setCurrentIndex(transfer.country.findData("US"))  # partial decision
    assert transfer.safeguard.isVisibleTo(e)
    transfer.country.setCurrentIndex(transfer.country.findData("CN"))  # none
    assert transfer.safeguard.isVisibleTo(e)
    e.revert()  # leave nothing unsaved behind


def test_undo_and_redo_a_field_edit(qtbot: QtBot, window: MainWindow,
                                    register: Register) -> None:
    _open(window, "RH-01")
    window.editor.name.setText("Paie et indemnités des agents")
    window.editor.name.textEdited.emit("")
    _save(qtbot, window)
    assert _stored(register, "RH-01").name == "Paie et indemnités des agents"
    assert window.undo_action.isEnabled()
    assert "RH-01" in window.undo_action.text()
    with qtbot.waitSignal(window.register_changed):
        qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _stored(register, "RH-01").name == "Paie des agents"
    assert window.editor.name.text() == "Paie des agents"
    assert not window.isWindowModified()  # back to the clean state
    with qtbot.waitSignal(window.register_changed):
        qtbot.keyClick(window.table, Qt.Key.Key_Z,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert _stored(register, "RH-01").name == "Paie et indemnités des agents"
    assert window.selected_row().cells[1] == "Paie et indemnités des agents"  # type: ignore


def test_undo_refuses_to_overwrite_someone_elses_change(
        qtbot: QtBot, window: MainWindow, register: Register,
        monkeypatch: pytest.MonkeyPatch) -> None:
    errors: list[RegistreError] = []
    monkeypatch.setattr("gui.dialogs.show_error", lambda parent, error, lang: errors.append(error))
    _open(window, "RH-01")
    window.editor.name.setText("Paie")
    window.editor.name.textEdited.emit("")
    _save(qtbot, window)
    stored = _stored(register, "RH-01")
    services.edit_activity(register.uow(), stored.entity_id, "RH-01", {"name": "Autre"}, TODAY)
    window.undo_action.trigger()
    assert isinstance(errors[0], ConflictError)
    assert _stored(register, "RH-01").name == "Autre"
    assert window.undo_stack.count() == 0  # the obsolete command left the stack


def test_saving_over_a_concurrent_edit_is_explained(
        qtbot: QtBot, window: MainWindow, register: Register,
        monkeypatch: pytest.MonkeyPatch) -> None:
    errors: list[RegistreError] = []
    monkeypatch.setattr("gui.dialogs.show_error", lambda parent, error, lang: errors.append(error))
    _open(window, "RH-01")
    stored = _stored(register, "RH-01")
    services.edit_activity(register.uow(), stored.entity_id, "RH-01",
                           {"department": "DRH et paie"}, TODAY)  # another DPO saves
    window.editor.name.setText("Paie")
    window.editor.name.textEdited.emit("")
    window.editor.save_button.click()
    assert [type(e) for e in errors] == [ConflictError]
    assert _stored(register, "RH-01").name == "Paie des agents"
    assert window.undo_stack.count() == 0


def test_validate_is_refused_inline_then_accepted(qtbot: QtBot, window: MainWindow,
                                                  register: Register) -> None:
    _open(window, "RH-01")
    window.editor.validate_button.click()
    assert "ne peut pas être validé" in window.validate_messages.text("refused")
    assert _stored(register, "RH-01").status is Status.DRAFT
    _open(window, "SOIN-01")
    assert window.validate_messages.keys() == []
    with qtbot.waitSignal(window.register_changed):
        window.editor.validate_button.click()
    assert _stored(register, "SOIN-01").status is Status.VALIDATED
    assert window.validate_messages.keys() == ["validated"]
    assert window.model.row_at(window.model.find(1, "SOIN-01")).cells[6] == "Validé"
    with qtbot.waitSignal(window.register_changed):  # Ctrl+Z: back to draft
        window.undo_action.trigger()
    assert _stored(register, "SOIN-01").status is Status.DRAFT
    assert window.model.row_at(window.model.find(1, "SOIN-01")).cells[6] == "Brouillon"
    with qtbot.waitSignal(window.register_changed):
        window.redo_action.trigger()
    assert _stored(register, "SOIN-01").status is Status.VALIDATED


def test_duplicate_into_another_entity_then_undo(qtbot: QtBot, window: MainWindow,
                                                 register: Register,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    other = services.add_entity(register.uow(), entity("EHPAD Les Tilleuls"))
    assert other.id is not None
    window.reload()
    asked: list[tuple[object, ...]] = []

    def ask_duplicate(parent: object, entities: dict[int, str], entity_id: int,
                      suggested: str, lang: str) -> tuple[int, str]:
        asked.append((sorted(entities.values()), suggested))
        return other.id, "EHPAD-SOIN"  # type: ignore[return-value]

    monkeypatch.setattr("gui.dialogs.ask_duplicate", ask_duplicate)
    _open(window, "SOIN-01")
    with qtbot.waitSignal(window.register_changed):
        qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert asked == [(["Centre hospitalier d'Essai", "EHPAD Les Tilleuls"], "SOIN-01-2")]
    copy = services.get_activity(register.uow(), other.id, "EHPAD-SOIN")
    assert copy.status is Status.DRAFT and copy.name == _stored(register, "SOIN-01").name
    row = window.selected_row()
    assert row is not None and (row.activity.entity_id, row.activity.ref) == (
        other.id, "EHPAD-SOIN")
    with qtbot.waitSignal(window.register_changed):
        window.undo_action.trigger()
    assert window.model.stored(other.id, "EHPAD-SOIN") is None
    assert services.list_activities(register.uow(), other.id) == []


def test_end_an_activity_keeps_it_and_its_history(qtbot: QtBot, window: MainWindow,
                                                  register: Register,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("gui.dialogs.confirm", lambda *args: True)
    _open(window, "RH-01")
    with qtbot.waitSignal(window.register_changed):
        window.archive_action.trigger()
    assert _stored(register, "RH-01").archived_on == TODAY
    assert [r.activity.ref for r in window.model.rows()] == ["SOIN-01"]  # hidden by default
    assert window.count_label.text() == "1 traitement(s) sur 1"
    window.archived_filter.setChecked(True)
    refs = [r.activity.ref for r in window.model.rows()]
    assert refs == ["RH-01", "SOIN-01"]
    ended = window.model.row_at(0)
    assert ended.cells[6] == "Brouillon, terminé le 01/11/2026"
    assert window.model.index(0, 1).data(Qt.ItemDataRole.FontRole).italic()
    assert window.model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole) == ended.cells[6]
    assert window.select_activity(ended.activity.entity_id, "RH-01")
    assert window.archive_action.text() == "&Remettre dans le registre"
    assert "Terminé le" in window.details.toPlainText()
    with qtbot.waitSignal(window.register_changed):  # Ctrl+Z: back in the register
        window.undo_action.trigger()
    assert _stored(register, "RH-01").archived_on is None
    window.right.setCurrentIndex(2)
    fields = [window.history_model.index(r, 3).data()
              for r in range(window.history_model.rowCount())]
    assert fields.count("Terminé le") == 2  # ended, then undone: both in the audit log


@pytest.mark.parametrize("agree", [False, True])
def test_delete_asks_first(qtbot: QtBot, window: MainWindow, register: Register,
                           monkeypatch: pytest.MonkeyPatch, agree: bool) -> None:
    asked: list[str] = []

    def confirm(parent: object, text: str, lang: str) -> bool:
        asked.append(text)
        return agree

    monkeypatch.setattr("gui.dialogs.confirm", confirm)
    _open(window, "RH-01")
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    assert "RH-01" in asked[0]
    refs = [r.activity.ref for r in window.model.rows()]
    assert ("RH-01" in refs) is not agree
    if agree:
        with qtbot.waitSignal(window.register_changed):
            window.undo_action.trigger()
        assert _stored(register, "RH-01").name == "Paie des agents"


def test_history_lists_the_audit_entries_of_the_activity(qtbot: QtBot,
                                                         window: MainWindow) -> None:
    _open(window, "RH-01")
    window.editor.department.setText("DRH — paie")
    window.editor.department.textEdited.emit("")
    _save(qtbot, window)
    window.right.setCurrentIndex(2)
    model = window.history_model
    rows = [[model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())]
    assert rows[0][1:] == ["dpo", "modification", "Service", "DRH", "DRH — paie"]
    assert rows[-1][2] == "création"


def test_a_cut_recipient_kind_shows_its_whole_label(window: MainWindow) -> None:
    from PySide6.QtWidgets import QComboBox

    _open(window, full_activity(1).ref)
    kinds = window.editor.findChildren(QComboBox, "recipient-kind")
    assert kinds
    kind = kinds[0]
    internal = kind.findData(RecipientKind.INTERNAL.value)
    kind.setCurrentIndex(internal)
    assert kind.toolTip() == "Service interne qui traite les données"
    widest = max(kind.fontMetrics().horizontalAdvance(kind.itemText(i))
                 for i in range(kind.count()))
    assert kind.view().minimumWidth() >= widest  # the list shows every label whole
