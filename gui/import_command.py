"""Undoing an import from the window: ``ImportCommand`` on the window's QUndoStack.

The import itself runs off the GUI thread, all-or-nothing (``gui.io_dialogs``); once it is
stored, the command enters the stack already done. Undo removes the activities it added and
restores those it updated (and the entity's actors the file set); redo puts its result back.
Each is one transaction through the services (``storage.importer.restore_activities``,
audited), refused as a whole, and said, when one of those activities was changed since.

That transaction takes seconds for a large import (about 12 ms an activity): it runs on the
thread pool while the window keeps painting, user input waiting until it is over (a nested
event loop that excludes user input, so that the stack stays synchronous: a refused undo
leaves the stack as Qt expects), with a progress dialog when it lasts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QProgressDialog, QWidget

from domain.errors import RegistreError
from domain.model import Entity, ProcessingActivity
from gui.retention.worker import BackgroundTask, Progress
from gui.undo import UndoContext
from gui.widgets import Texts
from storage.importer import ImportReport, restore_activities

__all__ = ["ImportCommand"]

BUSY_AFTER_MS = 400  # the progress dialog appears only when the work lasts


class ImportCommand(QUndoCommand):
    """An import already stored; ``applied(command, undone)`` is called after each undo or
    redo."""

    def __init__(self, context: UndoContext, report: ImportReport, text: str,
                 applied: Callable[[ImportCommand, bool], None],
                 parent: QWidget | None = None,
                 texts: Texts | None = None) -> None:
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
        self._parent, self._texts = parent, texts
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
        register, today = self.context.register, self.context.today()
        steps = list(zip(now, wanted, strict=True))

        def work(progress: Progress, _cancelled: Callable[[], bool]) -> Any:
            return restore_activities(register, steps, today, entity, progress)

        try:
            result = self._wait_for(work, undone)
        except RegistreError as error:
            self.setObsolete(True)  # Qt drops it from the stack: it can no longer apply
            self.context.report(error)
            return
        if result is None:  # a bug: the crash dialog has it; the transaction rolled back
            self.setObsolete(True)
            return
        stored, stored_entity = result
        self._states[undone] = stored  # their versions now: the next step checks them
        if self._entity is not None and stored_entity is not None:
            self._entity[undone] = stored_entity
        self.undone = undone
        self._applied(self, undone)

    def _wait_for(self, work: Callable[[Progress, Callable[[], bool]], Any],
                  undone: bool) -> Any:
        """Run ``work`` on the thread pool; the window paints meanwhile, its user input
        waits. Returns the result (None after a bug: the crash handler has it), or raises
        the RegistreError the work raised."""
        outcome: dict[str, Any] = {}
        task = BackgroundTask(work)
        loop = QEventLoop()
        busy = QProgressDialog(self._parent)
        busy.setObjectName("import-undo-progress")
        busy.setWindowModality(Qt.WindowModality.ApplicationModal)
        busy.setCancelButton(None)  # all or nothing: no cancel
        busy.setMinimumDuration(BUSY_AFTER_MS)
        busy.setRange(0, 0)
        busy.setValue(0)  # starts its clock: shown if the work lasts BUSY_AFTER_MS
        busy.setWindowTitle("Registre")
        if self._texts is not None:
            busy.setLabelText(self._texts.t(
                "Annulation de l'import…") if undone else
                self._texts.t("Rétablissement de l'import…"))

        def progressed(done: int, total: int) -> None:
            busy.setRange(0, max(1, total))
            busy.setValue(min(done, max(1, total)))

        task.progressed.connect(progressed)
        task.succeeded.connect(lambda result: outcome.__setitem__("result", result))
        task.failed.connect(lambda error: outcome.__setitem__("error", error))
        task.finished.connect(loop.quit)
        task.start()
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        busy.reset()
        busy.deleteLater()
        task.deleteLater()
        if "error" in outcome:
            raise outcome["error"]
        return outcome.get("result")
