"""Service functions: every change to the register goes through here.

Each function is one user action: it reads through a unit of work, applies the domain's
rules (validation, a validated activity going back to draft on edit, duplicate references
refused) and commits once. The unit of work is an interface (``AbstractUnitOfWork``):
``storage`` implements it on SQL and records every change in the audit log; the tests use
an in-memory fake.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from datetime import date
from types import TracebackType
from typing import Protocol, Self

from domain.completeness import Severity, assess
from domain.errors import ConflictError, DuplicateError, NotFoundError, ValidationError
from domain.model import (
    EDITABLE_FIELDS,
    DataCategoryUse,
    Entity,
    ProcessingActivity,
    RetentionRule,
    Status,
)
from domain.validation import validate_activity, validate_entity
from domain.vocabulary import Vocabularies, load_vocabularies


class EntityRepository(Protocol):
    def get(self, entity_id: int) -> Entity | None: ...
    def get_by_name(self, name: str) -> Entity | None: ...
    def list(self) -> Sequence[Entity]: ...
    def add(self, entity: Entity) -> Entity: ...
    def update(self, entity: Entity) -> Entity: ...


class ActivityRepository(Protocol):
    def get(self, entity_id: int, ref: str) -> ProcessingActivity | None: ...
    def list(self, entity_id: int | None = None) -> Sequence[ProcessingActivity]: ...
    def add(self, activity: ProcessingActivity) -> ProcessingActivity: ...
    def update(self, activity: ProcessingActivity) -> ProcessingActivity:
        """Store ``activity``; raises ConflictError if its version is not the stored one."""
        ...

    def delete(self, activity: ProcessingActivity) -> None: ...


class AbstractUnitOfWork(Protocol):
    @property
    def entities(self) -> EntityRepository: ...
    @property
    def activities(self) -> ActivityRepository: ...

    def __enter__(self) -> Self: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...


# --- entities ---------------------------------------------------------------------------


def add_entity(uow: AbstractUnitOfWork, entity: Entity) -> Entity:
    validate_entity(entity)
    with uow:
        if uow.entities.get_by_name(entity.name) is not None:
            raise DuplicateError("entity", entity.name)
        stored = uow.entities.add(entity)
        uow.commit()
        return stored


def update_entity(uow: AbstractUnitOfWork, entity: Entity) -> Entity:
    validate_entity(entity)
    with uow:
        stored = uow.entities.update(entity)
        uow.commit()
        return stored


DEFAULT_ENTITY_NAME = "Mon établissement"


def default_entity(uow: AbstractUnitOfWork, name: str | None = None) -> Entity:
    """The entity named ``name``, or the register's only/first entity.

    A register with no entity yet gets one called "Mon établissement" so that a first run
    can add activities straight away.
    """
    with uow:
        if name:
            entity = uow.entities.get_by_name(name)
            if entity is None:
                raise NotFoundError("entity", name)
            return entity
        entities = uow.entities.list()
        if entities:
            return entities[0]
        try:
            entity = uow.entities.add(Entity(name=DEFAULT_ENTITY_NAME))
            uow.commit()
            return entity
        except DuplicateError:
            pass  # another process created it at the same moment: use theirs
    with uow:
        entity = uow.entities.get_by_name(DEFAULT_ENTITY_NAME)
        if entity is None:  # pragma: no cover - the duplicate above says it exists
            raise NotFoundError("entity", DEFAULT_ENTITY_NAME)
        return entity


# --- activities -------------------------------------------------------------------------


def get_activity(uow: AbstractUnitOfWork, entity_id: int, ref: str) -> ProcessingActivity:
    with uow:
        activity = uow.activities.get(entity_id, ref)
        if activity is None:
            raise NotFoundError("activity", ref)
        return activity


def list_activities(
    uow: AbstractUnitOfWork, entity_id: int | None = None
) -> Sequence[ProcessingActivity]:
    with uow:
        return uow.activities.list(entity_id)


def add_activity(
    uow: AbstractUnitOfWork,
    activity: ProcessingActivity,
    today: date,
    voc: Vocabularies | None = None,
) -> ProcessingActivity:
    """Add a new activity as a draft; its reference must be new in its entity."""
    validate_activity(activity, voc or load_vocabularies())
    with uow:
        if uow.entities.get(activity.entity_id) is None:
            raise NotFoundError("entity", str(activity.entity_id))
        if uow.activities.get(activity.entity_id, activity.ref) is not None:
            raise DuplicateError("activity", activity.ref)
        stored = uow.activities.add(
            dataclasses.replace(
                activity,
                id=None,
                status=Status.DRAFT,  # validated only through validate(), which checks it
                created_on=activity.created_on or today,
                updated_on=today,
                version=0,
            )
        )
        uow.commit()
        return stored


def edit_activity(
    uow: AbstractUnitOfWork,
    entity_id: int,
    ref: str,
    changes: Mapping[str, object],
    today: date,
    expected_version: int | None = None,
    voc: Vocabularies | None = None,
) -> ProcessingActivity:
    """Apply the user's ``changes``; an edited validated activity goes back to draft.

    ``expected_version`` is the version the user's form was opened on: if someone else has
    saved since, ConflictError is raised rather than overwriting their change.
    """
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValidationError(
            "field.unknown", f"cannot edit {', '.join(sorted(unknown))}",
            field=", ".join(sorted(unknown)),
        )
    with uow:
        current = uow.activities.get(entity_id, ref)
        if current is None:
            raise NotFoundError("activity", ref)
        if expected_version is not None and expected_version != current.version:
            raise ConflictError("activity", ref)
        edited = dataclasses.replace(current, **changes)  # type: ignore[arg-type]
        if edited == current:
            return current
        validate_activity(edited, voc or load_vocabularies())
        new_ref = edited.ref
        if new_ref != ref and uow.activities.get(entity_id, new_ref) is not None:
            raise DuplicateError("activity", new_ref)
        stored = uow.activities.update(
            dataclasses.replace(edited, status=Status.DRAFT, updated_on=today)
        )
        uow.commit()
        return stored


def validate(
    uow: AbstractUnitOfWork,
    entity_id: int,
    ref: str,
    today: date,
    voc: Vocabularies | None = None,
) -> ProcessingActivity:
    """Mark an activity validated: refused while an Art. 30 error finding remains."""
    voc = voc or load_vocabularies()
    with uow:
        current = uow.activities.get(entity_id, ref)
        if current is None:
            raise NotFoundError("activity", ref)
        errors = [f.code for f in assess(current, voc, today).findings
                  if f.severity is Severity.ERROR]
        if errors:
            raise ValidationError(
                "activity.incomplete",
                f"activity {ref!r} cannot be validated: {', '.join(errors)}",
                ref=ref,
                findings=", ".join(errors),
            )
        stored = uow.activities.update(
            dataclasses.replace(
                current, status=Status.VALIDATED, last_reviewed_on=today, updated_on=today
            )
        )
        uow.commit()
        return stored


def delete_activity(uow: AbstractUnitOfWork, entity_id: int, ref: str) -> None:
    with uow:
        current = uow.activities.get(entity_id, ref)
        if current is None:
            raise NotFoundError("activity", ref)
        uow.activities.delete(current)
        uow.commit()


# --- retention rules --------------------------------------------------------------------


def set_retention_rule(
    uow: AbstractUnitOfWork,
    entity_id: int,
    ref: str,
    category: str,
    rule: RetentionRule,
    today: date,
    voc: Vocabularies | None = None,
) -> ProcessingActivity:
    """Attach ``rule`` to a data category of an activity (adding a CNIL category if the
    activity does not list it yet). Both expressions must parse; the activity returns to
    draft like any edit."""
    from domain.rules import parse  # the rule language, only needed here

    for text in (rule.delete_after, rule.active_until):
        if text.strip():
            parse(text)  # RuleError (a RegistreError) with the position of the mistake
    if not rule.is_defined():
        raise ValidationError("field.required", "delete_after is required",
                              field="delete_after")
    voc = voc or load_vocabularies()
    current = get_activity(uow, entity_id, ref)
    existing = current.category(category)
    if existing is None:
        if category not in voc.data_categories:
            raise ValidationError(
                "category.not_in_activity",
                f"activity {ref!r} has no category {category!r}",
                ref=ref, value=category,
            )
        categories = (*current.data_categories, DataCategoryUse(category, retention=rule))
    else:
        categories = tuple(
            dataclasses.replace(c, retention=rule) if c.code == category else c
            for c in current.data_categories
        )
    return edit_activity(uow, entity_id, ref, {"data_categories": categories}, today,
                         expected_version=current.version, voc=voc)


def reopen_activity(uow: AbstractUnitOfWork, entity_id: int, ref: str,
                    today: date) -> ProcessingActivity:
    """Return a validated activity to draft (what undoing a validation does)."""
    current = get_activity(uow, entity_id, ref)
    with uow:
        stored = uow.activities.update(
            dataclasses.replace(current, status=Status.DRAFT, updated_on=today))
        uow.commit()
        return stored


def set_archived(uow: AbstractUnitOfWork, entity_id: int, ref: str, archived_on: date | None,
                 today: date) -> ProcessingActivity:
    """End an activity (it stays, with its history, out of the live register) or revive it
    (``archived_on`` None)."""
    current = get_activity(uow, entity_id, ref)
    with uow:
        stored = uow.activities.update(
            dataclasses.replace(current, archived_on=archived_on, updated_on=today))
        uow.commit()
        return stored


def duplicate_activity(
    uow: AbstractUnitOfWork,
    entity_id: int,
    ref: str,
    new_ref: str,
    today: date,
    target_entity_id: int | None = None,
    voc: Vocabularies | None = None,
) -> ProcessingActivity:
    """A draft copy of an activity, under ``new_ref``, in the same or another entity."""
    source = get_activity(uow, entity_id, ref)
    copy = dataclasses.replace(
        source, id=None, entity_id=target_entity_id or entity_id, ref=new_ref,
        status=Status.DRAFT, created_on=today, last_reviewed_on=None, archived_on=None,
        version=0,
    )
    return add_activity(uow, copy, today, voc)
