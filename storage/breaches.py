"""The register of personal data breaches, stored: ``domain.breaches`` values in and out.

A breach is an aggregate: its row, its notifications, the activities and data categories
it concerns. Moments are stored as UTC ISO 8601 text and read back as aware datetimes in
Paris time. Saving replaces the child rows and bumps ``version`` with a conditional UPDATE.
Every change is in the audit log under ``breach`` and ``<id>@<entity id>``, moments written
in Paris time with their offset.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.orm import Session

from domain.breaches import (
    PARIS,
    Authority,
    Breach,
    BreachNature,
    Notification,
    NotificationKind,
    paris_iso,
)
from domain.errors import ConflictError, NotFoundError
from storage.audit import AuditLog
from storage.requests import activity_ids, linked_refs
from storage.tables import BreachActivityRow, BreachCategoryRow, BreachNotificationRow, BreachRow

__all__ = ["SqlBreachRepository", "audit_values"]

_BREACH: Table = BreachRow.__table__  # type: ignore[attr-defined]
_NOTIFICATION: Table = BreachNotificationRow.__table__  # type: ignore[attr-defined]
_LINK: Table = BreachActivityRow.__table__  # type: ignore[attr-defined]
_CATEGORY: Table = BreachCategoryRow.__table__  # type: ignore[attr-defined]


def _store(moment: dt.datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def _load(text: str | None) -> dt.datetime | None:
    return None if text is None else dt.datetime.fromisoformat(text).astimezone(PARIS)


def audit_values(breach: Breach) -> dict[str, Any]:
    values = dataclasses.asdict(breach)
    for name in ("aware_at", "informed_at", "closed_at"):
        moment = getattr(breach, name)
        values[name] = paris_iso(moment) if moment is not None else None
    values["notifications"] = [
        {"authority": n.authority.value, "kind": n.kind.value,
         "at": paris_iso(n.at) if n.at else None, "not_needed_reason": n.not_needed_reason}
        for n in breach.notifications]
    values["activities"], values["categories"] = list(breach.activities), list(
        breach.categories)
    values["nature"] = [n.value for n in breach.nature]
    values["data_subjects"] = list(breach.data_subjects)
    return values


def _values(breach: Breach) -> dict[str, Any]:
    return {
        "entity_id": breach.entity_id, "title": breach.title,
        "aware_at": _store(breach.aware_at), "description": breach.description,
        "consequences": breach.consequences, "measures": breach.measures,
        "people": breach.people, "records": breach.records,
        "nature": json.dumps([n.value for n in breach.nature]),
        "data_subjects": json.dumps(list(breach.data_subjects), ensure_ascii=False),
        "informed_at": _store(breach.informed_at),
        "not_informed_reason": breach.not_informed_reason,
        "closed_at": _store(breach.closed_at),
    }


class SqlBreachRepository:
    """Implements ``domain.breaches.BreachRepository``."""

    def __init__(self, session: Session, audit: AuditLog, actor: str) -> None:
        self._session = session
        self._audit = audit
        self._actor = actor

    def _read(self, where: Any) -> list[Breach]:
        rows = list(self._session.execute(
            select(_BREACH).where(where).order_by(_BREACH.c.aware_at, _BREACH.c.id)))
        ids = [int(r.id) for r in rows]
        notes: dict[int, list[Notification]] = defaultdict(list)
        categories: dict[int, list[str]] = defaultdict(list)
        if ids:
            for n in self._session.execute(
                    select(_NOTIFICATION).where(_NOTIFICATION.c.breach_id.in_(ids))
                    .order_by(_NOTIFICATION.c.position, _NOTIFICATION.c.id)):
                notes[int(n.breach_id)].append(Notification(
                    Authority(n.authority), NotificationKind(n.kind), _load(n.at),
                    n.not_needed_reason))
            for c in self._session.execute(
                    select(_CATEGORY).where(_CATEGORY.c.breach_id.in_(ids))
                    .order_by(_CATEGORY.c.position, _CATEGORY.c.id)):
                categories[int(c.breach_id)].append(c.code)
        refs = linked_refs(self._session, _LINK, "breach_id", ids)
        breaches = []
        for r in rows:
            aware = _load(r.aware_at)
            assert aware is not None  # a required column
            breaches.append(Breach(
                id=int(r.id), entity_id=int(r.entity_id), title=r.title, aware_at=aware,
                description=r.description, consequences=r.consequences, measures=r.measures,
                people=r.people, records=r.records,
                nature=tuple(BreachNature(n) for n in json.loads(r.nature or "[]")),
                data_subjects=tuple(str(s) for s in json.loads(r.data_subjects or "[]")),
                activities=refs.get(int(r.id), ()),
                categories=tuple(categories.get(int(r.id), ())),
                notifications=tuple(notes.get(int(r.id), ())),
                informed_at=_load(r.informed_at), not_informed_reason=r.not_informed_reason,
                closed_at=_load(r.closed_at), version=int(r.version)))
        return breaches

    def get(self, breach_id: int) -> Breach | None:
        found = self._read(_BREACH.c.id == breach_id)
        return found[0] if found else None

    def list(self, entity_id: int | None = None) -> Sequence[Breach]:
        return self._read(_BREACH.c.entity_id == entity_id if entity_id is not None
                          else _BREACH.c.id.isnot(None))

    def _children(self, breach_id: int, breach: Breach) -> None:
        for table in (_NOTIFICATION, _LINK, _CATEGORY):
            self._session.execute(delete(table).where(table.c.breach_id == breach_id))
        if breach.notifications:
            self._session.execute(insert(_NOTIFICATION), [
                {"breach_id": breach_id, "position": i, "authority": n.authority.value,
                 "kind": n.kind.value, "at": _store(n.at),
                 "not_needed_reason": n.not_needed_reason}
                for i, n in enumerate(breach.notifications)])
        if breach.categories:
            self._session.execute(insert(_CATEGORY), [
                {"breach_id": breach_id, "position": i, "code": code}
                for i, code in enumerate(breach.categories)])
        ids = activity_ids(self._session, breach.entity_id, breach.activities)
        if ids:
            self._session.execute(insert(_LINK), [
                {"breach_id": breach_id, "activity_id": a} for a in ids])

    def add(self, breach: Breach) -> Breach:
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        result = self._session.execute(insert(_BREACH).values(
            **_values(breach), created_at=now, created_by=self._actor, version=1))
        breach_id = int(result.inserted_primary_key[0])  # type: ignore[attr-defined]
        self._children(breach_id, breach)
        stored = self.get(breach_id)
        assert stored is not None  # just written
        self._audit.record_changes("breach", stored.key(), None, audit_values(stored))
        return stored

    def update(self, breach: Breach) -> Breach:
        if breach.id is None:
            raise NotFoundError("breach", "?")
        before = self.get(breach.id)
        if before is None:
            raise NotFoundError("breach", str(breach.id))
        result = self._session.execute(
            update(_BREACH).where(_BREACH.c.id == breach.id, _BREACH.c.version == breach.version)
            .values(**_values(breach), version=breach.version + 1))
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise ConflictError("breach", str(breach.id))
        self._children(breach.id, breach)
        stored = self.get(breach.id)
        assert stored is not None  # just written
        self._audit.record_changes("breach", stored.key(), audit_values(before),
                                   audit_values(stored))
        return stored
