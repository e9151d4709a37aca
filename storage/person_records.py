"""A person's record id looked up across the loaded inventories (issue 16, the link from a
request to retention).

For a request, the DPO asks: which activities hold this record, with which retention
status and deadline, under which rule and legal reference? :func:`find_record` answers with
one :class:`RecordLocation` per inventory that lists the id, classified exactly as the
check classifies it (``domain.check.classify``: the same rule, holds and stage). For an
erasure request, :func:`kept_by_law` gives the locations whose deadline has not come (Art.
17(3)(b)/(c): a legal obligation or public-health archiving): the reason for refusing to
erase, which a screen pre-fills.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlmodel import col

from domain.check import Stage, Status, classify
from domain.model import FinalAction
from domain.rules import Rule, RuleError, parse
from storage.tables import (
    ActivityRow,
    DataCategoryRow,
    InventoryRecordRow,
    InventoryRow,
    LegalHoldRecordRow,
    LegalHoldRow,
)
from storage.uow import SqlUnitOfWork

__all__ = ["RecordLocation", "find_record", "kept_by_law"]

_SLOTS = ("d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7")


@dataclass(frozen=True)
class RecordLocation:
    """Where a record id is, and what retention says about it as of a day."""

    entity_id: int
    activity: str  # the activity's reference
    activity_name: str
    category: str
    record_id: str
    status: Status
    deadline: dt.date | None
    rule: str  # the rule's expression ("" : none)
    legal_reference: str
    final_action: FinalAction | None
    missing: tuple[str, ...] = ()  # events the rule needs that the inventory lacks


def kept_by_law(locations: Sequence[RecordLocation]) -> list[RecordLocation]:
    """The locations the law says to keep: a rule with a legal reference whose deadline
    has not passed (or a legal hold)."""
    return [loc for loc in locations if loc.legal_reference.strip() and loc.status in
            (Status.OK, Status.DUE_SOON, Status.ARCHIVE_DUE, Status.ON_HOLD)]


def _rule(text: str) -> Rule | None:
    if not text.strip():
        return None
    try:
        return parse(text)
    except RuleError:  # a broken stored rule: the record is undetermined, as in the check
        return None


def find_record(uow: SqlUnitOfWork, record_id: str, as_of: dt.date,
                entity_id: int | None = None) -> list[RecordLocation]:
    """Every inventory that lists ``record_id`` (of one establishment), by activity and
    category, with the record's status and deadline as of ``as_of``."""
    record_id = record_id.strip()
    if not record_id:
        return []
    query = (select(InventoryRecordRow, InventoryRow, ActivityRow)
             .join(InventoryRow, col(InventoryRow.id) == col(InventoryRecordRow.inventory_id))
             .join(ActivityRow, col(ActivityRow.id) == col(InventoryRow.activity_id))
             .where(col(InventoryRecordRow.record_id) == record_id)
             .order_by(col(ActivityRow.ref), col(InventoryRow.category)))
    if entity_id is not None:
        query = query.where(col(ActivityRow.entity_id) == entity_id)
    found: list[RecordLocation] = []
    with uow:
        for record, inventory, activity in uow.session.execute(query).all():
            category = uow.session.execute(
                select(DataCategoryRow).where(col(DataCategoryRow.activity_id) == activity.id,
                                              col(DataCategoryRow.code) == inventory.category)
            ).scalars().first()
            has_rule = category is not None and category.has_retention
            delete_after = category.retention_delete_after if category and has_rule else ""
            active_until = category.retention_active_until if category and has_rule else ""
            names = [str(n) for n in json.loads(inventory.events or "[]")]
            events = {name: getattr(record, _SLOTS[i]) for i, name in enumerate(names)}
            holds = uow.session.execute(
                select(col(LegalHoldRow.starts_on), col(LegalHoldRow.ends_on))
                .where(col(LegalHoldRow.activity_id) == activity.id,
                       or_(col(LegalHoldRow.category) == "",
                           col(LegalHoldRow.category) == inventory.category),
                       or_(~select(col(LegalHoldRecordRow.id))
                           .where(col(LegalHoldRecordRow.hold_id) == col(LegalHoldRow.id))
                           .exists(),
                           select(col(LegalHoldRecordRow.id))
                           .where(col(LegalHoldRecordRow.hold_id) == col(LegalHoldRow.id),
                                  col(LegalHoldRecordRow.record_id) == record_id)
                           .exists()))).all()
            status = classify(_rule(delete_after), _rule(active_until), events,
                              Stage(record.stage), [(s, e) for s, e in holds], as_of)
            found.append(RecordLocation(
                entity_id=activity.entity_id, activity=activity.ref,
                activity_name=activity.name, category=inventory.category,
                record_id=record_id, status=status.status, deadline=status.deadline,
                rule=delete_after,
                legal_reference=category.retention_legal_reference if category else "",
                final_action=FinalAction(category.retention_final_action)
                if category and has_rule else None,
                missing=status.missing))
    return found
