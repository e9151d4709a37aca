"""Undoable edits: each command applies a change through ``domain.services`` and its undo
applies the inverse change through them too (Orange's ``document/commands.py``: commands act
on the register, never on widgets).

Optimistic locking without false alarms: a command remembers the values it wrote; undoing
(or redoing) checks that those fields still hold them, and then edits with the version just
read. If someone else changed the same fields meanwhile, the command says so (ConflictError,
shown by ``report``) and leaves the stack instead of overwriting their work. A command never
compares versions it held before an undo: undoing and redoing the commands around it move
the version too, and a redo was refused as "changed by someone else" with one user.

A command's text is a function of the window's language (``text``), called again after a
switch (``relabel``): "Annuler la validation de T-001" becomes "Undo the validation of
T-001", not "Undo la validation de T-001".
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from PySide6.QtGui import QKeySequence, QUndoCommand, QUndoStack

from domain import services
from domain.errors import ConflictError, RegistreError
from domain.model import ProcessingActivity, Status
from domain.vocabulary import Vocabularies
from storage.register import Register


@dataclass
class UndoContext:
    """What commands need: the register, the date, and how to tell the window."""

    register: Register
    voc: Vocabularies
    today: Callable[[], date]
    # (entity_id, ref before the change, the activity now stored or None when gone)
    changed: Callable[[int, str, ProcessingActivity | None], None]
    report: Callable[[RegistreError], None]


Label = str | Callable[[], str]  # the words "Annuler …" ends with, in the current language


class RegisterCommand(QUndoCommand):
    def __init__(self, context: UndoContext, text: Label) -> None:
        self._label = text
        super().__init__(self.label())
        self.context = context
        self._applied_once = False

    def label(self) -> str:
        """The command's words in the window's current language."""
        return self._label() if callable(self._label) else self._label

    def apply(self) -> None:
        """The first application, before the command enters the stack (may raise)."""
        self._redo()
        self._applied_once = True

    def redo(self) -> None:
        if self._applied_once:  # push() calls redo(): apply() already did the work
            self._applied_once = False
            return
        self._guarded(self._redo)

    def undo(self) -> None:
        self._guarded(self._undo)

    def _guarded(self, action: Callable[[], None]) -> None:
        try:
            action()
        except RegistreError as error:
            self.setObsolete(True)  # Qt drops it from the stack
            self.context.report(error)

    def _redo(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError


def _holds(activity: ProcessingActivity, values: Mapping[str, object]) -> bool:
    return all(getattr(activity, name) == value for name, value in values.items())


# what the register writes by itself on any change: not what the DPO wrote
_BOOKKEEPING = frozenset({"id", "version", "status", "created_on", "updated_on",
                          "last_reviewed_on"})


def _content(activity: ProcessingActivity) -> dict[str, object]:
    return {f.name: getattr(activity, f.name) for f in dataclasses.fields(activity)
            if f.name not in _BOOKKEEPING}


def _unchanged(context: UndoContext, activity: ProcessingActivity) -> ProcessingActivity:
    """The stored activity, if what the DPO wrote in it is still what ``activity`` holds;
    else ConflictError (undoing or redoing would overwrite someone else's change).

    Compares the content, never the version: undoing and redoing the commands around this
    one (an edit before a validation) moved the version without anyone else at work."""
    current = services.get_activity(context.register.uow(), activity.entity_id, activity.ref)
    if _content(current) != _content(activity):
        raise ConflictError("activity", activity.ref)
    return current


class EditActivityCommand(RegisterCommand):
    def __init__(self, context: UndoContext, activity: ProcessingActivity,
                 changes: Mapping[str, object], text: Label) -> None:
        super().__init__(context, text)
        if activity.id is None:
            raise ValueError("edit an activity that is stored")
        self.entity_id = activity.entity_id
        self.before = {name: getattr(activity, name) for name in changes}
        self.after = dict(changes)
        self.ref_before = activity.ref
        ref_after = changes.get("ref", activity.ref)
        self.ref_after = ref_after if isinstance(ref_after, str) else activity.ref
        self.expected_version: int | None = activity.version  # the version the form opened

    def _write(self, ref: str, old: Mapping[str, object], new: Mapping[str, object]) -> None:
        uow = self.context.register.uow
        current = services.get_activity(uow(), self.entity_id, ref)
        version = self.expected_version
        self.expected_version = None  # only the first application checks the form's version
        if version is None:
            if not _holds(current, old):
                raise ConflictError("activity", ref)
            version = current.version
        stored = services.edit_activity(uow(), self.entity_id, ref, new, self.context.today(),
                                        expected_version=version, voc=self.context.voc)
        self.context.changed(self.entity_id, ref, stored)

    def _redo(self) -> None:
        self._write(self.ref_before, self.before, self.after)

    def _undo(self) -> None:
        self._write(self.ref_after, self.after, self.before)


class AddActivityCommand(RegisterCommand):
    def __init__(self, context: UndoContext, activity: ProcessingActivity, text: Label) -> None:
        super().__init__(context, text)
        self.activity = activity
        self.stored: ProcessingActivity | None = None

    def _redo(self) -> None:
        self.stored = services.add_activity(self.context.register.uow(), self.activity,
                                            self.context.today(), voc=self.context.voc)
        self.context.changed(self.activity.entity_id, self.activity.ref, self.stored)

    def _undo(self) -> None:
        if self.stored is None:
            return
        _unchanged(self.context, self.stored)  # edited since by someone else: keep it
        services.delete_activity(self.context.register.uow(), self.activity.entity_id,
                                 self.activity.ref)
        self.context.changed(self.activity.entity_id, self.activity.ref, None)


class DeleteActivityCommand(RegisterCommand):
    """Deleting keeps the activity to add it back on undo (as a draft: it must be
    validated again, as after any edit)."""

    def __init__(self, context: UndoContext, activity: ProcessingActivity, text: Label) -> None:
        super().__init__(context, text)
        self.activity = activity

    def _redo(self) -> None:
        _unchanged(self.context, self.activity)
        services.delete_activity(self.context.register.uow(), self.activity.entity_id,
                                 self.activity.ref)
        self.context.changed(self.activity.entity_id, self.activity.ref, None)

    def _undo(self) -> None:
        stored = services.add_activity(self.context.register.uow(),
                                       dataclasses.replace(self.activity, id=None),
                                       self.context.today(), voc=self.context.voc)
        self.activity = stored
        self.context.changed(stored.entity_id, stored.ref, stored)


class ValidateActivityCommand(RegisterCommand):
    """"Valider": marks the activity checked by the DPO; undo returns it to draft."""

    def __init__(self, context: UndoContext, activity: ProcessingActivity, text: Label) -> None:
        super().__init__(context, text)
        self.activity = activity
        self.stored: ProcessingActivity | None = None

    def _redo(self) -> None:
        current = _unchanged(self.context, self.activity)
        if self.stored is not None and current.status is Status.VALIDATED:
            raise ConflictError("activity", self.activity.ref)  # validated by someone else
        self.stored = services.validate(self.context.register.uow(), self.activity.entity_id,
                                        self.activity.ref, self.context.today(),
                                        voc=self.context.voc)
        self.context.changed(self.stored.entity_id, self.stored.ref, self.stored)

    def _undo(self) -> None:
        if self.stored is None:
            return
        if _unchanged(self.context, self.stored).status is not Status.VALIDATED:
            raise ConflictError("activity", self.stored.ref)  # reopened by someone else
        self.activity = services.reopen_activity(self.context.register.uow(),
                                                 self.stored.entity_id, self.stored.ref,
                                                 self.context.today())
        self.context.changed(self.activity.entity_id, self.activity.ref, self.activity)


class ArchiveActivityCommand(RegisterCommand):
    """Ends an activity on ``archived_on`` (None: brings it back to the live register); its
    history stays. Undo restores the previous end date."""

    def __init__(self, context: UndoContext, activity: ProcessingActivity,
                 archived_on: date | None, text: Label) -> None:
        super().__init__(context, text)
        self.activity = activity
        self.before, self.after = activity.archived_on, archived_on

    def _set(self, archived_on: date | None) -> None:
        expected = self.before if archived_on == self.after else self.after
        current = services.get_activity(self.context.register.uow(),
                                        self.activity.entity_id, self.activity.ref)
        if current.archived_on != expected:  # ended or brought back by someone else
            raise ConflictError("activity", self.activity.ref)
        self.activity = services.set_archived(self.context.register.uow(),
                                              self.activity.entity_id, self.activity.ref,
                                              archived_on, self.context.today())
        self.context.changed(self.activity.entity_id, self.activity.ref, self.activity)

    def _redo(self) -> None:
        self._set(self.after)

    def _undo(self) -> None:
        self._set(self.before)


class DuplicateActivityCommand(RegisterCommand):
    """A draft copy under a new reference, in the same entity or another of the group;
    undo removes the copy (unless it was edited since)."""

    def __init__(self, context: UndoContext, activity: ProcessingActivity, new_ref: str,
                 target_entity_id: int, text: Label) -> None:
        super().__init__(context, text)
        self.source = activity
        self.new_ref, self.target_entity_id = new_ref, target_entity_id
        self.copy: ProcessingActivity | None = None

    def _redo(self) -> None:
        self.copy = services.duplicate_activity(
            self.context.register.uow(), self.source.entity_id, self.source.ref, self.new_ref,
            self.context.today(), target_entity_id=self.target_entity_id, voc=self.context.voc)
        self.context.changed(self.copy.entity_id, self.copy.ref, self.copy)

    def _undo(self) -> None:
        if self.copy is None:
            return
        _unchanged(self.context, self.copy)
        services.delete_activity(self.context.register.uow(), self.copy.entity_id,
                                 self.copy.ref)
        self.context.changed(self.copy.entity_id, self.copy.ref, None)


def relabel(stack: QUndoStack) -> None:
    """Every command's words in the current language (after a language switch)."""
    for number in range(stack.count()):
        command = stack.command(number)
        if isinstance(command, RegisterCommand):
            command.setText(command.label())


def redo_shortcuts(platform: list[QKeySequence]) -> list[QKeySequence]:
    """Ctrl+Shift+Z and Ctrl+Y, then the platform's own Redo keys, each once: a key bound
    twice is ambiguous to Qt ("Ambiguous shortcut overload") and does nothing. (On X11 the
    platform's first Redo key is Ctrl+Shift+Z itself.)"""
    keys: list[QKeySequence] = []
    for key in [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y"), *platform]:
        if not key.isEmpty() and key not in keys:
            keys.append(key)
    return keys


def push(stack: QUndoStack, command: RegisterCommand) -> bool:
    """Apply ``command`` and, when it succeeded, put it on the stack.

    A refused change (invalid, conflict) is reported and never enters the stack."""
    try:
        command.apply()
    except RegistreError as error:
        command.context.report(error)
        return False
    stack.push(command)
    return True
