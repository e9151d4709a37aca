"""Repositories: domain values in, domain values out; every change audited.

An activity is an aggregate: its row plus child rows. Saving replaces the child rows
(they have no identity of their own outside the activity) and bumps ``version`` with a
conditional UPDATE, so a concurrent save of the same activity raises ``ConflictError``
instead of silently overwriting it.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    Table,
    Update,
    bindparam,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlmodel import SQLModel

from domain.errors import ConflictError, DuplicateError, NotFoundError
from domain.model import (
    Contact,
    DataCategoryUse,
    DpiaScreening,
    Entity,
    EstablishmentStatus,
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


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _strings(text: str) -> tuple[str, ...]:
    return tuple(str(v) for v in json.loads(text or "[]"))


def _contact(text: str) -> Contact:
    data = json.loads(text or "{}")
    names = {f.name for f in dataclasses.fields(Contact)}
    return Contact(**{k: str(v) for k, v in data.items() if k in names})


def _versioned_update(session: Session, table: Table, row_id: int, version: int,
                      values: dict[str, Any], conflict: ConflictError) -> None:
    """UPDATE ... WHERE version = the version read: raises ``conflict`` if someone else
    saved in between (optimistic locking), else bumps the version.

    A Core statement on the table, built once per table: through the ORM class it took
    3 ms (the ORM's bulk update path, matching the session's objects)."""
    result = session.execute(_versioned(table), {
        **values, "version": version + 1, "row_id": row_id, "read_version": version})
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise conflict


@functools.cache
def _versioned(table: Table) -> Update:
    return update(table).where(table.c.id == bindparam("row_id"),
                               table.c.version == bindparam("read_version"))


@contextmanager
def _unique(duplicate: DuplicateError) -> Iterator[None]:
    """Writes in the block that take a unique key taken meanwhile by another transaction
    raise ``duplicate``.

    The services look a name up before adding it, but two writers can both find it free:
    SQLite's write lock then refuses the second one, while PostgreSQL lets it wait for the
    first one's commit and fails it on the unique index. That is a duplicate, said as one,
    not an internal error.
    """
    try:
        yield
    except IntegrityError as error:
        code = getattr(error.orig, "sqlstate", None)  # psycopg
        if code == "23505" or "UNIQUE constraint failed" in str(error.orig):
            raise duplicate from error
        raise


# --- entities ---------------------------------------------------------------------------


def _entity_from_row(row: Any) -> Entity:
    """An ``EntityRow``, or a row of the entity table's columns."""
    return Entity(
        id=row.id,
        name=row.name,
        siren=row.siren,
        finess=row.finess,
        address=row.address,
        group=row.group_name,
        dpo=_contact(row.dpo),
        representative=_contact(row.representative),
        controller=_contact(row.controller),
        status=EstablishmentStatus.read(row.status),
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
        "controller": _dumps(dataclasses.asdict(entity.controller)),
        "status": entity.status.value,
    }


def activity_key(entity_id: int | None, ref: str) -> str:
    """How the audit log names an activity: its reference and its establishment's id
    (``RH-01@3``), since two establishments of a group may both have an RH-01. Entries
    written before this form name the activity by its reference alone."""
    return f"{ref}@{entity_id}"


_ENTITY: Table = EntityRow.__table__  # type: ignore[attr-defined]
_ENTITY_BY_ID = select(_ENTITY).where(_ENTITY.c.id == bindparam("entity_id"))
_ENTITY_BY_NAME = select(_ENTITY).where(_ENTITY.c.name == bindparam("name"))


class SqlEntityRepository:
    def __init__(self, session: Session, audit: AuditLog) -> None:
        self._session = session
        self._audit = audit

    # Read as plain rows: the session's identity map holds its objects weakly, so reading
    # through it went to the database anyway, and built an ORM object each time.

    def get(self, entity_id: int) -> Entity | None:
        row = self._session.execute(_ENTITY_BY_ID, {"entity_id": entity_id}).first()
        return _entity_from_row(row) if row else None

    def get_by_name(self, name: str) -> Entity | None:
        row = self._session.execute(_ENTITY_BY_NAME, {"name": name}).first()
        return _entity_from_row(row) if row else None

    def list(self) -> Sequence[Entity]:
        rows = self._session.execute(select(_ENTITY).order_by(_ENTITY.c.id))
        return [_entity_from_row(r) for r in rows]

    def add(self, entity: Entity) -> Entity:
        row = EntityRow(**_entity_values(entity), version=1)
        self._session.add(row)
        with _unique(DuplicateError("entity", entity.name)):
            self._session.flush()
        stored = _entity_from_row(row)
        self._audit.record_changes("entity", stored.name, None, flatten(stored))
        return stored

    def update(self, entity: Entity) -> Entity:
        if entity.id is None:
            raise NotFoundError("entity", entity.name)
        before = self.get(entity.id)
        if before is None:
            raise NotFoundError("entity", entity.name)
        _versioned_update(self._session, _ENTITY, entity.id, entity.version,
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


# --- reading activities -------------------------------------------------------------------
#
# A group's register holds tens of thousands of activities and ten times as many child
# rows. They are read with plain Core selects (tuples, no ORM objects: building those cost
# most of the time, 0.5 ms an activity), one select per table whatever the number of
# activities, and turned straight into the frozen domain values. Values that repeat from row
# to row (a legal basis, a measure, a list of data subjects, an owner) are built once per
# read and shared: they are immutable, so sharing them changes nothing but time and memory.

_ACTIVITY: Table = ActivityRow.__table__  # type: ignore[attr-defined]
_ACTIVITY_COLUMNS = tuple(_ACTIVITY.c[name] for name in (
    "id", "entity_id", "ref", "name", "role", "status", "department", "owner", "purpose",
    "sub_purposes", "legal_bases", "data_subjects", "data_sources", "systems",
    "joint_controllers", "controllers_acted_for", "dpia_criteria", "dpia_mandatory_type",
    "dpia_done_on", "dpia_reference", "dpia_notes", "notes", "created_on", "updated_on",
    "last_reviewed_on", "archived_on", "version") if name != "legal_bases")


_ROLES: dict[str, Role] = {role.value: role for role in Role}
_STATUSES: dict[str, Status] = {status.value: status for status in Status}


def _category(code: str, label: str, description: str, has_retention: bool,
              delete_after: str, active_until: str, undetermined: str, final_action: str,
              legal_reference: str, justification: str, template_id: str,
              template_version: int, kept_template_version: int,
              kept_reason: str) -> DataCategoryUse:
    retention = RetentionRule(
        delete_after=delete_after, active_until=active_until,
        undetermined_criteria=undetermined, final_action=FinalAction(final_action),
        legal_reference=legal_reference, justification=justification,
        template_id=template_id, template_version=template_version,
        kept_template_version=kept_template_version,
        kept_reason=kept_reason) if has_retention else None
    return DataCategoryUse(code=code, description=description, label=label,
                           retention=retention)


def _recipient(kind: str, name: str, contract_reference: str, country: str) -> Recipient:
    return Recipient(RecipientKind(kind), name, contract_reference, country)


def _transfer(recipient: str, country: str, safeguard: str | None,
              documentation: str) -> Transfer:
    return Transfer(recipient, country, Safeguard(safeguard) if safeguard else None,
                    documentation)


def _category_values(c: DataCategoryUse) -> tuple[Any, ...]:
    r = c.retention or RetentionRule()
    return (c.code, c.label, c.description, c.retention is not None, r.delete_after,
            r.active_until, r.undetermined_criteria, r.final_action.value, r.legal_reference,
            r.justification, r.template_id, r.template_version, r.kept_template_version,
            r.kept_reason)


def _transfer_values(t: Transfer) -> tuple[Any, ...]:
    return (t.recipient, t.country, t.safeguard.value if t.safeguard else None,
            t.documentation)


@dataclasses.dataclass(frozen=True)
class _ChildTable:
    """One child table: which tuple of the activity it holds, and how an item of that
    tuple becomes the row's values (``values``) and back (``build``)."""

    table: type[SQLModel]
    field: str  # the ProcessingActivity attribute
    columns: tuple[str, ...]  # in the order ``build`` takes them and ``values`` gives them
    build: Callable[..., Any]
    values: Callable[[Any], tuple[Any, ...]]


_CHILDREN: tuple[_ChildTable, ...] = (
    _ChildTable(LegalBasisRow, "legal_bases", ("code", "justification"), LegalBasis,
                lambda b: (b.code, b.justification)),
    _ChildTable(SpecialConditionRow, "special_conditions", ("code", "justification"),
                SpecialCondition, lambda c: (c.code, c.justification)),
    _ChildTable(DataCategoryRow, "data_categories", (
        "code", "label", "description", "has_retention", "retention_delete_after",
        "retention_active_until", "retention_undetermined_criteria",
        "retention_final_action", "retention_legal_reference", "retention_justification",
        "retention_template_id", "retention_template_version",
        "retention_kept_template_version", "retention_kept_reason"), _category,
        _category_values),
    _ChildTable(RecipientRow, "recipients", ("kind", "name", "contract_reference", "country"),
                _recipient, lambda r: (r.kind.value, r.name, r.contract_reference, r.country)),
    _ChildTable(TransferRow, "transfers", ("recipient", "country", "safeguard",
                                           "documentation"), _transfer, _transfer_values),
    _ChildTable(SecurityMeasureRow, "security_measures", ("code", "detail"), SecurityMeasure,
                lambda m: (m.code, m.detail)),
)
CHILD_TABLES: tuple[type[SQLModel], ...] = tuple(child.table for child in _CHILDREN)


def _child_rows(activity_id: int, a: ProcessingActivity
                ) -> Iterator[tuple[_ChildTable, list[dict[str, Any]]]]:
    """The rows of each child table for ``a``, as the parameters of a multi-row insert."""
    for child in _CHILDREN:
        yield child, [{"activity_id": activity_id, "position": position,
                       **dict(zip(child.columns, child.values(item), strict=True))}
                      for position, item in enumerate(getattr(a, child.field))]


def _read_children(session: Session, child: _ChildTable, query: Select[Any],
                   params: dict[str, Any]) -> dict[int, tuple[Any, ...]]:
    """The values of one child table (``query``, one of its ``_Selects.children``) as a
    tuple per activity id, in their ``position`` order.

    The database sorts (measured: grouping and sorting the rows here instead cost half as
    much again, on SQLite and on PostgreSQL)."""
    built: dict[tuple[Any, ...], Any] = {}
    build = child.build
    grouped: dict[int, tuple[Any, ...]] = {}
    for activity_id, rows in groupby(session.execute(query, params).all(),
                                     key=_ACTIVITY_ID):
        values = []
        for row in rows:
            key = row[1:]
            value = built.get(key)
            if value is None:
                value = built[key] = build(*key)
            values.append(value)
        grouped[activity_id] = tuple(values)
    return grouped


_ACTIVITY_ID = itemgetter(0)
_READ_ATTEMPTS = 3  # then the last read is kept: saving it is refused on its version anyway


class _Decoded:
    """JSON columns decoded once per distinct text during one read."""

    def __init__(self) -> None:
        self._strings: dict[str, tuple[str, ...]] = {"[]": (), "": ()}
        self._contacts: dict[str, Contact] = {}

    def strings(self, text: str) -> tuple[str, ...]:
        value = self._strings.get(text)
        if value is None:
            value = self._strings[text] = _strings(text)
        return value

    def contact(self, text: str) -> Contact:
        value = self._contacts.get(text)
        if value is None:
            value = self._contacts[text] = _contact(text)
        return value


@dataclasses.dataclass(frozen=True)
class _Selects:
    """The selects of one kind of read: the activity table's rows, their versions, and each
    child table's rows for them. Built once: for one activity, building a select cost as
    much as running it."""

    activities: Select[Any]
    versions: Select[Any]
    children: tuple[Select[Any], ...]  # in the order of _CHILDREN


def _selects(where: ColumnElement[bool] | None) -> _Selects:
    """The selects of the activities ``where`` picks (all when None; its bound parameters
    are given to each read)."""
    activities = select(*_ACTIVITY_COLUMNS).order_by(_ACTIVITY.c.entity_id, _ACTIVITY.c.ref)
    versions = select(_ACTIVITY.c.id, _ACTIVITY.c.version)
    children = []
    for child in _CHILDREN:
        table: Table = child.table.__table__  # type: ignore[attr-defined]
        query = select(table.c.activity_id, *(table.c[n] for n in child.columns)).order_by(
            table.c.activity_id, table.c.position)
        if where is not None:
            query = query.where(table.c.activity_id.in_(select(_ACTIVITY.c.id).where(where)))
        children.append(query)
    if where is not None:
        activities, versions = activities.where(where), versions.where(where)
    return _Selects(activities, versions, tuple(children))


_EVERY = _selects(None)
_OF_ENTITY = _selects(_ACTIVITY.c.entity_id == bindparam("entity_id"))
_BY_ID = _selects(_ACTIVITY.c.id == bindparam("activity_id"))
_BY_KEY = _selects((_ACTIVITY.c.entity_id == bindparam("entity_id"))
                   & (_ACTIVITY.c.ref == bindparam("ref")))


def _read_activities(session: Session, selects: _Selects,
                     params: dict[str, Any]) -> list[ProcessingActivity]:
    """The activities ``selects`` picks (with ``params``), by entity then reference, with
    all their child rows: one select of the activity table, then one per child table.

    Each select sees what was committed when it ran (SQLite outside a write, PostgreSQL's
    READ COMMITTED): an activity saved by someone else between the first select and the
    last would come back half old, half new. Every save bumps the activity's ``version``
    in the transaction that replaces its child rows, so the versions are read again at the
    end; if one changed or went, everything is read again (a few times at most)."""
    for _attempt in range(_READ_ATTEMPTS):
        rows = session.execute(selects.activities, params).all()
        if not rows:
            return []
        children = [_read_children(session, child, query, params)
                    for child, query in zip(_CHILDREN, selects.children, strict=True)]
        now: dict[int, int] = {
            i: v for i, v in session.execute(selects.versions, params).all()}
        if all(now.get(row.id) == row.version for row in rows):
            break
    bases, conditions, categories, recipients, transfers, measures = children
    decoded = _Decoded()
    none: tuple[Any, ...] = ()
    return [_activity(row, bases.get(row[0], none), conditions.get(row[0], none),
                      categories.get(row[0], none), recipients.get(row[0], none),
                      transfers.get(row[0], none), measures.get(row[0], none), decoded)
            for row in rows]


def _activity(row: Sequence[Any], bases: tuple[LegalBasis, ...],
              conditions: tuple[SpecialCondition, ...],
              categories: tuple[DataCategoryUse, ...], recipients: tuple[Recipient, ...],
              transfers: tuple[Transfer, ...], measures: tuple[SecurityMeasure, ...],
              decoded: _Decoded) -> ProcessingActivity:
    """The domain value of an activity table row (its ``_ACTIVITY_COLUMNS``) and the
    values of its child rows: what a read gives, and what a write returns."""
    (i, entity_id, ref, name, role, status, department, owner, purpose, sub_purposes,
     data_subjects, data_sources, systems, joint_controllers, controllers_acted_for,
     dpia_criteria, dpia_mandatory_type, dpia_done_on, dpia_reference, dpia_notes, notes,
     created_on, updated_on, last_reviewed_on, archived_on, version) = row
    strings = decoded.strings
    return ProcessingActivity(
        id=i,
        entity_id=entity_id,
        ref=ref,
        name=name,
        role=_ROLES.get(role) or Role(role),  # Role(): the error of an unknown code
        status=_STATUSES.get(status) or Status(status),
        department=department,
        owner=decoded.contact(owner),
        purpose=purpose,
        sub_purposes=strings(sub_purposes),
        legal_bases=bases,
        special_conditions=conditions,
        data_subjects=strings(data_subjects),
        data_categories=categories,
        data_sources=strings(data_sources),
        recipients=recipients,
        transfers=transfers,
        security_measures=measures,
        systems=strings(systems),
        dpia=DpiaScreening(
            criteria=strings(dpia_criteria),
            mandatory_type=dpia_mandatory_type,
            done_on=dpia_done_on,
            reference=dpia_reference,
            notes=dpia_notes,
        ),
        joint_controllers=strings(joint_controllers),
        controllers_acted_for=strings(controllers_acted_for),
        notes=notes,
        created_on=created_on,
        updated_on=updated_on,
        last_reviewed_on=last_reviewed_on,
        archived_on=archived_on,
        version=version,
    )


_INSERT_ACTIVITY = insert(_ACTIVITY).returning(_ACTIVITY.c.id)


class SqlActivityRepository:
    def __init__(self, session: Session, audit: AuditLog) -> None:
        self._session = session
        self._audit = audit

    def get(self, entity_id: int, ref: str) -> ProcessingActivity | None:
        found = _read_activities(self._session, _BY_KEY, {"entity_id": entity_id, "ref": ref})
        return found[0] if found else None

    def get_by_id(self, activity_id: int) -> ProcessingActivity | None:
        found = _read_activities(self._session, _BY_ID, {"activity_id": activity_id})
        return found[0] if found else None

    def list(self, entity_id: int | None = None) -> Sequence[ProcessingActivity]:
        """Every activity (of one entity, or of the whole group), by entity then reference:
        eight queries whatever their number (see ``_read_activities``)."""
        if entity_id is None:
            return _read_activities(self._session, _EVERY, {})
        return _read_activities(self._session, _OF_ENTITY, {"entity_id": entity_id})

    # Writing: the activity row and its child rows with Core statements (one multi-row
    # insert per child table), and the activity returned as stored is built from the values
    # written by the very functions that build a read (``_activity``, ``_ChildTable.build``),
    # not read back: what a save returns is what a read would give.

    def add(self, activity: ProcessingActivity) -> ProcessingActivity:
        values = _activity_values(activity)
        with _unique(DuplicateError("activity", activity.ref)):
            activity_id: int = self._session.execute(
                _INSERT_ACTIVITY, {**values, "version": 1}).scalar_one()
        stored = self._write_children(activity_id, 1, values, activity, None)
        self._audit.record_changes("activity", activity_key(stored.entity_id, stored.ref),
                                   None, flatten(stored))
        return stored

    def update(self, activity: ProcessingActivity) -> ProcessingActivity:
        before = self.get_by_id(activity.id) if activity.id is not None else None
        if before is None:
            raise NotFoundError("activity", activity.ref)
        assert activity.id is not None  # checked above through `before`
        values = _activity_values(activity)
        _versioned_update(self._session, _ACTIVITY, activity.id, activity.version,
                          values, ConflictError("activity", activity.ref))
        after = self._write_children(activity.id, activity.version + 1, values, activity,
                                     before)
        self._audit.record_changes("activity", activity_key(after.entity_id, after.ref),
                                   flatten(before), flatten(after))
        return after

    def _write_children(self, activity_id: int, version: int, values: dict[str, Any],
                        activity: ProcessingActivity,
                        before: ProcessingActivity | None) -> ProcessingActivity:
        """Write the child rows of ``activity`` (``values`` are its row's, just written at
        ``version``) and return it as stored.

        On an update, a child table whose items are those of ``before`` keeps its rows; the
        others are replaced. ``before`` is what the table held: it was read in this
        transaction at the version the conditional UPDATE has just found unchanged, and
        every save bumps the version."""
        children: list[tuple[Any, ...]] = []
        for child, rows in _child_rows(activity_id, activity):
            items = tuple(child.build(*(row[name] for name in child.columns)) for row in rows)
            children.append(items)
            old = () if before is None else getattr(before, child.field)
            if items == old:
                continue
            table: Table = child.table.__table__  # type: ignore[attr-defined]
            if old:
                self._session.execute(delete(table).where(table.c.activity_id == activity_id))
            if rows:
                self._session.execute(insert(table), rows)
        row = (activity_id, *(values[column.name] for column in _ACTIVITY_COLUMNS[1:-1]),
               version)
        bases, conditions, categories, recipients, transfers, measures = children
        return _activity(row, bases, conditions, categories, recipients, transfers, measures,
                         _Decoded())

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
        self._audit.record_changes("activity", activity_key(before.entity_id, before.ref),
                                   flatten(before), None)
