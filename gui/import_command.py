"""Undoing an import from the window: ``ImportCommand`` on the window's QUndoStack.

The import itself runs off the GUI thread, all-or-nothing (``gui.io_dialogs``); once it is
stored, the command enters the stack already done. Undo removes the activities it added and
restores those it updated (and the entity's actors the file set); redo puts its result back.
Each is one transaction through the services (``storage.importer.restore_activities``,
audited), refused as a whole, and said, when one of those activities was changed since.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from domain.errors import RegistreError
from domain.model import Entity, ProcessingActivity
from gui.undo import UndoContext
from storage.importer import ImportReport, restore_activities

__all__ = ["ImportCommand"]


class ImportCommand(QUndoCommand):
    """An import already stored; ``applied(undone)`` is called after each undo or redo."""

    def __init__(self, context: UndoContext, report: ImportReport, text: str,
                 applied: Callable[[bool], None]) -> None:
        super().__init__(text)
        self.context = context
        self.report = report
        # each activity as stored now in the state "before the import" and "after it"
        self._states: dict[bool, list[ProcessingActivity | None]] = {
            True: [c.before for c in report.changes],  # undone
            False: [c.after for c in report.changes],  # done
        }
        change = report.entity_change
        self._entity: dict[bool, Entity] | None = \
            {True: change.before, False: change.after} if change is not None else None
        self._applied = applied
        self._entered = False
        self.undone = False

    @property
    def removed(self) -> int:
        """How many activities undoing the import removes (those it added)."""
        return sum(1 for c in self.report.changes if c.before is None)

    @property
    def restored(self) -> int:
        """How many activities undoing the import restores (those it updated)."""
        return len(self.report.changes) - self.removed

    def redo(self) -> None:
        if not self._entered:  # push() calls redo(): the import is already stored
            self._entered = True
            return
        self._bring(undone=False)

    def undo(self) -> None:
        self._bring(undone=True)

    def _bring(self, undone: bool) -> None:
        """From the current state (``not undone``) to the other one, in one transaction."""
        now, wanted = self._states[not undone], self._states[undone]
        entity = (self._entity[not undone], self._entity[undone]) \
            if self._entity is not None else None
        try:
            stored, stored_entity = restore_activities(
                self.context.register, list(zip(now, wanted, strict=True)),
                self.context.today(), entity)
        except RegistreError as error:
            self.setObsolete(True)  # Qt drops it from the stack: it can no longer apply
            self.context.report(error)
            return
        self._states[undone] = stored  # their versions now: the next step checks them
        if self._entity is not None and stored_entity is not None:
            self._entity[undone] = stored_entity
        self.undone = undone
        self._applied(undone)
