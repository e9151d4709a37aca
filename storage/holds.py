"""Legal holds: stored with the register's audit trail.

``add_hold``, ``end_hold`` and ``withdraw_hold`` are one transaction each, audited under
the hold's key (``SOIN-01/health#3``; ``*`` for every category). ``insert_hold`` adds a hold
inside a transaction someone else commits (a review's legal-hold decision). ``list_holds``
reads them back as :class:`domain.holds.LegalHold`; ``read_id_columns`` reads the record
ids of a CSV/XLSX file for a hold on listed records.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import delete, func, insert, select, update
from sqlmodel import col

from domain.errors import NotFoundError, ValidationError
from domain.holds import LegalHold, parse_record_ids
from domain.model import ProcessingActivity
from storage.import_read import ImportFileError, column_letter, read_sheets
from storage.tables import (
    ActivityRow,
    InventoryRecordRow,
    InventoryRow,
    LegalHoldRecordRow,
    LegalHoldRow,
)
from storage.uow import SqlUnitOfWork

__all__ = [
    "HoldRequest",
    "IdColumns",
    "add_hold",
    "end_hold",
    "insert_hold",
    "list_holds",
    "read_holds",
    "read_id_columns",
    "unknown_record_ids",
    "withdraw_hold",
]

RECORDS_PREVIEW = 20  # listed records kept on a LegalHold read by list_holds
_INSERT_BATCH = 5_000


@dataclass(frozen=True)
class HoldRequest:
    entity_id: int
    activity_ref: str
    starts_on: dt.date
    reason: str
    ends_on: dt.date | None = None
    category: str = ""
    record_ids: Sequence[str] = ()


def _check_request(request: HoldRequest) -> None:
    if not request.reason.strip():
        raise ValidationError("field.required", "a hold needs a reason", field="reason")
    if request.ends_on is not None and request.ends_on <= request.starts_on:
        raise ValidationError(
            "hold.dates", "a hold ends after it starts", field="to",
            value=request.ends_on.isoformat(), start=request.starts_on.isoformat(),
        )


def insert_hold(uow: SqlUnitOfWork, activity: ProcessingActivity, request: HoldRequest,
                now: str) -> int:
    """Add the hold of ``request`` on ``activity`` (stored) inside the transaction of
    ``uow``, with its audit entry; the caller commits. Returns its id."""
    _check_request(request)
    if activity.id is None:
        raise NotFoundError("activity", request.activity_ref)
    if request.category and activity.category(request.category) is None:
        raise ValidationError(
            "category.not_in_activity",
            f"activity {activity.ref!r} has no category {request.category!r}",
            ref=activity.ref, value=request.category,
        )
    row = LegalHoldRow(
        activity_id=activity.id, category=request.category, starts_on=request.starts_on,
        ends_on=request.ends_on, reason=request.reason.strip(), created_at=now,
        created_by=uow.actor,
    )
    uow.session.add(row)
    uow.session.flush()
    assert row.id is not None  # flushed
    records = parse_record_ids(request.record_ids)
    table = LegalHoldRecordRow.__table__  # type: ignore[attr-defined]
    for start in range(0, len(records), _INSERT_BATCH):  # executemany: 200,000 ids in ~2 s
        uow.session.execute(insert(table), [{"hold_id": row.id, "record_id": r}
                                            for r in records[start:start + _INSERT_BATCH]])
    scope = request.category or "*"
    uow.audit.record_changes(
        "legal_hold", f"{activity.ref}/{scope}#{row.id}", None,
        {"from": request.starts_on.isoformat(),
         "to": request.ends_on.isoformat() if request.ends_on else None,
         "reason": row.reason, "records": records},
    )
    return row.id


def add_hold(uow: SqlUnitOfWork, request: HoldRequest, now: str) -> int:
    """Record a legal hold; one transaction, one audit entry. Returns its id."""
    _check_request(request)
    with uow:
        activity = uow.activities.get(request.entity_id, request.activity_ref)
        if activity is None or activity.id is None:
            raise NotFoundError("activity", request.activity_ref)
        hold_id = insert_hold(uow, activity, request, now)
        uow.commit()
        return hold_id


def read_holds(uow: SqlUnitOfWork, where: object = None) -> list[LegalHold]:
    """The holds matching ``where`` (a SQL condition on legal_hold or activity; None: all),
    latest start first, read inside the open unit of work ``uow``."""
    query = (select(LegalHoldRow, col(ActivityRow.entity_id), col(ActivityRow.ref))
             .join(ActivityRow, col(ActivityRow.id) == col(LegalHoldRow.activity_id))
             .order_by(col(LegalHoldRow.starts_on).desc(), col(LegalHoldRow.id).desc()))
    if where is not None:
        query = query.where(where)  # type: ignore[arg-type]
    rows = [(hold, hold.id or 0, entity_id, ref)
            for hold, entity_id, ref in uow.session.execute(query)]
    ids = [hold_id for _hold, hold_id, _entity, _ref in rows]
    counts: dict[int, int] = {}
    preview: dict[int, list[str]] = {}
    if ids:
        counts = {int(h): int(n) for h, n in uow.session.execute(
            select(col(LegalHoldRecordRow.hold_id), func.count())
            .where(col(LegalHoldRecordRow.hold_id).in_(ids))
            .group_by(col(LegalHoldRecordRow.hold_id)))}
        for hold_id in (i for i in ids if counts.get(i)):  # a few holds: one query each
            preview[hold_id] = list(uow.session.execute(  # the first ids, by the index
                select(col(LegalHoldRecordRow.record_id))
                .where(col(LegalHoldRecordRow.hold_id) == hold_id)
                .order_by(col(LegalHoldRecordRow.record_id)).limit(RECORDS_PREVIEW)
            ).scalars())
    return [
        LegalHold(id=hold_id, entity_id=entity_id, activity=ref, category=hold.category,
                  starts_on=hold.starts_on, ends_on=hold.ends_on, reason=hold.reason,
                  created_by=hold.created_by, created_at=hold.created_at,
                  record_count=counts.get(hold_id, 0),
                  record_ids=tuple(preview.get(hold_id, ())))
        for hold, hold_id, entity_id, ref in rows
    ]


def list_holds(uow: SqlUnitOfWork, entity_id: int | None = None) -> list[LegalHold]:
    """Every hold (of one entity's activities), latest start first."""
    with uow:
        where = col(ActivityRow.entity_id) == entity_id if entity_id is not None else None
        return read_holds(uow, where)


def end_hold(uow: SqlUnitOfWork, hold_id: int, ends_on: dt.date, now: str) -> LegalHold:
    """End the hold on ``ends_on`` (the first day it no longer covers); one transaction,
    one audit entry. An open hold or one planned to end later can be ended; a hold that
    already ends on or before ``ends_on`` is refused (``hold.ended``), as is an end that is
    not after its start (``hold.dates``)."""
    with uow:
        found = read_holds(uow, col(LegalHoldRow.id) == hold_id)
        if not found:
            raise NotFoundError("legal_hold", str(hold_id))
        hold = found[0]
        if ends_on <= hold.starts_on:
            raise ValidationError(
                "hold.dates", "a hold ends after it starts", field="to",
                value=ends_on.isoformat(), start=hold.starts_on.isoformat())
        taken = uow.session.execute(
            update(LegalHoldRow)
            .where(col(LegalHoldRow.id) == hold_id,
                   (col(LegalHoldRow.ends_on).is_(None)) | (col(LegalHoldRow.ends_on) > ends_on))
            .values(ends_on=ends_on))
        if not taken.rowcount:  # type: ignore[attr-defined]
            current = read_holds(uow, col(LegalHoldRow.id) == hold_id)[0]  # another DPO ended it
            assert current.ends_on is not None  # the update only misses an ended hold
            raise ValidationError(
                "hold.ended", "the hold has already ended", field="to",
                value=current.ends_on.isoformat(), key=current.key())
        uow.audit.record_changes(
            "legal_hold", hold.key(),
            {"to": hold.ends_on.isoformat() if hold.ends_on else None},
            {"to": ends_on.isoformat(), "ended_at": now})
        uow.commit()
        return replace(hold, ends_on=ends_on)


def withdraw_hold(uow: SqlUnitOfWork, hold_id: int, why: str, now: str) -> LegalHold:
    """Withdraw a hold put in place by mistake (wrong activity, records or dates): it is
    removed, so its days no longer move any deadline, as if it had never been. One
    transaction; the audit keeps why, when and by whom it was withdrawn, then everything
    the hold said (dates, reason, every listed record). A hold that is simply over is
    ended (``end_hold``), not withdrawn. ``why`` is required (``field.required``)."""
    if not why.strip():
        raise ValidationError("field.required", "say why the hold is withdrawn", field="why")
    with uow:
        found = read_holds(uow, col(LegalHoldRow.id) == hold_id)
        if not found:  # withdrawn meanwhile (another DPO), or never there
            raise NotFoundError("legal_hold", str(hold_id))
        hold = found[0]
        records = list(uow.session.execute(
            select(col(LegalHoldRecordRow.record_id))
            .where(col(LegalHoldRecordRow.hold_id) == hold_id)
            .order_by(col(LegalHoldRecordRow.record_id))).scalars())
        uow.session.execute(delete(LegalHoldRecordRow)
                            .where(col(LegalHoldRecordRow.hold_id) == hold_id))
        uow.session.execute(delete(LegalHoldRow).where(col(LegalHoldRow.id) == hold_id))
        uow.audit.record_changes("legal_hold", hold.key(), {"withdrawn": None},
                                 {"withdrawn": {"why": why.strip(), "at": now}})
        uow.audit.record_changes(
            "legal_hold", hold.key(),
            {"from": hold.starts_on.isoformat(),
             "to": hold.ends_on.isoformat() if hold.ends_on else None,
             "reason": hold.reason, "records": records}, None)
        uow.commit()
        return hold


_LOOKUP_BATCH = 500


def unknown_record_ids(uow: SqlUnitOfWork, entity_id: int, activity_ref: str, category: str,
                       record_ids: Sequence[str]) -> list[str] | None:
    """The ids of ``record_ids`` found in no inventory of the activity (of ``category``
    when given), in their order; None when it has no inventory to look in."""
    with uow:
        query = (select(col(InventoryRow.id))
                 .join(ActivityRow, col(ActivityRow.id) == col(InventoryRow.activity_id))
                 .where(col(ActivityRow.entity_id) == entity_id,
                        col(ActivityRow.ref) == activity_ref))
        if category:
            query = query.where(col(InventoryRow.category) == category)
        inventories = list(uow.session.execute(query).scalars())
        if not inventories:
            return None
        wanted = parse_record_ids(record_ids)
        found: set[str] = set()
        for start in range(0, len(wanted), _LOOKUP_BATCH):
            batch = wanted[start:start + _LOOKUP_BATCH]
            found.update(uow.session.execute(
                select(col(InventoryRecordRow.record_id))
                .where(col(InventoryRecordRow.inventory_id).in_(inventories),
                       col(InventoryRecordRow.record_id).in_(batch))).scalars())
        return [r for r in wanted if r not in found]


# --- record ids from a file -----------------------------------------------------------------

_ID_NAMES = ("id", "identifiant", "record_id", "record", "ipp", "nip", "ndossier",
             "dossier", "matricule", "numero", "num", "reference", "ref")


def _fold(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", plain.casefold()).strip("_")


def _cell(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # an id typed in a numeric Excel cell: 12345.0 -> "12345"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return "" if value is None else str(value).strip()


def _shape(text: str) -> str:
    return re.sub(r"[A-Za-z]", "A", re.sub(r"\d", "9", text))


@dataclass(frozen=True)
class IdColumns:
    """The columns of a file of record ids: ``headers`` (the first row, or ``A``, ``B``…
    when it holds ids) and the ids of each column, blanks left out."""

    file: str
    headers: tuple[str, ...]
    columns: tuple[tuple[str, ...], ...]
    has_header: bool

    def suggested(self) -> int:
        """The column named like a record id (``IPP``, ``Identifiant``…), else the first."""
        folded = [_fold(h) for h in self.headers] if self.has_header else []
        for name in _ID_NAMES:
            for index, header in enumerate(folded):
                if header == name or header.startswith(f"{name}_") or \
                        header.endswith(f"_{name}"):
                    return index
        return 0

    def ids(self, index: int) -> list[str]:
        return parse_record_ids(self.columns[index]) if 0 <= index < len(self.columns) \
            else []


def read_id_columns(path: Path) -> IdColumns:
    """Read the first sheet of a CSV/XLSX/ODS file of record ids. Its first row is a
    header unless it looks like the ids under it (a single column of ``P-0001``,
    ``P-0002``…). Refused with ``ImportFileError`` naming the file (empty, unreadable)."""
    sheet = read_sheets(path)[0]
    rows = [[_cell(c) for c in row] for row in sheet.rows]
    rows = [row for row in rows if any(row)]
    if not rows:
        raise ImportFileError("import.empty", f"{path.name}: the file is empty",
                              file=str(path), detail="the file is empty")
    width = max(len(r) for r in rows)
    first = rows[0] + [""] * (width - len(rows[0]))
    second = rows[1] if len(rows) > 1 else []
    looks_like_data = width == 1 and bool(second) and _shape(first[0]) == _shape(second[0])
    has_header = not looks_like_data and len(rows) > 1
    body = rows[1:] if has_header else rows
    headers = tuple(h or column_letter(i) for i, h in enumerate(first)) if has_header \
        else tuple(column_letter(i) for i in range(width))
    columns = tuple(tuple(r[i] for r in body if i < len(r) and r[i]) for i in range(width))
    return IdColumns(str(path), headers, columns, has_header)
