"""In-memory fakes of the storage layer, and builders of register values for unit tests.

``FakeUnitOfWork`` implements ``domain.services.AbstractUnitOfWork`` the way
``storage.uow.SqlUnitOfWork`` behaves, without SQL (Cosmic Python, chapter 6):

* ids are assigned on ``add``, and a stored object starts at ``version`` 1;
* ``update`` checks the given ``version`` against the stored one (``ConflictError`` when it
  differs) and bumps it, like the conditional UPDATE of the SQL repositories;
* a change is only visible to the next unit of work after ``commit()``: the repositories work
  on a copy of the committed state, and leaving ``with uow:`` without committing discards it,
  as the SQL unit of work rolls back;
* the unique constraints of the tables (entity name, activity ref within its entity) raise
  ``FakeIntegrityError``, not a domain error, so that a test of a service's duplicate check
  cannot pass thanks to the fake.

Outside a ``with`` block the repositories show the committed state: ``uow.activities.list()``
is what is stored.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from datetime import date
from types import TracebackType
from typing import Self

from domain.errors import ConflictError, NotFoundError
from domain.model import (
    Contact,
    DataCategoryUse,
    DpiaScreening,
    Entity,
    FinalAction,
    LegalBasis,
    ProcessingActivity,
    Recipient,
    RecipientKind,
    RetentionRule,
    Role,
    Safeguard,
    SecurityMeasure,
    SpecialCondition,
    Status,
    Transfer,
)


class FakeIntegrityError(Exception):
    """A unique constraint of the tables was violated (sqlalchemy's IntegrityError)."""


class _Ids:
    """Id sequences; like a database sequence, a rolled-back add still consumes its id."""

    def __init__(self) -> None:
        self._next = 1

    def __next__(self) -> int:
        value = self._next
        self._next += 1
        return value

    def __iter__(self) -> Iterator[int]:
        return self


class FakeEntityRepository:
    def __init__(self, rows: dict[int, Entity], ids: _Ids) -> None:
        self.rows = rows
        self._ids = ids

    def get(self, entity_id: int) -> Entity | None:
        return self.rows.get(entity_id)

    def get_by_name(self, name: str) -> Entity | None:
        return next((e for e in self.rows.values() if e.name == name), None)

    def list(self) -> Sequence[Entity]:
        return [self.rows[i] for i in sorted(self.rows)]

    def add(self, entity: Entity) -> Entity:
        if self.get_by_name(entity.name) is not None:
            raise FakeIntegrityError(f"UNIQUE constraint failed: entity.name {entity.name!r}")
        stored = dataclasses.replace(entity, id=next(self._ids), version=1)
        assert stored.id is not None
        self.rows[stored.id] = stored
        return stored

    def update(self, entity: Entity) -> Entity:
        before = self.rows.get(entity.id) if entity.id is not None else None
        if before is None or entity.id is None:
            raise NotFoundError("entity", entity.name)
        if entity.version != before.version:
            raise ConflictError("entity", entity.name)
        other = self.get_by_name(entity.name)
        if other is not None and other.id != entity.id:
            raise FakeIntegrityError(f"UNIQUE constraint failed: entity.name {entity.name!r}")
        stored = dataclasses.replace(entity, version=before.version + 1)
        self.rows[entity.id] = stored
        return stored


class FakeActivityRepository:
    def __init__(self, rows: dict[int, ProcessingActivity], ids: _Ids) -> None:
        self.rows = rows
        self._ids = ids

    def _find(self, entity_id: int, ref: str) -> ProcessingActivity | None:
        return next(
            (a for a in self.rows.values() if a.entity_id == entity_id and a.ref == ref), None
        )

    def get(self, entity_id: int, ref: str) -> ProcessingActivity | None:
        return self._find(entity_id, ref)

    def list(self, entity_id: int | None = None) -> Sequence[ProcessingActivity]:
        found = [a for a in self.rows.values() if entity_id is None or a.entity_id == entity_id]
        return sorted(found, key=lambda a: (a.entity_id, a.ref))

    def add(self, activity: ProcessingActivity) -> ProcessingActivity:
        if self._find(activity.entity_id, activity.ref) is not None:
            raise FakeIntegrityError(f"UNIQUE constraint failed: activity.ref {activity.ref!r}")
        stored = dataclasses.replace(activity, id=next(self._ids), version=1)
        assert stored.id is not None
        self.rows[stored.id] = stored
        return stored

    def update(self, activity: ProcessingActivity) -> ProcessingActivity:
        before = self.rows.get(activity.id) if activity.id is not None else None
        if before is None or activity.id is None:
            raise NotFoundError("activity", activity.ref)
        if activity.version != before.version:
            raise ConflictError("activity", activity.ref)
        other = self._find(activity.entity_id, activity.ref)
        if other is not None and other.id != activity.id:
            raise FakeIntegrityError(f"UNIQUE constraint failed: activity.ref {activity.ref!r}")
        stored = dataclasses.replace(activity, version=before.version + 1)
        self.rows[activity.id] = stored
        return stored

    def delete(self, activity: ProcessingActivity) -> None:
        if activity.id is None or activity.id not in self.rows:
            raise NotFoundError("activity", activity.ref)
        del self.rows[activity.id]


class FakeUnitOfWork:
    """Implements ``domain.services.AbstractUnitOfWork`` in memory (see the module doc)."""

    entities: FakeEntityRepository
    activities: FakeActivityRepository

    def __init__(self) -> None:
        self._committed_entities: dict[int, Entity] = {}
        self._committed_activities: dict[int, ProcessingActivity] = {}
        self._entity_ids = _Ids()
        self._activity_ids = _Ids()
        self._active = False
        self.committed = False  # True once any unit of work on this store has committed
        self.commits = 0  # how many times commit() was called
        self.discarded = 0  # times uncommitted changes were thrown away (rollback, exit)
        self._reset_working_copy()

    def _reset_working_copy(self) -> None:
        # The values are frozen dataclasses: copying the dicts isolates the working copy.
        self.entities = FakeEntityRepository(dict(self._committed_entities), self._entity_ids)
        self.activities = FakeActivityRepository(
            dict(self._committed_activities), self._activity_ids
        )

    def __enter__(self) -> Self:
        if self._active:
            raise RuntimeError("unit of work entered twice")
        self._active = True
        self._reset_working_copy()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._active = False
        self.rollback()

    def commit(self) -> None:
        if not self._active:
            raise RuntimeError("the unit of work is used outside its `with` block")
        self._committed_entities = dict(self.entities.rows)
        self._committed_activities = dict(self.activities.rows)
        self.committed = True
        self.commits += 1

    def rollback(self) -> None:
        if self.entities.rows != self._committed_entities or (
            self.activities.rows != self._committed_activities
        ):
            self.discarded += 1
        self._reset_working_copy()

    # --- what is stored, for assertions -------------------------------------------------

    def stored_activities(self) -> list[ProcessingActivity]:
        return sorted(self._committed_activities.values(), key=lambda a: (a.entity_id, a.ref))

    def stored_entities(self) -> list[Entity]:
        return [self._committed_entities[i] for i in sorted(self._committed_entities)]


# --- builders ----------------------------------------------------------------------------

TODAY = date(2026, 11, 29)


def minimal_activity(
    entity_id: int = 1, ref: str = "RH-01", **changes: object
) -> ProcessingActivity:
    """An activity with only what the model requires: a reference and a name."""
    activity = ProcessingActivity(entity_id=entity_id, ref=ref, name="Gestion du personnel")
    return dataclasses.replace(activity, **changes)  # type: ignore[arg-type]


def complete_activity(
    entity_id: int = 1, ref: str = "DPI-01", **changes: object
) -> ProcessingActivity:
    """An activity that passes every completeness check as of ``TODAY``.

    A controller processing health data under an Art. 9 condition, with a processor under
    contract, a transfer covered by SCC, a DPIA done, security measures and a recent review.
    Fields not set here keep the model's defaults; ``changes`` replaces any of them.
    """
    activity = ProcessingActivity(
        entity_id=entity_id,
        ref=ref,
        name="Dossier patient informatisé",
        role=Role.CONTROLLER,
        status=Status.DRAFT,
        department="Direction des soins",
        owner=Contact(name="Dr Jeanne Martin", email="j.martin@chu.example"),
        purpose="Suivi des soins des patients",
        sub_purposes=("Coordination des soins", "Facturation"),
        legal_bases=(LegalBasis("A6-1-e", "Mission de service public hospitalier"),),
        special_conditions=(SpecialCondition("A9-2-h", "Diagnostic médical et soins"),),
        data_subjects=("Patients", "Ayants droit"),
        data_categories=(
            DataCategoryUse(
                "identity",
                "Nom, prénom, date de naissance",
                retention=RetentionRule(
                    delete_after="min(max(last_stay + 20 years, birth + 28 years),"
                    " death? + 10 years)",
                    final_action=FinalAction.ARCHIVE,
                    legal_reference="CSP R1112-7",
                ),
            ),
            DataCategoryUse(
                "health",
                "Comptes rendus, résultats",
                retention=RetentionRule(
                    delete_after="last_stay + 20 years", legal_reference="CSP R1112-7"
                ),
            ),
        ),
        recipients=(
            Recipient(RecipientKind.INTERNAL, "Équipes soignantes"),
            Recipient(RecipientKind.PROCESSOR, "Hébergeur HDS", contract_reference="CT-2024-17"),
        ),
        transfers=(Transfer("Éditeur support", "US", Safeguard.SCC, "Annexe 3 du contrat"),),
        security_measures=(
            SecurityMeasure("access_control", "Habilitations par service"),
            SecurityMeasure("traceability"),
        ),
        systems=("DPI",),
        dpia=DpiaScreening(
            criteria=("sensitive_data", "large_scale"),
            mandatory_type="health_care_establishments",
            done_on=date(2025, 3, 1),
            reference="AIPD-2025-01",
        ),
        created_on=date(2024, 1, 15),
        updated_on=date(2026, 6, 1),
        last_reviewed_on=date(2026, 6, 1),
    )
    return dataclasses.replace(activity, **changes)  # type: ignore[arg-type]
