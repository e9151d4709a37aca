"""Legal holds: stored with the register's audit trail."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from domain.errors import NotFoundError, ValidationError
from storage.tables import LegalHoldRecordRow, LegalHoldRow
from storage.uow import SqlUnitOfWork


@dataclass(frozen=True)
class HoldRequest:
    entity_id: int
    activity_ref: str
    starts_on: dt.date
    reason: str
    ends_on: dt.date | None = None
    category: str = ""
    record_ids: Sequence[str] = ()


def add_hold(uow: SqlUnitOfWork, request: HoldRequest, now: str) -> int:
    """Record a legal hold; one transaction, one audit entry. Returns its id."""
    if not request.reason.strip():
        raise ValidationError("field.required", "a hold needs a reason", field="reason")
    if request.ends_on is not None and request.ends_on <= request.starts_on:
        raise ValidationError(
            "hold.dates", "a hold ends after it starts", field="to",
            value=request.ends_on.isoformat(), start=request.starts_on.isoformat(),
        )
    with uow:
        activity = uow.activities.get(request.entity_id, request.activity_ref)
        if activity is None or activity.id is None:
            raise NotFoundError("activity", request.activity_ref)
        if request.category and activity.category(request.category) is None:
            raise ValidationError(
                "category.not_in_activity",
                f"activity {request.activity_ref!r} has no category {request.category!r}",
                ref=request.activity_ref, value=request.category,
            )
        row = LegalHoldRow(
            activity_id=activity.id, category=request.category, starts_on=request.starts_on,
            ends_on=request.ends_on, reason=request.reason, created_at=now,
            created_by=uow.actor,
        )
        uow.session.add(row)
        uow.session.flush()
        assert row.id is not None  # flushed
        records = list(dict.fromkeys(r.strip() for r in request.record_ids if r.strip()))
        uow.session.add_all(LegalHoldRecordRow(hold_id=row.id, record_id=r) for r in records)
        scope = request.category or "*"
        uow.audit.record_changes(
            "legal_hold", f"{request.activity_ref}/{scope}#{row.id}", None,
            {"from": request.starts_on.isoformat(),
             "to": request.ends_on.isoformat() if request.ends_on else None,
             "reason": request.reason, "records": records},
        )
        uow.commit()
        return row.id
