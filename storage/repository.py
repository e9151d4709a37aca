"""Repositories: domain values in, domain values out; every change audited.

An activity is an aggregate: its row plus child rows. Saving replaces the child rows
(they have no identity of their own outside the activity) and bumps ``version`` with a
conditional UPDATE, so a concurrent save of the same activity raises ``ConflictError``
instead of silently overwriting it.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlmodel import SQLModel

from domain.errors import ConflictError, DuplicateError, NotFoundError
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
from storage.audit import AuditLog, flatten
from storage.tables import (
    ActivityRow,
    DataCategoryRow,
    EntityRow,
    LegalBasisRow,
    RecipientRow,
    SecurityMeasureRow,
    SpecialConditionRow,
    TransferRow,
)

R = TypeVar("R", bound=SQLModel)

CHILD_TABLES: tuple[type[SQLModel], ...] = (
    LegalBasisRow,
    SpecialConditionRow,
    DataCategoryRow,
    RecipientRow,
    TransferRow,
    SecurityMeasureRow,
)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _strings(text: str) -> tuple[str, ...]:
    return tuple(str(v) for v in json.loads(text or "[]"))


def _contact(text: str) -> Contact:
    data = json.loads(text or "{}")
    names = {f.name for f in dataclasses.fields(Contact)}
    return Contact(**{k: str(v) for k, v in data.items() if k in names})


def _versioned_update(session: Session, table: type[EntityRow] | type[ActivityRow],
                      row_id: int, version: int, values: dict[str, Any],
                      conflict: ConflictError) -> None:
    """UPDATE ... WHERE version = the version read: raises ``conflict`` if someone else
    saved in between (optimistic locking), else bumps the version."""
    result = session.execute(
        update(table)
        .where(table.id == row_id, table.version == version)  # type: ignore[arg-type]
        .values(**values, version=version + 1)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise conflict


def _flush_unique(session: Session, duplicate: DuplicateError) -> None:
    """Flush; a unique key taken meanwhile by another transaction raises ``duplicate``.

    The services look a name up before adding it, but two writers can both find it free:
    SQLite's write lock then refuses the second one, while PostgreSQL lets it wait for the
    first one's commit and fails it on the unique index. That is a duplicate, said as one,
    not an internal error.
    """
    try:
        session.flush()
    except IntegrityError as error:
        code = getattr(error.orig, "sqlstate", None)  # psycopg
        if code == "23505" or "UNIQUE constraint failed" in str(error.orig):
            raise duplicate from error
        raise


# --- entities ---------------------------------------------------------------------------


def _entity_from_row(row: EntityRow) -> Entity:
    return Entity(
        id=row.id,
        name=row.name,
        siren=row.siren,
        finess=row.finess,
        address=row.address,
        group=row.group_name,
        dpo=_contact(row.dpo),
        representative=_contact(row.representative),
        version=row.version,
    )


def _entity_values(entity: Entity) -> dict[str, Any]:
    return {
        "name": entity.name,
        "siren": entity.siren,
        "finess": entity.finess,
        "address": entity.address,
        "group_name": entity.group,
        "dpo": _dumps(dataclasses.asdict(entity.dpo)),
        "representative": _dumps(dataclasses.asdict(entity.representative)),
    }


class SqlEntityRepository:
    def __init__(self, session: Session, audit: AuditLog) -> None:
        self._session = session
        self._audit = audit

    def get(self, entity_id: int) -> Entity | None:
        row = self._session.get(EntityRow, entity_id)
        return _entity_from_row(row) if row else None

    def get_by_name(self, name: str) -> Entity | None:
        row = self._session.execute(
            select(EntityRow).where(EntityRow.name == name)  # type: ignore[arg-type]
        ).scalar_one_or_none()
        return _entity_from_row(row) if row else None

    def list(self) -> Sequence[Entity]:
        rows = self._session.execute(select(EntityRow).order_by(EntityRow.id)).scalars()  # type: ignore[arg-type]
        return [_entity_from_row(r) for r in rows]

    def add(self, entity: Entity) -> Entity:
        row = EntityRow(**_entity_values(entity), version=1)
        self._session.add(row)
        _flush_unique(self._session, DuplicateError("entity", entity.name))
        stored = _entity_from_row(row)
        self._audit.record_changes("entity", stored.name, None, flatten(stored))
        return stored

    def update(self, entity: Entity) -> Entity:
        if entity.id is None:
            raise NotFoundError("entity", entity.name)
        before = self.get(entity.id)
        if before is None:
            raise NotFoundError("entity", entity.name)
        _versioned_update(self._session, EntityRow, entity.id, entity.version,
                          _entity_values(entity), ConflictError("entity", entity.name))
        self._session.expire_all()
        after = self.get(entity.id)
        assert after is not None  # just written in this transaction
        self._audit.record_changes("entity", after.name, flatten(before), flatten(after))
        return after


# --- activities -------------------------------------------------------------------------


def _activity_values(a: ProcessingActivity) -> dict[str, Any]:
    return {
        "entity_id": a.entity_id,
        "ref": a.ref,
        "name": a.name,
        "role": a.role.value,
        "status": a.status.value,
        "department": a.department,
        "owner": _dumps(dataclasses.asdict(a.owner)),
        "purpose": a.purpose,
        "sub_purposes": _dumps(list(a.sub_purposes)),
        "data_subjects": _dumps(list(a.data_subjects)),
        "data_sources": _dumps(list(a.data_sources)),
        "systems": _dumps(list(a.systems)),
        "joint_controllers": _dumps(list(a.joint_controllers)),
        "controllers_acted_for": _dumps(list(a.controllers_acted_for)),
        "dpia_criteria": _dumps(list(a.dpia.criteria)),
        "dpia_mandatory_type": a.dpia.mandatory_type,
        "dpia_done_on": a.dpia.done_on,
        "dpia_reference": a.dpia.reference,
        "dpia_notes": a.dpia.notes,
        "notes": a.notes,
        "created_on": a.created_on,
        "updated_on": a.updated_on,
        "last_reviewed_on": a.last_reviewed_on,
        "archived_on": a.archived_on,
    }


def _category_row(activity_id: int, position: int, c: DataCategoryUse) -> DataCategoryRow:
    r = c.retention or RetentionRule()
    return DataCategoryRow(
        activity_id=activity_id,
        position=position,
        code=c.code,
        label=c.label,
        description=c.description,
        has_retention=c.retention is not None,
        retention_delete_after=r.delete_after,
        retention_active_until=r.active_until,
        retention_undetermined_criteria=r.undetermined_criteria,
        retention_final_action=r.final_action.value,
        retention_legal_reference=r.legal_reference,
        retention_justification=r.justification,
        retention_template_id=r.template_id,
    )


def _category_from_row(row: DataCategoryRow) -> DataCategoryUse:
    retention = None
    if row.has_retention:
        retention = RetentionRule(
            delete_after=row.retention_delete_after,
            active_until=row.retention_active_until,
            undetermined_criteria=row.retention_undetermined_criteria,
            final_action=FinalAction(row.retention_final_action),
            legal_reference=row.retention_legal_reference,
            justification=row.retention_justification,
            template_id=row.retention_template_id,
        )
    return DataCategoryUse(
        code=row.code, description=row.description, label=row.label, retention=retention
    )


def _child_rows(activity_id: int, a: ProcessingActivity) -> list[SQLModel]:
    rows: list[SQLModel] = []
    rows += [LegalBasisRow(activity_id=activity_id, position=i, code=b.code,
                           justification=b.justification) for i, b in enumerate(a.legal_bases)]
    rows += [SpecialConditionRow(activity_id=activity_id, position=i, code=c.code,
                                 justification=c.justification)
             for i, c in enumerate(a.special_conditions)]
    rows += [_category_row(activity_id, i, c) for i, c in enumerate(a.data_categories)]
    rows += [RecipientRow(activity_id=activity_id, position=i, kind=r.kind.value, name=r.name,
                          contract_reference=r.contract_reference, country=r.country)
             for i, r in enumerate(a.recipients)]
    rows += [TransferRow(activity_id=activity_id, position=i, recipient=t.recipient,
                         country=t.country,
                         safeguard=t.safeguard.value if t.safeguard else None,
                         documentation=t.documentation) for i, t in enumerate(a.transfers)]
    rows += [SecurityMeasureRow(activity_id=activity_id, position=i, code=m.code,
                                detail=m.detail) for i, m in enumerate(a.security_measures)]
    return rows


class SqlActivityRepository:
    def __init__(self, session: Session, audit: AuditLog) -> None:
        self._session = session
        self._audit = audit

    def _children(self, table: type[R], ids: Sequence[int]) -> dict[int, list[R]]:
        grouped: dict[int, list[R]] = {i: [] for i in ids}
        if not ids:
            return grouped
        column = table.activity_id  # type: ignore[attr-defined]
        rows = self._session.execute(
            select(table).where(column.in_(ids)).order_by(column, table.position)  # type: ignore[attr-defined]
        ).scalars()
        for row in rows:
            grouped[row.activity_id].append(row)  # type: ignore[attr-defined]
        return grouped

    def _load(self, rows: Sequence[ActivityRow]) -> list[ProcessingActivity]:
        ids = [r.id for r in rows if r.id is not None]
        bases = self._children(LegalBasisRow, ids)
        conditions = self._children(SpecialConditionRow, ids)
        categories = self._children(DataCategoryRow, ids)
        recipients = self._children(RecipientRow, ids)
        transfers = self._children(TransferRow, ids)
        measures = self._children(SecurityMeasureRow, ids)
        result = []
        for row in rows:
            assert row.id is not None  # loaded from the database
            i = row.id
            result.append(ProcessingActivity(
                id=i,
                entity_id=row.entity_id,
                ref=row.ref,
                name=row.name,
                role=Role(row.role),
                status=Status(row.status),
                department=row.department,
                owner=_contact(row.owner),
                purpose=row.purpose,
                sub_purposes=_strings(row.sub_purposes),
                legal_bases=tuple(LegalBasis(b.code, b.justification) for b in bases[i]),
                special_conditions=tuple(
                    SpecialCondition(c.code, c.justification) for c in conditions[i]
                ),
                data_subjects=_strings(row.data_subjects),
                data_categories=tuple(_category_from_row(c) for c in categories[i]),
                data_sources=_strings(row.data_sources),
                recipients=tuple(
                    Recipient(RecipientKind(r.kind), r.name, r.contract_reference, r.country)
                    for r in recipients[i]
                ),
                transfers=tuple(
                    Transfer(t.recipient, t.country,
                             Safeguard(t.safeguard) if t.safeguard else None, t.documentation)
                    for t in transfers[i]
                ),
                security_measures=tuple(SecurityMeasure(m.code, m.detail) for m in measures[i]),
                systems=_strings(row.systems),
                dpia=DpiaScreening(
                    criteria=_strings(row.dpia_criteria),
                    mandatory_type=row.dpia_mandatory_type,
                    done_on=row.dpia_done_on,
                    reference=row.dpia_reference,
                    notes=row.dpia_notes,
                ),
                joint_controllers=_strings(row.joint_controllers),
                controllers_acted_for=_strings(row.controllers_acted_for),
                notes=row.notes,
                created_on=row.created_on,
                updated_on=row.updated_on,
                last_reviewed_on=row.last_reviewed_on,
                archived_on=row.archived_on,
                version=row.version,
            ))
        return result

    def get(self, entity_id: int, ref: str) -> ProcessingActivity | None:
        row = self._session.execute(
            select(ActivityRow).where(
                ActivityRow.entity_id == entity_id, ActivityRow.ref == ref  # type: ignore[arg-type]
            )
        ).scalar_one_or_none()
        return self._load([row])[0] if row else None

    def get_by_id(self, activity_id: int) -> ProcessingActivity | None:
        row = self._session.get(ActivityRow, activity_id)
        return self._load([row])[0] if row else None

    def list(self, entity_id: int | None = None) -> Sequence[ProcessingActivity]:
        query = select(ActivityRow).order_by(ActivityRow.entity_id, ActivityRow.ref)  # type: ignore[arg-type]
        if entity_id is not None:
            query = query.where(ActivityRow.entity_id == entity_id)  # type: ignore[arg-type]
        return self._load(list(self._session.execute(query).scalars()))

    def add(self, activity: ProcessingActivity) -> ProcessingActivity:
        row = ActivityRow(**_activity_values(activity), version=1)
        self._session.add(row)
        _flush_unique(self._session, DuplicateError("activity", activity.ref))
        assert row.id is not None  # flushed
        self._session.add_all(_child_rows(row.id, activity))
        self._session.flush()
        stored = self.get_by_id(row.id)
        assert stored is not None  # just written in this transaction
        self._audit.record_changes("activity", stored.ref, None, flatten(stored))
        return stored

    def update(self, activity: ProcessingActivity) -> ProcessingActivity:
        before = self.get_by_id(activity.id) if activity.id is not None else None
        if before is None:
            raise NotFoundError("activity", activity.ref)
        assert activity.id is not None  # checked above through `before`
        _versioned_update(self._session, ActivityRow, activity.id, activity.version,
                          _activity_values(activity), ConflictError("activity", activity.ref))
        for table in CHILD_TABLES:
            self._session.execute(
                delete(table).where(table.activity_id == activity.id)  # type: ignore[attr-defined]
            )
        self._session.add_all(_child_rows(activity.id, activity))
        self._session.flush()
        self._session.expire_all()
        after = self.get_by_id(activity.id)
        assert after is not None  # just written in this transaction
        self._audit.record_changes("activity", after.ref, flatten(before), flatten(after))
        return after

    def delete(self, activity: ProcessingActivity) -> None:
        if activity.id is None:
            raise NotFoundError("activity", activity.ref)
        before = self.get_by_id(activity.id)
        if before is None:
            raise NotFoundError("activity", activity.ref)
        for table in CHILD_TABLES:
            self._session.execute(
                delete(table).where(table.activity_id == activity.id)  # type: ignore[attr-defined]
            )
        self._session.execute(delete(ActivityRow).where(ActivityRow.id == activity.id))  # type: ignore[arg-type]
        self._session.flush()
        self._audit.record_changes("activity", before.ref, flatten(before), None)
