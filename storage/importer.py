"""Importing a register file: the CNIL model, flat registers, CSV, and our own export.

``import_register(register, path, today=...)`` reads the file (``storage.import_read``),
recognises its layout and reads every activity (``storage.import_layouts``), then stores
them in ONE transaction through the domain services (validated, audited):

* everything is checked first (the services' validation), so a bad value anywhere refuses
  the whole file with a message naming file, sheet, row and column, and changes nothing;
* an activity whose reference (or, without a reference, whose name) is already in the
  entity is updated, only in the fields the file gives: importing the same file again
  changes nothing and duplicates nothing;
* a reference used twice in the file gets a new reference for the second activity, and a
  warning;
* ``dry_run=True`` goes through all of it and rolls back: the report says what would be
  added and updated, activity by activity (``ImportReport.items``): the window's preview is
  this dry run, never a separate reading of the file;
* the CNIL model's actors (the list sheet's contact block, the fiches' "Acteurs") go into the
  target entity: its address, its DPO and its representative, field by field where the
  file gives a value (audited like any change); the head of the organisation's own name,
  phone and email have no place in the register and are said in a warning;
* ``leave_out`` names rows of the file (their ``ImportedItem.index``) the DPO left out in the
  preview: they are neither checked nor stored; the references of the others stay those the
  preview showed;
* ``progress(done, total)`` is called as activities are stored, and ``cancelled()`` is asked
  between them: a cancelled import raises ``import.cancelled`` and changes nothing;
* the report keeps each activity as it was before and as the import stored it
  (``ImportReport.changes``): ``restore_activities`` puts them back, in one transaction
  through the services (audited), which is how the window undoes an import.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Final, Self

from domain import services
from domain.errors import ConflictError, RegistreError
from domain.model import EDITABLE_FIELDS, Contact, Entity, ProcessingActivity, Status
from domain.validation import MAX_REF_LENGTH, validate_activity
from domain.vocabulary import load_vocabularies, normalise_label
from storage.import_layouts import (
    Actors,
    ColumnUse,
    ImportedActivity,
    ImportPlan,
    ImportWarning,
    plan_import,
)
from storage.import_read import ImportFileError, read_sheets
from storage.register import Register
from storage.repository import SqlActivityRepository, SqlEntityRepository
from storage.uow import SqlUnitOfWork

__all__ = ["ADDED", "LEFT_OUT", "UNCHANGED", "UPDATED", "EntityChange", "ImportFileError",
           "ImportReport", "ImportedItem", "StoredChange", "import_register", "read_plan",
           "restore_activities"]

ADDED: Final = "added"
UPDATED: Final = "updated"
UNCHANGED: Final = "unchanged"
LEFT_OUT: Final = "left_out"  # a row the DPO left out in the preview

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ImportedItem:
    """One activity of the file and what the import does (or would do) with it."""

    ref: str  # in the register (a duplicate of the file gets a new one)
    name: str
    action: str  # ADDED | UPDATED | UNCHANGED | LEFT_OUT
    sheet: str | None = None
    row: int | None = None
    file_ref: str = ""  # as written in the file, when the register's differs
    changed: tuple[str, ...] = ()  # UPDATED: the fields that change
    index: int = -1  # the activity's place in the file (what ``leave_out`` names)


@dataclass(frozen=True)
class StoredChange:
    """An activity as it was before the import (None: the import added it) and as the
    import stored it: what undoing the import puts back."""

    before: ProcessingActivity | None
    after: ProcessingActivity


@dataclass(frozen=True)
class EntityChange:
    """The target entity before and after the file's actors were written into it."""

    before: Entity
    after: Entity


@dataclass
class ImportReport:
    file: str
    layout: str
    entity: str
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    dry_run: bool = False
    items: list[ImportedItem] = field(default_factory=list)
    # the target entity's fields the file's actors set: ("dpo.name", new value)...
    entity_changes: list[tuple[str, str]] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # refs of the rows left out
    changes: list[StoredChange] = field(default_factory=list)  # what undoing puts back
    entity_change: EntityChange | None = None
    entity_added: bool = False  # the import created the target entity
    columns: list[ColumnUse] = field(default_factory=list)  # the file's columns, mapped

    @property
    def total(self) -> int:
        return len(self.added) + len(self.updated) + len(self.unchanged)


class _OneTransaction:
    """The unit of work the services see during an import: their ``with uow:`` blocks and
    ``commit()`` calls all happen inside the import's single transaction (flushes only);
    the import commits once at the end, or rolls everything back."""

    def __init__(self, outer: SqlUnitOfWork) -> None:
        self._outer = outer

    @property
    def entities(self) -> SqlEntityRepository:
        return self._outer.entities

    @property
    def activities(self) -> SqlActivityRepository:
        return self._outer.activities

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        return None

    def commit(self) -> None:
        self._outer.session.flush()

    def rollback(self) -> None:
        raise RuntimeError("an import rolls back as a whole")  # pragma: no cover


def read_plan(path: Path) -> ImportPlan:
    """Read ``path`` and recognise its activities, without touching any register."""
    return plan_import(str(path), read_sheets(path), load_vocabularies())


def _refuse(path: Path, item: ImportedActivity, error: RegistreError) -> ImportFileError:
    where = ", ".join(p for p in (path.name, f"sheet {item.sheet}" if item.sheet else "",
                                  f"row {item.row}" if item.row else "") if p)
    field_name = str(error.params.get("field", ""))
    column = item.columns.get(field_name, field_name)
    refused = ImportFileError(
        "import.invalid_activity",
        f"{where}: activity {item.activity.ref or item.activity.name!r}: {error}",
        file=str(path), sheet=item.sheet, row=item.row, column=column,
        ref=item.activity.ref or item.activity.name, detail=str(error),
    )
    refused.cause = error  # what the register refused, for the user's language
    return refused


def _clean_ref(ref: str) -> str:
    return " ".join(ref.split())  # too long: refused by the validation, naming the row


def _new_ref(base: str, taken: set[str]) -> str:
    stem = base[: MAX_REF_LENGTH - 4] if base else "IMP"
    number = 2 if base else 1
    while True:
        candidate = f"{stem}-{number}" if base else f"IMP-{number:03d}"
        if candidate not in taken:
            return candidate
        number += 1


def _cancelled(path: Path) -> ImportFileError:
    return ImportFileError("import.cancelled", f"{path.name}: import cancelled; nothing "
                           "changed", file=str(path))


def import_register(register: Register, path: Path, *, today: date, entity: str | None = None,
                    dry_run: bool = False, progress: Progress | None = None,
                    cancelled: Callable[[], bool] | None = None,
                    leave_out: Collection[int] = ()) -> ImportReport:
    """Import ``path`` into ``entity`` (default: the file's entity for our own export, else
    the register's first entity). All or nothing; see the module docstring."""
    path = Path(path).expanduser()
    plan = read_plan(path)
    if cancelled is not None and cancelled():
        raise _cancelled(path)
    voc = load_vocabularies()
    outer = register.uow()
    with outer:
        uow = _OneTransaction(outer)
        known = {e.id for e in outer.entities.list()}
        target = _target_entity(uow, plan, entity)
        assert target.id is not None  # stored
        report = ImportReport(file=str(path), layout=plan.layout, entity=target.name,
                              warnings=list(plan.warnings), dry_run=dry_run,
                              entity_added=target.id not in known, columns=list(plan.columns))
        if plan.actors is not None:
            target = _apply_actors(uow, target, plan.actors, report)
        assert target.id is not None  # stored
        existing = {a.ref: a for a in outer.activities.list(target.id)}
        by_name: dict[str, str] = {}
        for activity in existing.values():
            by_name.setdefault(normalise_label(activity.name), activity.ref)
        # 1. references: give each activity one, unique within the file
        used_in_file: set[str] = set()
        in_file = {_clean_ref(i.activity.ref) for i in plan.activities}
        prepared: list[tuple[int, ImportedActivity]] = []
        file_refs: dict[str, str] = {}  # register ref -> the file's, where they differ
        for index, item in enumerate(plan.activities):
            ref = _clean_ref(item.activity.ref)
            if not ref:
                ref = by_name.get(normalise_label(item.activity.name), "")
                if not ref or ref in used_in_file:
                    ref = _new_ref("", used_in_file | in_file | set(existing))
            elif ref in used_in_file:
                # not avoiding the register's references: importing the file again must
                # give the same new reference, and so update the same activity
                new = _new_ref(ref, used_in_file | in_file)
                report.warnings.append(ImportWarning(
                    "import.warn.duplicate_ref",
                    f"{item.sheet or path.name}, row {item.row or '-'}: reference {ref!r} "
                    f"is used twice in the file: this activity gets reference {new!r}",
                    sheet=item.sheet or "", row=item.row, ref=ref, new=new))
                ref = new
            used_in_file.add(ref)
            if ref != _clean_ref(item.activity.ref):
                file_refs[ref] = item.activity.ref
            activity = dataclasses.replace(item.activity, ref=ref, entity_id=target.id)
            prepared.append((index, dataclasses.replace(item, activity=activity)))
        # the rows left out keep their place: the others keep the references of the preview
        for index, item in prepared:
            if index in leave_out:
                report.left_out.append(item.activity.ref)
                report.items.append(ImportedItem(
                    item.activity.ref, item.activity.name, LEFT_OUT, item.sheet, item.row,
                    file_refs.get(item.activity.ref, ""), index=index))
        kept = [(i, item) for i, item in prepared if i not in leave_out]
        # 2. check everything before writing anything
        for _index, item in kept:
            try:
                validate_activity(item.activity, voc)
            except RegistreError as error:
                raise _refuse(path, item, error) from None
        # 3. write through the services, in the one transaction
        total = len(kept)
        if progress is not None:
            progress(0, total)
        for done, (index, item) in enumerate(kept, start=1):
            if cancelled is not None and cancelled():
                raise _cancelled(path)  # the unit of work rolls everything back
            try:
                _store(uow, item, existing.get(item.activity.ref), today, report,
                       file_refs.get(item.activity.ref, ""), index)
            except RegistreError as error:
                raise _refuse(path, item, error) from None
            if progress is not None:
                progress(done, total)
        report.items.sort(key=lambda i: i.index)  # the file's order, rows left out included
        if dry_run:
            outer.rollback()
        else:
            outer.commit()
    return report


def _target_entity(uow: _OneTransaction, plan: ImportPlan, name: str | None) -> Entity:
    wanted = name or (plan.entity.name if plan.entity is not None else None)
    if wanted:
        found = uow.entities.get_by_name(wanted)
        if found is not None:
            return found
        if plan.entity is not None and plan.entity.name == wanted:
            return services.add_entity(uow, plan.entity)
        return services.add_entity(uow, Entity(name=wanted))
    return services.default_entity(uow)


def _store(uow: _OneTransaction, item: ImportedActivity, current: ProcessingActivity | None,
           today: date, report: ImportReport, file_ref: str = "", index: int = -1) -> None:
    activity = item.activity

    def said(action: str, changed: tuple[str, ...] = ()) -> None:
        report.items.append(ImportedItem(activity.ref, activity.name, action, item.sheet,
                                         item.row, file_ref, changed, index))

    if current is None:
        stored = services.add_activity(uow, activity, today)
        report.added.append(activity.ref)
        said(ADDED)
    else:
        changes = {name: getattr(activity, name) for name in sorted(item.provided)
                   if getattr(activity, name) != getattr(current, name)}
        if not changes:
            report.unchanged.append(activity.ref)
            said(UNCHANGED)
            return
        stored = services.edit_activity(uow, current.entity_id, current.ref, changes, today,
                                        expected_version=current.version)
        report.updated.append(activity.ref)
        said(UPDATED, tuple(changes))
    if item.validated:
        try:
            stored = services.validate(uow, activity.entity_id, activity.ref,
                                       activity.last_reviewed_on or today)
        except RegistreError as error:
            report.warnings.append(ImportWarning(
                "import.warn.kept_draft", f"{activity.ref}: kept as a draft ({error})",
                ref=activity.ref, detail=str(error)))
    report.changes.append(StoredChange(current, stored))



_CONTACT_FIELDS: Final = ("name", "organisation", "address", "phone", "email")


def _merged(current: Contact, found: Contact, prefix: str,
            changes: list[tuple[str, str]]) -> Contact:
    values = {}
    for name in _CONTACT_FIELDS:
        new = getattr(found, name)
        if new and new != getattr(current, name):
            values[name] = new
            changes.append((f"{prefix}.{name}", new))
    return dataclasses.replace(current, **values) if values else current


def _apply_actors(uow: _OneTransaction, target: Entity, actors: Actors,
                  report: ImportReport) -> Entity:
    """The file's actors into the target entity, where the file gives a value."""
    changes: list[tuple[str, str]] = []
    head = actors.controller
    address = head.address if head.address and head.address != target.address \
        else target.address
    if address != target.address:
        changes.append(("address", address))
    dpo = _merged(target.dpo, actors.dpo, "dpo", changes)
    representative = _merged(target.representative, actors.representative, "representative",
                             changes)
    # The head's address is the establishment's; the rest is the controller's contact.
    controller = _merged(target.controller, dataclasses.replace(head, address=""),
                         "controller", changes)
    if not changes:
        return target
    report.entity_changes = changes
    stored = services.update_entity(uow, dataclasses.replace(
        target, address=address, dpo=dpo, representative=representative,
        controller=controller))
    report.entity_change = EntityChange(target, stored)
    return stored


# --- undoing an import -----------------------------------------------------------------------

Step = tuple[ProcessingActivity | None, ProcessingActivity | None]


def restore_activities(register: Register, steps: Sequence[Step], today: date,
                       entity: tuple[Entity, Entity] | None = None,
                       progress: Progress | None = None
                       ) -> tuple[list[ProcessingActivity | None], Entity | None]:
    """Bring each activity from the state ``expected`` (as last stored by the caller; None:
    absent) to ``wanted`` (None: removed), and the entity from ``entity[0]`` to
    ``entity[1]``, in ONE transaction through the services (audited). Undoing an import
    passes (after, before) for each of its changes; redoing it, (before, after).

    Someone who changed one of them since (other values stored; a new version alone, after
    an edit undone, is no change) refuses the whole of it with ConflictError: nothing is
    changed. Returns what is stored now, step by step (``progress(done, total)`` is told
    as they are written)."""
    outer = register.uow()
    with outer:
        uow = _OneTransaction(outer)
        stored_entity: Entity | None = None
        if entity is not None:
            expected_entity, wanted_entity = entity
            assert expected_entity.id is not None  # stored
            current_entity = outer.entities.get(expected_entity.id)
            if current_entity is None or dataclasses.replace(current_entity, version=0) != \
                    dataclasses.replace(expected_entity, version=0):
                raise ConflictError("entity", expected_entity.name)
            stored_entity = services.update_entity(uow, dataclasses.replace(
                wanted_entity, id=current_entity.id, version=current_entity.version))
        stored: list[ProcessingActivity | None] = []
        for expected, wanted in steps:
            stored.append(_restore(uow, expected, wanted, today))
            if progress is not None:
                progress(len(stored), len(steps))
        outer.commit()
    return stored, stored_entity


def _content(activity: ProcessingActivity) -> dict[str, object]:
    """What the DPO wrote in an activity: an edit undone since (a new version, the same
    values) is no change to protect."""
    return {name: getattr(activity, name) for name in EDITABLE_FIELDS}


def _restore(uow: _OneTransaction, expected: ProcessingActivity | None,
             wanted: ProcessingActivity | None, today: date) -> ProcessingActivity | None:
    known = expected or wanted
    assert known is not None  # a step names an activity
    entity_id, ref = known.entity_id, known.ref
    current = uow.activities.get(entity_id, ref)
    if (current is None) != (expected is None) or (
            current is not None and expected is not None and _content(current) !=
            _content(expected)):
        raise ConflictError("activity", ref)  # changed since: never overwrite it
    if wanted is None:
        services.delete_activity(uow, entity_id, ref)
        return None
    if current is None:
        stored = services.add_activity(uow, dataclasses.replace(wanted, id=None), today)
    else:
        changes = {name: getattr(wanted, name) for name in sorted(EDITABLE_FIELDS)
                   if getattr(wanted, name) != getattr(current, name)}
        stored = services.edit_activity(uow, entity_id, ref, changes, today,
                                        expected_version=current.version) \
            if changes else current
    if wanted.status is Status.VALIDATED and stored.status is not Status.VALIDATED:
        # refused by what the register now asks of a validated activity: kept as a draft
        with contextlib.suppress(RegistreError):
            stored = services.validate(uow, entity_id, ref, wanted.last_reviewed_on or today)
    elif wanted.status is Status.DRAFT and stored.status is Status.VALIDATED:
        stored = services.reopen_activity(uow, entity_id, ref, today)
    return stored
