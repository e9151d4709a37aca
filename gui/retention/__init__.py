"""Retention in the window: the rule editor, the inventory loading wizard, the quarterly
review screen, the legal holds screen and the dashboard; the reminders bar above the
activity table.

``install_retention(window)`` adds a "Conservation" menu and toolbar to the main window;
the screens themselves only need the register, the window's words (``Texts``) and, for
the rule editor, its undo stack and context, so tests build them without a window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog

from domain import services
from domain.model import ProcessingActivity
from gui.entity_dialog import entity_statuses
from gui.i18n import tr_noop
from gui.retention.dashboard import DashboardScreen
from gui.retention.holds_screen import HoldsScreen
from gui.retention.inventory_wizard import InventoryWizard
from gui.retention.reminders import WindowReminders
from gui.retention.review_screen import ReviewScreen
from gui.retention.rule_editor import RuleEditorDialog
from gui.widgets import toolbar_words

if TYPE_CHECKING:
    from gui.main_window import MainWindow

__all__ = ["RetentionActions", "install_retention"]


class RetentionActions(QObject):
    """The window's retention menu, toolbar and the screens they open (one of each)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.screens: dict[str, QDialog] = {}
        t = window.texts
        menu = window.menuBar().addMenu("")
        menu.setObjectName("retention-menu")
        t.bind(menu.setTitle, "&Conservation")
        self.menu = menu
        self.rule_action = self._action("&Règle de conservation…",
                                        lambda: self.open_rule_editor(), "retention-rule")
        self.inventory_action = self._action("Charger un &inventaire…",
                                             self.open_inventory_wizard, "retention-inventory")
        self.review_action = self._action("Revue &trimestrielle…",
                                          self.open_review, "retention-review")
        self.holds_action = self._action("&Gels juridiques…",
                                         lambda: self.open_holds(), "retention-holds")
        menu.addActions([self.rule_action, self.inventory_action])
        menu.addSeparator()
        self.dashboard_action = self._action("Tableau de &bord…",
                                             self.open_dashboard, "retention-dashboard")
        menu.addActions([self.review_action, self.holds_action, self.dashboard_action])
        self.reminders_action = self._action("Afficher les ra&ppels",
                                             lambda: self.reminders.bar.reopen(),
                                             "retention-reminders")
        menu.addSeparator()
        menu.addAction(self.reminders_action)
        toolbar = window.addToolBar("")
        toolbar.setObjectName("retention-toolbar")
        t.bind(toolbar.setWindowTitle, "Conservation")
        toolbar.setMovable(False)
        toolbar.addActions([self.rule_action, self.inventory_action, self.review_action,
                            self.dashboard_action])
        for action, short in ((self.rule_action, tr_noop("Règle")),
                              (self.inventory_action, tr_noop("Inventaire")),
                              (self.review_action, tr_noop("Revue")),
                              (self.dashboard_action, tr_noop("Tableau de bord"))):
            toolbar_words(t, action, short)  # short words on the toolbar: see main_window
        self.toolbar = toolbar
        # the reminders bar above the table: a review due, long holds, DPIAs not done
        self.reminders = WindowReminders(window, self)
        # "Règle de conservation…" on a category of the activity editor
        window.editor.rule_editor_requested.connect(self._on_editor_rule_editor_requested)
        window.register_changed.connect(self._on_register_changed)

    def _action(self, source: str, slot: Callable[[], object], name: str) -> QAction:
        action = QAction(self.window)
        action.setObjectName(name)
        self.window.texts.bind(action.setText, source)
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    def _show(self, key: str, dialog: QDialog) -> QDialog:
        old = self.screens.get(key)
        if old is not None:
            old.deleteLater()
        self.screens[key] = dialog
        dialog.show()
        dialog.raise_()
        return dialog

    def open_rule_editor(self, category: str = "", activity: ProcessingActivity | None = None
                         ) -> RuleEditorDialog | None:
        """The rule editor on ``activity`` (default: the selected one), on ``category`` (by
        default its first category without a rule, else its first); the editor lists them
        all."""
        window = self.window
        row = window.selected_row()
        if activity is None and row is None:
            window.statusBar().showMessage(window.texts.t(
                "Choisissez d'abord un traitement."), 5000)
            return None
        if activity is None:
            assert row is not None  # said above
            activity = row.activity
        uses = activity.data_categories
        if not category and uses:
            category = next((u.code for u in uses
                             if u.retention is None or not u.retention.is_defined()),
                            uses[0].code)
        dialog = RuleEditorDialog(window.undo_context, window.undo_stack, window.texts,
                                  activity, category, parent=window,
                                  entity_status=entity_statuses(window.register).get(
                                      activity.entity_id))
        self._show("rule", dialog)
        return dialog

    def _on_editor_rule_editor_requested(self, code: str) -> None:
        """A category's button in the activity editor: unsaved changes are saved, or not,
        as the DPO answers (the category may just have been ticked)."""
        window = self.window
        if not window.leave_editor():
            return
        self.open_rule_editor(code)

    def open_dashboard(self) -> DashboardScreen:
        window = self.window
        dialog = DashboardScreen(window.register, window.texts, window.voc, window.clock,
                                 parent=window)
        dialog.activity_chosen.connect(self._on_dashboard_activity_chosen)
        self._show("dashboard", dialog)
        dialog.refresh()
        return dialog

    def _on_dashboard_activity_chosen(self, entity_id: int, ref: str) -> None:
        window = self.window
        if window.select_activity(entity_id, ref):
            window.activateWindow()
            window.raise_()
        else:
            window.statusBar().showMessage(window.texts.t(
                "{ref} n'est pas affiché : les filtres du registre le cachent.").format(
                    ref=ref), 8000)

    def _on_register_changed(self, *_args: object) -> None:
        """An edit, an undo, an inventory loaded, a hold created or ended: the open
        dashboard computes its figures again."""
        dashboard = self.screens.get("dashboard")
        if isinstance(dashboard, DashboardScreen) and dashboard.isVisible():
            dashboard.refresh()

    def open_inventory_wizard(self) -> InventoryWizard:
        window = self.window
        row = window.selected_row()
        activities = services.list_activities(window.register.uow())
        ref = row.activity.ref if row is not None else ""
        dialog = InventoryWizard(window.register, window.voc, window.texts, activities, ref,
                                 parent=window)
        self._show("inventory", dialog)
        dialog.inventory_loaded.connect(self._on_register_changed)
        return dialog

    def open_review(self) -> ReviewScreen:
        window = self.window
        with window.register.uow() as uow:
            entities = uow.entities.list()
        signer = next((e.dpo.name for e in entities if e.dpo.name), "")
        dialog = ReviewScreen(window.register, window.texts, window.clock, signer,
                              parent=window)
        self._show("review", dialog)
        dialog.rule_requested.connect(self._on_review_rule_requested)
        dialog.review_started.connect(self._on_retention_changed)
        dialog.review_changed.connect(self._on_retention_changed)
        dialog.holds_changed.connect(self._on_retention_changed)
        return dialog

    def _on_review_rule_requested(self, ref: str, category: str) -> None:
        """"Règle révisée" in the review: the rule editor on that activity's category (of
        the establishment whose activity has it), unsaved edits saved first."""
        window = self.window
        found = [r.activity for r in window.model.all_rows()
                 if r.activity.ref == ref and r.activity.category(category) is not None]
        if not found:
            window.statusBar().showMessage(window.texts.t(
                "{ref} n'est plus dans le registre."
            ).format(ref=ref), 8000)
            return
        if window.editor.is_dirty() and not window.save():
            return
        dialog = self.open_rule_editor(category, found[0])
        if dialog is not None:
            dialog.raise_()
            dialog.activateWindow()

    def _on_retention_changed(self, *_args: object) -> None:
        """A review or a hold changed: the reminders again, the open holds screen and the
        open dashboard (a hold changes statuses and deadlines)."""
        self.reminders.schedule()
        self._on_register_changed()
        holds = self.screens.get("holds")
        if isinstance(holds, HoldsScreen) and holds.isVisible() and \
                self.sender() is not holds:
            holds.reload()

    def open_holds(self, hold_id: int | None = None) -> HoldsScreen:
        """The legal holds screen, on the selected activity (and ``hold_id`` selected)."""
        window = self.window
        row = window.selected_row()
        activities = [r.activity for r in window.model.all_rows()]
        dialog = HoldsScreen(window.register, window.voc, window.texts, window.clock,
                             activities, row.activity.ref if row is not None else "",
                             parent=window)
        self._show("holds", dialog)
        dialog.holds_changed.connect(self._on_retention_changed)
        if hold_id is not None:
            dialog.select_hold(hold_id)
        return dialog


def install_retention(window: MainWindow) -> None:
    """Add the "Conservation" menu and toolbar (rule editor, inventory loading, quarterly
    review, legal holds, dashboard) to ``window``; call it once, at the end of
    ``MainWindow.__init__``."""
    if getattr(window, "retention", None) is None:  # once: the window calls it itself
        window.retention = RetentionActions(window)  # type: ignore[attr-defined]
