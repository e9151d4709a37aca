"""The register table: filters, sort, processor register, columns, settings, language, and
every model checked by qtmodeltester."""

from __future__ import annotations

import dataclasses
import threading
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QStyledItemDelegate, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from domain import services
from domain.model import DataCategoryUse, ProcessingActivity, Role
from gui.activity_model import (
    COMPLETENESS_COLUMN,
    CONTROLLERS_COLUMN,
    EAGER_ROWS,
    NAME_COLUMN,
    ROLE_COLUMN,
    ActivityTableModel,
    PreparedRows,
    fold,
)
from gui.history_model import HistoryModel
from gui.main_window import PROCESSOR_VIEW, MainWindow
from gui.settings import HIDDEN_COLUMNS, LANGUAGE, Settings
from storage.register import Register
from tests.builders import entity, full_activity

TODAY = date(2026, 11, 1)


@pytest.fixture
def window(qtbot: QtBot, register: Register, settings: Settings) -> MainWindow:
    owner = services.add_entity(register.uow(), entity())
    other = services.add_entity(register.uow(), entity("EHPAD Les Tilleuls"))
    assert owner.id is not None and other.id is not None
    services.add_activity(register.uow(), full_activity(owner.id), TODAY)
    services.validate(register.uow(), owner.id, "SOIN-01", TODAY)
    services.add_activity(register.uow(), ProcessingActivity(
        owner.id, "RH-01", "Paie des agents", department="DRH"), TODAY)
    services.add_activity(register.uow(), ProcessingActivity(
        other.id, "EHPAD-01", "Paie pour le compte du CCAS", role=Role.PROCESSOR,
        controllers_acted_for=("CCAS de Valmont",),
        data_categories=(DataCategoryUse("health"),)), TODAY)
    shown = MainWindow(register, "fr", today=TODAY, settings=settings)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def _refs(window: MainWindow) -> list[str]:
    return [window.model.index(r, 0).data() for r in range(window.model.rowCount())]


def test_filters_by_status_role_sensitive_and_completeness(window: MainWindow) -> None:
    assert _refs(window) == ["EHPAD-01", "RH-01", "SOIN-01"]
    window.status_filter.setCurrentIndex(window.status_filter.findData("validated"))
    assert _refs(window) == ["SOIN-01"]
    assert window.count_label.text() == "1 traitement(s) sur 3"
    window.status_filter.setCurrentIndex(0)
    window.role_filter.setCurrentIndex(window.role_filter.findData("processor"))
    assert _refs(window) == ["EHPAD-01"]
    window.role_filter.setCurrentIndex(0)
    window.sensitive_filter.setChecked(True)
    assert _refs(window) == ["EHPAD-01", "SOIN-01"]
    window.incomplete_filter.setChecked(True)
    assert _refs(window) == ["EHPAD-01"]
    window.sensitive_filter.setChecked(False)
    window.incomplete_filter.setChecked(False)
    window.search.setText("paie")
    assert _refs(window) == ["EHPAD-01", "RH-01"]


def test_entity_selector_shows_one_establishment_or_the_group(window: MainWindow) -> None:
    assert window.entity_combo.isVisible()
    assert not window.table.isColumnHidden(2)  # the entity column for the whole group
    window.entity_combo.setCurrentIndex(window.entity_combo.findText("EHPAD Les Tilleuls"))
    assert _refs(window) == ["EHPAD-01"]
    assert window.table.isColumnHidden(2)
    window.entity_combo.setCurrentIndex(0)
    assert len(_refs(window)) == 3


def test_sort_by_clicking_a_header(qtbot: QtBot, window: MainWindow) -> None:
    header = window.table.horizontalHeader()
    x = header.sectionViewportPosition(1) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=header.viewport().rect().topLeft() + type(
                         header.viewport().rect().topLeft())(x, 5))
    names = [window.model.index(r, 1).data() for r in range(window.model.rowCount())]
    assert names == sorted(names, key=str.casefold)
    window.table.sortByColumn(7, Qt.SortOrder.DescendingOrder)  # completeness, as a number
    percents = [int(window.model.index(r, 7).data().split()[0])
                for r in range(window.model.rowCount())]
    assert percents == sorted(percents, reverse=True)
    window.search.setText("paie")  # sorting and filtering together
    window.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert _refs(window) == ["RH-01", "EHPAD-01"]


def test_processor_register_view(window: MainWindow) -> None:
    window.view_tabs.setCurrentIndex(PROCESSOR_VIEW)
    assert _refs(window) == ["EHPAD-01"]
    assert not window.table.isColumnHidden(CONTROLLERS_COLUMN)
    assert window.table.isColumnHidden(ROLE_COLUMN)
    assert window.model.index(0, CONTROLLERS_COLUMN).data() == "CCAS de Valmont"
    window.view_tabs.setCurrentIndex(0)
    assert len(_refs(window)) == 3


def test_columns_and_language_are_remembered(qtbot: QtBot, register: Register,
                                             window: MainWindow, settings: Settings) -> None:
    window.column_actions["department"].setChecked(False)
    assert window.table.isColumnHidden(3)
    window.set_language("en")
    window.close()
    assert settings.get(HIDDEN_COLUMNS).split(",") == ["department", "controllers",
                                                      "sensitive"]
    assert settings.get(LANGUAGE) == "en"
    again = MainWindow(register, settings.language("fr"), today=TODAY, settings=settings)
    qtbot.addWidget(again)
    assert again.table.isColumnHidden(3)
    assert again.lang == "en"


def test_switching_language(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.language_changed):
        window.language_actions["en"].trigger()
    assert window.model.headerData(1, Qt.Orientation.Horizontal) == "Activity"
    assert window.count_label.text() == "3 of 3 activities"
    assert window.menuBar().actions()[0].text() == "&File"
    assert window.editor.groups["identification"].title() == "Identification and actors"
    assert window.editor.score_label.text() == "Completeness"
    assert window.status_filter.itemText(0) == "Any status"
    assert window.right.tabText(1) == "Edit"
    row = window.selected_row()
    assert row is not None and row.cells[4] in ("Controller", "Processor", "Joint controller")
    window.set_language("fr")
    assert window.editor.groups["identification"].title() == "Identification et acteurs"
    assert window.model.headerData(1, Qt.Orientation.Horizontal) == "Traitement"


def test_the_table_model_passes_the_model_tester(qtmodeltester,  # type: ignore[no-untyped-def]
                                                 window: MainWindow) -> None:
    qtmodeltester.check(window.model, force_py=True)
    window.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # watched while sorting
    window.search.setText("paie")


def test_the_model_passes_the_model_tester_while_filtering(  # type: ignore[no-untyped-def]
        qtmodeltester, window: MainWindow) -> None:
    qtmodeltester.check(window.model, force_py=True)
    window.search.setText("paie")  # watched while filtering and sorting
    window.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    window.sensitive_filter.setChecked(True)
    assert _refs(window) == ["EHPAD-01"]
    window.sensitive_filter.setChecked(False)
    window.search.setText("")
    assert len(_refs(window)) == 3


def test_the_model_passes_the_model_tester_while_editing(  # type: ignore[no-untyped-def]
        qtmodeltester, qtbot: QtBot, window: MainWindow, register: Register,
        monkeypatch: pytest.MonkeyPatch) -> None:
    qtmodeltester.check(window.model, force_py=True)
    number = window.model.find(window.model.row_at(1).activity.entity_id, "RH-01")
    assert window.select_activity(window.model.row_at(number).activity.entity_id, "RH-01")
    window.editor.department.setText("DRH — paie")
    window.editor.department.textEdited.emit("")
    with qtbot.waitSignal(window.register_changed):  # edited in place: one row changes
        window.editor.save_button.click()
    assert window.model.row_at(number).cells[3] == "DRH — paie"
    monkeypatch.setattr("gui.dialogs.confirm", lambda *args: True)
    with qtbot.waitSignal(window.register_changed):  # ended: the row leaves the table
        window.archive_action.trigger()
    assert "RH-01" not in _refs(window)
    window.archived_filter.setChecked(True)
    assert "RH-01" in _refs(window)


def test_filtering_keeps_the_selected_activity(qtbot: QtBot, window: MainWindow) -> None:
    assert window.select_activity(window.model.row_at(1).activity.entity_id, "RH-01")
    window.search.setText("pai")
    assert _refs(window) == ["EHPAD-01", "RH-01"]
    row = window.selected_row()
    assert row is not None and row.activity.ref == "RH-01"
    assert "Paie des agents" in window.details.toPlainText()
    window.search.setText("video")  # the selected activity is filtered out: fiche emptied
    assert window.selected_row() is None
    assert window.details.toPlainText() == ""


def _big_model(count: int) -> ActivityTableModel:
    model = ActivityTableModel("fr", today=TODAY)
    model.set_activities([dataclasses.replace(
        full_activity(1), ref=f"T-{i:05d}", name=f"Activité n° {i}") if i % 5 == 0
        else ProcessingActivity(
            1 + i % 3, f"T-{i:05d}", f"Activité n° {i}", department=f"Service {i % 7}",
            data_categories=(DataCategoryUse("health"),) if i % 2 else ())
        for i in range(count)], {1: "CH Valmont", 2: "EHPAD", 3: "Clinique"})
    return model


def test_a_big_register_is_assessed_between_events(qtbot: QtBot) -> None:
    """Above EAGER_ROWS, nothing is computed before the first paint; the search text and
    the completeness come between events, with the progress said."""
    model = _big_model(EAGER_ROWS + 500)
    assert not any(r.assessed for r in model.all_rows())
    assert model.fill.running() and model.fill.indexing()
    with qtbot.waitSignal(model.completeness_progressed, timeout=10_000,
                          check_params_cb=lambda done, total: done == total):
        pass
    assert all(r.assessed and r.search is not None for r in model.all_rows())


def test_a_search_before_the_fill_is_exact(qtbot: QtBot) -> None:
    model = _big_model(EAGER_ROWS + 500)
    model.set_query("activite 2499")  # accents folded, typed before any row was indexed
    assert [model.row_at(r).activity.ref for r in range(model.rowCount())] == ["T-02499"]
    model.set_query("")
    model.set_filter(incomplete_only=True)  # not yet assessed rows are shown until known
    assert model.rowCount() == EAGER_ROWS + 500
    model.fill.finish()
    assert model.rowCount() == (EAGER_ROWS + 500) * 4 // 5  # every fifth one is complete
    assert all(model.row_at(r).completeness.percent < 100 for r in range(model.rowCount()))


def test_sorting_on_precomputed_keys(qtbot: QtBot) -> None:
    model = _big_model(50)
    model.sort(3, Qt.SortOrder.AscendingOrder)  # department, ties in reference order
    rows = [model.row_at(r) for r in range(model.rowCount())]
    assert [(r.activity.department, r.activity.ref) for r in rows] == sorted(
        (r.activity.department, r.activity.ref) for r in rows)
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.row_at(0).activity.ref == "T-00049"


def test_search_text_survives_control_characters(qtbot: QtBot) -> None:
    model = ActivityTableModel("fr", today=TODAY)
    model.set_activities([ProcessingActivity(1, "A-1", "Paie\x1fagents"),
                          ProcessingActivity(1, "A-2", "Vidéo")], {1: "CH"})
    model.set_query("video")
    assert [model.row_at(r).activity.ref for r in range(model.rowCount())] == ["A-2"]


def test_fold_ignores_case_and_accents() -> None:
    assert fold("Élève CÉSARIENNE naïve") == "eleve cesarienne naive"
    assert fold("Straße œuvre") == "strasse œuvre"


def test_the_history_model_passes_the_model_tester(qtmodeltester,  # type: ignore[no-untyped-def]
                                                   register: Register,
                                                   window: MainWindow) -> None:
    model = HistoryModel("fr")
    model.set_entries(register.audit_entries())
    assert model.rowCount() > 3
    qtmodeltester.check(model, force_py=True)


def test_an_empty_table_model_passes_the_model_tester(qtmodeltester) -> None:  # type: ignore
    qtmodeltester.check(ActivityTableModel("en"), force_py=True)


# --- a large register ----------------------------------------------------------------------


def test_a_large_register_read_in_the_background_shows_every_row(
        qtbot: QtBot, register: Register, settings: Settings) -> None:
    """2,000 activities of 20 establishments: the window reads them off the GUI thread and
    the table shows every one, searchable at once (the search text came with the rows)."""
    from benchmarks.register_load import group_activities, write_group

    write_group(register, 20, 2_000)
    with register.uow() as uow:
        names = {e.id: e.name for e in uow.entities.list()}
    written = group_activities(2_000, sorted(names))
    assert [dataclasses.replace(a, id=None, version=0) for a in services.list_activities(
        register.uow())] == sorted(written, key=lambda a: (a.entity_id, a.ref))
    shown = MainWindow(register, "fr", today=TODAY, settings=settings, read_in_background=True)
    qtbot.addWidget(shown)
    shown.show()
    assert shown.progress_label.text() == "Lecture du registre…"
    with qtbot.waitSignal(shown.register_loaded, timeout=60_000):
        pass
    model = shown.model
    assert model.rowCount() == 2_000
    assert shown.count_label.text() == "2\u202f000 traitement(s) sur 2\u202f000"
    assert sorted((model.index(r, 2).data(), model.index(r, 0).data())
                  for r in range(model.rowCount())) == sorted(
        (names[a.entity_id], a.ref) for a in written)
    assert shown.entity_combo.count() == 21  # the whole group, then each establishment
    assert all(row.search is not None for row in model.all_rows())
    shown.search.setText("ADM-01-003")
    assert sorted(model.index(r, 2).data() for r in range(model.rowCount())) == sorted(
        names[a.entity_id] for a in written if a.ref == "ADM-01-003")


def test_rows_prepared_on_another_thread_show_as_rows_given_directly(qtbot: QtBot) -> None:
    activities = [dataclasses.replace(full_activity(1 + i % 2, f"R-{i:03d}"), name=f"Paie n{i}x")
                  for i in range(30)]
    entities = {1: "CH Valmont", 2: "EHPAD"}
    direct = ActivityTableModel("fr", today=TODAY)
    direct.set_activities(activities, entities)
    prepared: list[PreparedRows] = []
    worker = threading.Thread(target=lambda: prepared.append(
        direct.prepare(activities[::-1], entities, TODAY)))
    worker.start()
    worker.join()
    model = ActivityTableModel("fr", today=TODAY)
    model.set_activities(prepared[0])
    assert _cells(model) == _cells(direct)
    model.set_query("paie n1")
    direct.set_query("paie n1")
    assert _cells(model) == _cells(direct) and model.rowCount() == 11
    english = ActivityTableModel("en", today=TODAY)  # the language changed meanwhile
    english.set_activities(prepared[0])
    assert english.index(0, ROLE_COLUMN).data() == "Controller"


def _cells(model: ActivityTableModel) -> list[tuple[str, ...]]:
    return [tuple(model.index(r, c).data() for c in range(model.columnCount()))
            for r in range(model.rowCount())]


def test_an_edit_moves_one_row_and_the_table_is_as_if_read_again(qtbot: QtBot) -> None:
    """Edits, renames, additions, removals and endings, each under a sort and filters: the
    rows shown are those a model given the resulting activities would show; an edit that
    leaves its row where it was repaints that row only (no reset, the selection stays)."""
    activities = {(a.entity_id, a.ref): a for a in (
        ProcessingActivity(1 + i % 3, f"T-{i:03d}", f"Traitement {i % 17}",
                           department=f"Service {i % 5}", role=Role.PROCESSOR if i % 4 == 0
                           else Role.CONTROLLER) for i in range(60))}
    entities = {1: "CH Valmont", 2: "EHPAD", 3: "Clinique"}
    model = ActivityTableModel("fr", today=TODAY)
    model.set_activities(activities.values(), entities)
    model.sort(NAME_COLUMN, Qt.SortOrder.DescendingOrder)
    model.set_filter(role="controller")
    model.set_query("traitement 1")

    def expect() -> None:
        fresh = ActivityTableModel("fr", today=TODAY)
        fresh.set_activities(activities.values(), entities)
        fresh.sort(*model._sort)
        fresh.set_filter(**{k: v for k, v in dataclasses.asdict(model.row_filter).items()})
        assert _cells(model) == _cells(fresh)

    def store(key: tuple[int, str], new: ProcessingActivity | None) -> None:
        activities.pop(key, None)
        if new is not None:
            activities[(new.entity_id, new.ref)] = new
        model.update_activity(*key, new)
        expect()

    expect()
    kept = model.row_at(3).activity
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    with qtbot.waitSignal(model.dataChanged):
        store((kept.entity_id, kept.ref), dataclasses.replace(kept, department="Direction"))
    assert resets == [] and model.row_at(3).activity.department == "Direction"
    first = model.row_at(0).activity
    store((first.entity_id, first.ref), dataclasses.replace(first, name="Traitement 10 bis"))
    store((first.entity_id, first.ref), dataclasses.replace(first, name="Accueil"))  # gone
    store((2, "T-001"), dataclasses.replace(activities[(2, "T-001")], ref="A-000"))
    store((3, "T-050"), None)
    store((1, "Z-999"), ProcessingActivity(1, "Z-999", "Traitement 1 nouveau"))
    store((1, "A-998"), ProcessingActivity(1, "A-998", "Traitement 19", role=Role.PROCESSOR))
    model.sort(0, Qt.SortOrder.AscendingOrder)
    model.set_query("")
    store((1, "T-003"), dataclasses.replace(activities[(1, "T-003")],
                                            archived_on=date(2026, 10, 1)))
    model.set_filter(show_archived=True)
    expect()
    assert model.count() == len(activities)


def test_cells_are_painted_with_their_own_font_and_colour(qtbot: QtBot) -> None:
    """What the table's delegate paints each cell with (it asks for every role at once,
    reusing its request from cell to cell): an ended activity grey and italic, the next
    one, live, neither; the completeness in its colour."""
    model = ActivityTableModel("fr", today=TODAY)
    model.set_activities([ProcessingActivity(1, "A-1", "Paie", archived_on=date(2026, 1, 1)),
                          ProcessingActivity(1, "A-2", "Vidéo"), full_activity(1, "A-3")],
                         {1: "CH"})
    model.set_filter(show_archived=True)
    delegate = QStyledItemDelegate()
    painted = []
    for row in range(model.rowCount()):
        for column in (NAME_COLUMN, COMPLETENESS_COLUMN):
            option = QStyleOptionViewItem()
            delegate.initStyleOption(option, model.index(row, column))
            painted.append((option.text, option.font.italic(),
                            option.palette.color(QPalette.ColorRole.Text).name()))
    plain = QApplication.palette().color(QPalette.ColorRole.Text).name()
    assert painted == [
        ("Paie", True, "#8a8a8a"), ("0 %", True, "#8a8a8a"),
        ("Vidéo", False, plain), ("0 %", False, "#b3261e"),
        (full_activity(1).name, False, plain), ("100 %", False, "#1b7f3b")]
