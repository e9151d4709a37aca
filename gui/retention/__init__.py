"""Retention in the window: the rule editor, the inventory loading wizard, the quarterly
review screen and the legal holds screen; the reminders bar above the activity table.

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
from gui.retention.holds_screen import HoldsScreen
from gui.retention.inventory_wizard import InventoryWizard
from gui.retention.reminders import WindowReminders
from gui.retention.review_screen import ReviewScreen
from gui.retention.rule_editor import RuleEditorDialog

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
        t.bind(menu.setTitle, "&Conservation", "&Retention")
        self.menu = menu
        self.rule_action = self._action("&Règle de conservation…", "Retention &rule…",
                                        self.open_rule_editor, "retention-rule")
        self.inventory_action = self._action("Charger un &inventaire…", "Load an &inventory…",
                                             self.open_inventory_wizard, "retention-inventory")
        self.review_action = self._action("Revue &trimestrielle…", "Quarterly &review…",
                                          self.open_review, "retention-review")
        self.holds_action = self._action("&Gels juridiques…", "Legal &holds…",
                                         lambda: self.open_holds(), "retention-holds")
        menu.addActions([self.rule_action, self.inventory_action])
        menu.addSeparator()
        menu.addActions([self.review_action, self.holds_action])
        self.reminders_action = self._action("Afficher les &rappels", "Show the &reminders",
                                             lambda: self.reminders.bar.reopen(),
                                             "retention-reminders")
        menu.addSeparator()
        menu.addAction(self.reminders_action)
        toolbar = window.addToolBar("")
        toolbar.setObjectName("retention-toolbar")
        t.bind(toolbar.setWindowTitle, "Conservation", "Retention")
        toolbar.setMovable(False)
        toolbar.addActions([self.rule_action, self.inventory_action, self.review_action])
        self.toolbar = toolbar
        # the reminders bar above the table: a review due, long holds, DPIAs not done
        self.reminders = WindowReminders(window, self)

    def _action(self, fr: str, en: str, slot: Callable[[], object], name: str) -> QAction:
        action = QAction(self.window)
        action.setObjectName(name)
        self.window.texts.bind(action.setText, fr, en)
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

    def open_rule_editor(self) -> RuleEditorDialog | None:
        window = self.window
        row = window.selected_row()
        if row is None:
            window.statusBar().showMessage(window.texts.t(
                "Choisissez d'abord un traitement.", "Choose an activity first."), 5000)
            return None
        category = row.activity.data_categories[0].code if row.activity.data_categories \
            else ""
        dialog = RuleEditorDialog(window.undo_context, window.undo_stack, window.texts,
                                  row.activity, category, parent=window)
        self._show("rule", dialog)
        return dialog

    def open_inventory_wizard(self) -> InventoryWizard:
        window = self.window
        row = window.selected_row()
        activities = services.list_activities(window.register.uow())
        ref = row.activity.ref if row is not None else ""
        dialog = InventoryWizard(window.register, window.voc, window.texts, activities, ref,
                                 parent=window)
        self._show("inventory", dialog)
        return dialog

    def open_review(self) -> ReviewScreen:
        window = self.window
        with window.register.uow() as uow:
            entities = uow.entities.list()
        signer = next((e.dpo.name for e in entities if e.dpo.name), "")
        dialog = ReviewScreen(window.register, window.texts, window.today, signer,
                              parent=window)
        self._show("review", dialog)
        dialog.review_started.connect(self._on_retention_changed)
        dialog.review_changed.connect(self._on_retention_changed)
        dialog.holds_changed.connect(self._on_retention_changed)
        return dialog

    def _on_retention_changed(self, *_args: object) -> None:
        """A review or a hold changed: the reminders again, and the open holds screen."""
        self.reminders.schedule()
        holds = self.screens.get("holds")
        if isinstance(holds, HoldsScreen) and holds.isVisible() and \
                self.sender() is not holds:
            holds.reload()

    def open_holds(self, hold_id: int | None = None) -> HoldsScreen:
        """The legal holds screen, on the selected activity (and ``hold_id`` selected)."""
        window = self.window
        row = window.selected_row()
        activities = [r.activity for r in window.model.all_rows()]
        dialog = HoldsScreen(window.register, window.voc, window.texts, window.today,
                             activities, row.activity.ref if row is not None else "",
                             parent=window)
        self._show("holds", dialog)
        dialog.holds_changed.connect(self._on_retention_changed)
        if hold_id is not None:
            dialog.select_hold(hold_id)
        return dialog


def install_retention(window: MainWindow) -> None:
    """Add the "Conservation" menu and toolbar (rule editor, inventory loading, quarterly
    review) to ``window``; call it once, at the end of ``MainWindow.__init__``."""
    if getattr(window, "retention", None) is None:  # once: the window calls it itself
        window.retention = RetentionActions(window)  # type: ignore[attr-defined]
