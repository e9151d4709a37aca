"""The register of people's requests, stored: ``domain.requests`` values in and out.

A request is an aggregate: its row, its pauses and the activities it concerns. Saving
replaces the child rows and bumps ``version`` with a conditional UPDATE (a concurrent save
raises ``ConflictError``). Every change is in the audit log under ``request`` and the key
``<id>@<entity id>``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.orm import Session
from sqlmodel import col

from domain.errors import ConflictError, NotFoundError
from domain.requests import DataSubjectRequest, Outcome, Pause, RequestKind
from storage.audit import AuditLog
from storage.tables import ActivityRow, RequestActivityRow, RequestPauseRow, RequestRow

__all__ = ["SqlRequestRepository", "activity_ids", "audit_values"]

_REQUEST: Table = RequestRow.__table__  # type: ignore[attr-defined]
_PAUSE: Table = RequestPauseRow.__table__  # type: ignore[attr-defined]
_LINK: Table = RequestActivityRow.__table__  # type: ignore[attr-defined]


def activity_ids(session: Session, entity_id: int, refs: Sequence[str]) -> list[int]:
    """The ids of an establishment's activities, in the order of ``refs``."""
    if not refs:
        return []
    found: dict[str, int] = dict(session.execute(  # type: ignore[arg-type]
        select(col(ActivityRow.ref), col(ActivityRow.id))
        .where(col(ActivityRow.entity_id) == entity_id, col(ActivityRow.ref).in_(refs))).all())
    missing = [r for r in refs if r not in found]
    if missing:
        raise NotFoundError("activity", missing[0])
    return [found[r] for r in refs]


def linked_refs(session: Session, link: Table, owner: str,
                ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
    """The references of the activities linked to each of ``ids`` (``owner``: the link
    table's column naming the request or breach), in reference order."""
    refs: dict[int, list[str]] = defaultdict(list)
    if ids:
        query = (select(link.c[owner], col(ActivityRow.ref))
                 .join(ActivityRow, col(ActivityRow.id) == link.c.activity_id)
                 .where(link.c[owner].in_(ids)).order_by(col(ActivityRow.ref)))
        for owner_id, ref in session.execute(query):
            refs[int(owner_id)].append(str(ref))
    return {k: tuple(v) for k, v in refs.items()}


def audit_values(request: DataSubjectRequest) -> dict[str, Any]:
    values = dataclasses.asdict(request)
    values["pauses"] = [{"from": p.starts_on.isoformat(), "to": p.ends_on.isoformat(),
                         "reason": p.reason} for p in request.pauses]
    values["activities"] = list(request.activities)
    return values


def _values(request: DataSubjectRequest) -> dict[str, Any]:
    return {
        "entity_id": request.entity_id, "kind": request.kind.value,
        "received_on": request.received_on, "subject": request.subject,
        "medical_record": request.medical_record,
        "older_than_5_years": request.older_than_5_years, "extended": request.extended,
        "extension_reason": request.extension_reason, "closed_on": request.closed_on,
        "outcome": request.outcome.value if request.outcome else "",
        "close_reason": request.close_reason,
    }


class SqlRequestRepository:
    """Implements ``domain.requests.RequestRepository``."""

    def __init__(self, session: Session, audit: AuditLog, actor: str) -> None:
        self._session = session
        self._audit = audit
        self._actor = actor

    def _read(self, where: Any) -> list[DataSubjectRequest]:
        rows = list(self._session.execute(
            select(_REQUEST).where(where)
            .order_by(_REQUEST.c.received_on, _REQUEST.c.id)))
        ids = [int(r.id) for r in rows]
        pauses: dict[int, list[Pause]] = defaultdict(list)
        if ids:
            for p in self._session.execute(select(_PAUSE).where(_PAUSE.c.request_id.in_(ids))
                                           .order_by(_PAUSE.c.position, _PAUSE.c.id)):
                pauses[int(p.request_id)].append(Pause(p.starts_on, p.ends_on, p.reason))
        refs = linked_refs(self._session, _LINK, "request_id", ids)
        return [DataSubjectRequest(
            id=int(r.id), entity_id=int(r.entity_id), kind=RequestKind(r.kind),
            received_on=r.received_on, subject=r.subject, medical_record=bool(r.medical_record),
            older_than_5_years=bool(r.older_than_5_years), activities=refs.get(int(r.id), ()),
            pauses=tuple(pauses.get(int(r.id), ())), extended=bool(r.extended),
            extension_reason=r.extension_reason, closed_on=r.closed_on,
            outcome=Outcome(r.outcome) if r.outcome else None, close_reason=r.close_reason,
            version=int(r.version)) for r in rows]

    def get(self, request_id: int) -> DataSubjectRequest | None:
        found = self._read(_REQUEST.c.id == request_id)
        return found[0] if found else None

    def list(self, entity_id: int | None = None) -> Sequence[DataSubjectRequest]:
        return self._read(_REQUEST.c.entity_id == entity_id if entity_id is not None
                          else _REQUEST.c.id.isnot(None))

    def _children(self, request_id: int, request: DataSubjectRequest) -> None:
        self._session.execute(delete(_PAUSE).where(_PAUSE.c.request_id == request_id))
        self._session.execute(delete(_LINK).where(_LINK.c.request_id == request_id))
        if request.pauses:
            self._session.execute(insert(_PAUSE), [
                {"request_id": request_id, "position": i, "starts_on": p.starts_on,
                 "ends_on": p.ends_on, "reason": p.reason}
                for i, p in enumerate(request.pauses)])
        ids = activity_ids(self._session, request.entity_id, request.activities)
        if ids:
            self._session.execute(insert(_LINK), [
                {"request_id": request_id, "activity_id": a} for a in ids])

    def add(self, request: DataSubjectRequest) -> DataSubjectRequest:
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        result = self._session.execute(insert(_REQUEST).values(
            **_values(request), created_at=now, created_by=self._actor, version=1))
        request_id = int(result.inserted_primary_key[0])  # type: ignore[attr-defined]
        self._children(request_id, request)
        stored = self.get(request_id)
        assert stored is not None  # just written
        self._audit.record_changes("request", stored.key(), None, audit_values(stored))
        return stored

    def update(self, request: DataSubjectRequest) -> DataSubjectRequest:
        if request.id is None:
            raise NotFoundError("request", "?")
        before = self.get(request.id)
        if before is None:
            raise NotFoundError("request", str(request.id))
        result = self._session.execute(
            update(_REQUEST).where(_REQUEST.c.id == request.id,
                                   _REQUEST.c.version == request.version)
            .values(**_values(request), version=request.version + 1))
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise ConflictError("request", str(request.id))
        self._children(request.id, request)
        stored = self.get(request.id)
        assert stored is not None  # just written
        self._audit.record_changes("request", stored.key(), audit_values(before),
                                   audit_values(stored))
        return stored
